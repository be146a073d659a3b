import Geography
import Testing

@testable import Targets

@Suite struct IndicatorTableTests {
    // A table keeping regions 6 and 0 (in any order) of the 8 holds only theirs: beds
    // 1, 2, …, 8 set for the whole tree read 7 at region 6 and 1 at region 0, nothing at 3;
    // coverage 1/4 at region 0 keeps its numerator and denominator.
    @Test func aTableKeepingSomeRegionsHoldsOnlyTheirs() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: 2025...2025, regionCount: tree.count, keeping: [6, 0, 6])
        #expect(table.keptRegions == [0, 6])
        #expect(!table.keepsEveryRegion)
        let beds = indicator("service-beds")
        table.set(beds, year: 2025, numerators: (1...tree.count).map(Double.init))
        #expect(table.value(beds, year: 2025, region: 6)?.value == 7)
        #expect(table.value(beds, year: 2025, region: 0)?.value == 1)
        #expect(table.value(beds, year: 2025, region: 3) == nil)
        let coverage = indicator("street-centre-coverage")
        table.set(coverage, year: 2025, region: 0, numerator: 1, denominator: 4)
        table.set(coverage, year: 2025, region: 3, numerator: 1, denominator: 1)
        let city = try #require(table.value(coverage, year: 2025, region: 0))
        #expect(city.numerator == 1 && city.denominator == 4 && city.value == 0.25)
        #expect(table.value(coverage, year: 2025, region: 3) == nil)
    }

    // Street coverage given per street (covered 1 or 0 of 1): 解放 1, 山南 0 → 铁东区 1/2;
    // 海州 1 → 海城市 1/1; 台安县 has no streets → no value. City: 2 of 3 streets.
    @Test func sharesAggregateAsRatiosOfSums() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: 2025...2025, regionCount: tree.count)
        let coverage = indicator("street-centre-coverage")
        table.set(coverage, year: 2025, region: 2, numerator: 1, denominator: 1)
        table.set(coverage, year: 2025, region: 3, numerator: 0, denominator: 1)
        table.set(coverage, year: 2025, region: 7, numerator: 1, denominator: 1)
        table.aggregate(coverage, over: tree)
        #expect(table.value(coverage, year: 2025, region: 1)?.value == 0.5)
        #expect(table.value(coverage, year: 2025, region: 6)?.value == 1)
        #expect(table.value(coverage, year: 2025, region: 4) == nil)
        let city = try #require(table.value(coverage, year: 2025, region: 0))
        #expect(city.numerator == 2 && city.denominator == 3)
    }

    // Beds: 300 + 200 in 铁东区's streets, 铁东区 itself also given as 600 (a value set for
    // the region is kept), 台安县 50 → city 650; counts add, given values win.
    @Test func countsAddUpAndGivenValuesAreKept() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: 2025...2026, regionCount: tree.count)
        let beds = indicator("service-beds")
        var values = [Double](repeating: .nan, count: tree.count)
        values[2] = 300
        values[3] = 200
        values[4] = 50
        table.set(beds, year: 2025, numerators: values)
        table.aggregate(beds, over: tree)
        #expect(table.value(beds, year: 2025, region: 1)?.value == 500)
        #expect(table.value(beds, year: 2025, region: 0)?.value == 550)
        #expect(table.value(beds, year: 2026, region: 0) == nil)
        table.set(beds, year: 2025, region: 1, value: 600)
        table.set(beds, year: 2025, region: 0, value: .nan)
        table.aggregate(beds, over: tree)
        #expect(table.value(beds, year: 2025, region: 0)?.value == 650)
    }

    @Test func ownValuesAreNotAggregated() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: 2025...2025, regionCount: tree.count)
        let share = indicator("lottery-fund-share")
        table.set(share, year: 2025, region: 1, value: 0.6)
        table.aggregate(share, over: tree)
        #expect(table.value(share, year: 2025, region: 0) == nil)
    }
}
