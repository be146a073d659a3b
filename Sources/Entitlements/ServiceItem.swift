import Demography
import Geography
import Quantities

/// The level of government that pays (支出责任): central, province, city or county.
public enum PayingLevel: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible,
    NamedCase
{
    /// 中央.
    case central = 0
    /// 省级.
    case province
    /// 市级.
    case city
    /// 县级（含市辖区）.
    case county

    /// `central`, `province`, `city`, `county`.
    public var identifier: String {
        switch self {
        case .central: "central"
        case .province: "province"
        case .city: "city"
        case .county: "county"
        }
    }

    /// 中央, 省级, 市级, 县级.
    public var chineseName: String {
        switch self {
        case .central: "中央"
        case .province: "省级"
        case .city: "市级"
        case .county: "县级"
        }
    }

    /// The Chinese words files may use: 中央, 省/省级, 市/市级, 县/县级/区/县区.
    public var otherNames: [String] {
        switch self {
        case .central: ["中央"]
        case .province: ["省", "省级"]
        case .city: ["市", "市级"]
        case .county: ["县", "县级", "区", "县区"]
        }
    }

    public var description: String { identifier }
}

/// The three kinds of basic elderly-care services of the national list (国家基本养老服务清单):
/// material help, care services and caring services.
public enum ServiceCategory: String, CaseIterable, Hashable, Sendable {
    /// 物质帮助: allowances and subsidies.
    case material
    /// 照护服务: care, assessment, places, home adaptation, carer training.
    case care
    /// 关爱服务: visits and other caring services.
    case caring

    /// 物质帮助, 照护服务, 关爱服务.
    public var chineseName: String {
        switch self {
        case .material: "物质帮助"
        case .care: "照护服务"
        case .caring: "关爱服务"
        }
    }
}

/// What a recipient receives, and how it is counted and costed.
public enum BenefitKind: String, CaseIterable, Hashable, Sendable {
    /// Cash (现金补贴): one payment a period; the unit cost is the amount.
    case cash
    /// Hours of service (服务时长), e.g. home-care hours bought by the government.
    case hours
    /// A place (床位/托位): place-months; the unit cost is per place and month.
    case place
    /// Visits (探访): visits a period; the unit cost is per visit.
    case visits
    /// Events (次): assessments, training courses, home adaptations; the unit cost is per
    /// event.
    case events

    /// The unit of service counted: payments, hours, place-months, visits or events.
    public var unitName: String {
        switch self {
        case .cash: "payments"
        case .hours: "hours"
        case .place: "place_months"
        case .visits: "visits"
        case .events: "events"
        }
    }

    /// 人次（发放）, 小时, 床·月, 次（探访）, 次.
    public var chineseUnitName: String {
        switch self {
        case .cash: "人·次"
        case .hours: "小时"
        case .place: "床·月"
        case .visits: "次（探访）"
        case .events: "次"
        }
    }
}

/// The benefit of an item (待遇标准): a quantity per recipient per period and a unit cost.
///
/// Units of service a year = recipients × quantity × periods a year ÷ household size; cost =
/// units × unit cost. For cash the quantity is one payment and the unit cost is the amount.
public struct Benefit: Hashable, Sendable {
    /// What is received.
    public var kind: BenefitKind
    /// Units per recipient per period (hold between years).
    public var quantity: YearlyValues
    /// Months (12 periods a year) or years (1).
    public var periodsPerYear: Int
    /// Yuan per unit (hold between years).
    public var unitCost: YearlyValues

    /// - Precondition: `periodsPerYear` is 1 or 12.
    public init(
        kind: BenefitKind, quantity: YearlyValues, periodsPerYear: Int, unitCost: YearlyValues
    ) {
        precondition(periodsPerYear == 1 || periodsPerYear == 12)
        self.kind = kind
        self.quantity = quantity
        self.periodsPerYear = periodsPerYear
        self.unitCost = unitCost
    }

