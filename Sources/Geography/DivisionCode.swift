/// A statistical division code (统计用区划代码) of the National Bureau of Statistics, held in
/// its full 12-digit form.
///
/// The digits are segments: province (2), city (2), county (2), township (3), village (3).
/// Files often write the short form, only the segments down to the unit's own level
/// (`21`, `2103`, `210302`, `210302001`, `210302001001`); short codes are padded on the right
/// with zeros. A segment of zeros means the unit stops one level above it, so the level and
/// the parent follow from the digits alone.
public struct DivisionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 12-digit code as a number, e.g. 210302001000.
    public let value: UInt64

    /// Why a string is not a division code.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notDigits
        case badLength(Int)
        case zeroProvince
        case gapInSegments

        public var description: String {
            switch self {
            case .empty: "the code is empty"
            case .notDigits: "a code has only digits"
            case .badLength(let n):
                "a code has 2, 4, 6, 9 or 12 digits (got \(n))"
            case .zeroProvince: "the province segment is 00"
            case .gapInSegments:
                "a zero segment is followed by a non-zero one (e.g. 210003)"
            }
        }
    }

    /// Parses a code in short or full form.
    /// - Throws: ``ParseError`` when the text is not 2, 4, 6, 9 or 12 digits, or the
    ///   segments are inconsistent.
    public init(parsing text: String) throws(ParseError) {
        var value: UInt64 = 0
        var count = 0
        for digit in text.utf8 {
            guard digit >= 0x30, digit <= 0x39 else { throw .notDigits }
            count += 1
            guard count <= 12 else { break }
            value = value * 10 + UInt64(digit - 0x30)
        }
        guard count > 0 else { throw .empty }
        guard count == 2 || count == 4 || count == 6 || count == 9 || count == 12 else {
            throw .badLength(text.utf8.count)
        }
        for _ in count..<12 { value *= 10 }
        try self.init(validating: value)
    }

    /// Wraps a 12-digit number, checking its segments.
    public init(validating value: UInt64) throws(ParseError) {
        guard value < 1_000_000_000_000 else { throw .badLength(String(value).count) }
        guard value >= 10_000_000_000 else { throw .zeroProvince }
        // Once a segment is zero, every later one must be too.
        let divisors: [UInt64] = [100_000_000, 1_000_000, 1_000, 1]
        let moduli: [UInt64] = [100, 100, 1_000, 1_000]
        var sawZero = false
        for (divisor, modulus) in zip(divisors, moduli) {
            let segment = value / divisor % modulus
            if segment == 0 {
                sawZero = true
            } else if sawZero {
                throw .gapInSegments
            }
        }
        self.value = value
    }

    private init(unchecked value: UInt64) {
        self.value = value
    }

    /// The five segments: province, city, county, township, village.
    public var segments: [UInt64] {
        [
            value / 10_000_000_000,
            value / 100_000_000 % 100,
            value / 1_000_000 % 100,
            value / 1_000 % 1_000,
            value % 1_000,
        ]
    }

    /// The level of the unit, from the last non-zero segment.
    public var level: RegionLevel {
        if value % 10_000_000_000 == 0 { return .province }
        if value % 100_000_000 == 0 { return .city }
        if value % 1_000_000 == 0 { return .county }
        if value % 1_000 == 0 { return .township }
        return .village
    }

    /// The code of the unit one level up, or nil for a province.
    public var parent: DivisionCode? {
        switch level {
        case .province: nil
        case .city: DivisionCode(unchecked: value / 10_000_000_000 * 10_000_000_000)
        case .county: DivisionCode(unchecked: value / 100_000_000 * 100_000_000)
        case .township: DivisionCode(unchecked: value / 1_000_000 * 1_000_000)
        case .village: DivisionCode(unchecked: value / 1_000 * 1_000)
        }
    }

    /// The digits down to the unit's own level: 2, 4, 6, 9 or 12 of them.
    public var shortForm: String {
        let full = fullForm
        return String(full.prefix(level.codeLength))
    }

    /// All 12 digits.
    public var fullForm: String {
        let digits = String(value)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// The last segment as a number: the part of the code that is the unit's own.
    public var ownSegment: Int { Int(segments[level.rawValue]) }

    /// True when `self` lies under `ancestor` (or is it).
    public func isWithin(_ ancestor: DivisionCode) -> Bool {
        let divisor: UInt64
        switch ancestor.level {
        case .province: divisor = 10_000_000_000
        case .city: divisor = 100_000_000
        case .county: divisor = 1_000_000
        case .township: divisor = 1_000
        case .village: divisor = 1
        }
        return value / divisor == ancestor.value / divisor
    }

    /// The short form, as files write it.
    public var description: String { shortForm }

    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool { lhs.value < rhs.value }
}

/// The five levels of the statistical division tree.
public enum RegionLevel: Int, Hashable, Comparable, Sendable, CaseIterable,
    CustomStringConvertible, NamedCase
{
    /// Province-level unit (省级): province, autonomous region, municipality.
    case province = 0
    /// Prefecture-level unit (地级): city, prefecture, autonomous prefecture, league.
    case city = 1
    /// County-level unit (县级): district, county, county-level city, banner.
    case county = 2
    /// Township-level unit (乡级): street, town, township.
    case township = 3
    /// Village-level unit (村级): urban community (居委会) or rural village (村委会).
    case village = 4

    /// How many digits the short form of a code at this level has.
    public var codeLength: Int { [2, 4, 6, 9, 12][rawValue] }

    /// The level one down, if any.
    public var below: RegionLevel? { RegionLevel(rawValue: rawValue + 1) }

    /// The name files use: `province`, `city`, `county`, `township`, `village`.
    public var name: String {
        switch self {
        case .province: "province"
        case .city: "city"
        case .county: "county"
        case .township: "township"
        case .village: "village"
        }
    }

    /// The Chinese name of the level.
    public var chineseName: String {
        switch self {
        case .province: "省级"
        case .city: "地级"
        case .county: "县级"
        case .township: "乡级"
        case .village: "村级"
        }
    }

    public var description: String { name }

    /// The identifier files use: ``name``.
    public var identifier: String { name }

    /// The Chinese words files may use for the level.
    public var otherNames: [String] {
        switch self {
        case .province: ["省", "省级"]
        case .city: ["市", "地级", "地级市"]
        case .county: ["县", "县级", "区县"]
        case .township: ["乡级", "乡镇", "乡镇街道"]
        case .village: ["村级", "村居", "社区村"]
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
