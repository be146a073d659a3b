import Geography
import Targets

/// The numerators and denominators of one indicator for every year and region:
/// `[yearIndex · regions + region]`, regions in the tree's order, each region the sum of its
/// parts.
public struct IndicatorSeries: Sendable {
    /// The indicator's id in `IndicatorCatalogue` (e.g. `assessment-rate`).
    public let id: String
    public let numerators: [Double]
    public let denominators: [Double]

    /// The value in a year index and region (NaN when the denominator is 0).
    public func value(yearIndex: Int, region: Int, regions: Int) -> Double {
        let denominator = denominators[yearIndex * regions + region]
        return denominator != 0 ? numerators[yearIndex * regions + region] / denominator : .nan
    }
}

extension EntitlementResult {
    /// The indicators the items feed (only those fed by at least one item):
    /// - `old-age-allowance-coverage`: recipients aged 80+ of the items that feed it ÷ every
    ///   resident aged 80+ (the denominator does not depend on the rule, so a rule for 90+
    ///   shows as partial coverage);
    /// - `visits-per-special-hardship-elder`: visits a month (units ÷ 12) ÷ the items'
    ///   eligible persons (the special-hardship elders);
    /// - `assessment-rate`: recipients (assessed) ÷ eligible persons (applicants).
    /// Where several items feed one indicator their numerators and denominators add.
    /// - Complexity: O(years × items × regions).
    public func indicatorSeries() -> [IndicatorSeries] {
        let regions = tree.count
        let count = years.count * regions
        var series: [IndicatorSeries] = []
        for indicator in EntitlementIndicator.allCases {
            let feeding = items.indices.filter { items[$0].indicator == indicator }
            guard !feeding.isEmpty else { continue }
            var numerators = [Double](repeating: 0, count: count)
            var denominators = [Double](repeating: 0, count: count)
            switch indicator {
            case .oldAgeAllowanceCoverage:
                numerators = allowanceRecipients80
                denominators = aged80
            case .visitsPerSpecialHardshipElder, .assessmentRate:
                for yearIndex in 0..<years.count {
                    for item in feeding {
                        let perYear = yearIndex * items.count + item
                        let base = perYear * regions
                        let visitsPerMonth = unitsPerRecipient[perYear] / 12
                        for region in 0..<regions {
                            let target = yearIndex * regions + region
                            denominators[target] += eligible[base + region]
                            numerators[target] +=
                                indicator == .assessmentRate
                                ? recipients[base + region]
                                : recipients[base + region] * visitsPerMonth
                        }
                    }
                }
            }
            series.append(
                IndicatorSeries(
                    id: indicator.rawValue, numerators: numerators, denominators: denominators))
        }
        return series
    }

    /// Puts the indicators the items feed into an indicator table of the same years (or a
    /// range within them) and regions.
    /// - Precondition: the table's regions are the tree's; its years lie within the
    ///   result's.
    public func fill(_ table: inout IndicatorTable) {
        precondition(table.regionCount == tree.count, "the table and the tree differ")
        let regions = tree.count
        for series in indicatorSeries() {
            guard let indicator = IndicatorCatalogue.indicator(series.id) else { continue }
            for year in table.years where years.contains(year) {
                let start = (year - years.lowerBound) * regions
                table.set(
                    indicator, year: year,
                    numerators: Array(series.numerators[start..<(start + regions)]),
                    denominators: Array(series.denominators[start..<(start + regions)]))
            }
        }
    }
}
