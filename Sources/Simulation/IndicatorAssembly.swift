import Coverage
import Facilities
import Geography
import Targets

/// Puts what each stage computed into the indicator table, under the catalogue's ids
/// (``Targets/IndicatorCatalogue``), with numerators and denominators for every share and
/// rate so that gaps can be counted in beds, units or persons.
enum IndicatorAssembly {
    static func indicator(_ id: String) -> Indicator {
        guard let indicator = IndicatorCatalogue.indicator(id) else {
            preconditionFailure("the indicator catalogue has no '\(id)'")
        }
        return indicator
    }

    /// Population indicators: persons at the units, summed up the tree.
    static func population(
        _ population: PopulationByRegion?, into table: inout IndicatorTable, tree: RegionTree
    ) {
        guard let population else { return }
        let ageing = indicator("ageing-rate")
        for (offset, year) in population.years.enumerated() where table.years.contains(year) {
            let aged60 = tree.subtreeTotals(population.aged60[offset])
            table.set(indicator("aged-60-plus"), year: year, numerators: aged60)
            table.set(
                indicator("aged-65-plus"), year: year,
                numerators: tree.subtreeTotals(population.aged65[offset]))
            table.set(
                indicator("aged-80-plus"), year: year,
                numerators: tree.subtreeTotals(population.aged80[offset]))
            if let disabled = population.disabled {
                table.set(
                    indicator("disabled-elderly"), year: year,
                    numerators: tree.subtreeTotals(disabled[offset]))
            }
            guard let everyone = population.total else { continue }
            let total = tree.subtreeTotals(everyone[offset])
            table.set(indicator("population"), year: year, numerators: total)
            table.set(ageing, year: year, numerators: aged60, denominators: total)
        }
    }

    /// Facility indicators, from the run's figures for every reporting region (each already
    /// a total over its subtree).
    static func facilities(_ run: FacilityRun, into table: inout IndicatorTable, tree: RegionTree) {
        let counts: [(String, FacilityIndicator)] = [
            ("service-beds", .serviceBeds), ("institutional-beds", .institutionalBeds),
            ("nursing-beds", .nursingBeds), ("county-care-homes", .careTypeHomes),
            ("community-stations", .facilities(.communityStation)),
            ("meal-sites", .facilities(.mealSite)), ("capital-cost", .capitalCost),
            ("recurring-cost", .recurringCost), ("staffing-gap", .staffingGap),
            ("caregivers", .caregiversAvailable), ("unstaffed-beds", .unstaffedResidents),
            ("caregivers-hired", .caregiversHired), ("caregivers-leaving", .caregiversLeaving),
        ]
        let ratios: [(String, numerator: FacilityIndicator, denominator: FacilityIndicator)] = [
            ("nursing-bed-share-institutional", .nursingBeds, .institutionalBeds),
            ("nursing-bed-share-all", .nursingBedsAllService, .serviceBeds),
            ("beds-per-1000-aged-60", .serviceBeds, .aged60),
            ("beds-per-1000-aged-65", .serviceBeds, .aged65),
            ("bed-occupancy", .occupancyInstitutional, .institutionalBeds),
        ]
        let countIndicators = counts.map { indicator($0.0) }
        let ratioIndicators = ratios.map { indicator($0.0) }
        let lottery = indicator("lottery-fund-share")
        // The table's regions with their positions among the run's (nil: not reported).
        let kept = table.keptRegions
        var positions = [Int?](repeating: nil, count: kept.count)
        var next = 0
        for (slot, region) in kept.enumerated() {
            while next < run.regionIndices.count, run.regionIndices[next] < region { next += 1 }
            if next < run.regionIndices.count, run.regionIndices[next] == region {
                positions[slot] = next
            }
        }
        let missing = [Double](repeating: .nan, count: kept.count)
        for year in run.years where table.years.contains(year) {
            // One array per indicator over the table's regions, filled region by region and
            // set at once: regions the run does not report stay without a value.
            var countValues = [[Double]](repeating: missing, count: counts.count)
            var tops = [[Double]](repeating: missing, count: ratios.count)
            var bottoms = tops
            var lotteryShares = missing
            for (slot, position) in positions.enumerated() {
                guard let position else { continue }
                for (index, (_, source)) in counts.enumerated() {
                    if let value = run.value(source, year: year, region: position) {
                        countValues[index][slot] = value
                    }
                }
                for (index, (_, numerator, denominator)) in ratios.enumerated() {
                    guard var top = run.value(numerator, year: year, region: position),
                        let bottom = run.value(denominator, year: year, region: position)
                    else { continue }
                    // Occupancy is given as a rate; its numerator is the occupied beds.
                    if numerator == .occupancyInstitutional { top *= bottom }
                    tops[index][slot] = top
                    bottoms[index][slot] = bottom
                }
                if let share = run.value(.welfareLotteryShare, year: year, region: position) {
                    lotteryShares[slot] = share
                }
            }
            for (index, indicator) in countIndicators.enumerated()
            where countValues[index].contains(where: { !$0.isNaN }) {
                table.setKept(indicator, year: year, numerators: countValues[index])
            }
            for (index, indicator) in ratioIndicators.enumerated()
            where tops[index].contains(where: { !$0.isNaN }) {
                table.setKept(
                    indicator, year: year, numerators: tops[index], denominators: bottoms[index])
            }
            if lotteryShares.contains(where: { !$0.isNaN }) {
                table.setKept(lottery, year: year, numerators: lotteryShares)
            }
            // Public homes and their star ratings, from the stock at the year's end.
            let offset = year - run.years.lowerBound
            if offset < run.yearEndStocks.count {
                ratings(run.yearEndStocks[offset], year: year, into: &table, tree: tree)
            }
        }
    }

