import Geography

/// The values of indicators for every year and region of a run: the long table
/// (year, region, indicator) → value, held as one contiguous series per indicator.
///
/// Shares and rates keep their numerator and denominator, so that a region's value is the
/// ratio of its parts' sums and a shortfall can be counted in the numerator's units (beds,
/// streets). A value not computed is NaN.
public struct IndicatorTable: Sendable {
    /// One indicator's values: `numerators[yearIndex * keptRegions.count + slot]` (slot: the
    /// region's position in ``keptRegions``), and the denominators for ratios; no
    /// denominators stand for all ones (counts and amounts).
    public struct Series: Sendable {
        public var numerators: [Double]
        public var denominators: [Double]

        /// The denominators as an array of every value, ones where none was set.
        mutating func materialiseDenominators() {
            if denominators.isEmpty {
                denominators = [Double](repeating: 1, count: numerators.count)
            }
        }
    }

    /// The years of the table.
    public let years: ClosedRange<Int>
    /// The number of regions (the region tree's order).
    public let regionCount: Int
    /// The regions that hold values, in tree order: every region unless the table was made
    /// for some (a Monte Carlo replicate reads only the regions it summarises and judges).
    public let keptRegions: [Int]
    /// Per tree region, its slot in `keptRegions` (-1 when not kept); empty when every
    /// region is kept.
    private let slots: [Int32]
    private var series: [String: Series] = [:]

    public init(years: ClosedRange<Int>, regionCount: Int) {
        self.years = years
        self.regionCount = regionCount
        keptRegions = Array(0..<regionCount)
        slots = []
    }

    /// A table that keeps only some regions; the others read as not computed.
    /// - Parameter regions: tree indices, in any order and with repeats.
    public init(years: ClosedRange<Int>, regionCount: Int, keeping regions: [Int]) {
        self.years = years
        self.regionCount = regionCount
        let kept = Array(Set(regions)).filter { (0..<regionCount).contains($0) }.sorted()
        keptRegions = kept
        var slots = [Int32](repeating: -1, count: regionCount)
        for (slot, region) in kept.enumerated() { slots[region] = Int32(slot) }
        self.slots = slots
    }

    /// Whether every region is kept.
    public var keepsEveryRegion: Bool { slots.isEmpty }

    /// The indicators that have values.
    public var indicatorIDs: [String] { series.keys.sorted() }

    /// Whether an indicator has values.
    public func contains(_ indicator: Indicator) -> Bool { series[indicator.id] != nil }

    /// A region's position in ``keptRegions``, nil when the table does not keep it.
    @inline(__always)
    public func slot(_ region: Int) -> Int? {
        if slots.isEmpty { return region }
        let slot = Int(slots[region])
        return slot >= 0 ? slot : nil
    }

    private func offset(year: Int, slot: Int) -> Int {
        (year - years.lowerBound) * keptRegions.count + slot
    }

    private mutating func ensure(_ indicator: Indicator) {
        if series[indicator.id] == nil {
            let count = years.count * keptRegions.count
            series[indicator.id] = Series(
                numerators: [Double](repeating: .nan, count: count),
                denominators: indicator.aggregation == .ratio
                    ? [Double](repeating: .nan, count: count) : [])
        }
    }

    /// Sets a count, amount or own value.
    public mutating func set(_ indicator: Indicator, year: Int, region: Int, value: Double) {
        guard let slot = slot(region) else { return }
        ensure(indicator)
        let index = offset(year: year, slot: slot)
        series[indicator.id]!.numerators[index] = value
        if !series[indicator.id]!.denominators.isEmpty {
            series[indicator.id]!.denominators[index] = 1
        }
    }

    /// Sets a ratio by its numerator and denominator.
    public mutating func set(
        _ indicator: Indicator, year: Int, region: Int, numerator: Double, denominator: Double
    ) {
        guard let slot = slot(region) else { return }
        ensure(indicator)
        let index = offset(year: year, slot: slot)
        series[indicator.id]!.numerators[index] = numerator
        if denominator != 1 { series[indicator.id]!.materialiseDenominators() }
        if !series[indicator.id]!.denominators.isEmpty {
            series[indicator.id]!.denominators[index] = denominator
        }
    }

