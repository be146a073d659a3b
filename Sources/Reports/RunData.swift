import Facilities
import Geography
import Provenance
import Simulation
import Targets
import Uncertainty

/// What the reports read: one run's regions, indicators, targets and costs.
///
/// It is made from a run in memory (``init(result:toolVersion:)``) or read back from a run
/// folder (``RunFolderReader``), so that `yanglao run` and `yanglao report RUN_DIR` write
/// the same reports from the same figures.
public struct RunData: Sendable {
    /// One line of spending: a year, a region (its subtree), capital or recurring, a source.
    public struct Cost: Hashable, Sendable {
        public var year: Int
        public var region: Int
        public var kind: CostKind
        public var source: FundingSource
        public var yuan: Double
    }

    public var scenarioID: String
    public var label: String
    /// Notes every report repeats (e.g. that a scenario's facilities are synthetic).
    public var notes: [String]
    /// What the run said about how it was computed (``SimulationResult/notes``), printed
    /// after `notes` in the report's language.
    public var runNotes: [RunNote] = []
    public var years: ClosedRange<Int>
    public var reportYear: Int
    /// The planning region's index in the tree.
    public var region: Int
    public var tree: RegionTree
    public var indicators: IndicatorTable
    public var targets: [TargetResult]
    /// Spending by year, region (planning region and every county-level unit), kind and
    /// source; lines of zero are left out.
    public var costs: [Cost]
    /// The version of yanglao that made the run.
    public var toolVersion: String
    /// The run's folder name, when it was read from one.
    public var runID: String
    /// How many facilities of the inventory are synthetic (合成数据): placed by a seeded
    /// script to reproduce published totals, not a register of real homes. Every report
    /// says so when it is not zero.
    public var syntheticFacilities: Int = 0

    /// One item of the basic service list (基本养老服务清单) in one year, in the planning
    /// region: persons eligible, recipients and the cost in yuan.
    public struct ServiceListLine: Hashable, Sendable {
        public var item: String
        public var name: String
        public var clause: String
        public var year: Int
        public var eligible: Double
        public var recipients: Double
        public var cost: Double
    }
    /// The service list's items by year, when the scenario costs one.
    public var serviceList: [ServiceListLine] = []
    /// The long-term-care fund's (长期护理保险基金) balance at the end of each year, in yuan,
    /// when the scenario projects one.
    public var fundBalances: [(year: Int, balance: Double)] = []

    /// The units' boundaries for the maps (the scenario's `boundaries:`), when it gives them.
    public var boundaries: BoundarySet?
    /// The points drawn over the coverage map of the report year (facilities, residents
    /// within and beyond the 15-minute circle), when the run has them in memory.
    public var mapMarkers: [BoundaryMap.Marker] = []

    /// The `--set` overrides of a what-if run (假设情景), with the values they replaced; empty
    /// for a run of the scenario as written.
    public var overrides: [ScenarioOverride] = []

    /// The probability of meeting each target by its deadline (by target id), when the run
    /// drew its uncertain inputs (`run --draws`).
    public var attainment: [String: AttainmentProbability] = [:]

    /// One funding source in one year (资金安排与缺口), planning region: what the plan gave it,
    /// what was spent, the capital deferred (a lot the source could not pay that year) and
    /// the recurring costs left unpaid, in yuan; as `budget.csv` has them.
    public struct FundingLine: Hashable, Sendable {
        public var year: Int
        public var source: FundingSource
        /// The budget line (nil: not capped, as the local general budget).
        public var planned: Double?
        public var spent: Double
        public var deferred: Double
        public var unpaid: Double
    }
    /// The funding lines by year and source, when the scenario has `facilities:`.
    public var funding: [FundingLine] = []

    /// The value of each uncertain input the central run used, when the run drew them.
    public var centralValues: [CentralValue] = []

    /// Whether the central run meets a target (its verdict) while fewer than half the draws
    /// do: a verdict that holds only in a favourable case (被高估的达成).
    public func isMetAgainstTheOdds(_ result: TargetResult) -> Bool {
        guard result.verdict == .met, let attainment = attainment[result.target.id],
            attainment.draws > 0
        else { return false }
        return attainment.probability < 0.5
    }

    /// The first year the fund ends in deficit, if any.
    public var fundDeficitYear: Int? { fundBalances.first { $0.balance < 0 }?.year }

