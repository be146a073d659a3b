/// What is wrong in a boundary file (边界文件): a GeoJSON FeatureCollection of the units'
/// Polygons or MultiPolygons, each Feature with its unit's `code`.
public enum BoundaryFault: Hashable, Sendable {
    /// The top value is not a FeatureCollection with a `features` array.
    case notFeatureCollection
    /// A feature has no `properties.code` as text.
    case missingCode
    /// A feature's code is not a statistical division code.
    case badCode(String)
    /// Two features give the same unit.
    case duplicateCode(String)
    /// A geometry that is not a Polygon or MultiPolygon (its `type` as written).
    case notPolygon(String)
    /// A position that is not two numbers within longitude and latitude.
    case badPosition
    /// A ring with fewer than 4 positions or whose last position is not its first.
    case badRing

    /// The message in Chinese or English.
    public func message(chinese: Bool) -> String {
        switch self {
        case .notFeatureCollection:
            chinese
                ? "应为 GeoJSON FeatureCollection（含 features 数组）"
                : "must be a GeoJSON FeatureCollection with a 'features' array"
        case .missingCode:
            chinese
                ? "要素缺少 properties.code（区划代码，文本）"
                : "the feature has no properties.code (the division code, as text)"
        case .badCode(let code):
            chinese
                ? "「\(code)」不是统计用区划代码"
                : "'\(code)' is not a statistical division code"
        case .duplicateCode(let code):
            chinese ? "区划代码 \(code) 出现两次" : "the code \(code) appears twice"
        case .notPolygon(let type):
            chinese
                ? "几何类型应为 Polygon 或 MultiPolygon（实际为「\(type)」）"
                : "the geometry must be a Polygon or MultiPolygon (got '\(type)')"
        case .badPosition:
            chinese
                ? "坐标应为 [经度, 纬度]，经度 −180 至 180，纬度 −90 至 90"
                : "a position must be [longitude, latitude] within −180…180 and −90…90"
        case .badRing:
            chinese
                ? "环至少有 4 个坐标，且首尾坐标相同"
                : "a ring needs at least 4 positions and must end where it starts"
        }
    }
}
