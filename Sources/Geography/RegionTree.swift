/// An administrative or statistical unit (行政区划/统计区划单位): a province, city, county,
/// street/town/township or community/village.
public struct Region: Hashable, Sendable {
    /// Its statistical division code.
    public var code: DivisionCode
    /// Its name, as the statistical lists write it (e.g. 铁东区, 站前街道).
    public var name: String
    /// Its kind; the kind's level is the level of the code.
    public var kind: RegionKind
    /// The urban–rural class of a village-level unit, when known.
    public var urbanRural: UrbanRuralClass?
    /// A representative point (seat of government or centroid), when known.
    public var location: GeoPoint?
    /// Whether `location` is estimated (推算位置, see ``EstimatedLocations``) rather than given.
    public var locationIsEstimated: Bool

    public init(
        code: DivisionCode, name: String, kind: RegionKind, urbanRural: UrbanRuralClass? = nil,
        location: GeoPoint? = nil, locationIsEstimated: Bool = false
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.urbanRural = urbanRural
        self.location = location
        self.locationIsEstimated = locationIsEstimated
    }

    /// The level of the unit in the tree.
    public var level: RegionLevel { code.level }
}

/// The region tree of a scenario: province › city › county › street/town/township ›
/// community/village, or any connected part of it.
///
/// Regions are held in code order, which is a pre-order walk of the tree: every region comes
/// before its descendants and each subtree is one contiguous range. Aggregation up the tree
/// is then a single backward pass over contiguous arrays.
public struct RegionTree: Sendable {
    /// The regions in code order.
    public let regions: [Region]
    /// The index of each region's parent in `regions`, or -1 for a root.
    public let parentIndices: [Int]
    /// For each region, the index one past the end of its subtree.
    private let subtreeEnds: [Int]
    private let indexByCode: [DivisionCode: Int]

    /// Something that keeps a list of regions from forming a tree; `position` is the index
    /// of the offending region in the list given to ``init(regions:)``.
    public enum Issue: Hashable, Sendable {
        /// The same code twice.
        case duplicateCode(DivisionCode, position: Int, firstPosition: Int)
        /// A region below the top level whose parent is not in the list.
        case missingParent(DivisionCode, parent: DivisionCode, position: Int)
        /// A region whose kind belongs to a different level from its code.
        case kindDoesNotMatchLevel(DivisionCode, kind: RegionKind, position: Int)
    }

    /// The issues found while building a tree, all of them.
    public struct BuildError: Error, Hashable, Sendable {
        public var issues: [Issue]
    }

    /// Builds the tree, checking that codes are unique, kinds fit their level and every
    /// region below the top level has its parent in the list.
    ///
    /// The top level is the highest level present; its regions are the roots, and their
    /// parents need not be listed (a city's tree need not include its province).
    /// - Complexity: O(n log n) for n regions.
    /// - Throws: ``BuildError`` with every issue found.
    public init(regions input: [Region]) throws(BuildError) {
        var issues: [Issue] = []
        var firstPosition: [DivisionCode: Int] = [:]
        firstPosition.reserveCapacity(input.count)
        for (position, region) in input.enumerated() {
            if let first = firstPosition[region.code] {
                issues.append(.duplicateCode(region.code, position: position, firstPosition: first))
            } else {
                firstPosition[region.code] = position
            }
            if region.kind.level != region.code.level {
                issues.append(
                    .kindDoesNotMatchLevel(region.code, kind: region.kind, position: position))
            }
        }
        let topLevel = input.map(\.code.level).min() ?? .province
        for (position, region) in input.enumerated() where region.code.level > topLevel {
            if let parent = region.code.parent, firstPosition[parent] == nil {
                issues.append(.missingParent(region.code, parent: parent, position: position))
            }
        }
        guard issues.isEmpty else { throw BuildError(issues: issues) }

        // Division lists usually come sorted by code already.
        let isSorted = zip(input, input.dropFirst()).allSatisfy { $0.code < $1.code }
        let sorted = isSorted ? input : input.sorted { $0.code < $1.code }
        var indexByCode: [DivisionCode: Int] = [:]
        indexByCode.reserveCapacity(sorted.count)
        for (index, region) in sorted.enumerated() { indexByCode[region.code] = index }
        var parents = [Int](repeating: -1, count: sorted.count)
        for (index, region) in sorted.enumerated() {
            if let parent = region.code.parent, let parentIndex = indexByCode[parent] {
                parents[index] = parentIndex
            }
        }
        // In pre-order, a subtree ends where the next region outside it begins.
        var ends = [Int](repeating: sorted.count, count: sorted.count)
        var open: [Int] = []
        for index in sorted.indices {
            while let top = open.last, !sorted[index].code.isWithin(sorted[top].code) {
                ends[top] = index
                open.removeLast()
            }
            open.append(index)
        }
        self.regions = sorted
        self.parentIndices = parents
        self.subtreeEnds = ends
        self.indexByCode = indexByCode
    }

