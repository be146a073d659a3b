import Geography
import Targets

/// Need and supply (需求与供给) in a run: for units of the region, the institutional beds,
/// nursing-type beds and caregivers their older people's care need calls for against what
/// the run has, the residents, the demand waiting for a bed, the beds left unstaffed, and
/// the first year need exceeds
/// supply. What the annual report and the district comparison show; read from the indicator
/// table only, so a report made from a run folder shows the same figures.
public struct NeedAndSupply: Sendable {
    /// One unit in one year.
    public struct Row: Sendable {
        public var region: Int
        public var bedsNeeded: Double?
        public var beds: Double?
        /// Residents of institutional beds (occupancy × beds).
        public var residents: Double?
        public var waiting: Double?
        public var nursingBedsNeeded: Double?
        public var nursingBeds: Double?
        public var caregiversNeeded: Double?
        public var caregivers: Double?
        /// Beds the demand would fill but the caregivers cannot staff (``unstaffed-beds``).
        public var unstaffed: Double?
        /// The first year of the run in which the beds needed exceed the beds (床位缺口首现年份);
        /// nil when they never do.
        public var firstYearShort: Int?
    }

    public let data: RunData

    public init(data: RunData) { self.data = data }

    /// Whether the run computed need (the population had capability levels).
    public var isComputed: Bool { data.indicators.contains(Self.indicator("beds-needed")) }

    static func indicator(_ id: String) -> Indicator { IndicatorCatalogue.indicator(id)! }

    func value(_ id: String, _ year: Int, _ region: Int) -> Double? {
        data.indicators.value(Self.indicator(id), year: year, region: region)?.value
    }

    /// The units' rows in a year.
    public func rows(_ units: [Int], year: Int) -> [Row] {
        units.map { region in
            let beds = value("institutional-beds", year, region)
            let occupancy = value("bed-occupancy", year, region)
            let caregiversNeeded = value("caregivers-needed", year, region)
            return Row(
                region: region, bedsNeeded: value("beds-needed", year, region), beds: beds,
                residents: beds.map { $0 * (occupancy ?? 0) },
                waiting: value("waiting-demand", year, region),
                nursingBedsNeeded: value("nursing-beds-needed", year, region),
                nursingBeds: value("nursing-beds", year, region),
                caregiversNeeded: caregiversNeeded,
                caregivers: value("caregivers", year, region),
                unstaffed: value("unstaffed-beds", year, region),
                firstYearShort: data.years.first { (value("bed-gap", $0, region) ?? 0) > 0.5 })
        }
    }

    /// The planning region and the units one level below it.
    public var defaultUnits: [Int] {
        [data.region] + data.tree.children(of: data.region)
    }

    /// The table in a report's language: header and rows of text.
    public func table(_ units: [Int], year: Int, language: ReportLanguage) -> (
        header: [String], rows: [[String]]
    ) {
        func whole(_ value: Double?) -> String {
            value.map { ReportLanguage.grouped($0, decimals: 0) } ?? "—"
        }
        let header =
            language == .chinese
            ? [
                "单位", "所需机构床位", "机构床位", "在院老人", "等待入住", "所需护理型床位", "护理型床位", "所需护理员",
                "在岗护理员", "缺员不能用床位", "床位缺口首现",
            ]
            : [
                "Unit", "Beds needed", "Beds", "Residents", "Waiting", "Nursing beds needed",
                "Nursing beds", "Caregivers needed", "Caregivers", "Beds unstaffed",
                "First year short",
            ]
        let rows = self.rows(units, year: year).map { row -> [String] in
            let region = data.tree.regions[row.region]
            return [
                "\(region.name)（\(region.code.shortForm)）", whole(row.bedsNeeded), whole(row.beds),
                whole(row.residents), whole(row.waiting), whole(row.nursingBedsNeeded),
                whole(row.nursingBeds), whole(row.caregiversNeeded), whole(row.caregivers),
                whole(row.unstaffed),
                row.firstYearShort.map { language.text("\($0)年", String($0)) }
                    ?? language.text("预测期内未出现", "not within the run"),
            ]
        }
        return (header, rows)
    }

    /// The planning region's beds needed against its beds, and nursing-type beds likewise,
    /// year by year.
    public func chart(language: ReportLanguage) -> LineChart {
        let years = Array(data.years)
        let region = data.region
        func series(_ id: String, _ colour: Colour, dashed: Bool = false) -> LineChart.Series {
            LineChart.Series(
                name: language.name(Self.indicator(id)), years: years,
                values: years.map { value(id, $0, region) }, colour: colour, dashed: dashed)
        }
        return LineChart(
            series: [
                series("beds-needed", Colour(0xC0392B)),
                series("institutional-beds", Colour(0x1F4E79)),
                series("nursing-beds-needed", Colour(0xC0392B), dashed: true),
                series("nursing-beds", Colour(0x1F4E79), dashed: true),
            ],
            format: { ReportLanguage.grouped($0, decimals: 0) })
    }
}
