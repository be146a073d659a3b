import Geography

/// The kinds of elderly-care facility (养老服务设施) the stock is made of, in the three tiers of
/// the national network (county institutions › street/township centres › community and
/// village stations), plus meal sites and family care beds.
///
/// Each type belongs to one ``BedCategory`` (or none, for meal sites). The statistical
/// bulletins of the Ministry of Civil Affairs count institutional beds (registered elderly-care
/// institutions, including the special-hardship homes) and community beds (community
/// facilities) as 养老服务床位, and keep family beds apart.
public enum FacilityType: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible,
    NamedCase
{
    /// Elderly-care institution (养老机构): a registered home, public, private or
    /// public-built-private-run.
    case institution = 0
    /// Special-hardship support facility (特困人员供养服务设施, 敬老院), county or township; a
    /// care-type (照护型) one focuses on disabled residents.
    case specialHardshipHome
    /// Honour home (光荣院) for entitled veterans and their families.
    case honourHome
    /// Street comprehensive elderly-care service centre (街道综合养老服务中心).
    case streetCentre
    /// Township regional elderly-care service centre (乡镇区域养老服务中心).
    case townshipCentre
    /// Community elderly-care station or day-care centre (社区养老服务站 / 日间照料中心).
    case communityStation
    /// Rural mutual-aid point (农村幸福院 / 互助养老点).
    case villagePoint
    /// Meal site for older people (老年助餐点).
    case mealSite
    /// Family care beds (家庭养老床位) of one community: certified beds in people's homes.
    case familyBeds

    /// The number of types (`allCases.count`, without building the array).
    public static let count = 9

    /// The identifier files use: `institution`, `special_hardship_home`, `honour_home`,
    /// `street_centre`, `township_centre`, `community_station`, `village_point`, `meal_site`,
    /// `family_beds`.
    public var identifier: String {
        switch self {
        case .institution: "institution"
        case .specialHardshipHome: "special_hardship_home"
        case .honourHome: "honour_home"
        case .streetCentre: "street_centre"
        case .townshipCentre: "township_centre"
        case .communityStation: "community_station"
        case .villagePoint: "village_point"
        case .mealSite: "meal_site"
        case .familyBeds: "family_beds"
        }
    }

    /// The Chinese name of the type.
    public var chineseName: String {
        switch self {
        case .institution: "养老机构"
        case .specialHardshipHome: "特困人员供养服务设施"
        case .honourHome: "光荣院"
        case .streetCentre: "街道综合养老服务中心"
        case .townshipCentre: "乡镇区域养老服务中心"
        case .communityStation: "社区养老服务站"
        case .villagePoint: "农村幸福院"
        case .mealSite: "老年助餐点"
        case .familyBeds: "家庭养老床位"
        }
    }

    /// The Chinese name, then the other names files may use for the type.
    public var otherNames: [String] {
        switch self {
        case .institution: [chineseName, "养老院"]
        case .specialHardshipHome: [chineseName, "敬老院", "特困供养服务设施"]
        case .townshipCentre: [chineseName, "区域养老服务中心"]
        case .communityStation: [chineseName, "日间照料中心", "社区日间照料中心", "养老服务站"]
        case .villagePoint: [chineseName, "互助养老点", "农村互助幸福院"]
        case .mealSite: [chineseName, "助餐点"]
        case .familyBeds: [chineseName, "家庭照护床位"]
        case .honourHome, .streetCentre: [chineseName]
        }
    }

    /// The category its beds count in; nil for meal sites, which have none.
    public var bedCategory: BedCategory? {
        switch self {
        case .institution, .specialHardshipHome, .honourHome: .institutional
        case .streetCentre, .townshipCentre, .communityStation, .villagePoint: .community
        case .familyBeds: .family
        case .mealSite: nil
        }
    }

    /// The years from approval to opening when neither the inventory nor the plan says
    /// (an assumption, overridable in `facilities.lead_times`): two years for a new home,
    /// one for a centre, none for stations, points, meal sites and family beds, which
    /// mostly use existing premises.
    public var defaultLeadTime: Int {
        switch self {
        case .institution, .specialHardshipHome, .honourHome: 2
        case .streetCentre, .townshipCentre: 1
        case .communityStation, .villagePoint, .mealSite, .familyBeds: 0
        }
    }

    public var description: String { identifier }
}