    /// A cash benefit of `amount` yuan per month (or per year).
    public static func cash(_ amount: YearlyValues, periodsPerYear: Int = 12) -> Benefit {
        Benefit(
            kind: .cash, quantity: .constant(1, from: amount.years[0]),
            periodsPerYear: periodsPerYear, unitCost: amount)
    }
}

/// Urban or rural residence (城镇/乡村).
public enum Residence: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case urban = 0
    case rural = 1

    public var description: String { self == .urban ? "urban" : "rural" }
}

/// Who is eligible (服务对象): a rule over the cells of the projected population (age, sex,
/// urban or rural residence, capability level) and over groups given as shares of those
/// cells (特困, 低保, living alone …).
///
/// The share of a cell that is eligible is
/// `[age, sex and residence match] × Σ_{levels of the rule} prevalence(level) × groups(level)`,
/// where `groups` is `min(1, Σ any-of shares) × Π all-of shares`: groups listed as
/// alternatives are taken as disjoint (their shares add, as 特困 and 低保 do), groups that
/// must all hold are taken as independent within a cell. A scenario defines a combined group
/// with its own share where neither fits.
public struct EligibilityRule: Hashable, Sendable {
    /// The lowest age, by year (hold); nil: any age.
    public var minimumAge: YearlyValues?
    /// The highest age, by year (hold), inclusive; nil: no limit.
    public var maximumAge: YearlyValues?
    /// One sex only, if given.
    public var sex: Sex?
    /// Urban or rural residents only, if given.
    public var residence: Residence?
    /// The capability levels (GB/T 42195-2022) eligible; nil: every level, without needing
    /// the prevalence of levels.
    public var levels: [CapabilityLevel]?
    /// Groups of which a person must belong to one (taken as disjoint), if any.
    public var anyOfGroups: [String]
    /// Groups to which a person must belong to all (taken as independent), if any.
    public var allOfGroups: [String]

    public init(
        minimumAge: YearlyValues? = nil, maximumAge: YearlyValues? = nil, sex: Sex? = nil,
        residence: Residence? = nil, levels: [CapabilityLevel]? = nil,
        anyOfGroups: [String] = [], allOfGroups: [String] = []
    ) {
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.sex = sex
        self.residence = residence
        self.levels = levels
        self.anyOfGroups = anyOfGroups
        self.allOfGroups = allOfGroups
    }

    /// Every group the rule names.
    public var groups: [String] { anyOfGroups + allOfGroups }
}

/// Where a figure of an item comes from: a source (a clause, a published figure) or an
/// assumption with its reason.
public struct FigureNote: Hashable, Sendable {
    /// The figure: `amount`, `unit_cost`, `quantity`, `take_up`, `household_size`, `exit_rate`.
    public var figure: String
    /// The source, if the figure has one.
    public var source: String?
    /// Why the figure was assumed, if it was.
    public var assumption: String?

    public init(figure: String, source: String? = nil, assumption: String? = nil) {
        self.figure = figure
        self.source = source
        self.assumption = assumption
    }
}

/// The indicators items can feed (see `Targets.IndicatorCatalogue`).
public enum EntitlementIndicator: String, CaseIterable, Hashable, Sendable {
    /// Residents aged 80+ receiving the allowance ÷ residents aged 80+.
    case oldAgeAllowanceCoverage = "old-age-allowance-coverage"
    /// Visits a month to special-hardship elders ÷ those elders.
    case visitsPerSpecialHardshipElder = "visits-per-special-hardship-elder"
    /// Applicants assessed ÷ applicants.
    case assessmentRate = "assessment-rate"
}

