/// A unit of measure (计量单位) as scenario files write it, with its factor to the base unit of
/// its dimension.
///
/// Inside the code every quantity is held in its dimension's base unit: shares as fractions
/// (0.55, not 55), money in yuan, lengths in metres, areas in square metres, durations in
/// minutes (service times) or years (lead times). Files may write any unit of the right
/// dimension (`55 %`, `1.2 亿元`, `1 km`); readers convert on the way in.
public struct Unit: Hashable, Sendable, CustomStringConvertible {
    /// What a unit measures. Units convert only within one dimension.
    public enum Dimension: String, Hashable, Sendable, CaseIterable {
        case share, money, length, area, minutes, years, persons, beds, facilities
        case speed, count
        /// Things per person: beds per person, places per person (written per 1,000).
        case ratio
        /// Events per person per month: visits.
        case frequency
        /// Money per person per month: subsidies, allowances.
        case moneyRate
        /// Area per person: facility land per resident.
        case areaPerPerson

        /// The base unit every value of this dimension is held in.
        public var base: Unit {
            switch self {
            case .share: .fraction
            case .money: .yuan
            case .length: .metre
            case .area: .squareMetre
            case .minutes: .minute
            case .years: .year
            case .persons: .person
            case .beds: .bed
            case .facilities: .facility
            case .speed: .metresPerMinute
            case .count: .one
            case .ratio: .perPerson
            case .frequency: .perMonth
            case .moneyRate: .yuanPerPersonMonth
            case .areaPerPerson: .squareMetrePerPerson
            }
        }
    }

    /// The symbol a file writes (the first of `spellings`).
    public let symbol: String
    /// What the unit measures.
    public let dimension: Dimension
    /// How many base units one of this unit is.
    public let factor: Double
    /// Every spelling a file may use, English and Chinese.
    public let spellings: [String]

    init(_ spellings: [String], _ dimension: Dimension, _ factor: Double) {
        self.symbol = spellings[0]
        self.spellings = spellings
        self.dimension = dimension
        self.factor = factor
    }

    public var description: String { symbol }

    /// The Chinese spelling of the unit, where it has one (张, 个, 元/人/月), else its symbol.
    public var chineseSymbol: String {
        spellings.first { $0.unicodeScalars.contains { $0.value > 0x2E80 } } ?? symbol
    }

    /// Converts a value in this unit to the base unit of its dimension.
    public func toBase(_ value: Double) -> Double { value * factor }

    /// Converts a value in the base unit to this unit.
    public func fromBase(_ value: Double) -> Double { value / factor }

    // Shares
    public static let fraction = Unit(["fraction", "share", "比例"], .share, 1)
    public static let percent = Unit(["%", "percent", "百分比"], .share, 0.01)
    public static let perMille = Unit(["‰", "per_mille", "千分比"], .share, 0.001)
    // Money
    public static let yuan = Unit(["yuan", "元", "CNY"], .money, 1)
    public static let tenThousandYuan = Unit(["万元", "10k_yuan"], .money, 1e4)
    public static let hundredMillionYuan = Unit(["亿元", "100m_yuan"], .money, 1e8)
    // Lengths and areas
    public static let metre = Unit(["m", "metre", "meter", "米"], .length, 1)
    public static let kilometre = Unit(["km", "kilometre", "kilometer", "公里", "千米"], .length, 1000)
    public static let squareMetre = Unit(["m2", "m²", "square_metre", "平方米"], .area, 1)
    public static let squareKilometre = Unit(["km2", "km²", "平方公里"], .area, 1e6)
    // Time
    public static let minute = Unit(["min", "minute", "minutes", "分钟"], .minutes, 1)
    public static let hour = Unit(["h", "hour", "hours", "小时"], .minutes, 60)
    public static let year = Unit(["year", "years", "年"], .years, 1)
    public static let month = Unit(["month", "months", "月"], .years, 1.0 / 12.0)
    // Things counted
    public static let person = Unit(["persons", "person", "人"], .persons, 1)
    public static let tenThousandPersons = Unit(["万人"], .persons, 1e4)
    public static let bed = Unit(["beds", "bed", "张"], .beds, 1)
    public static let facility = Unit(["facilities", "facility", "个", "处", "所"], .facilities, 1)
    public static let metresPerMinute = Unit(["m/min", "metres_per_minute"], .speed, 1)
    public static let kilometresPerHour = Unit(["km/h"], .speed, 1000.0 / 60.0)
    public static let one = Unit(["1", "count", "number"], .count, 1)
    // Rates
    public static let perPerson = Unit(["per_person", "每人"], .ratio, 1)
    public static let perThousand = Unit(["per_1000", "每千人"], .ratio, 0.001)
    public static let perMonth = Unit(["per_month", "次/月", "每月"], .frequency, 1)
    public static let perYear = Unit(["per_year", "次/年", "每年"], .frequency, 1.0 / 12.0)
    public static let yuanPerPersonMonth = Unit(
        ["yuan_per_person_month", "元/人/月", "元/人·月"], .moneyRate, 1)
    public static let yuanPerPersonYear = Unit(
        ["yuan_per_person_year", "元/人/年"], .moneyRate, 1.0 / 12.0)
    public static let squareMetrePerPerson = Unit(["m2_per_person", "平方米/人"], .areaPerPerson, 1)

    /// Every unit a file may name.
    public static let all: [Unit] = [
        .fraction, .percent, .perMille, .yuan, .tenThousandYuan, .hundredMillionYuan, .metre,
        .kilometre, .squareMetre, .squareKilometre, .minute, .hour, .year, .month, .person,
        .tenThousandPersons, .bed, .facility, .metresPerMinute, .kilometresPerHour, .one,
        .perPerson, .perThousand, .perMonth, .perYear, .yuanPerPersonMonth, .yuanPerPersonYear,
        .squareMetrePerPerson,
    ]

    /// The unit a file's spelling names, if any.
    public static func named(_ spelling: String) -> Unit? {
        all.first { $0.spellings.contains(spelling) }
    }

    /// Every spelling of every unit, for suggestions.
    public static var allSpellings: [String] { all.flatMap(\.spellings) }
}
