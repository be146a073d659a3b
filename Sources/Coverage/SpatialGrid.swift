/// A uniform grid over a set of points, for finding the points near a location.
///
/// The points are bucketed by square cells of ``cellSize`` metres with a counting sort, so
/// each cell's points are one contiguous run of the arrays, in the order of their indices.
/// A search within a radius r visits only the cells that meet the square of side 2r around
/// the query. With cells about the size of the usual search radius, a query costs a handful
/// of cells, whatever the number of points.
///
/// The grid never holds more than about four cells per point (plus 4,096): when the points
/// spread over an area too large for the requested cell size, the cells are made larger.
/// Results do not depend on the cell size, only the speed does.
///
/// Complexity: building is O(n + cells); memory about 24 bytes per point.
public struct SpatialGrid: Sendable {
    /// The side of a cell in metres.
    public let cellSize: Double
    /// The number of points indexed.
    public let count: Int
    let minX: Double
    let minY: Double
    let columns: Int
    let rows: Int
    /// For cell c (row-major), its points are `cellStarts[c] ..< cellStarts[c + 1]` of the
    /// sorted arrays.
    let cellStarts: [Int32]
    /// The original index of each sorted point.
    let sortedIndices: [Int32]
    let sortedX: [Double]
    let sortedY: [Double]

    /// Builds the grid.
    /// - Parameters:
    ///   - points: finite coordinates in metres.
    ///   - cellSize: the wished side of a cell in metres, > 0; usually the search radius.
    public init(points: [PlanarPoint], cellSize wished: Double) {
        precondition(wished > 0 && wished.isFinite, "cell size must be positive")
        precondition(points.count < Int(Int32.max), "too many points for a grid")
        count = points.count
        var minX = Double.infinity
        var minY = Double.infinity
        var maxX = -Double.infinity
        var maxY = -Double.infinity
        for point in points {
            minX = min(minX, point.x)
            minY = min(minY, point.y)
            maxX = max(maxX, point.x)
            maxY = max(maxY, point.y)
        }
        if points.isEmpty { (minX, minY, maxX, maxY) = (0, 0, 0, 0) }
        let width = maxX - minX
        let height = maxY - minY
        let limit = Double(4 * points.count + 4096)
        var size = wished
        if (width / size + 1) * (height / size + 1) > limit {
            // Grow the cells until their number fits the limit.
            size = max(size, ((width * height) / limit).squareRoot(), width / limit, height / limit)
            while (width / size + 1) * (height / size + 1) > limit { size *= 1.25 }
        }
        cellSize = size
        self.minX = minX
        self.minY = minY
        columns = Int(width / size) + 1
        rows = Int(height / size) + 1

        let cellCount = columns * rows
        var cellOfPoint = [Int32](repeating: 0, count: points.count)
        var counts = [Int32](repeating: 0, count: cellCount + 1)
        for (index, point) in points.enumerated() {
            let column = min(columns - 1, Int((point.x - minX) / size))
            let row = min(rows - 1, Int((point.y - minY) / size))
            let cell = row * columns + column
            cellOfPoint[index] = Int32(cell)
            counts[cell + 1] += 1
        }
        for cell in 0..<cellCount { counts[cell + 1] += counts[cell] }
        var next = counts
        var indices = [Int32](repeating: 0, count: points.count)
        var xs = [Double](repeating: 0, count: points.count)
        var ys = [Double](repeating: 0, count: points.count)
        for (index, point) in points.enumerated() {
            let cell = Int(cellOfPoint[index])
            let slot = Int(next[cell])
            next[cell] += 1
            indices[slot] = Int32(index)
            xs[slot] = point.x
            ys[slot] = point.y
        }
        cellStarts = counts
        sortedIndices = indices
        sortedX = xs
        sortedY = ys
    }

    /// The cells that meet the square of half-side `radius` around (x, y), as column and row
    /// ranges; empty when the square misses the grid.
    @inline(__always)
    func cellRanges(x: Double, y: Double, radius: Double) -> (
        columns: ClosedRange<Int>, rows: ClosedRange<Int>
    )? {
        guard count > 0, !radius.isNaN else { return nil }
        let lowX = (x - radius - minX) / cellSize
        let highX = (x + radius - minX) / cellSize
        let lowY = (y - radius - minY) / cellSize
        let highY = (y + radius - minY) / cellSize
        guard highX >= 0, highY >= 0, lowX < Double(columns), lowY < Double(rows) else {
            return nil
        }
        // Clamped before conversion, so that an infinite radius means the whole grid.
        let firstColumn = Int(max(0, lowX))
        let lastColumn = Int(min(Double(columns - 1), highX))
        let firstRow = Int(max(0, lowY))
        let lastRow = Int(min(Double(rows - 1), highY))
        return (firstColumn...lastColumn, firstRow...lastRow)
    }