    /// Childcare places (托位) from the modelled stock: places, per 1,000 residents, per 100
    /// children under 3, and the capital spent on new places.
    static func childcare(
        _ run: ChildcareRun?, population: PopulationByRegion?, into table: inout IndicatorTable,
        tree: RegionTree
    ) {
        guard let run, let population, let everyone = population.total else { return }
        for (offset, year) in run.years.enumerated() where table.years.contains(year) {
            let places = tree.subtreeTotals(run.places[offset])
            table.set(indicator("childcare-places"), year: year, numerators: places)
            table.set(
                indicator("childcare-places-per-1000"), year: year, numerators: places,
                denominators: tree.subtreeTotals(everyone[offset]))
            if let children = population.under3 {
                table.set(
                    indicator("children-under-3"), year: year,
                    numerators: tree.subtreeTotals(children[offset]))
            }
            table.set(
                indicator("childcare-capital-cost"), year: year,
                numerators: tree.subtreeTotals(run.capital[offset]))
        }
    }

    /// Need and supply (需求与供给): the beds, nursing-type beds and caregivers the care need
    /// of each region's older people calls for (``Facilities/CareDemandRules``, the same rule
    /// the facility run fills its homes with), and the gaps to what the run has. Needs the
    /// population by capability level; the gaps need the facility run too.
    static func need(
        _ population: PopulationByRegion?, facilities: FacilityRun?, rules: CareDemandRules,
        staffing: StaffingRules, into table: inout IndicatorTable, tree: RegionTree
    ) {
        guard let population, !population.byLevel.isEmpty else { return }
        let ratios = staffing.residentsPerCaregiver
        let missing = [Double](repeating: .nan, count: tree.count)
        var persons = [Double](repeating: 0, count: population.byLevel[0].count)
        for (offset, year) in population.years.enumerated() where table.years.contains(year) {
            let levels = population.byLevel[offset]
            var beds = [Double](repeating: 0, count: tree.count)
            var nursing = beds
            var caregivers = beds
            var community = beds
            var home = beds
            for region in 0..<tree.count {
                for level in levels.indices { persons[level] = levels[level][region] }
                let demand = rules.demand(persons: persons, residentsPerCaregiver: ratios)
                beds[region] = demand.beds
                nursing[region] = demand.nursingBeds
                caregivers[region] = demand.caregivers
                community[region] = demand.communityPlaces
                home[region] = demand.homeCare
            }
            beds = tree.subtreeTotals(beds)
            nursing = tree.subtreeTotals(nursing)
            caregivers = tree.subtreeTotals(caregivers)
            table.set(indicator("beds-needed"), year: year, numerators: beds)
            table.set(indicator("nursing-beds-needed"), year: year, numerators: nursing)
            table.set(indicator("caregivers-needed"), year: year, numerators: caregivers)
            if rules.communityTakeUp != nil {
                table.set(
                    indicator("community-places-needed"), year: year,
                    numerators: tree.subtreeTotals(community))
            }
            if rules.homeTakeUp != nil {
                table.set(
                    indicator("home-care-needed"), year: year, numerators: tree.subtreeTotals(home))
            }
            guard let facilities, facilities.years.contains(year) else { continue }
            var bedGap = missing
            var nursingGap = missing
            var caregiverGap = missing
            var waiting = missing
            var spare = missing
            for (position, region) in facilities.regionIndices.enumerated() {
                func value(_ source: FacilityIndicator) -> Double? {
                    facilities.value(source, year: year, region: position)
                }
                if let available = value(.institutionalBeds) {
                    bedGap[region] = max(0, beds[region] - available)
                    let residents = (value(.occupancyInstitutional) ?? 0) * available
                    waiting[region] = max(0, beds[region] - residents)
                    spare[region] = max(0, available - residents)
                }
                if let available = value(.nursingBeds) {
                    nursingGap[region] = max(0, nursing[region] - available)
                }
                if let available = value(.caregiversAvailable) {
                    caregiverGap[region] = max(0, caregivers[region] - available)
                }
            }
            for (id, values) in [
                ("bed-gap", bedGap), ("nursing-bed-gap", nursingGap),
                ("caregiver-gap", caregiverGap), ("waiting-demand", waiting),
                ("spare-beds", spare),
            ] where values.contains(where: { !$0.isNaN }) {
                table.set(indicator(id), year: year, numerators: values)
            }
        }
    }

