import Foundation
import Testing

@testable import Planning

/// The shipped scenarios projected from the 2020 census (1 November) to the ends of 2023 and
/// 2024 against the statistical bulletins. The published figures are written here again, with
/// their sources, independently of the table the back-test carries:
/// - China, end of 2024: 65+ 22,023万, 60+ 31,031万 — 国家统计局, 2024年国民经济运行情况
///   (press conference of 17 January 2025), as reproduced by 上观新闻 at
///   http://sdhenghua.com/fuwuxiangmu/322739.html (also the 2024 statistical communiqué).
/// - Shanxi, end of 2023: 65+ 526.98万, 60+ 750.07万 — 山西省统计局, 2023年山西省人口变动
///   情况抽样调查主要数据 (21 February 2024), 人民网山西频道,
///   http://sx.people.com.cn/n2/2024/0222/c189132-40753355.html
/// - Liaoning, end of 2023: 60+ 1,230万 — 辽宁省统计局, 2023年辽宁省国民经济和社会发展统计
///   公报, as reproduced at https://maigoo.com/news/702940.html; end of 2024: 65+ 9.10
///   million — 辽宁省统计局, 2024年辽宁省国民经济和社会发展统计公报, as quoted in issue 16 (no
///   public copy of the bulletin was found to check it).
/// The tolerance is the issue's: within 2%.
@Suite struct BulletinBacktestTests {
    static func run(_ scenario: String, national: Bool = false) throws -> BulletinBacktestOutcome {
        let folder = try ScratchFolder()
        return try Planning.bulletinBacktest(
            BulletinBacktestRequest(
                scenario: ScenarioSource(path: scenario),
                nationalCensus: national ? "Data/census/census2020-provinces.csv" : nil,
                toYear: 2024, out: folder.path + "/backtest.csv"))
    }

    static func modelled(_ outcome: BulletinBacktestOutcome, year: Int, age: Int) -> Double? {
        outcome.lines.first { $0.year == year && $0.fromAge == age }?.modelled
    }

    @Test("Liaoning: end-2024 65+ within 2% of 9.10 M and end-2023 60+ within 2% of 12.30 M")
    func liaoning() throws {
        let outcome = try Self.run("Scenarios/liaoning")
        let aged65 = try #require(Self.modelled(outcome, year: 2024, age: 65))
        let aged60 = try #require(Self.modelled(outcome, year: 2023, age: 60))
        #expect(abs(aged65 / 9_100_000 - 1) <= 0.02, "65+ 2024: \(aged65)")
        #expect(abs(aged60 / 12_300_000 - 1) <= 0.02, "60+ 2023: \(aged60)")
    }

    @Test("Shanxi: end-2023 65+ within 2% of 5,269,800 and 60+ within 2% of 7,500,700")
    func shanxi() throws {
        let outcome = try Self.run("Scenarios/shanxi")
        let aged65 = try #require(Self.modelled(outcome, year: 2023, age: 65))
        let aged60 = try #require(Self.modelled(outcome, year: 2023, age: 60))
        #expect(abs(aged65 / 5_269_800 - 1) <= 0.02, "65+ 2023: \(aged65)")
        #expect(abs(aged60 / 7_500_700 - 1) <= 0.02, "60+ 2023: \(aged60)")
    }

    @Test("China: end-2024 65+ within 2% of 220.23 M (the province table with China's rates)")
    func china() throws {
        let outcome = try Self.run("Scenarios/liaoning", national: true)
        #expect(outcome.region == "000000")
        let aged65 = try #require(Self.modelled(outcome, year: 2024, age: 65))
        #expect(abs(aged65 / 220_230_000 - 1) <= 0.02, "65+ 2024: \(aged65)")
    }

}
