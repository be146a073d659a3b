import Coverage
import Facilities
import Geography

/// A note a run makes about how it was computed (运行说明), in Chinese and English: the
/// console prints it, and every report repeats it after the scenario's own notes.
public struct RunNote: Hashable, Sendable {
    public var chinese: String
    public var english: String

    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }
}

/// The coverage stage's count of older residents not served by a facility type (未覆盖老年
/// 人口), which the investment plan's `most_uncovered_elderly` rule ranks units by.
///
/// For a type and the stock at the moment of allocating, the persons aged 60+ of a located
/// unit (the 15-minute circle's group, at the unit's point) are uncovered when no facility of
/// the type, operating or being built, lies within the circle's walk (`coverage:` minutes,
/// speed and detour); a facility without a location of its own stands at its unit's point,
/// as in the circle. A unit with older residents but no location cannot be placed: it counts
/// by presence, all its persons aged 60+ uncovered unless a facility of the type stands in
/// it or below it. A region's value is the sum over its subtree, so the plan can rank units
/// at any level.
struct UncoveredElderlyFeed: Sendable {
    let residents: ResidentLayer
    let settings: CoverageSettings
    let tree: RegionTree
    /// Each region's point, where its facilities without a location stand.
    let points: [GeoPoint?]

    /// Persons aged 60+ of each region's subtree not within the walk of a facility of `type`
    /// in `stock`, in the population of `year` (one value per region of the tree).
    func uncovered(year: Int, type: FacilityType, stock: FacilityStock) -> [Double] {
        let population = residents.population
        let yearIndex = min(
            max(year - population.years.lowerBound, 0), population.aged60.count - 1)
        let aged60 = population.aged60[yearIndex]
        var locations: [GeoPoint] = []
        // Facilities of the type standing in each region, for the units without a location.
        var standing = [Int](repeating: 0, count: residents.unlocated.isEmpty ? 0 : tree.count)
        for index in 0..<stock.count
        where stock.types[index] == type && stock.isOperatingOrPipeline(index) {
            let region = stock.regions[index]
            if let location = stock.locations[index] ?? points[region] {
                locations.append(location)
            }
            if !standing.isEmpty { standing[region] += 1 }
        }
        // Persons aged 60+ uncovered at each unit itself.
        var own = [Double](repeating: 0, count: tree.count)
        if locations.isEmpty {
            for unit in residents.located { own[unit] = aged60[unit] }
        } else {
            let group = residents.group(ResidentGroup.aged60Plus, population.aged60, yearIndex)
            let circle = residents.serviceCircle.evaluate(
                residents: ResidentPoints(locations: residents.locations, groups: [group]),
                servicePoints: PlanarPoint.projecting(locations, with: residents.projection),
                parallelism: .serial)
            for (point, unit) in residents.located.enumerated()
            where !circle.nearest.isCovered(point) {
                own[unit] = group.weights[point]
            }
        }
        if !standing.isEmpty {
            let present = tree.subtreeTotals(standing)
            for unit in residents.unlocated where present[unit] == 0 { own[unit] = aged60[unit] }
        }
        return tree.subtreeTotals(own)
    }
    /// ``uncovered(year:type:stock:)`` as the facility run calls it.
    var estimate: UncoveredElderlyEstimate {
        let feed = self
        return { year, type, stock in feed.uncovered(year: year, type: type, stock: stock) }
    }
}

extension UncoveredElderlyFeed {
    /// The feed of a scenario when its coverage stage can measure the rule, and the notes
    /// the run makes about it: that the rule falls back to presence (and why), or that some
    /// units count by presence for want of a location. No note when no line of the plan
    /// ranks units by `most_uncovered_elderly`.
    /// - Parameter residents: the circle's residents, nil without a population.
    static func make(_ scenario: Scenario, residents: ResidentLayer?) -> (
        feed: UncoveredElderlyFeed?, notes: [RunNote]
    ) {
        let used =
            scenario.facilities != nil
            && scenario.investment?.ranksUnits(by: .mostUncoveredElderly) == true
        let reason: (chinese: String, english: String)?
        if residents == nil {
            reason = (
                "情景没有老年人口（demography: 或 elderly_population:）",
                "the scenario has no older population (demography: or elderly_population:)"
            )
        } else if scenario.coverage == nil {
            reason = (
                "情景没有 coverage: 部分（服务圈的步行时间、速度与绕行系数）",
                "the scenario has no coverage: section (the circle's walking time, speed and detour)"
            )
        } else if residents?.located.isEmpty == true {
            reason = (
                "有老年人口的区划单位都没有坐标（区划表的 lon、lat）",
                "no unit with older residents has a location (lon, lat in the regions table)"
            )
        } else {
            reason = nil
        }
        if let reason {
            guard used else { return (nil, []) }
            return (
                nil,
                [
                    RunNote(
                        chinese:
                            "优先规则 most_uncovered_elderly（未覆盖老年人口最多者优先）无法按服务圈测算：\(reason.chinese)。改用按设施有无，优先无该类设施单元的老年人口。",
                        english:
                            "The priority most_uncovered_elderly could not be measured on the service circle: \(reason.english). Units are ranked by presence instead: the older people of units without a facility of the type."
                    )
                ]
            )
        }
        let residents = residents!
        let feed = UncoveredElderlyFeed(
            residents: residents, settings: scenario.coverage!, tree: scenario.regions,
            points: scenario.regions.representativePoints())
        guard used, !residents.unlocated.isEmpty else { return (feed, []) }
        let (unlocated, all) = (
            residents.unlocated.count, residents.unlocated.count + residents.located.count
        )
        return (
            feed,
            [
                RunNote(
                    chinese:
                        "优先规则 most_uncovered_elderly 按服务圈测算未覆盖老年人口；有老年人口的 \(all) 个区划单位中 \(unlocated) 个没有坐标，按设施有无计入（单位内无该类设施则其老年人口均未覆盖）。",
                    english:
                        "The priority most_uncovered_elderly counts older people outside the service circle; \(unlocated) of the \(all) units with older residents have no location and count by presence (all their older people uncovered when the unit has no facility of the type)."
                )
            ]
        )
    }
}

extension Simulator {
    /// The count of older residents not served by each facility type that ranks units for
    /// `most_uncovered_elderly` in a run of the scenario (see ``FacilityRunInput``), and the
    /// notes the run makes about it: what `run` feeds the facility stage, for commands that
    /// run that stage alone. The estimate is nil when the coverage stage cannot measure it
    /// (no population, no `coverage:` section, no located residents); a note then says that
    /// the rule falls back to presence, when some line of the plan uses it.
    public static func uncoveredElderly(_ scenario: Scenario, population: PopulationByRegion?)
        -> (estimate: UncoveredElderlyEstimate?, notes: [RunNote])
    {
        let residents = population.map {
            ResidentLayer(
                population: $0, tree: scenario.regions,
                settings: scenario.coverage ?? CoverageSettings())
        }
        let (feed, notes) = UncoveredElderlyFeed.make(scenario, residents: residents)
        return (feed?.estimate, notes)
    }
}