/// An item of a basic elderly-care service list (基本养老服务清单项目).
public struct ServiceItem: Hashable, Sendable {
    /// Kebab-case id, e.g. `old-age-allowance`.
    public var id: String
    /// The item's name as the list writes it, e.g. 高龄津贴.
    public var name: String
    /// Material help, care or caring.
    public var category: ServiceCategory
    /// Who is eligible.
    public var eligibility: EligibilityRule
    /// What they receive.
    public var benefit: Benefit
    /// The share of eligible persons who receive it (每年受益比例), by year (interpolated).
    public var takeUp: YearlyValues
    /// Persons per unit of service when the benefit goes to a household (home adaptation);
    /// 1 for persons.
    public var householdSize: Double
    /// A one-off benefit (home adaptation): who received it is not eligible again while they
    /// stay; recipients each year are take-up × (eligible − still served).
    public var once: Bool
    /// For one-off benefits: the share of those served who leave each year (deaths, moves).
    public var exitRate: Double
    /// The shares of the cost each level of government pays, in ``PayingLevel`` order,
    /// summing to 1.
    public var payingShares: [Double]
    /// The department responsible (牵头部门), e.g. 民政.
    public var department: String
    /// The document and clause the item comes from, e.g. `000 二(三)5`.
    public var clause: String
    /// The clause's words, if given.
    public var text: String?
    /// The first and last years the item is paid (nil: from the start, to the end).
    public var from: Int?
    public var until: Int?
    /// The indicator the item feeds, if any.
    public var indicator: EntitlementIndicator?
    /// Where each figure comes from.
    public var figures: [FigureNote]

    public init(
        id: String, name: String, category: ServiceCategory, eligibility: EligibilityRule,
        benefit: Benefit, takeUp: YearlyValues, householdSize: Double = 1, once: Bool = false,
        exitRate: Double = 0, payingShares: [Double], department: String, clause: String,
        text: String? = nil, from: Int? = nil, until: Int? = nil,
        indicator: EntitlementIndicator? = nil, figures: [FigureNote] = []
    ) {
        precondition(payingShares.count == PayingLevel.allCases.count)
        precondition(householdSize > 0 && exitRate >= 0 && exitRate <= 1)
        self.id = id
        self.name = name
        self.category = category
        self.eligibility = eligibility
        self.benefit = benefit
        self.takeUp = takeUp
        self.householdSize = householdSize
        self.once = once
        self.exitRate = exitRate
        self.payingShares = payingShares
        self.department = department
        self.clause = clause
        self.text = text
        self.from = from
        self.until = until
        self.indicator = indicator
        self.figures = figures
    }

    /// Whether the item is paid in a year.
    public func isActive(in year: Int) -> Bool {
        (from.map { year >= $0 } ?? true) && (until.map { year <= $0 } ?? true)
    }

    /// Units of service a year per recipient: quantity × periods ÷ household size.
    public func unitsPerRecipient(in year: Int) -> Double {
        (benefit.quantity.value(in: year) ?? 0) * Double(benefit.periodsPerYear) / householdSize
    }

    /// Yuan per unit of service in a year.
    public func unitCost(in year: Int) -> Double { benefit.unitCost.value(in: year) ?? 0 }
}

/// Budgets for the service list (预算), yuan a year in the years given, in total and by
/// paying level.
public struct EntitlementBudget: Hashable, Sendable {
    /// All levels together, if given.
    public var total: YearlyValues?
    /// By paying level (``PayingLevel`` order), where given.
    public var byLevel: [YearlyValues?]

    public init(total: YearlyValues? = nil, byLevel: [YearlyValues?] = [nil, nil, nil, nil]) {
        precondition(byLevel.count == PayingLevel.allCases.count)
        self.total = total
        self.byLevel = byLevel
    }
}

/// The service list a scenario costs, with the groups its rules name and its budget.
public struct EntitlementSettings: Hashable, Sendable {
    /// The items, from every list the scenario names, overrides applied.
    public var items: [ServiceItem]
    /// The groups, each a share of population cells.
    public var groups: [PopulationGroup]
    /// The budget, if given.
    public var budget: EntitlementBudget?
    /// The urban share of the population areas, by the area's code, for rules on urban or
    /// rural residence when the projection has no urban and rural parts.
    public var urbanShares: [DivisionCode: Double]
    /// The list files, as named.
    public var lists: [String]

    public init(
        items: [ServiceItem], groups: [PopulationGroup], budget: EntitlementBudget? = nil,
        urbanShares: [DivisionCode: Double] = [:], lists: [String] = []
    ) {
        self.items = items
        self.groups = groups
        self.budget = budget
        self.urbanShares = urbanShares
        self.lists = lists
    }
}