    /// The training rate (培训率) and the training fund of the planning region, year by year:
    /// trained staff = last year's × (1 − attrition) + those trained this year, at most the
    /// staff; staff = caregivers working + one director per operating home (院长); the rate
    /// is trained ÷ staff, starting from `trained_share`. The fund is what the year's training
    /// cost (`talent-fund`).
    static func training(
        _ run: FacilityRun, staffing: StaffingRules, into table: inout IndicatorTable
    ) {
        guard run.training.count == run.years.count else { return }
        let region = run.regionIndices[run.planningRegion]
        let keep = 1 - min(max(staffing.attrition, 0), 1)
        var trained = 0.0
        for (offset, year) in run.years.enumerated() where table.years.contains(year) {
            let position = run.planningRegion
            let caregivers = run.value(.caregiversAvailable, year: year, region: position) ?? 0
            let directors = [FacilityType.institution, .specialHardshipHome, .honourHome].reduce(
                0.0
            ) { $0 + (run.value(.facilities($1), year: year, region: position) ?? 0) }
            let staff = caregivers + directors
            trained =
                offset == 0
                ? staff * staffing.trainedShareAtStart
                : trained * keep + run.training[offset].trained
            trained = min(trained, staff)
            table.set(
                indicator("training-rate"), year: year, region: region, numerator: trained,
                denominator: staff)
            if offset > 0 {
                table.set(
                    indicator("talent-fund"), year: year, region: region,
                    value: run.training[offset].spent)
            }
        }
    }

