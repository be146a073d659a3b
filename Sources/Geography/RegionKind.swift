/// What kind of unit a region is, within its level.
///
/// Coverage targets count units by kind: the share of *streets* with a street centre, of
/// *towns and townships* with a township centre, of *urban communities* and of *rural
/// villages* with a facility, of *counties* (with or without districts) with a care home.
public enum RegionKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible,
    NamedCase
{
    /// Province, autonomous region or municipality (省、自治区、直辖市).
    case province
    /// Prefecture-level city, prefecture, autonomous prefecture or league (地级市、地区、州、盟).
    case city
    /// City district (市辖区).
    case district
    /// County, autonomous county, banner (县、自治县、旗、自治旗).
    case county
    /// County-level city (县级市).
    case countyCity = "county_city"
    /// Other county-level unit: forest district, special district, development zone (林区、特区、开发区).
    case otherCounty = "other_county"
    /// Street (街道), the urban township-level unit.
    case street
    /// Town (镇).
    case town
    /// Township (乡), including ethnic townships (民族乡) and sumu (苏木).
    case township
    /// Other township-level unit: development zone, farm, forest farm (开发区、农场、林场).
    case otherTownship = "other_township"
    /// Urban community: residents' committee (社区居委会).
    case community
    /// Rural village: villagers' committee (村委会).
    case village

    /// The level of the tree this kind belongs to.
    public var level: RegionLevel {
        switch self {
        case .province: .province
        case .city: .city
        case .district, .county, .countyCity, .otherCounty: .county
        case .street, .town, .township, .otherTownship: .township
        case .community, .village: .village
        }
    }

    /// The Chinese name of the kind.
    public var chineseName: String {
        switch self {
        case .province: "省"
        case .city: "地级市"
        case .district: "市辖区"
        case .county: "县"
        case .countyCity: "县级市"
        case .otherCounty: "其他县级单位"
        case .street: "街道"
        case .town: "镇"
        case .township: "乡"
        case .otherTownship: "其他乡级单位"
        case .community: "社区"
        case .village: "村"
        }
    }

    public var description: String { rawValue }

    /// The identifier files use: the raw value, e.g. `county_city`.
    public var identifier: String { rawValue }

    /// The Chinese name, then the other names files may use (区, 市, 旗, 居委会, …).
    public var otherNames: [String] {
        switch self {
        case .district: [chineseName, "区"]
        case .countyCity: [chineseName, "市"]
        case .county: [chineseName, "旗"]
        case .community: [chineseName, "居委会"]
        case .village: [chineseName, "村委会"]
        case .town: [chineseName, "乡镇"]
        case .street: [chineseName, "街道办事处"]
        case .province, .city, .otherCounty, .township, .otherTownship: [chineseName]
        }
    }

    /// The default kind of a level when nothing more is known.
    public static func defaultKind(of level: RegionLevel) -> RegionKind {
        switch level {
        case .province: .province
        case .city: .city
        case .county: .county
        case .township: .town
        case .village: .village
        }
    }
}

/// Rules that tell a region's kind from its name or its code.
public enum KindRules {
    /// Township kind from the name suffix, in this order: 街道 / 街道办事处 / 街道办 → street;
    /// 办事处 without 农场, 林场 or 牧场 → street; 镇 → town; 乡 or 苏木 → township (ethnic
    /// townships included); anything else → other (开发区, 农场, 管理委员会, …).
    public static func townshipKind(fromName name: String) -> RegionKind {
        let name = name.trimmingCharacters(in: " \t\u{3000}")
        if name.hasSuffix("街道") || name.hasSuffix("街道办事处") || name.hasSuffix("街道办") {
            return .street
        }
        if name.hasSuffix("办事处"), !name.contains("农场"), !name.contains("林场"),
            !name.contains("牧场")
        {
            return .street
        }
        if name.hasSuffix("镇") { return .town }
        if name.hasSuffix("乡") || name.hasSuffix("苏木") { return .township }
        return .otherTownship
    }

    /// Township kind from digits 7–9 of the code: 001–099 street, 100–199 town, 200–399
    /// township, 400–599 other (类似乡级单位).
    public static func townshipKind(fromCode code: DivisionCode) -> RegionKind {
        switch code.segments[3] {
        case 1...99: .street
        case 100...199: .town
        case 200...399: .township
        default: .otherTownship
        }
    }

    /// Village kind from digits 10–12 of the code (the committee type): 001–199 residents'
    /// committee → community; 200–399 villagers' committee → village; 400–499 virtual or
    /// enterprise communities → community; 500–599 living areas of farms → village.
    public static func villageKind(fromCode code: DivisionCode) -> RegionKind {
        switch code.segments[4] {
        case 1...199, 400...499: .community
        default: .village
        }
    }

    /// County kind from the name: ending 区 (but not 林区/特区/开发区/示范区/风景名胜区…) →
    /// district; 县, 旗 → county; 市 → county-level city; otherwise other.
    public static func countyKind(fromName name: String) -> RegionKind {
        let name = name.trimmingCharacters(in: " \t\u{3000}")
        let otherSuffixes = ["林区", "特区", "开发区", "示范区", "园区", "名胜区", "新区管委会", "管理区", "管委会"]
        if otherSuffixes.contains(where: { name.hasSuffix($0) }) { return .otherCounty }
        if name == "市辖区" { return .otherCounty }
        if name.hasSuffix("区") { return .district }
        if name.hasSuffix("县") || name.hasSuffix("旗") { return .county }
        if name.hasSuffix("市") { return .countyCity }
        return .otherCounty
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let drop = Set(set.unicodeScalars)
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop.contains($0) })!
        return String(scalars[first...last])
    }
}

/// The urban–rural classification code (城乡分类代码) of a village-level unit.
public enum UrbanRuralClass: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// 主城区: main urban area.
    case mainUrbanArea = 111
    /// 城乡结合区: urban–rural fringe.
    case urbanFringe = 112
    /// 镇中心区: town centre.
    case townCentre = 121
    /// 镇乡结合区: town–village fringe.
    case townFringe = 122
    /// 特殊区域: special area.
    case specialArea = 123
    /// 乡中心区: township centre.
    case townshipCentre = 210
    /// 村庄: village.
    case village = 220

    /// Codes 111–123 are urban (城镇), 210 and 220 rural (乡村).
    public var isUrban: Bool { rawValue < 200 }

    /// The kind of village-level unit the class implies: urban classes are communities,
    /// rural ones villages.
    public var villageKind: RegionKind { isUrban ? .community : .village }

    public var chineseName: String {
        switch self {
        case .mainUrbanArea: "主城区"
        case .urbanFringe: "城乡结合区"
        case .townCentre: "镇中心区"
        case .townFringe: "镇乡结合区"
        case .specialArea: "特殊区域"
        case .townshipCentre: "乡中心区"
        case .village: "村庄"
        }
    }

    public var description: String { String(rawValue) }
}
