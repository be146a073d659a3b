import Demography
import Facilities
import Geography

/// The projected population of every year, counted at the units of the region tree: what the
/// facility, coverage and indicator stages read (人口分布).
///
/// The projection is made for its areas (usually counties). Each area's persons are shared
/// among the lowest units below it (communities and villages, or townships when the tree
/// stops there) by the scenario's ``UnitAllocation`` (a bureau's table, the census urban and
/// rural residents, or equal parts), in whole persons that sum to the area's rounded count;
/// a unit holds its *own* persons, interior regions hold none, and totals up the tree are the
/// sums of the parts. An area with no units below it holds its persons itself.
public struct PopulationByRegion: Sendable {
    /// The years, base year to horizon.
    public let years: ClosedRange<Int>
    /// The number of regions of the tree.
    public let regionCount: Int
    /// Per year, per region: everyone (nil when only the older population was given).
    public let total: [[Double]]?
    /// Per year, per region: persons aged 60+, 65+, 80+, and children under 3.
    public let aged60: [[Double]]
    public let aged65: [[Double]]
    public let aged80: [[Double]]
    public let under3: [[Double]]?
    /// Per year, per capability level (GB/T 42195-2022: 0 intact … 4 complete loss), per
    /// region; empty when the scenario gives no prevalence.
    public let byLevel: [[[Double]]]
    /// Per year, per special group (the scenario's order), per region.
    public let specialGroups: [[[Double]]]
    /// The special groups' names.
    public let specialGroupNames: [String]

    /// Disabled older people (失能, levels 2–4) per year and region, when known.
    public let disabled: [[Double]]?
    /// Poor disabled older people (经济困难的失能老年人), when known: the special group
    /// `poor_disabled` of the projection, or the column of a given table.
    public let poorDisabled: [[Double]]?

    /// The older population as the facility model reads it.
    public var elderly: ElderlyPopulation {
        get throws(ElderlyPopulation.InvariantError) {
            try ElderlyPopulation(
                years: years, regionCount: regionCount, aged60: aged60, aged65: aged65,
                aged80: aged80, poorDisabled: poorDisabled, disabled: disabled,
                byLevel: byLevel.isEmpty ? nil : byLevel)
        }
    }

    /// A population given as a table of older people by unit and year (the scenario's
    /// `elderly_population:`), for planners with a projection of their own.
    public init(elderly: ElderlyPopulation) {
        years = elderly.years
        regionCount = elderly.aged60.first?.count ?? 0
        total = nil
        aged60 = elderly.aged60
        aged65 = elderly.aged65
        aged80 = elderly.aged80
        under3 = nil
        byLevel = elderly.byLevel ?? []
        specialGroups = []
        specialGroupNames = []
        disabled = elderly.disabled
        poorDisabled = elderly.poorDisabled
    }

    /// The persons of a special group per year and region, if the scenario names it.
    public func group(_ name: String) -> [[Double]]? {
        specialGroupNames.firstIndex(of: name).map { index in specialGroups.map { $0[index] } }
    }

    /// Shares a projection's areas out to the units of the tree.
    /// - Parameters:
    ///   - result: the projection, one time per year from the base year.
    ///   - inputs: the demography inputs it was made from (areas, care need).
    ///   - tree: the scenario's regions; every area is a region of it.
    ///   - baseYear: the projection's first year.
    /// - Complexity: O(years × (areas × bands + regions)).
    public init(
        result: ProjectionResult, inputs: DemographyInputs, tree: RegionTree, baseYear: Int
    ) {
        let count = tree.count
        years = baseYear...(baseYear + result.steps)
        regionCount = count
        // The units of each area and each unit's share.
        var unitsOfArea: [[Int]] = []
        for code in inputs.areas {
            guard let area = tree.index(of: code) else {
                unitsOfArea.append([])
                continue
            }
            let leaves = tree.subtree(of: area).filter { tree.children(of: $0).isEmpty }
            unitsOfArea.append(leaves.isEmpty ? [area] : leaves)
        }
        let sharesOfArea = zip(inputs.areas, unitsOfArea).map { code, units in
            inputs.allocation.shares(area: code, units: units, tree: tree)
        }
        let groupNames = inputs.careNeed?.specialGroups.map(\.name) ?? []
        let hasLevels = inputs.careNeed != nil
        var total: [[Double]] = []
        var aged60: [[Double]] = []
        var aged65: [[Double]] = []
        var aged80: [[Double]] = []
        var under3: [[Double]] = []
        var levels: [[[Double]]] = []
        var groups: [[[Double]]] = []
        let zeros = [Double](repeating: 0, count: count)
        for time in 0...result.steps {
            var yearTotal = zeros
            var year60 = zeros
            var year65 = zeros
            var year80 = zeros
            var yearUnder3 = zeros
            var yearLevels = [[Double]](repeating: zeros, count: hasLevels ? 5 : 0)
            var yearGroups = [[Double]](repeating: zeros, count: groupNames.count)
            for (area, units) in unitsOfArea.enumerated() where !units.isEmpty {
                let population = result.population(area: area, time: time)
                let shares = sharesOfArea[area]
                let summary = inputs.careNeedSummary(of: population, year: baseYear + time)
                let persons60 = summary?.aged60AndOver ?? CareNeed.persons(in: population, from: 60)
                let persons65 = summary?.aged65AndOver ?? CareNeed.persons(in: population, from: 65)
                let persons80 = summary?.aged80AndOver ?? CareNeed.persons(in: population, from: 80)
                let children =
                    summary?.childrenUnder3 ?? CareNeed.persons(in: population, from: 0, below: 3)
                func add(
                    _ value: Double, _ measure: UnitAllocation.Measure, to year: inout [Double]
                ) {
                    let parts = WholePersons.apportion(value, shares: shares[measure.rawValue])
                    for (unit, part) in zip(units, parts) { year[unit] += part }
                }
                add(population.total, .everyone, to: &yearTotal)
                add(persons60, .aged60, to: &year60)
                add(persons65, .aged65, to: &year65)
                add(persons80, .aged80, to: &year80)
                add(children, .under3, to: &yearUnder3)
                if let summary {
                    for level in 0..<5 {
                        add(summary.byLevel[level], .aged60, to: &yearLevels[level])
                    }
                    for group in yearGroups.indices {
                        add(summary.specialGroups[group], .aged60, to: &yearGroups[group])
                    }
                }
            }
            total.append(yearTotal)
            aged60.append(year60)
            aged65.append(year65)
            aged80.append(year80)
            under3.append(yearUnder3)
            levels.append(yearLevels)
            groups.append(yearGroups)
        }
        self.total = total
        self.aged60 = aged60
        self.aged65 = aged65
        self.aged80 = aged80
        self.under3 = under3
        self.byLevel = hasLevels ? levels : []
        self.specialGroups = groups
        self.specialGroupNames = groupNames
        self.disabled =
            hasLevels
            ? levels.map { year in (0..<count).map { year[2][$0] + year[3][$0] + year[4][$0] } }
            : nil
        self.poorDisabled = groupNames.firstIndex(of: "poor_disabled").map { index in
            groups.map { $0[index] }
        }
    }
}
