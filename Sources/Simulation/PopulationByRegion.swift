import Demography
import Facilities
import Geography

/// The projected population of every year, counted at the units of the region tree: what the
/// facility, coverage and indicator stages read (人口分布).
///
/// The projection is made for its areas (usually counties). Each area's persons are shared
/// among the lowest units below it (communities and villages, or townships when the tree
/// stops there) in equal parts, since no public source gives the population of every
/// community; a unit holds its *own* persons, interior regions hold none, and totals up the
/// tree are the sums of the parts. An area with no units below it holds its persons itself.
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
                let share = 1 / Double(units.count)
                let summary = inputs.careNeedSummary(
                    result, area: area, time: time, year: baseYear + time)
                let persons60 = summary?.aged60AndOver ?? CareNeed.persons(in: population, from: 60)
                let persons65 = summary?.aged65AndOver ?? CareNeed.persons(in: population, from: 65)
                let persons80 = summary?.aged80AndOver ?? CareNeed.persons(in: population, from: 80)
                let children =
                    summary?.childrenUnder3 ?? CareNeed.persons(in: population, from: 0, below: 3)
                for unit in units {
                    yearTotal[unit] += population.total * share
                    year60[unit] += persons60 * share
                    year65[unit] += persons65 * share
                    year80[unit] += persons80 * share
                    yearUnder3[unit] += children * share
                    if let summary {
                        for level in 0..<5 {
                            yearLevels[level][unit] += summary.byLevel[level] * share
                        }
                        for group in yearGroups.indices {
                            yearGroups[group][unit] += summary.specialGroups[group] * share
                        }
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
