import Geography

/// The values of indicators for every year and region of a run: the long table
/// (year, region, indicator) → value, held as one contiguous series per indicator.
///
/// Shares and rates keep their numerator and denominator, so that a region's value is the
/// ratio of its parts' sums and a shortfall can be counted in the numerator's units (beds,
/// streets). A value not computed is NaN.
public struct IndicatorTable: Sendable {
    /// One indicator's values: `numerators[yearIndex * regionCount + region]`, and the
    /// denominators for ratios.
    public struct Series: Sendable {
        public var numerators: [Double]
        public var denominators: [Double]
    }

    /// The years of the table.
    public let years: ClosedRange<Int>
    /// The number of regions (the region tree's order).
    public let regionCount: Int
    private var series: [String: Series] = [:]

    public init(years: ClosedRange<Int>, regionCount: Int) {
        self.years = years
        self.regionCount = regionCount
    }

    /// The indicators that have values.
    public var indicatorIDs: [String] { series.keys.sorted() }

    /// Whether an indicator has values.
    public func contains(_ indicator: Indicator) -> Bool { series[indicator.id] != nil }

    private func offset(year: Int, region: Int) -> Int {
        (year - years.lowerBound) * regionCount + region
    }

    private mutating func ensure(_ indicator: Indicator) {
        if series[indicator.id] == nil {
            let count = years.count * regionCount
            series[indicator.id] = Series(
                numerators: [Double](repeating: .nan, count: count),
                denominators: [Double](
                    repeating: indicator.aggregation == .ratio ? .nan : 1, count: count))
        }
    }

    /// Sets a count, amount or own value.
    public mutating func set(_ indicator: Indicator, year: Int, region: Int, value: Double) {
        ensure(indicator)
        series[indicator.id]!.numerators[offset(year: year, region: region)] = value
        series[indicator.id]!.denominators[offset(year: year, region: region)] = 1
    }

    /// Sets a ratio by its numerator and denominator.
    public mutating func set(
        _ indicator: Indicator, year: Int, region: Int, numerator: Double, denominator: Double
    ) {
        ensure(indicator)
        series[indicator.id]!.numerators[offset(year: year, region: region)] = numerator
        series[indicator.id]!.denominators[offset(year: year, region: region)] = denominator
    }

    /// Sets a whole year of numerators (and denominators) at once, one per region.
    public mutating func set(
        _ indicator: Indicator, year: Int, numerators: [Double], denominators: [Double]? = nil
    ) {
        precondition(numerators.count == regionCount, "one value per region")
        ensure(indicator)
        let start = offset(year: year, region: 0)
        series[indicator.id]!.numerators.replaceSubrange(
            start..<start + regionCount, with: numerators)
        if let denominators {
            precondition(denominators.count == regionCount, "one value per region")
            series[indicator.id]!.denominators.replaceSubrange(
                start..<start + regionCount, with: denominators)
        } else {
            series[indicator.id]!.denominators.replaceSubrange(
                start..<start + regionCount, with: repeatElement(1.0, count: regionCount))
        }
    }

    /// The numerator, denominator and value in a year and region; nil when not computed or
    /// the denominator is zero.
    public func value(_ indicator: Indicator, year: Int, region: Int)
        -> (numerator: Double, denominator: Double, value: Double)?
    {
        guard years.contains(year), let values = series[indicator.id] else { return nil }
        let index = offset(year: year, region: region)
        let numerator = values.numerators[index]
        let denominator = values.denominators[index]
        guard numerator.isFinite, denominator.isFinite, denominator != 0 else { return nil }
        return (numerator, denominator, numerator / denominator)
    }

    /// Fills every region that has no value by summing its children, for counts and amounts
    /// (their values) and for ratios (numerators and denominators separately). Regions that
    /// have a value keep it; `own` indicators are left alone; a region with nothing below it
    /// stays without a value.
    /// - Complexity: O(years × regions), one backward pass per year over contiguous arrays.
    public mutating func aggregate(_ indicator: Indicator, over tree: RegionTree) {
        guard indicator.aggregation != .own, var values = series[indicator.id] else { return }
        precondition(tree.count == regionCount, "the table and the tree have different regions")
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