    /// Whether any point lies within `limit` of `point`: whether some point's straight-line
    /// distance d satisfies d × `scale` ≤ `limit` (a detour factor as `scale` turns straight
    /// lines into walking distances; the boundary is included).
    /// - Complexity: the points of the cells met, stopping at the first found.
    @inline(__always)
    public func containsPoint(
        within limit: Double, scale: Double = 1, of point: PlanarPoint
    ) -> Bool {
        let radius = searchRadius(limit: limit, scale: scale)
        guard let (columnRange, rowRange) = cellRanges(x: point.x, y: point.y, radius: radius)
        else { return false }
        return sortedX.withUnsafeBufferPointer { xs in
            sortedY.withUnsafeBufferPointer { ys in
                cellStarts.withUnsafeBufferPointer { starts in
                    for row in rowRange {
                        let rowBase = row * columns
                        let first = Int(starts[rowBase + columnRange.lowerBound])
                        let last = Int(starts[rowBase + columnRange.upperBound + 1])
                        // The cells of one row are contiguous in the sorted arrays.
                        for slot in first..<last {
                            let dx = xs[slot] - point.x
                            let dy = ys[slot] - point.y
                            if (dx * dx + dy * dy).squareRoot() * scale <= limit { return true }
                        }
                    }
                    return false
                }
            }
        }
    }

    /// The straight-line radius that holds every point with distance × scale ≤ limit, with a
    /// margin of a few units in the last place.
    @inline(__always)
    func searchRadius(limit: Double, scale: Double) -> Double {
        limit / scale * (1 + 1e-12)
    }

    /// The nearest point whose straight-line distance d satisfies d × `scale` ≤ `limit`: its
    /// original index and d × `scale`. Ties go to the smaller index.
    /// - Complexity: the points of the cells met, skipping cells farther than the best so far.
    public func nearest(
        to point: PlanarPoint, within limit: Double, scale: Double = 1
    ) -> (index: Int, distance: Double)? {
        let radius = searchRadius(limit: limit, scale: scale)
        guard let (columnRange, rowRange) = cellRanges(x: point.x, y: point.y, radius: radius)
        else { return nil }
        var bestSquared = radius * radius
        var bestIndex = Int32.max
        sortedX.withUnsafeBufferPointer { xs in
            sortedY.withUnsafeBufferPointer { ys in
                sortedIndices.withUnsafeBufferPointer { indices in
                    cellStarts.withUnsafeBufferPointer { starts in
                        for row in rowRange {
                            let rowBottom = minY + Double(row) * cellSize
                            let gapY = max(0, rowBottom - point.y, point.y - rowBottom - cellSize)
                            if gapY * gapY > bestSquared { continue }
                            for column in columnRange {
                                let columnLeft = minX + Double(column) * cellSize
                                let gapX = max(
                                    0, columnLeft - point.x, point.x - columnLeft - cellSize)
                                if gapX * gapX + gapY * gapY > bestSquared { continue }
                                let cell = row * columns + column
                                for slot in Int(starts[cell])..<Int(starts[cell + 1]) {
                                    let dx = xs[slot] - point.x
                                    let dy = ys[slot] - point.y
                                    let squared = dx * dx + dy * dy
                                    if squared < bestSquared
                                        || (squared == bestSquared && indices[slot] < bestIndex)
                                    {
                                        bestSquared = squared
                                        bestIndex = indices[slot]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard bestIndex != Int32.max else { return nil }
        let distance = bestSquared.squareRoot() * scale
        guard distance <= limit else { return nil }
        return (Int(bestIndex), distance)
    }

    /// Calls `body` with the original index and the distance d × `scale` of every point whose
    /// straight-line distance d satisfies d × `scale` ≤ `limit`, cell by cell (not in index
    /// order).
    @inline(__always)
    public func forEachPoint(
        within limit: Double, scale: Double = 1, of point: PlanarPoint,
        _ body: (_ index: Int, _ distance: Double) -> Void
    ) {
        let radius = searchRadius(limit: limit, scale: scale)
        guard let (columnRange, rowRange) = cellRanges(x: point.x, y: point.y, radius: radius)
        else { return }
        sortedX.withUnsafeBufferPointer { xs in
            sortedY.withUnsafeBufferPointer { ys in
                sortedIndices.withUnsafeBufferPointer { indices in
                    cellStarts.withUnsafeBufferPointer { starts in
                        for row in rowRange {
                            let rowBase = row * columns
                            let first = Int(starts[rowBase + columnRange.lowerBound])
                            let last = Int(starts[rowBase + columnRange.upperBound + 1])
                            for slot in first..<last {
                                let dx = xs[slot] - point.x
                                let dy = ys[slot] - point.y
                                let distance = (dx * dx + dy * dy).squareRoot() * scale
                                if distance <= limit { body(Int(indices[slot]), distance) }
                            }
                        }
                    }
                }
            }
        }
    }
}
