import Geography

/// The shapes of a level's units for the maps: their own boundaries where the scenario gives
/// them, else, for townships, the Voronoi cells (泰森多边形) of their points clipped to their
/// county's boundary, an estimate labelled as such, in counties where at least half of the
/// townships have a point.
public struct MapUnits: Sendable {
    /// The rings of each unit (by tree index); units without a shape are absent.
    public var rings: [Int: [[GeoPoint]]]
    /// Whether some shapes are Voronoi cells (estimated) rather than boundaries.
    public var estimated: Bool
    /// The planning region's outline, when the boundaries have it.
    public var outline: [[GeoPoint]]

    /// The shapes of `units` (tree indices, all of one level) within the planning region.
    public init(units: [Int], tree: RegionTree, region: Int, boundaries: BoundarySet) {
        var rings: [Int: [[GeoPoint]]] = [:]
        var estimated = false
        var byCode: [DivisionCode: UnitBoundary] = [:]
        for unit in boundaries.units { byCode[unit.code] = unit }
        outline = byCode[tree.regions[region].code]?.polygons.flatMap(\.rings) ?? []
        var placed: [Int: [Int]] = [:]  // county → its township units with a point
        var within: [Int: Int] = [:]  // county → its units without a boundary
        for unit in units {
            if let boundary = byCode[tree.regions[unit].code] {
                rings[unit] = boundary.polygons.flatMap(\.rings)
            } else if let county = tree.ancestors(of: unit).first(where: {
                byCode[tree.regions[$0].code] != nil && tree.regions[$0].level == .county
            }) {
                within[county, default: 0] += 1
                if tree.regions[unit].location != nil {
                    placed[county, default: []].append(unit)
                }
            }
        }
        // Cells of a few located units would give them the whole county (Weibin has points
        // for 2 of its 8 townships): a county is divided only when at least half of its
        // units have a point.
        for county in placed.keys.sorted()
        where 2 * placed[county]!.count >= within[county]! {
            let members = placed[county]!
            let boundary = byCode[tree.regions[county].code]!
            let outer = boundary.polygons.map { $0.rings[0] }
            let projection = LocalProjection(centredOn: outer.flatMap { $0 })
            func plane(_ point: GeoPoint) -> PlanePoint {
                let p = projection.project(point)
                return PlanePoint(x: p.x, y: p.y)
            }
            let cells = PlaneGeometry.voronoiCells(
                members.map { plane(tree.regions[$0].location!) },
                clippedTo: outer.map { $0.map(plane) })
            for (index, unit) in members.enumerated() where !cells[index].isEmpty {
                rings[unit] = cells[index].map { cell in
                    (cell + [cell[0]]).map { projection.unproject(x: $0.x, y: $0.y) }
                }
                estimated = true
            }
        }
        self.rings = rings
        self.estimated = estimated
    }
}