    /// The number of regions.
    public var count: Int { regions.count }

    /// The same tree with the given regions' points set and marked estimated.
    public func estimating(_ points: [(index: Int, point: GeoPoint)]) -> RegionTree {
        var regions = self.regions
        for (index, point) in points {
            regions[index].location = point
            regions[index].locationIsEstimated = true
        }
        return RegionTree(
            regions: regions, parentIndices: parentIndices, subtreeEnds: subtreeEnds,
            indexByCode: indexByCode)
    }

    private init(
        regions: [Region], parentIndices: [Int], subtreeEnds: [Int],
        indexByCode: [DivisionCode: Int]
    ) {
        self.regions = regions
        self.parentIndices = parentIndices
        self.subtreeEnds = subtreeEnds
        self.indexByCode = indexByCode
    }

    /// The index of a region by its code.
    public func index(of code: DivisionCode) -> Int? { indexByCode[code] }

    /// The region with a code.
    public subscript(code: DivisionCode) -> Region? {
        indexByCode[code].map { regions[$0] }
    }

    /// Indices of the roots (regions of the top level).
    public var roots: [Int] { regions.indices.filter { parentIndices[$0] < 0 } }

    /// Indices of a region's children, in code order.
    public func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        while child < subtreeEnds[index] {
            result.append(child)
            child = subtreeEnds[child]
        }
        return result
    }

    /// The indices of a region and all its descendants: one contiguous range.
    public func subtree(of index: Int) -> Range<Int> { index..<subtreeEnds[index] }

    /// Indices of a region's ancestors, nearest first.
    public func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var current = parentIndices[index]
        while current >= 0 {
            result.append(current)
            current = parentIndices[current]
        }
        return result
    }

    /// Indices of the regions at a level.
    public func indices(at level: RegionLevel) -> [Int] {
        regions.indices.filter { regions[$0].code.level == level }
    }

    /// Indices of the regions of a kind.
    public func indices(of kind: RegionKind) -> [Int] {
        regions.indices.filter { regions[$0].kind == kind }
    }

    /// How many regions of each kind the tree holds, or the subtree of `root` (a planning
    /// region and its units).
    public func countsByKind(within root: Int? = nil) -> [RegionKind: Int] {
        var counts: [RegionKind: Int] = [:]
        for index in root.map(subtree(of:)) ?? regions.indices {
            counts[regions[index].kind, default: 0] += 1
        }
        return counts
    }

    /// Totals over every subtree: `result[i]` is `values[i]` plus the totals of the children
    /// of `i`. With values given at the lowest level only, this aggregates them up the tree,
    /// and each region's total equals the sum of its parts.
    /// - Parameter values: one value per region, in the tree's order (persons, beds, counts).
    /// - Complexity: O(n), one backward pass over contiguous arrays.
    @inlinable
    public func subtreeTotals<Value: AdditiveArithmetic>(_ values: [Value]) -> [Value] {
        precondition(values.count == regions.count, "one value per region")
        var totals = values
        // The same additions in the same order, without a bounds check each.
        totals.withUnsafeMutableBufferPointer { totals in
            parentIndices.withUnsafeBufferPointer { parents in
                for index in stride(from: totals.count - 1, through: 0, by: -1) {
                    let parent = parents[index]
                    if parent >= 0 { totals[parent] += totals[index] }
                }
            }
        }
        return totals
    }

    /// Each region's point: its own, or else the mean of its children's points (so that a
    /// street without a point of its own stands among its communities).
    /// - Complexity: O(n), one backward pass.
    public func representativePoints() -> [GeoPoint?] {
        var sums = [(longitude: Double, latitude: Double, count: Int)](
            repeating: (0, 0, 0), count: regions.count)
        var points = regions.map(\.location)
        for index in regions.indices.reversed() {
            if points[index] == nil, sums[index].count > 0 {
                let n = Double(sums[index].count)
                points[index] = GeoPoint(
                    longitude: sums[index].longitude / n, latitude: sums[index].latitude / n)
            }
            let parent = parentIndices[index]
            if parent >= 0, let point = points[index] {
                sums[parent].longitude += point.longitude
                sums[parent].latitude += point.latitude
                sums[parent].count += 1
            }
        }
        return points
    }
}
