import Geography
import Quantities

/// Every indicator Yanglao knows, with the definitions the targets of the five policy
/// documents need.
///
/// Sources of the definitions: 民政部《养老服务统计调查制度》 for beds and nursing-type beds;
/// the documents themselves (辽政办 2022, 鞍政办发〔2021〕2号, 晋政办 2023, 卫滨区 2023) for the
/// coverage shares, fund shares and ratings they set targets on.
public enum IndicatorCatalogue {
    private static let aboveCounty: [RegionLevel] = [.province, .city, .county]
    private static let aboveTownship: [RegionLevel] = [.province, .city, .county, .township]
    private static let everyLevel = RegionLevel.allCases
    private static let share: ClosedRange<Double> = 0...1
    private static let nonNegative: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude

    /// The indicators, in the order reports list them.
    public static let all: [Indicator] = [
        // Population (context for every other figure)
        Indicator(
            id: "population", chineseName: "常住人口", englishName: "Resident population",
            chineseDefinition: "常住人口（人口预测）", englishDefinition: "Resident population (projected)",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .projection),
        Indicator(
            id: "aged-60-plus", chineseName: "60岁及以上老年人口", englishName: "Residents aged 60+",
            chineseDefinition: "60岁及以上常住人口",
            englishDefinition: "Resident population aged 60 and over",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .olderPopulation),
        Indicator(
            id: "aged-65-plus", chineseName: "65岁及以上老年人口", englishName: "Residents aged 65+",
            chineseDefinition: "65岁及以上常住人口",
            englishDefinition: "Resident population aged 65 and over",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .olderPopulation),
        Indicator(
            id: "aged-80-plus", chineseName: "80岁及以上高龄老年人口", englishName: "Residents aged 80+",
            chineseDefinition: "80岁及以上常住人口",
            englishDefinition: "Resident population aged 80 and over",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .olderPopulation),
        Indicator(
            id: "ageing-rate", chineseName: "老龄化率（60岁及以上人口占比）", englishName: "Share aged 60+",
            chineseDefinition: "60岁及以上常住人口 ÷ 常住人口",
            englishDefinition: "Residents aged 60+ ÷ residents",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: everyLevel,
            range: share, input: .projection),
        Indicator(
            id: "disabled-elderly", chineseName: "失能老年人", englishName: "Disabled older residents",
            chineseDefinition: "能力等级为中度失能、重度失能或完全失能的老年人（GB/T 42195-2022）",
            englishDefinition:
                "Older residents at capability levels 2–4 (moderate, severe or complete loss; GB/T 42195-2022)",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .capabilityLevels),

        // Beds
        Indicator(
            id: "service-beds", chineseName: "养老服务床位数", englishName: "Elderly-care service beds",
            chineseDefinition: "养老机构床位、社区养老服务设施床位与经认定计入的家庭养老床位之和",
            englishDefinition:
                "Beds in institutions and community facilities, plus certified family care beds where the scenario counts them",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 张养老服务床位", english: "add {n} more service beds"),
            input: .inventory),
        Indicator(
            id: "institutional-beds", chineseName: "养老机构床位数",
            englishName: "Beds in elderly-care institutions",
            chineseDefinition: "养老机构（含特困人员供养服务设施、光荣院）的床位",
            englishDefinition:
                "Beds of elderly-care institutions, special-hardship homes and honour homes",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 张机构床位", english: "add {n} more institutional beds"),
            input: .inventory),
        Indicator(
            id: "nursing-beds", chineseName: "护理型床位数", englishName: "Nursing-type beds",
            chineseDefinition: "能够为失能、半失能老年人提供长期照护服务的床位",
            englishDefinition: "Beds equipped and staffed for long-term care of disabled elderly",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 张护理型床位", english: "add {n} more nursing-type beds"),
            input: .inventory),
        Indicator(
            id: "nursing-bed-share-institutional", chineseName: "养老机构护理型床位占比",
            englishName: "Nursing-type share of institutional beds",
            chineseDefinition: "养老机构护理型床位 ÷ 养老机构床位",
            englishDefinition: "Nursing-type beds in institutions ÷ beds in institutions",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: everyLevel,
            range: share,
            action: GapAction(
                chinese: "再将 {n} 张机构床位改造为护理型床位",
                english: "convert {n} more institutional beds to nursing beds"), input: .inventory),
        Indicator(
            id: "nursing-bed-share-all", chineseName: "护理型床位占比（养老服务床位口径）",
            englishName: "Nursing-type share of all service beds",
            chineseDefinition: "护理型床位 ÷ 养老服务床位（含社区床位和计入的家庭养老床位）",
            englishDefinition:
                "Nursing-type beds ÷ all service beds (community and counted family beds included)",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: everyLevel,
            range: share,
            action: GapAction(
                chinese: "再将 {n} 张床位改造为护理型床位", english: "convert {n} more beds to nursing beds"),
            input: .inventory),
        Indicator(
            id: "beds-per-1000-aged-60", chineseName: "每千名老年人拥有养老床位数（60岁及以上）",
            englishName: "Service beds per 1,000 residents aged 60+",
            chineseDefinition: "养老服务床位 ÷ 60岁及以上常住人口 × 1000",
            englishDefinition: "Service beds ÷ resident population aged 60+, per 1,000",
            unit: .perPerson, displayUnit: .perThousand, aggregation: .ratio, levels: everyLevel,
            range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 张养老服务床位", english: "add {n} more service beds"),
            input: .inventoryAndPopulation),
        Indicator(
            id: "beds-per-1000-aged-65", chineseName: "每千名老年人拥有养老床位数（65岁及以上）",
            englishName: "Service beds per 1,000 residents aged 65+",
            chineseDefinition: "养老服务床位 ÷ 65岁及以上常住人口 × 1000",
            englishDefinition: "Service beds ÷ resident population aged 65+, per 1,000",
            unit: .perPerson, displayUnit: .perThousand, aggregation: .ratio, levels: everyLevel,
            range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 张养老服务床位", english: "add {n} more service beds"),
            input: .inventoryAndPopulation),
        Indicator(
            id: "staffing-gap", chineseName: "养老护理员缺口", englishName: "Caregivers missing",
            chineseDefinition: "按护理等级配比所需护理员与在岗护理员之差（各机构缺口之和）",
            englishDefinition:
                "Caregivers needed by residents' care levels minus those available, summed over facilities",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再配备 {n} 名护理员", english: "staff {n} more caregivers"),
            input: .staffing),
        Indicator(
            id: "caregivers", chineseName: "在岗养老护理员", englishName: "Caregivers working",
            chineseDefinition: "养老机构和社区养老服务设施的在岗护理员（按入住老人配备，扣除流失，补充培训）",
            englishDefinition:
                "Caregivers working in institutions and community facilities (staffed for their residents, less attrition, plus those trained)",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .staffing),
        Indicator(
            id: "unstaffed-beds", chineseName: "因缺护理员不能使用的床位",
            englishName: "Beds unusable for lack of caregivers",
            chineseDefinition: "床位和需求允许入住、但在岗护理员按配比照护不了的老年人数",
            englishDefinition:
                "Residents the beds and the demand allow but the caregivers working cannot look after at the staffing ratios",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative, input: .staffing),
        Indicator(
            id: "caregivers-hired", chineseName: "当年招聘养老护理员",
            englishName: "Caregivers hired in the year",
            chineseDefinition: "机构当年从劳动力市场招聘的护理员（补足流失和新增需求的缺口，按招聘补缺率）",
            englishDefinition:
                "Caregivers homes hired from the labour market in the year (filling the shortfall after leavers, at the hiring share)",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .staffing),
        Indicator(
            id: "caregivers-leaving", chineseName: "当年流失养老护理员",
            englishName: "Caregivers who left in the year",
            chineseDefinition: "上年在岗护理员 × 流失率",
            englishDefinition: "Last year's caregivers × the attrition rate",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .staffing),
        Indicator(
            id: "bed-occupancy", chineseName: "养老机构床位入住率",
            englishName: "Occupancy of institutional beds",
            chineseDefinition: "在院老年人数 ÷ 养老机构床位",
            englishDefinition: "Residents ÷ institutional beds",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: everyLevel,
            range: share, input: .inventory),

        // Need and supply (需求与供给): care need by capability level → places and staff
        Indicator(
            id: "beds-needed", chineseName: "所需养老机构床位", englishName: "Institutional beds needed",
            chineseDefinition: "各能力等级老年人数 × 该等级入住需求率之和（GB/T 42195-2022）",
            englishDefinition:
                "Older residents at each capability level (GB/T 42195-2022) × that level's take-up of institutional care, summed",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative, input: .careNeed),
        Indicator(
            id: "nursing-beds-needed", chineseName: "所需护理型床位",
            englishName: "Nursing-type beds needed",
            chineseDefinition: "所需养老机构床位中中度及以上失能老年人的部分",
            englishDefinition:
                "The part of the beds needed that is for residents with moderate or worse capability loss",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative, input: .careNeed),
        Indicator(
            id: "caregivers-needed", chineseName: "所需养老护理员", englishName: "Caregivers needed",
            chineseDefinition: "所需床位的老年人按能力等级配比所需的护理员（与人员配备规则同一配比）",
            englishDefinition:
                "Caregivers the persons needing a bed require at the staffing ratios of their capability levels",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .careNeed),
        Indicator(
            id: "community-places-needed", chineseName: "所需社区养老服务名额",
            englishName: "Community-care places needed",
            chineseDefinition: "各能力等级老年人数 × 该等级社区养老需求率之和",
            englishDefinition:
                "Older residents at each capability level × that level's take-up of community care, summed",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .communityTakeUp),
        Indicator(
            id: "home-care-needed", chineseName: "所需居家上门服务人数",
            englishName: "Older residents needing home care",
            chineseDefinition: "各能力等级老年人数 × 该等级居家上门服务需求率之和",
            englishDefinition:
                "Older residents at each capability level × that level's take-up of home care, summed",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .homeTakeUp),
        Indicator(
            id: "bed-gap", chineseName: "养老机构床位缺口", englishName: "Institutional beds short",
            chineseDefinition: "所需养老机构床位超出现有养老机构床位的部分（无缺口为0）",
            englishDefinition:
                "Institutional beds needed beyond those available (0 when none are short)",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 张机构床位", english: "add {n} more institutional beds"),
            input: .careNeedAndSupply),
        Indicator(
            id: "nursing-bed-gap", chineseName: "护理型床位缺口", englishName: "Nursing-type beds short",
            chineseDefinition: "所需护理型床位超出现有护理型床位的部分（无缺口为0）",
            englishDefinition:
                "Nursing-type beds needed beyond those available (0 when none are short)",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 张护理型床位", english: "add {n} more nursing-type beds"),
            input: .careNeedAndSupply),
        Indicator(
            id: "caregiver-gap", chineseName: "养老护理员需求缺口", englishName: "Caregivers short of need",
            chineseDefinition: "所需养老护理员超出在岗护理员的部分（无缺口为0）",
            englishDefinition: "Caregivers needed beyond those working (0 when none are short)",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再配备 {n} 名护理员", english: "staff {n} more caregivers"),
            input: .careNeedAndSupply),
        Indicator(
            id: "waiting-demand", chineseName: "未满足的入住需求", englishName: "Demand waiting for a bed",
            chineseDefinition: "所需养老机构床位减在院老年人数（无等待为0）",
            englishDefinition: "Persons needing a bed minus residents (0 when nobody waits)",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .careNeedAndSupply),
        Indicator(
            id: "spare-beds", chineseName: "空余养老机构床位", englishName: "Spare institutional beds",
            chineseDefinition: "养老机构床位减在院老年人数",
            englishDefinition: "Institutional beds minus residents",
            unit: .bed, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .careNeedAndSupply),

        // Coverage of units
        Indicator(
            id: "street-centre-coverage", chineseName: "街道综合养老服务机构覆盖率",
            englishName: "Streets with a comprehensive elderly-service centre",
            chineseDefinition: "至少有1个具备综合功能的区域养老服务机构的街道数 ÷ 街道数",
            englishDefinition: "Streets with at least one comprehensive regional centre ÷ streets",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share,
            action: GapAction(
                chinese: "在另外 {n} 个街道建设综合养老服务中心", english: "build centres in {n} more streets"),
            input: .unitCoverage),
        Indicator(
            id: "township-centre-coverage", chineseName: "乡镇综合养老服务机构覆盖率",
            englishName: "Towns and townships with a comprehensive elderly-service centre",
            chineseDefinition: "有具备综合功能的养老服务机构的乡镇数 ÷ 乡镇数",
            englishDefinition:
                "Towns and townships with a comprehensive centre ÷ towns and townships",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share,
            action: GapAction(
                chinese: "在另外 {n} 个乡镇建设区域养老服务中心",
                english: "build centres in {n} more towns and townships"), input: .unitCoverage),
        Indicator(
            id: "urban-community-coverage", chineseName: "城镇社区养老服务设施覆盖率",
            englishName: "Urban communities with an elderly-service facility",
            chineseDefinition: "有养老服务设施的城镇社区数 ÷ 城镇社区数",
            englishDefinition:
                "Urban communities with an elderly-service facility ÷ urban communities",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share,
            action: GapAction(
                chinese: "在另外 {n} 个城镇社区配建养老服务设施",
                english: "provide facilities in {n} more urban communities"), input: .unitCoverage),
        Indicator(
            id: "rural-village-coverage", chineseName: "农村养老服务设施覆盖率",
            englishName: "Rural villages with an elderly-service facility",
            chineseDefinition: "有养老服务设施（含农村幸福院、互助养老点）的行政村数 ÷ 行政村数",
            englishDefinition:
                "Villages with an elderly-service facility (mutual-aid points included) ÷ villages",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share,
            action: GapAction(
                chinese: "在另外 {n} 个行政村建设养老服务设施", english: "provide facilities in {n} more villages"),
            input: .unitCoverage),
        Indicator(
            id: "county-care-homes", chineseName: "照护型特困人员供养服务机构数",
            englishName: "Care-type special-hardship homes",
            chineseDefinition: "以失能、半失能特困人员照护为主的县级特困人员供养服务机构数",
            englishDefinition:
                "County special-hardship homes whose main task is care of the disabled",
            unit: .facility, aggregation: .sum, levels: aboveCounty, range: nonNegative,
            action: GapAction(
                chinese: "再建成 {n} 所县级照护型特困供养机构", english: "open {n} more county care homes"),
            input: .inventory),
        Indicator(
            id: "county-care-home-coverage", chineseName: "建有照护型特困供养机构的县（市、区）比例",
            englishName: "Counties with a care-type special-hardship home",
            chineseDefinition: "建有照护型特困人员供养服务机构的县级单位数 ÷ 县级单位数（口径由目标指定）",
            englishDefinition:
                "County-level units with a care-type home ÷ county-level units (the target says which units)",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio,
            levels: [.province, .city], range: share,
            action: GapAction(
                chinese: "再在 {n} 个县建成照护型特困供养机构", english: "open care homes in {n} more counties"),
            input: .unitCoverage),
        Indicator(
            id: "public-homes", chineseName: "公办养老机构数",
            englishName: "Public elderly-care institutions",
            chineseDefinition: "公办（含公建民营）养老机构数",
            englishDefinition: "Public (incl. publicly built, privately run) institutions",
            unit: .facility, aggregation: .sum, levels: aboveCounty, range: nonNegative,
            action: GapAction(chinese: "再建成 {n} 所公办养老机构", english: "open {n} more public homes"),
            input: .inventory),
        Indicator(
            id: "fifteen-minute-circle-share", chineseName: "一刻钟居家养老服务圈覆盖率",
            englishName: "Older residents within the 15-minute service circle",
            chineseDefinition: "步行15分钟内有社区居家养老服务设施的60岁及以上老年人 ÷ 60岁及以上老年人",
            englishDefinition:
                "Residents aged 60+ within a 15-minute walk of a home-care service point ÷ residents aged 60+",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share,
            action: GapAction(chinese: "再覆盖 {n} 名老年人", english: "reach {n} more older residents"),
            input: .serviceCircle),

        // Counts of community provision
        Indicator(
            id: "community-stations", chineseName: "社区嵌入式养老服务机构和站点数",
            englishName: "Community stations and embedded institutions",
            chineseDefinition: "社区养老服务站、日间照料中心和嵌入式养老服务机构数",
            englishDefinition: "Community stations, day-care centres and embedded institutions",
            unit: .facility, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(
                chinese: "再建 {n} 个社区养老服务站点", english: "open {n} more community stations"),
            input: .inventory),
        Indicator(
            id: "meal-sites", chineseName: "老年助餐服务场所数", englishName: "Meal sites for older people",
            chineseDefinition: "为老年人提供助餐服务的场所数",
            englishDefinition: "Places serving meals to older people",
            unit: .facility, aggregation: .sum, levels: everyLevel, range: nonNegative,
            action: GapAction(chinese: "再认定 {n} 个助餐点", english: "certify {n} more meal sites"),
            input: .inventory),
        Indicator(
            id: "childcare-places-per-1000", chineseName: "每千人口拥有3岁以下婴幼儿托位数",
            englishName: "Childcare places for under-3s per 1,000 residents",
            chineseDefinition: "3岁以下婴幼儿托位数 ÷ 常住人口 × 1000",
            englishDefinition:
                "Childcare places for children under 3 ÷ resident population, per 1,000",
            unit: .perPerson, displayUnit: .perThousand, aggregation: .ratio, levels: aboveCounty,
            range: nonNegative,
            action: GapAction(chinese: "再增加 {n} 个托位", english: "add {n} more childcare places"),
            input: .childcare),
        Indicator(
            id: "childcare-places", chineseName: "3岁以下婴幼儿托位数",
            englishName: "Childcare places for under-3s",
            chineseDefinition: "基期托位（基期每千人托位数 × 常住人口）加规划新增并已建成的托位",
            englishDefinition:
                "Base-year places (the base rate per 1,000 × residents) plus the places the plan added that have opened",
            unit: .one, aggregation: .sum, levels: everyLevel, range: nonNegative, input: .childcare
        ),
        Indicator(
            id: "children-under-3", chineseName: "3岁以下婴幼儿数", englishName: "Children under 3",
            chineseDefinition: "0–2岁常住人口（人口预测）",
            englishDefinition: "Residents aged 0–2 (projected)",
            unit: .person, aggregation: .sum, levels: everyLevel, range: nonNegative,
            input: .childcare),
        Indicator(
            id: "childcare-capital-cost", chineseName: "托位建设投入",
            englishName: "Capital spent on childcare places",
            chineseDefinition: "当年批准新增托位 × 每个托位建设成本",
            englishDefinition: "Places approved in the year × the capital cost of a place",
            unit: .yuan, displayUnit: .tenThousandYuan, aggregation: .sum, levels: everyLevel,
            range: nonNegative, input: .childcare),

        // Money
        Indicator(
            id: "lottery-fund-share", chineseName: "福利彩票公益金用于养老服务的比例",
            englishName: "Share of welfare-lottery funds spent on elderly care",
            chineseDefinition: "用于养老服务的社会福利事业彩票公益金 ÷ 社会福利事业彩票公益金",
            englishDefinition:
                "Welfare-lottery funds spent on elderly care ÷ welfare-lottery funds for social welfare",
            unit: .fraction, displayUnit: .percent, aggregation: .own, levels: aboveCounty,
            range: share, input: .lotteryTotal),
        Indicator(
            id: "lottery-fund-share-civil-affairs", chineseName: "省民政厅彩票公益金用于养老服务的比例",
            englishName:
                "Share of the provincial civil-affairs department's lottery funds spent on elderly care",
            chineseDefinition: "省民政厅用于养老服务的彩票公益金 ÷ 省民政厅彩票公益金",
            englishDefinition:
                "Lottery funds of the provincial civil-affairs department spent on elderly care ÷ its lottery funds",
            unit: .fraction, displayUnit: .percent, aggregation: .own, levels: [.province],
            range: share, input: .civilAffairsLottery),
        Indicator(
            id: "bed-operating-subsidy", chineseName: "民办养老机构床位运营补贴标准",
            englishName: "Operating subsidy per resident of private homes",
            chineseDefinition: "对接收经济困难的80周岁以上高龄失能老年人的民办养老机构的补贴，元/人/月",
            englishDefinition:
                "Subsidy to private homes per poor disabled resident aged 80+, yuan per person per month",
            unit: .yuanPerPersonMonth, aggregation: .own, levels: aboveCounty, range: nonNegative,
            input: .operatingSubsidyStandard),
        Indicator(
            id: "talent-fund", chineseName: "养老人才培养专项资金",
            englishName: "Elderly-care workforce fund",
            chineseDefinition: "财政每年安排的养老人才培养关爱专项资金",
            englishDefinition: "Yearly public fund for training and supporting care workers",
            unit: .yuan, displayUnit: .tenThousandYuan, aggregation: .own, levels: aboveCounty,
            range: nonNegative, input: .training),
        Indicator(
            id: "capital-cost", chineseName: "养老服务设施建设投入",
            englishName: "Capital spending on facilities",
            chineseDefinition: "当年新建、改造、升级养老服务设施的投入（各资金来源合计）",
            englishDefinition:
                "Spending in the year on building, converting and upgrading facilities, all sources",
            unit: .yuan, displayUnit: .tenThousandYuan, aggregation: .sum, levels: aboveCounty,
            range: nonNegative, input: .investment),
        Indicator(
            id: "recurring-cost", chineseName: "养老服务补贴支出",
            englishName: "Recurring spending on subsidies",
            chineseDefinition: "当年高龄津贴、护理补贴、服务补贴、运营补贴和培训支出",
            englishDefinition:
                "Old-age allowance, care and service subsidies, operating subsidies and training in the year",
            unit: .yuan, displayUnit: .tenThousandYuan, aggregation: .sum, levels: aboveCounty,
            range: nonNegative, input: .investment),

        // Quality, workforce, services
        Indicator(
            id: "township-public-homes-rated-1", chineseName: "乡镇级公办养老机构评定一级及以上比例",
            englishName: "Township public homes rated at least 1 star",
            chineseDefinition: "等级评定不低于一级的乡镇级公办养老机构 ÷ 乡镇级公办养老机构",
            englishDefinition:
                "Township-level public homes rated 1 star or more (GB/T 37276) ÷ township-level public homes",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveCounty,
            range: share,
            action: GapAction(
                chinese: "再使 {n} 所乡镇级公办机构达到一级", english: "raise {n} more township homes to 1 star"),
            input: .ratings),
        Indicator(
            id: "county-public-homes-rated-2", chineseName: "县级公办养老机构评定二级及以上比例",
            englishName: "County public homes rated at least 2 stars",
            chineseDefinition: "等级评定不低于二级的县级公办养老机构 ÷ 县级公办养老机构",
            englishDefinition:
                "County-level public homes rated 2 stars or more (GB/T 37276) ÷ county-level public homes",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio,
            levels: [.province, .city], range: share,
            action: GapAction(
                chinese: "再使 {n} 所县级公办机构达到二级", english: "raise {n} more county homes to 2 stars"),
            input: .ratings),
        Indicator(
            id: "training-rate", chineseName: "养老院院长、养老护理员培训率",
            englishName: "Home directors and caregivers trained",
            chineseDefinition: "当年接受培训的养老院院长和养老护理员 ÷ 养老院院长和养老护理员",
            englishDefinition:
                "Home directors and caregivers trained ÷ home directors and caregivers",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveCounty,
            range: share,
            action: GapAction(chinese: "再培训 {n} 人", english: "train {n} more staff"),
            input: .training),
        Indicator(
            id: "visits-per-special-hardship-elder", chineseName: "特殊困难老年人月均探访次数",
            englishName: "Visits per special-hardship elder per month",
            chineseDefinition: "对独居、空巢、留守、失能、重残、计划生育特殊家庭老年人的探访次数 ÷ 此类老年人数 ÷ 月数",
            englishDefinition:
                "Visits to elderly living alone, empty-nest, left-behind, disabled or of bereaved one-child families ÷ such elderly ÷ months",
            unit: .perMonth, aggregation: .ratio, levels: aboveTownship, range: nonNegative,
            input: .serviceList),
        Indicator(
            id: "assessment-rate", chineseName: "老年人能力评估覆盖率",
            englishName: "Applicants assessed (GB/T 42195-2022)",
            chineseDefinition: "按《老年人能力评估规范》完成评估的申请人 ÷ 申请人",
            englishDefinition: "Applicants assessed under GB/T 42195-2022 ÷ applicants",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share,
            action: GapAction(chinese: "再评估 {n} 名申请人", english: "assess {n} more applicants"),
            input: .serviceList),
        Indicator(
            id: "old-age-allowance-coverage", chineseName: "高龄津贴覆盖率",
            englishName: "Residents aged 80+ receiving the old-age allowance",
            chineseDefinition: "领取高龄津贴的80岁及以上老年人 ÷ 80岁及以上老年人",
            englishDefinition:
                "Residents aged 80+ receiving the old-age allowance ÷ residents aged 80+",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: everyLevel,
            range: share,
            action: GapAction(
                chinese: "再为 {n} 名高龄老年人发放津贴",
                english: "pay the allowance to {n} more residents aged 80+"), input: .serviceList),
        Indicator(
            id: "central-support-rate", chineseName: "有集中供养意愿的特困老年人集中供养率",
            englishName: "Special-hardship elderly wanting central support who receive it",
            chineseDefinition: "实现集中供养的有意愿特困老年人 ÷ 有集中供养意愿的特困老年人",
            englishDefinition: "Special-hardship elderly in central support ÷ those who want it",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveCounty,
            range: share,
            action: GapAction(
                chinese: "再集中供养 {n} 名特困老年人",
                english: "take {n} more special-hardship elderly into central support"),
            input: .centralSupport),
        Indicator(
            id: "backfill-rate", chineseName: "老旧小区养老服务设施达标率",
            englishName: "Old residential areas brought up to the facility standard",
            chineseDefinition: "养老服务设施达标的老旧小区和已建成居住区 ÷ 老旧小区和已建成居住区",
            englishDefinition:
                "Old and existing residential areas whose elderly-care facilities meet the standard ÷ such areas",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share,
            action: GapAction(
                chinese: "再补足 {n} 个小区的养老服务设施",
                english: "back-fill facilities in {n} more residential areas"), input: .backfill),
        Indicator(
            id: "new-area-facility-land", chineseName: "新建城区人均养老服务设施用地",
            englishName: "Elderly-facility land per resident in new urban areas",
            chineseDefinition: "新建城区、居住（小）区配建的养老服务设施用地 ÷ 常住人口",
            englishDefinition:
                "Land of elderly-care facilities in new urban areas ÷ their residents",
            unit: .squareMetrePerPerson, aggregation: .ratio, levels: aboveTownship,
            range: nonNegative, input: .newAreaLand),
        Indicator(
            id: "new-area-facility-compliance", chineseName: "新建城区养老服务设施配建达标率",
            englishName: "New urban areas whose elderly facilities meet the standard",
            chineseDefinition: "养老服务设施配建达标的新建城区、居住（小）区 ÷ 新建城区、居住（小）区",
            englishDefinition: "New urban areas meeting the facility standard ÷ new urban areas",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio, levels: aboveTownship,
            range: share, input: .newAreaLand),
        Indicator(
            id: "service-list-published", chineseName: "发布本地基本养老服务清单的地区比例",
            englishName: "Regions that have published their basic elderly-care service list",
            chineseDefinition: "已发布本地基本养老服务清单的地区 ÷ 地区",
            englishDefinition: "Regions that published a list ÷ regions",
            unit: .fraction, displayUnit: .percent, aggregation: .ratio,
            levels: [.province, .city], range: share,
            action: GapAction(
                chinese: "还需 {n} 个地区发布清单", english: "{n} more regions to publish their lists"),
            input: .milestones),
        Indicator(
            id: "fitness-equipped-communities", chineseName: "配置老年健身器材的社区数",
            englishName: "Communities given fitness equipment for older people",
            chineseDefinition: "当年使用体彩公益金配置老年健身器材的社区数",
            englishDefinition: "Communities equipped in the year from the sports lottery fund",
            unit: .facility, aggregation: .sum, levels: aboveCounty, range: nonNegative,
            action: GapAction(chinese: "再为 {n} 个社区配置健身器材", english: "equip {n} more communities"),
            input: .fitnessEquipment),
        Indicator(
            id: "fitness-equipped-institutions", chineseName: "配置健身器材的社区养老机构数",
            englishName: "Community care institutions given fitness equipment",
            chineseDefinition: "当年使用体彩公益金配置健身器材与设施的社区养老机构数",
            englishDefinition: "Community institutions equipped in the year",
            unit: .facility, aggregation: .sum, levels: aboveCounty, range: nonNegative,
            action: GapAction(chinese: "再为 {n} 所机构配置健身器材", english: "equip {n} more institutions"),
            input: .fitnessEquipment),
    ]

