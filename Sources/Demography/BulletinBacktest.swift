/// A count of older persons at the end of a year, as a statistical bulletin (统计公报)
/// published it.
public struct PublishedAgeing: Hashable, Sendable {
    /// The region: a division code (`21`, `14`), or `000000` for China.
    public var region: String
    /// The year whose end (31 December) the figure describes.
    public var year: Int
    /// Persons aged at least this many completed years (周岁).
    public var fromAge: Int
    /// Persons.
    public var persons: Double
    /// The publication: title, publisher, where it was read.
    public var source: String

    public init(region: String, year: Int, fromAge: Int, persons: Double, source: String) {
        self.region = region
        self.year = year
        self.fromAge = fromAge
        self.persons = persons
        self.source = source
    }
}

/// A back-test (回测) of a projection from the 2020 census against the year-end figures of
/// the statistical bulletins.
///
/// The projection's time t is census day, 1 November 2020 + t years; a bulletin describes
/// 31 December. The year-end value is taken between the census days around it,
/// (1 − 2/12)·P(t) + 2/12·P(t + 1) with t = year − 2020: two months of ageing, deaths and
/// migration past census day.
public enum BulletinBacktest {
    /// The share of a year from census day (1 November) to the year's end.
    public static let yearEndFraction = 2.0 / 12

    /// The published figures the back-test compares with.
    public static let published: [PublishedAgeing] = [
        PublishedAgeing(
            region: "000000", year: 2024, fromAge: 65, persons: 220_230_000,
            source:
                "国家统计局, 2024年国民经济运行情况 (press conference of 2025-01-17): 65岁及以上人口22023万人; as reproduced by 上观新闻 at http://sdhenghua.com/fuwuxiangmu/322739.html"
        ),
        PublishedAgeing(
            region: "000000", year: 2024, fromAge: 60, persons: 310_310_000,
            source:
                "国家统计局, 2024年国民经济运行情况 (press conference of 2025-01-17): 60岁及以上人口31031万人; as reproduced by 上观新闻 at http://sdhenghua.com/fuwuxiangmu/322739.html"
        ),
        PublishedAgeing(
            region: "14", year: 2023, fromAge: 65, persons: 5_269_800,
            source:
                "山西省统计局, 2023年山西省人口变动情况抽样调查主要数据 (2024-02-21): 65岁及以上人口526.98万人; 人民网山西频道 http://sx.people.com.cn/n2/2024/0222/c189132-40753355.html"
        ),
        PublishedAgeing(
            region: "14", year: 2023, fromAge: 60, persons: 7_500_700,
            source:
                "山西省统计局, 2023年山西省人口变动情况抽样调查主要数据 (2024-02-21): 60岁及以上人口750.07万人; 人民网山西频道 http://sx.people.com.cn/n2/2024/0222/c189132-40753355.html"
        ),
        PublishedAgeing(
            region: "21", year: 2023, fromAge: 60, persons: 12_300_000,
            source:
                "辽宁省统计局, 2023年辽宁省国民经济和社会发展统计公报: 60周岁及以上人口1230万人; as reproduced at https://maigoo.com/news/702940.html"
        ),
        PublishedAgeing(
            region: "21", year: 2024, fromAge: 65, persons: 9_100_000,
            source:
                "辽宁省统计局, 2024年辽宁省国民经济和社会发展统计公报: 65周岁及以上人口 9.10 million, as quoted in issue 16 (the bulletin itself was not found in a public copy)"
        ),
    ]

    /// Persons aged at least `age` at the end of `year` in one area of a projection from a
    /// census of 1 November `baseYear`.
    /// - Precondition: the projection reaches time `year − baseYear + 1`.
    public static func yearEnd(
        _ result: ProjectionResult, area: Int, baseYear: Int, year: Int, atLeast age: Int
    ) -> Double {
        let time = year - baseYear
        let before = result.population(area: area, time: time).persons(atLeast: age)
        let after = result.population(area: area, time: time + 1).persons(atLeast: age)
        return (1 - yearEndFraction) * before + yearEndFraction * after
    }
}
