import CSV
import Diagnostics

/// The column headers bureaus write in their registers (台账), and the names Yanglao's
/// readers expect for them.
///
/// A header is compared after spaces are removed, full-width brackets made ASCII and a
/// trailing unit in brackets dropped ("床位数（张）" is 床位数). A scenario's `columns:` mapping
/// (`{单位名称: name}`) names any other header; it is applied first.
public enum RegisterColumns {
    /// Headers of facility registers (养老机构名录) → columns of ``FacilityTable``.
    public static let facilities: [String: String] = [
        "机构编号": "id", "编号": "id", "机构代码": "id", "统一社会信用代码": "id", "序号": "id",
        "机构名称": "name", "名称": "name", "单位名称": "name", "设施名称": "name",
        "机构类型": "type", "类型": "type", "设施类型": "type", "机构类别": "type",
        "机构性质": "ownership", "性质": "ownership", "运营性质": "ownership", "运营方式": "ownership",
        "床位数": "beds", "床位": "beds", "总床位数": "beds", "床位总数": "beds",
        "护理型床位数": "nursing_beds", "护理型床位": "nursing_beds", "护理床位数": "nursing_beds",
        "地址": "address", "详细地址": "address", "机构地址": "address",
        "经度": "lon", "纬度": "lat",
        "所属区县": "county", "区县": "county", "所属县(市、区)": "county", "县(市、区)": "county",
        "所属乡镇(街道)": "township", "乡镇(街道)": "township", "所属街道(乡镇)": "township",
        "街道(乡镇)": "township", "所属乡镇": "township", "乡镇": "township", "街道": "township",
        "所属社区(村)": "community", "社区(村)": "community", "所属社区": "community", "社区": "community",
        "所属村(社区)": "community", "村(社区)": "community", "社区代码": "community",
        "开业时间": "opened", "开业年份": "opened", "成立时间": "opened", "投入运营时间": "opened",
        "星级": "stars", "等级评定": "stars", "星级评定": "stars",
        "入住人数": "residents", "入住老人数": "residents", "在住老人数": "residents",
        "护理员数": "caregivers", "护理人员数": "caregivers",
        "状态": "status", "运营状态": "status",
        "照护型": "care_type", "是否照护型": "care_type",
    ]

    /// Headers of older-population tables (老年人口统计表) → columns of
    /// ``ElderlyPopulationTable``.
    public static let elderlyPopulation: [String: String] = [
        "年份": "year", "年度": "year",
        "区划代码": "region", "统计用区划代码": "region", "代码": "region",
        "60岁及以上": "aged_60", "60周岁及以上": "aged_60", "60岁以上老年人口": "aged_60",
        "65岁及以上": "aged_65", "65周岁及以上": "aged_65",
        "80岁及以上": "aged_80", "80周岁及以上": "aged_80",
        "特困失能老人": "poor_disabled", "失能老人": "disabled",
        "轻度失能": "mild", "中度失能": "moderate", "重度失能": "severe", "完全失能": "complete",
    ]

    /// Headers of tables of points (居民点) → columns of the point readers.
    public static let points: [String: String] = [
        "编号": "id", "名称": "id", "经度": "lon", "纬度": "lat", "老年人口": "weight", "人数": "weight",
        "权重": "weight", "容量": "capacity", "所属单位": "unit",
    ]

    /// The header as compared: no spaces, ASCII brackets, no trailing unit in brackets.
    public static func normalised(_ header: String) -> String {
        var text = String(
            header.unicodeScalars.compactMap { scalar -> Character? in
                switch scalar {
                case " ", "\t", "\u{3000}", "\n", "\r": return nil
                case "（": return "("
                case "）": return ")"
                default: return Character(scalar)
                }
            })
        for unit in ["(张)", "(个)", "(人)", "(名)", "(年)", "(星)", "(°)", "(度)"]
        where text.hasSuffix(unit) {
            text.removeLast(unit.count)
        }
        return text
    }

    /// The table with its headers renamed: first by the scenario's `columns:` mapping, then
    /// by the known headers of its kind. Headers already named as the reader expects stay.
    public static func recognised(
        _ table: CSVTable, known: [String: String], mapping: [String: String] = [:]
    ) -> CSVTable {
        var names: [String: String] = [:]
        for header in table.header {
            if let mapped = mapping[header] ?? mapping[normalised(header)] {
                names[header] = mapped
            } else if let known = known[normalised(header)] {
                names[header] = known
            }
        }
        return names.isEmpty ? table : table.renamingColumns(names)
    }
}