    /// The indicator with an id.
    public static func indicator(_ id: String) -> Indicator? { byID[id] }

    private static let byID: [String: Indicator] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.id, $0) })
}

/// The inputs that compute the catalogue's indicators, named once here and given beside each
/// indicator above: the scenario sections and columns a planner adds to compute a target that
/// is not computed, or, for what Yanglao does not model yet, the data it would need.
extension IndicatorInput {
    static let projection = IndicatorInput(
        chinese: "人口预测（情景的 `demography:`）",
        english: "the population projection (the scenario's `demography:`)")
    static let olderPopulation = IndicatorInput(
        chinese: "人口预测（`demography:`）或老年人口表（`elderly_population:`）",
        english:
            "the population projection (`demography:`) or an older-population table (`elderly_population:`)"
    )
    static let capabilityLevels = IndicatorInput(
        chinese:
            "按能力等级的老年人口：`demography.care_need.prevalence`，或 `elderly_population` 表的 `mild`、`moderate`、`severe`、`complete` 列",
        english:
            "older people by capability level: `demography.care_need.prevalence`, or the `mild`, `moderate`, `severe`, `complete` columns of the `elderly_population` table"
    )
    static let inventory = IndicatorInput(
        chinese: "设施清单（`facilities:` 的 `inventory`，含 `type`、`ownership`、`beds`、`nursing_beds` 列）",
        english:
            "the facility inventory (`facilities:` with its `inventory`: columns `type`, `ownership`, `beds`, `nursing_beds`)"
    )
    static let inventoryAndPopulation = IndicatorInput(
        chinese: "设施清单（`facilities:`）和老年人口（`demography:` 或 `elderly_population:`）",
        english:
            "the facility inventory (`facilities:`) and the older population (`demography:` or `elderly_population:`)"
    )
    static let staffing = IndicatorInput(
        chinese: "设施清单（`facilities:`）与人员配备规则（`facilities.staffing`）",
        english:
            "the facility inventory (`facilities:`) and its staffing rules (`facilities.staffing`)")
    static let careNeed = IndicatorInput(
        chinese:
            "按能力等级的老年人口（`demography.care_need.prevalence` 或 `elderly_population` 的等级列）与入住需求率（`facilities.take_up`）",
        english:
            "older people by capability level (`demography.care_need.prevalence` or the level columns of `elderly_population`) and the take-up of care (`facilities.take_up`)"
    )
    static let communityTakeUp = IndicatorInput(
        chinese: "按能力等级的老年人口与社区养老需求率（`facilities.take_up.community`）",
        english:
            "older people by capability level and the take-up of community care (`facilities.take_up.community`)"
    )
    static let homeTakeUp = IndicatorInput(
        chinese: "按能力等级的老年人口与居家上门服务需求率（`facilities.take_up.home`）",
        english:
            "older people by capability level and the take-up of home care (`facilities.take_up.home`)"
    )
    static let careNeedAndSupply = IndicatorInput(
        chinese: "按能力等级的老年人口、入住需求率（`facilities.take_up`）和设施清单（`facilities:`）",
        english:
            "older people by capability level, the take-up of care (`facilities.take_up`) and the facility inventory (`facilities:`)"
    )
    static let unitCoverage = IndicatorInput(
        chinese: "设施清单（`facilities:`，设施所在的 `community` 列）和区划表中该类单位；覆盖口径见 `coverage.indicators`",
        english:
            "the facility inventory (`facilities:`, the `community` column where each stands) and units of the kind in the regions table; `coverage.indicators` sets what counts"
    )
    static let serviceCircle = IndicatorInput(
        chinese:
            "有老年人口单位的坐标（区划表的 `lon`、`lat` 列）、人口预测（`demography:`）、设施清单（`facilities:`）和 `coverage:`",
        english:
            "the positions of the units with older residents (the regions table's `lon`, `lat`), the population projection (`demography:`), the facility inventory (`facilities:`) and `coverage:`"
    )
    static let childcare = IndicatorInput(
        chinese: "托育（`childcare:`）和人口预测（`demography:`）",
        english: "childcare (`childcare:`) and the population projection (`demography:`)")
    static let lotteryTotal = IndicatorInput(
        chinese: "设施清单（`facilities:`）和该年的福利彩票公益金总额（`investment.welfare_lottery_total`）",
        english:
            "the facility inventory (`facilities:`) and the year's whole welfare-lottery fund (`investment.welfare_lottery_total`)"
    )
    static let investment = IndicatorInput(
        chinese: "设施清单（`facilities:`）和投资计划（`investment:`）",
        english: "the facility inventory (`facilities:`) and the investment plan (`investment:`)")
    static let ratings = IndicatorInput(
        chinese: "设施清单（`facilities:`）的 `ownership`、`stars` 列，以及相应级别的公办养老机构",
        english:
            "the `ownership` and `stars` columns of the facility inventory (`facilities:`), and public homes of the level"
    )
    static let training = IndicatorInput(
        chinese:
            "设施清单（`facilities:`）、人员配备（`facilities.staffing` 的 `trained_share`、`trained_per_year`）和培训资金（`investment.recurring.training`）",
        english:
            "the facility inventory (`facilities:`), staffing (`trained_share`, `trained_per_year` of `facilities.staffing`) and the training's funding (`investment.recurring.training`)"
    )
    static let serviceList = IndicatorInput(
        chinese: "基本养老服务清单（`entitlements.lists`）中计入该指标的服务项目（项目的 `indicator:`）",
        english:
            "an item of the basic service list (`entitlements.lists`) that feeds the indicator (the item's `indicator:`)"
    )
    static let civilAffairsLottery = IndicatorInput(
        chinese: "省民政厅本级的彩票公益金及其用于养老服务的支出（尚无对应的情景输入）",
        english:
            "the provincial civil-affairs department's own lottery funds and what it spends on elderly care (no scenario input provides them yet)",
        isModelled: false)
    static let operatingSubsidyStandard = IndicatorInput(
        chinese:
            "按每名符合条件的入住老年人实际支付的运营补贴（元/人/月）；`investment.recurring.operating_subsidy` 目前只计支出，不计标准",
        english:
            "the operating subsidy paid per eligible resident (yuan per person per month); `investment.recurring.operating_subsidy` counts the spending, not the rate",
        isModelled: false)
    static let centralSupport = IndicatorInput(
        chinese: "特困老年人数、其中有集中供养意愿的比例和特困供养机构的床位（尚无对应的情景输入）",
        english:
            "special-hardship older people, the share wishing central support and the places of special-hardship homes (no scenario input provides them yet)",
        isModelled: false)
    static let backfill = IndicatorInput(
        chinese: "小区（居住区）图层：所在单位、建成年份、养老服务设施面积，以及补建行动（尚无对应的情景输入）",
        english:
            "a layer of residential areas (小区): unit, year built, elderly-facility floor area, and back-fill actions (no scenario input provides them yet)",
        isModelled: false)
    static let newAreaLand = IndicatorInput(
        chinese: "新建城区、居住（小）区图层及其常住人口和养老服务设施用地面积（m²）（尚无对应的情景输入）",
        english:
            "a layer of new urban and residential areas with their residents and elderly-facility land in m² (no scenario input provides them yet)",
        isModelled: false)
    static let milestones = IndicatorInput(
        chinese: "政策事项清单：各地区发布本地基本养老服务清单的日期（尚无对应的情景输入）",
        english:
            "policy milestones: when each region published its basic service list (no scenario input provides them yet)",
        isModelled: false)
    static let fitnessEquipment = IndicatorInput(
        chinese: "配置老年健身器材的行动及其数量和费用（尚无对应的情景输入）",
        english:
            "actions equipping communities and institutions with fitness equipment, with counts and costs (no scenario input provides them yet)",
        isModelled: false)
}