    /// Public homes per region; township- and county-level public homes rated at least one
    /// and two stars (GB/T 37276). The inventory says where a home stands, not which level of
    /// government runs it, so the level follows the type: special-hardship homes that are not
    /// care-type are the townships' homes (乡镇敬老院); public institutions, honour homes and
    /// care-type special-hardship homes are the county's (县级社会福利院、县级特困供养机构).
    static func ratings(
        _ stock: FacilityStock, year: Int, into table: inout IndicatorTable, tree: RegionTree
    ) {
        if !table.keepsEveryRegion {
            keptRatings(stock, year: year, into: &table, tree: tree)
            return
        }
        let count = tree.count
        var publicHomes = [Double](repeating: 0, count: count)
        var townshipHomes = publicHomes
        var townshipRated = publicHomes
        var countyHomes = publicHomes
        var countyRated = publicHomes
        for index in 0..<stock.count
        where stock.statuses[index] == .operating && stock.types[index].isHome
            && stock.ownerships[index] != .privateRun
        {
            let region = stock.regions[index]
            publicHomes[region] += 1
            if stock.tiers[index] == .township {
                townshipHomes[region] += 1
                if stock.stars[index] >= 1 { townshipRated[region] += 1 }
            } else {
                countyHomes[region] += 1
                if stock.stars[index] >= 2 { countyRated[region] += 1 }
            }
        }
        table.set(
            indicator("public-homes"), year: year, numerators: tree.subtreeTotals(publicHomes))
        table.set(
            indicator("township-public-homes-rated-1"), year: year,
            numerators: tree.subtreeTotals(townshipRated),
            denominators: tree.subtreeTotals(townshipHomes))
        table.set(
            indicator("county-public-homes-rated-2"), year: year,
            numerators: tree.subtreeTotals(countyRated),
            denominators: tree.subtreeTotals(countyHomes))
    }

    /// ``ratings(_:year:into:tree:)`` for a table that keeps some regions: each home counts
    /// for the kept regions at and above its own (whole numbers: the same sums as over the
    /// whole tree).
    static func keptRatings(
        _ stock: FacilityStock, year: Int, into table: inout IndicatorTable, tree: RegionTree
    ) {
        let count = table.keptRegions.count
        var publicHomes = [Double](repeating: 0, count: count)
        var townshipHomes = publicHomes
        var townshipRated = publicHomes
        var countyHomes = publicHomes
        var countyRated = publicHomes
        for index in 0..<stock.count
        where stock.statuses[index] == .operating && stock.types[index].isHome
            && stock.ownerships[index] != .privateRun
        {
            let township = stock.tiers[index] == .township
            let rated = stock.stars[index] >= (township ? 1 : 2)
            var region = stock.regions[index]
            while region >= 0 {
                if let slot = table.slot(region) {
                    publicHomes[slot] += 1
                    if township {
                        townshipHomes[slot] += 1
                        if rated { townshipRated[slot] += 1 }
                    } else {
                        countyHomes[slot] += 1
                        if rated { countyRated[slot] += 1 }
                    }
                }
                region = tree.parentIndices[region]
            }
        }
        table.setKept(indicator("public-homes"), year: year, numerators: publicHomes)
        table.setKept(
            indicator("township-public-homes-rated-1"), year: year, numerators: townshipRated,
            denominators: townshipHomes)
        table.setKept(
            indicator("county-public-homes-rated-2"), year: year, numerators: countyRated,
            denominators: countyHomes)
    }

    /// Coverage indicators: shares of units covered and of older residents within the circle.
    static func coverage(
        _ coverage: [[AdministrativeCoverage]], circles: [ServiceCircleResult?],
        years: ClosedRange<Int>,
        into table: inout IndicatorTable
    ) {
        let byRule = [
            "street_centres": "street-centre-coverage",
            "township_centres": "township-centre-coverage",
            "urban_communities": "urban-community-coverage",
            "rural_villages": "rural-village-coverage",
            "county_care_homes": "county-care-home-coverage",
        ]
        for (offset, rules) in coverage.enumerated() {
            let year = years.lowerBound + offset
            for result in rules {
                guard let id = byRule[result.rule.id] else { continue }
                table.setKept(
                    indicator(id), year: year,
                    numerators: table.keptRegions.map { Double(result.coveredCounts[$0]) },
                    denominators: table.keptRegions.map { Double(result.unitCounts[$0]) })
            }
            if let circle = circles[offset],
                let group = circle.groupNames.firstIndex(of: ResidentGroup.aged60Plus),
                !circle.totalPersonsByRegion.isEmpty
            {
                table.set(
                    indicator("fifteen-minute-circle-share"), year: year,
                    numerators: circle.coveredPersonsByRegion[group],
                    denominators: circle.totalPersonsByRegion[group])
            }
        }
    }
}