/// Where a bed is counted (床位类别).
public enum BedCategory: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible,
    NamedCase
{
    /// Beds of registered institutions (机构床位), the denominator of the national nursing-bed
    /// share.
    case institutional = 0
    /// Beds of community facilities (社区养老服务机构和设施床位).
    case community
    /// Certified family care beds (家庭养老床位); counted as service beds only when the scenario
    /// says so.
    case family

    /// The number of categories.
    public static let count = 3

    public var identifier: String {
        switch self {
        case .institutional: "institutional"
        case .community: "community"
        case .family: "family"
        }
    }

    public var description: String { identifier }
}

/// The level of government that runs a public home (举办层级): the county (县级社会福利院、
/// 县级特困供养机构、中心敬老院) or the township (乡镇敬老院). Star-rating targets are set by
/// level (Shanxi: county homes 2 stars, township homes 1 star).
public enum OperatingTier: Int, Hashable, Sendable, CaseIterable, NamedCase {
    case county = 0
    case township

    /// `county`, `township`.
    public var identifier: String {
        switch self {
        case .county: "county"
        case .township: "township"
        }
    }

    public var chineseName: String {
        switch self {
        case .county: "县级"
        case .township: "乡镇级"
        }
    }

    public var otherNames: [String] { [chineseName] }

    /// The tier a home has when the inventory does not say: special-hardship homes that are
    /// not care-type are the townships' (乡镇敬老院); public institutions, honour homes and
    /// care-type special-hardship homes are the county's.
    public static func assumed(type: FacilityType, isCareType: Bool) -> OperatingTier {
        type == .specialHardshipHome && !isCareType ? .township : .county
    }
}

/// Who owns and who runs a facility (举办主体).
public enum Ownership: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible, NamedCase {
    /// Public (公办): built and run by the government.
    case publicRun = 0
    /// Private (民办): built and run by a social or private organisation.
    case privateRun
    /// Public-built, privately run (公建民营).
    case publicBuiltPrivatelyRun

    /// The number of ownerships.
    public static let count = 3

    /// `public`, `private`, `public_built_private_run`.
    public var identifier: String {
        switch self {
        case .publicRun: "public"
        case .privateRun: "private"
        case .publicBuiltPrivatelyRun: "public_built_private_run"
        }
    }

    public var chineseName: String {
        switch self {
        case .publicRun: "公办"
        case .privateRun: "民办"
        case .publicBuiltPrivatelyRun: "公建民营"
        }
    }

    public var otherNames: [String] { [chineseName] }

    public var description: String { identifier }
}

/// Where a facility stands in its life (状态).
public enum FacilityStatus: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible,
    NamedCase
{
    /// In a plan, not approved or funded (规划): it opens only if the investment plan builds
    /// it.
    case planned = 0
    /// Approved (已立项): opens after its lead time.
    case approved
    /// Under construction (在建): opens in its opening year.
    case underConstruction
    /// Open and counted (运营).
    case operating
    /// Closed (关停): not counted.
    case closed

    /// `planned`, `approved`, `under_construction`, `operating`, `closed`.
    public var identifier: String {
        switch self {
        case .planned: "planned"
        case .approved: "approved"
        case .underConstruction: "under_construction"
        case .operating: "operating"
        case .closed: "closed"
        }
    }

    public var chineseName: String {
        switch self {
        case .planned: "规划"
        case .approved: "已立项"
        case .underConstruction: "在建"
        case .operating: "运营"
        case .closed: "关停"
        }
    }

    /// The Chinese name, then the other names files may use (已批准, 建设中, 运营中, 关闭).
    public var otherNames: [String] {
        switch self {
        case .planned: [chineseName]
        case .approved: [chineseName, "已批准"]
        case .underConstruction: [chineseName, "建设中"]
        case .operating: [chineseName, "运营中"]
        case .closed: [chineseName, "关闭"]
        }
    }

    public var description: String { identifier }
}

/// Star rating of an institution under GB/T 37276-2018 养老机构等级划分与评定: 0 (not rated)
/// to 5 stars.
public enum StarRating {
    /// The ratings the standard defines, 0 meaning unrated.
    public static let range = 0...5
}
