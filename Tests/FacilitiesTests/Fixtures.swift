import Geography
import Quantities

@testable import Facilities

/// A small city: Anshan (2103) with two counties and five township-level units.
///
/// Tree order (pre-order by code):
///   0 2103 鞍山市 (city)
///   1 210302 铁东区 (district)
///   2   210302002 解放街道 (street)
///   3   210302006 站前街道 (street)
///   4 210381 海城市 (county-level city)
///   5   210381100 牛庄镇 (town)
///   6   210381101 腾鳌镇 (town)
///   7   210381200 王石镇 (township)
enum Fixture {
    static let tree: RegionTree = {
        func region(_ code: String, _ name: String, _ kind: RegionKind) -> Region {
            Region(code: try! DivisionCode(parsing: code), name: name, kind: kind)
        }
        return try! RegionTree(regions: [
            region("2103", "鞍山市", .city),
            region("210302", "铁东区", .district),
            region("210302002", "解放街道", .street),
            region("210302006", "站前街道", .street),
            region("210381", "海城市", .countyCity),
            region("210381100", "牛庄镇", .town),
            region("210381101", "腾鳌镇", .town),
            region("210381200", "王石乡", .township),
        ])
    }()

    static let city = 0
    static let tiedong = 1
    static let jiefang = 2
    static let zhanqian = 3
    static let haicheng = 4
    static let niuzhuang = 5
    static let tengao = 6
    static let wangshi = 7

    /// A population with the given 60+ persons per township (index 2, 3, 5, 6, 7), the same
    /// every year; 65+ is 70 % and 80+ 15 % of 60+, poor disabled 2 %.
    static func population(
        years: ClosedRange<Int>, aged60 byTownship: [Int: Double]
    ) -> ElderlyPopulation {
        var row = [Double](repeating: 0, count: tree.count)
        for (index, value) in byTownship { row[index] = value }
        let rows = Array(repeating: row, count: years.count)
        func scaled(_ factor: Double) -> [[Double]] { rows.map { $0.map { $0 * factor } } }
        return try! ElderlyPopulation(
            years: years, regionCount: tree.count, aged60: rows, aged65: scaled(0.7),
            aged80: scaled(0.15), poorDisabled: scaled(0.02))
    }

    static func inventory(_ facilities: [Facility], baseYear: Int = 2020) -> FacilityInventory {
        try! FacilityInventory(facilities: facilities, regionCount: tree.count, baseYear: baseYear)
    }

    /// Runs the stock from 2020 to `horizon`.
    static func run(
        _ facilities: [Facility], plan: InvestmentPlan? = nil,
        population: ElderlyPopulation? = nil, horizon: Int = 2025,
        settings change: (inout FacilitySettings) -> Void = { _ in },
        reportingLevel: RegionLevel = .village
    ) throws -> FacilityRun {
        var settings = FacilitySettings(inventory: inventory(facilities))
        change(&settings)
        return try FacilitySimulation.run(
            FacilityRunInput(
                regions: tree, planningRegion: city, years: 2020...horizon, settings: settings,
                plan: plan, population: population, reportingLevel: reportingLevel))
    }

    /// Budgets for some sources, keyed years only.
    static func budgets(_ lines: [FundingSource: [Int: Double]]) -> [YearlyValues?] {
        FundingSource.allCases.map { source in
            lines[source].map { line in
                let years = line.keys.sorted()
                return YearlyValues(
                    years: years, values: years.map { line[$0]! }, rule: .keyedYearsOnly)
            }
        }
    }

    static func costs(_ rows: [(CostItem, Double)]) -> UnitCostTable {
        UnitCostTable(
            entries: rows.map { .init(item: $0.0, yuan: $0.1, isAssumption: true) })
    }
}

extension FacilityRun {
    /// An indicator for a tree region (by tree index), nil-checked by the caller.
    func at(_ indicator: FacilityIndicator, _ year: Int, _ region: Int = Fixture.city) -> Double? {
        value(indicator, year: year, region: reportingPosition(ofRegion: region)!)
    }
}