    public init(
        scenarioID: String, label: String, notes: [String], years: ClosedRange<Int>,
        reportYear: Int,
        region: Int, tree: RegionTree, indicators: IndicatorTable, targets: [TargetResult],
        costs: [Cost], toolVersion: String, runID: String
    ) {
        self.scenarioID = scenarioID
        self.label = label
        self.notes = notes
        self.years = years
        self.reportYear = reportYear
        self.region = region
        self.tree = tree
        self.indicators = indicators
        self.targets = targets
        self.costs = costs
        self.toolVersion = toolVersion
        self.runID = runID
    }

    /// The data of a run just made.
    public init(result: SimulationResult, toolVersion: String, runID: String) {
        let scenario = result.scenario
        let tree = scenario.regions
        let planning = tree.index(of: scenario.region)!
        var costs: [Cost] = []
        if let run = result.facilities {
            let regions = tree.subtree(of: planning).filter { tree.regions[$0].level <= .county }
            for year in run.years {
                for region in regions {
                    guard let position = run.reportingPosition(ofRegion: region) else { continue }
                    for kind in CostKind.allCases {
                        for source in FundingSource.allCases {
                            let yuan = run.cost(kind, source, year: year, region: position)
                            if yuan != 0 {
                                costs.append(
                                    Cost(
                                        year: year, region: region, kind: kind, source: source,
                                        yuan: yuan))
                            }
                        }
                    }
                }
            }
        }
        self.init(
            scenarioID: scenario.id, label: scenario.label, notes: scenario.notes,
            years: scenario.years,
            reportYear: scenario.reportYear, region: planning, tree: tree,
            indicators: result.indicators,
            targets: result.targets, costs: costs, toolVersion: toolVersion, runID: runID)
        syntheticFacilities = result.facilities?.stock.syntheticCount ?? 0
        if let run = result.facilities {
            funding = run.budgets.filter { $0.year > run.years.lowerBound }.map {
                FundingLine(
                    year: $0.year, source: $0.source, planned: $0.budget,
                    spent: $0.capitalSpent + $0.recurringSpent, deferred: $0.capitalShortfall,
                    unpaid: $0.recurringUnpaid)
            }
        }
        runNotes = result.notes
        if let costing = result.entitlements.costing {
            for year in costing.years {
                for (index, item) in costing.items.enumerated() {
                    serviceList.append(
                        ServiceListLine(
                            item: item.id, name: item.name, clause: item.clause, year: year,
                            eligible: costing.eligible(item: index, year: year, region: planning),
                            recipients: costing.recipients(
                                item: index, year: year, region: planning),
                            cost: costing.cost(item: index, year: year, region: planning)))
                }
            }
        }
        fundBalances = result.entitlements.fund?.years.map { ($0.year, $0.closingBalance) } ?? []
    }

    /// A report page of the run: the title as its first heading, the report's own note
    /// (`intro`), then the run's notes.
    func page(title: String, intro: String, language: ReportLanguage) -> HTMLPage {
        var page = HTMLPage(title: title, language: language.htmlCode)
        page.heading(title, level: 1)
        page.paragraph(intro, className: "note")
        for note in noteParagraphs(language) {
            page.paragraph(note.text, className: note.className)
        }
        return page
    }

    /// The notes a report prints, with the class a page shows them in: the
    /// synthetic-inventory warning first (`warning`), then the scenario's own and the run's
    /// (`note`).
    public func noteParagraphs(_ language: ReportLanguage) -> [(text: String, className: String)] {
        reportNotes(language).enumerated().map { index, text in
            (text, index == 0 && syntheticFacilities > 0 ? "warning" : "note")
        }
    }

    /// The notes a report prints: the synthetic-inventory warning first, then the
    /// scenario's own notes, then the run's.
    public func reportNotes(_ language: ReportLanguage) -> [String] {
        let notes = notes + runNotes.map { language.text($0.chinese, $0.english) }
        guard syntheticFacilities > 0 else { return notes }
        let count = ReportLanguage.grouped(Double(syntheticFacilities), decimals: 0)
        let warning = language.text(
            "设施清单为合成数据：\(count) 处设施是按公开总量由带种子的脚本生成的，不是真实设施名录；按设施的结果只说明总量，不说明具体设施。",
            "The facility inventory is synthetic: \(count) facilities were placed by a seeded script to reproduce published totals; they are not a register of real homes, so results by facility show totals only, not real places."
        )
        return [warning] + notes
    }

    /// The planning region.
    public var planningRegion: Region { tree.regions[region] }
}
