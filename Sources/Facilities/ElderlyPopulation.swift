/// The older population the stock serves, by region and year: what the facility model takes
/// from the population projection, as plain arrays so that it does not depend on how the
/// projection is made.
///
/// Every array is aligned with the scenario's ``Geography/RegionTree`` (one value per region,
/// in the tree's order) and holds each region's *own* persons: those not counted in any of its
/// children. With figures at the lowest level only (the usual case), interior regions hold
/// zero and their totals are the sums of their parts; with figures for a county and none for
/// its townships, the county holds them. Persons are counts (not thousands), at year end.
public struct ElderlyPopulation: Sendable {
    /// The years covered, one set of arrays each.
    public let years: ClosedRange<Int>
    /// People aged 60 and over (老年人口), per year, per region.
    public let aged60: [[Double]]
    /// People aged 65 and over.
    public let aged65: [[Double]]
    /// People aged 80 and over (高龄老人), who receive the old-age allowance.
    public let aged80: [[Double]]
    /// Poor disabled older people (经济困难的失能老年人), who receive the care subsidy.
    public let poorDisabled: [[Double]]
    /// Disabled older people (失能老年人, capability levels 2–4 of GB/T 42195-2022), if known.
    public let disabled: [[Double]]?
    /// Older people by capability level (GB/T 42195-2022, 0 intact … 4 complete loss), per
    /// year, per level, per region, if known: what care demand (``CareDemandRules``) reads.
    public let byLevel: [[[Double]]]?

    /// Why the arrays do not fit.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        case wrongYearCount(field: String, expected: Int, got: Int)
        case wrongRegionCount(field: String, year: Int, expected: Int, got: Int)
        case negativeOrNotFinite(field: String, year: Int, region: Int)

        public var description: String {
            switch self {
            case .wrongYearCount(let field, let expected, let got):
                "\(field) has \(got) years, expected \(expected)"
            case .wrongRegionCount(let field, let year, let expected, let got):
                "\(field) in \(year) has \(got) regions, expected \(expected)"
            case .negativeOrNotFinite(let field, let year, let region):
                "\(field) in \(year) is negative or not finite for region \(region)"
            }
        }
    }

    /// Checks and keeps the arrays.
    /// - Parameters:
    ///   - regionCount: the number of regions of the tree.
    ///   - poorDisabled: defaults to zeros (no care subsidy is computed).
    /// - Throws: ``InvariantError`` when an array has the wrong shape or a value is negative,
    ///   NaN or infinite.
    public init(
        years: ClosedRange<Int>, regionCount: Int, aged60: [[Double]], aged65: [[Double]],
        aged80: [[Double]], poorDisabled: [[Double]]? = nil, disabled: [[Double]]? = nil,
        byLevel: [[[Double]]]? = nil
    ) throws(InvariantError) {
        let zeros = [[Double]](
            repeating: [Double](repeating: 0, count: regionCount), count: years.count)
        let fields: [(String, [[Double]])] =
            [
                ("aged_60", aged60), ("aged_65", aged65), ("aged_80", aged80),
                ("poor_disabled", poorDisabled ?? zeros),
            ] + (disabled.map { [("disabled", $0)] } ?? [])
            + (byLevel.map { years in
                (0..<StaffingRules.CareLevel.allCases.count).map { level in
                    ("level_\(level)", years.map { $0.count > level ? $0[level] : [] })
                }
            } ?? [])
        for (name, values) in fields {
            guard values.count == years.count else {
                throw .wrongYearCount(field: name, expected: years.count, got: values.count)
            }
            for (offset, row) in values.enumerated() {
                guard row.count == regionCount else {
                    throw .wrongRegionCount(
                        field: name, year: years.lowerBound + offset, expected: regionCount,
                        got: row.count)
                }
                if let bad = row.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
                    throw .negativeOrNotFinite(
                        field: name, year: years.lowerBound + offset, region: bad)
                }
            }
        }
        self.years = years
        self.aged60 = aged60
        self.aged65 = aged65
        self.aged80 = aged80
        self.poorDisabled = poorDisabled ?? zeros
        self.disabled = disabled
        self.byLevel = byLevel
    }

    /// The arrays of a year; the nearest year covered when the year is outside.
    func offset(of year: Int) -> Int {
        min(max(year, years.lowerBound), years.upperBound) - years.lowerBound
    }
}