    /// Sets a whole year of numerators (and denominators) at once, one per region of the
    /// tree; a table that keeps some regions takes theirs.
    public mutating func set(
        _ indicator: Indicator, year: Int, numerators: [Double], denominators: [Double]? = nil
    ) {
        precondition(numerators.count == regionCount, "one value per region")
        precondition(denominators.map { $0.count == regionCount } ?? true, "one value per region")
        if slots.isEmpty {
            setKept(indicator, year: year, numerators: numerators, denominators: denominators)
        } else {
            setKept(
                indicator, year: year, numerators: keptRegions.map { numerators[$0] },
                denominators: denominators.map { values in keptRegions.map { values[$0] } })
        }
    }

    /// Sets a whole year of the kept regions at once: `numerators[slot]` is the value of
    /// `keptRegions[slot]` (denominators 1 when not given).
    public mutating func setKept(
        _ indicator: Indicator, year: Int, numerators: [Double], denominators: [Double]? = nil
    ) {
        let width = keptRegions.count
        precondition(numerators.count == width, "one value per kept region")
        precondition(denominators.map { $0.count == width } ?? true, "one value per kept region")
        ensure(indicator)
        let start = offset(year: year, slot: 0)
        series[indicator.id]!.numerators.replaceSubrange(start..<start + width, with: numerators)
        if let denominators, denominators.contains(where: { $0 != 1 }) {
            series[indicator.id]!.materialiseDenominators()
            series[indicator.id]!.denominators.replaceSubrange(
                start..<start + width, with: denominators)
        } else if !series[indicator.id]!.denominators.isEmpty {
            series[indicator.id]!.denominators.replaceSubrange(
                start..<start + width, with: repeatElement(1.0, count: width))
        }
    }

    /// The numerator, denominator and value in a year and region; nil when not computed or
    /// the denominator is zero.
    public func value(_ indicator: Indicator, year: Int, region: Int)
        -> (numerator: Double, denominator: Double, value: Double)?
    {
        guard years.contains(year), let slot = slot(region), let values = series[indicator.id]
        else { return nil }
        let index = offset(year: year, slot: slot)
        let numerator = values.numerators[index]
        let denominator = values.denominators.isEmpty ? 1 : values.denominators[index]
        guard numerator.isFinite, denominator.isFinite, denominator != 0 else { return nil }
        return (numerator, denominator, numerator / denominator)
    }

    /// Fills every region that has no value by summing its children, for counts and amounts
    /// (their values) and for ratios (numerators and denominators separately). Regions that
    /// have a value keep it; `own` indicators are left alone; a region with nothing below it
    /// stays without a value.
    /// - Complexity: O(years × regions), one backward pass per year over contiguous arrays.
    /// - Precondition: the table keeps every region.
    public mutating func aggregate(_ indicator: Indicator, over tree: RegionTree) {
        // Taken out of the table while it is changed, so that its arrays are not copied.
        guard indicator.aggregation != .own, var values = series.removeValue(forKey: indicator.id)
        else { return }
        precondition(tree.count == regionCount, "the table and the tree have different regions")
        precondition(keepsEveryRegion, "aggregating needs every region")
        values.materialiseDenominators()
        let isRatio = indicator.aggregation == .ratio
        var fill = [Bool](repeating: false, count: regionCount)
        var contributed = [Bool](repeating: false, count: regionCount)
        for yearIndex in 0..<years.count {
            let base = yearIndex * regionCount
            for region in 0..<regionCount {
                let index = base + region
                fill[region] =
                    !(values.numerators[index].isFinite && values.denominators[index].isFinite)
                contributed[region] = false
                if fill[region] {
                    values.numerators[index] = 0
                    values.denominators[index] = isRatio ? 0 : 1
                }
            }
            for region in stride(from: regionCount - 1, through: 0, by: -1) {
                let parent = tree.parentIndices[region]
                guard parent >= 0, fill[parent], !fill[region] || contributed[region] else {
                    continue
                }
                values.numerators[base + parent] += values.numerators[base + region]
                if isRatio {
                    values.denominators[base + parent] += values.denominators[base + region]
                }
                contributed[parent] = true
            }
            for region in 0..<regionCount where fill[region] && !contributed[region] {
                values.numerators[base + region] = .nan
                values.denominators[base + region] = isRatio ? .nan : 1
            }
        }
        series[indicator.id] = values
    }
}
