import CSV
import Demography
import Diagnostics
import Foundation
import Geography
import Quantities

/// The `demography:` section of a scenario.
///
/// ```yaml
/// demography:
///   population: population-2020-census.csv  # area,sex,age,count; areas are regions of the tree
///   graduation: sprague                     # sprague | beers | monotone-spline (five-year bands)
///   cohort_shape: cohort-sizes.csv          # age,weight: re-split the bands these ages cover
///   urban_rural: urban-rural.csv            # area,urban,rural: census residents, to share
///                                           # each area among its urban and rural units
///   unit_population: communities.csv        # code,sex,age,count: a bureau's own figures
///   open_age: 100                           # single years 0…99 and 100+
///   fertility:
///     total_fertility: {2020: 1.2357, 2030: 1.0612}   # interpolated between years
///     schedule: fertility-pattern.csv       # age,percent (or age,share)
///     # or: rates: fertility-rates.csv      # year,age,asfr
///   sex_ratio_at_birth: {2020: 1.112, 2023: 1.108}    # default 1.05
///   mortality:
///     death_rates: death-rates.csv          # sex,age,mx in the base year
///     ax: un                                # un | pas | mid
///     life_expectancy: {female: {2020: 81.0, 2035: 83.2}, male: {…}}
///     # or: improvement: 1 %                # a year, or {female: …, male: …}
///     # or: lee_carter: mortality-history.csv   # sex,year,age,mx (with life_expectancy:
///     #     the Lee–Carter b gives the age pattern of change)
///   migration:
///     net: net-migration.csv                # area,sex,age,net, persons a year
///     # or: total: {2020: -5000}  female_share: 0.5  schedule: {a1: 0.02, …}
///   care_need:
///     prevalence: capability-levels.csv     # year,sex,age,intact,mild,moderate,severe,complete[,part]
///     special_groups: {特困: 0.4 %, living_alone: {share: 12 %, from_age: 60}}
/// ```
extension ScenarioDecoder {
    static let demographyKeys = [
        "population", "graduation", "cohort_shape", "open_age", "fertility", "sex_ratio_at_birth",
        "mortality", "migration", "care_need", "urban_rural", "unit_population",
    ]

    mutating func decodeDemography(
        _ node: YAMLNode, tree: RegionTree, baseYear: Int, session: inout Session
    ) -> DemographyInputs? {
        guard
            let fields = Fields(
                node, section: "demography", keys: Self.demographyKeys, log: &session.log)
        else { return nil }
        let errorsBefore = session.log.errorCount

        // The population and its areas.
        var read: PopulationTable?
        if let given = fields.required("population", log: &session.log),
            let table = table(given, path: ["demography", "population"], session: &session)
        {
            read = DemographyTables.population(table, log: &session.log)
        }
        var areas: [DivisionCode] = []
        if let read { areas = checkAreas(read, tree: tree, log: &session.log) }

        var method = GraduationMethod.sprague
        if let given = fields["graduation"] {
            if let word = Read.word(
                given, field: "demography.graduation",
                allowed: GraduationMethod.allCases.map(\.rawValue), log: &session.log)
            {
                method = GraduationMethod(rawValue: word)!
            }
        } else {
            set(["demography", "graduation"], .scalar(method.rawValue, at: node.location))
        }
        var cohortShape: [Int: Double]?
        if let given = fields["cohort_shape"],
            let table = table(given, path: ["demography", "cohort_shape"], session: &session)
        {
            cohortShape = DemographyTables.cohortShape(table, log: &session.log)
        }
        var openAge = 100
        if let given = fields["open_age"] {
            openAge =
                Read.integer(
                    given, field: "demography.open_age", range: 85...130, log: &session.log)
                ?? openAge
        } else {
            set(["demography", "open_age"], .scalar("100", at: node.location))
        }

        let mortality = fields.required("mortality", log: &session.log).flatMap {
            decodeMortality($0, baseYear: baseYear, session: &session)
        }
        let fertility = fields.required("fertility", log: &session.log).flatMap {
            decodeFertility($0, session: &session)
        }
        var sexRatio = YearlyValues.constant(1.05, from: baseYear)
        if let given = fields["sex_ratio_at_birth"] {
            if let path = Read.yearly(
                given, field: "demography.sex_ratio_at_birth", unit: .one, rule: .interpolate,
                range: 0.9...1.3, log: &session.log)
            {
                sexRatio = path.values
            }
        } else {
            set(["demography", "sex_ratio_at_birth"], .scalar("1.05", at: node.location))
        }
        var migration: MigrationAssumption?
        if let given = fields["migration"], let read {
            migration = decodeMigration(
                given, areas: read.areas, openAge: openAge, session: &session)
        }
        var careNeed: CareNeedAssumption?
        if let given = fields["care_need"] { careNeed = decodeCareNeed(given, session: &session) }
        var allocation = UnitAllocation()
        if let given = fields["urban_rural"],
            let table = table(given, path: ["demography", "urban_rural"], session: &session),
            let parts = DemographyTables.urbanRural(table, areas: areas, log: &session.log)
        {
            allocation.urbanRural = parts
        }
        if let given = fields["unit_population"],
            let table = table(given, path: ["demography", "unit_population"], session: &session),
            let units = DemographyTables.unitPopulation(
                table, tree: tree, areas: areas, log: &session.log)
        {
            allocation.unitPopulations = units
        }

        // Single years: graduation and the open band split by the base-year life tables.
        guard let read, let mortality, let fertility,
            session.log.errorCount == errorsBefore
        else { return nil }
        var singles: [AgeSexPopulation] = []
        do {
            let tables = BySex(
                female: try mortality.lifeTable(sex: .female, year: baseYear),
                male: try mortality.lifeTable(sex: .male, year: baseYear))
            guard tables.female.bands.openAge >= openAge else {
                session.log.error(
                    .invalidValue(
                        field: "demography.open_age",
                        reason:
                            "the death rates end at \(tables.female.bands.openAge)+, below the open age \(openAge)"
                    ),
                    at: fields["open_age"]?.location ?? node.location)
                return nil
            }
            for population in read.populations {
                var single = try DemographyInputs.singleYearBase(
                    population, method: method, openAge: openAge, lifeTables: tables)
                if let cohortShape, read.bands.uniformWidth != 1 {
                    single = Graduation.reshaped(
                        single, sourceBands: read.bands, weights: cohortShape)
                }
                singles.append(single)
            }
        } catch {
            session.log.error(
                .invalidValue(field: "demography.population", reason: "\(error)"),
                at: read.firstRow)
            return nil
        }
        return DemographyInputs(
            areas: areas, basePopulation: singles, sourceBands: read.bands,
            graduation: read.bands.uniformWidth == 1 ? nil : method, fertility: fertility,
            sexRatioAtBirth: sexRatio, mortality: mortality, migration: migration,
            careNeed: careNeed, cohortShape: cohortShape, allocation: allocation)
    }

    /// Reads a CSV table named by a field and records its path in the resolved scenario.
    mutating func table(_ node: YAMLNode, path: [String], session: inout Session) -> CSVTable? {
        let field = path.joined(separator: ".")
        guard let name = Read.file(node, field: field, log: &session.log) else { return nil }
        guard FileManager.default.fileExists(atPath: name) else {
            session.log.error(.fileNotFound(path: name), at: node.location)
            return nil
        }
        set(path, .resolvedFile(name, at: node.location))
        return session.readTable(name, kind: .population)
    }

    /// The areas' codes: regions of the tree, none within another.
    func checkAreas(_ read: PopulationTable, tree: RegionTree, log: inout DiagnosticLog)
        -> [DivisionCode]
    {
        var codes: [DivisionCode] = []
        for (text, location) in zip(read.areas, read.areaLocations) {
            guard let code = try? DivisionCode(parsing: text) else {
                log.error(
                    .badRegionCode(value: text, reason: "an area must be a division code"),
                    at: location)
                continue
            }
            guard tree.index(of: code) != nil else {
                log.error(.unknownRegion(code: text), at: location)
                continue
            }
            if let outer = codes.first(where: { code.isWithin($0) || $0.isWithin(code) }) {
                log.error(
                    .invalidValue(
                        field: "area",
                        reason:
                            "areas \(outer.shortForm) and \(code.shortForm) overlap (one lies within the other); each person must be counted once"
                    ),
                    at: location)
                continue
            }
            codes.append(code)
        }
        return codes
    }

    mutating func decodeMortality(_ node: YAMLNode, baseYear: Int, session: inout Session)
        -> MortalityAssumption?
    {
        let keys = ["death_rates", "ax", "life_expectancy", "improvement", "lee_carter"]
        guard
            let fields = Fields(
                node, section: "demography.mortality", keys: keys, log: &session.log)
        else { return nil }
        var base: BySex<DeathRates>?
        if let given = fields.required("death_rates", log: &session.log),
            let table = table(
                given, path: ["demography", "mortality", "death_rates"], session: &session),
            let schedule = DemographyTables.mortality(table, log: &session.log)
        {
            if schedule.kind != .deathRates || schedule.areas != [nil] {
                session.log.error(
                    .invalidValue(
                        field: "demography.mortality.death_rates",
                        reason:
                            "the table must be sex,age,mx (one schedule of death rates for every area)"
                    ),
                    at: schedule.firstRow)
            } else if let female = try? DeathRates(
                bands: schedule.bands, rates: schedule.values[0].female),
                let male = try? DeathRates(bands: schedule.bands, rates: schedule.values[0].male)
            {
                base = BySex(female: female, male: male)
            }
        }
        var axRule = "un"
        if let given = fields["ax"] {
            axRule =
                Read.word(
                    given, field: "demography.mortality.ax", allowed: ["un", "pas", "mid"],
                    log: &session.log) ?? axRule
        } else {
            set(["demography", "mortality", "ax"], .scalar("un", at: node.location))
        }
        func rule(_ sex: Sex) -> AverageYearsLivedRule {
            switch axRule {
            case "pas": .populationAnalysisSystem(sex)
            case "mid": .midInterval
            default: .coaleDemeny(sex)
            }
        }
        let changes = ["life_expectancy", "improvement"].compactMap { fields[$0] }
        if changes.count > 1 || (fields["improvement"] != nil && fields["lee_carter"] != nil) {
            // At whichever of the conflicting keys comes last.
            let last = (changes + [fields["lee_carter"]].compactMap { $0 }).map(\.location).max()
            session.log.error(
                .invalidValue(
                    field: "demography.mortality",
                    reason:
                        "give one way of changing mortality: life_expectancy (with lee_carter for its age pattern), improvement, or lee_carter"
                ),
                at: last ?? node.location)
            return nil
        }
        var leeCarter: BySex<LeeCarter>?
        if let given = fields["lee_carter"], let base,
            let table = table(
                given, path: ["demography", "mortality", "lee_carter"], session: &session),
            let history = DemographyTables.mortalityHistory(table, log: &session.log)
        {
            guard history.bands == base.female.bands else {
                session.log.error(
                    .invalidValue(
                        field: "age",
                        reason:
                            "the history's ages (\(history.bands)) differ from the death rates' (\(base.female.bands))"
                    ),
                    at: table.headerLocation())
                return nil
            }
            do {
                leeCarter = BySex(
                    female: try LeeCarter.fit(
                        bands: history.bands, years: history.years, rates: history.rates.female),
                    male: try LeeCarter.fit(
                        bands: history.bands, years: history.years, rates: history.rates.male))
            } catch {
                session.log.error(
                    .invalidValue(
                        field: "demography.mortality.lee_carter", reason: error.description),
                    at: given.location)
                return nil
            }
        }
        var change = MortalityAssumption.Change.none
        if let given = fields["life_expectancy"] {
            guard
                let years = Self.bySex(
                    given, field: "demography.mortality.life_expectancy", log: &session.log,
                    {
                        Read.yearly(
                            $0, field: $1, unit: .year, rule: .interpolate, range: 20...110,
                            log: &$2)?.values
                    })
            else { return nil }
            change = .lifeExpectancy(years, pattern: leeCarter.map { $0.map(\.b) })
        } else if let given = fields["improvement"] {
            if given.entries != nil {
                guard
                    let rates = Self.bySex(
                        given, field: "demography.mortality.improvement", log: &session.log,
                        {
                            Read.quantity(
                                $0, field: $1, unit: .fraction, range: -0.1...0.1, log: &$2
                            ).map { [$0.value] }
                        })
                else { return nil }
                change = .constantImprovement(rates)
            } else if let rate = Read.quantity(
                given, field: "demography.mortality.improvement", unit: .fraction,
                range: -0.1...0.1,
                log: &session.log)
            {
                change = .constantImprovement(BySex(both: [rate.value]))
            }
        } else if let leeCarter {
            change = .leeCarter(leeCarter)
        }
        guard let base else { return nil }
        return MortalityAssumption(
            base: base, baseYear: baseYear, change: change,
            rule: BySex(female: rule(.female), male: rule(.male)))
    }

    /// `{female: …, male: …}`, both required, each read by `read` (given the value, its
    /// dotted path and the log).
    static func bySex<Value>(
        _ node: YAMLNode, field: String, log: inout DiagnosticLog,
        _ read: (YAMLNode, String, inout DiagnosticLog) -> Value?
    ) -> BySex<Value>? {
        guard let sexes = Fields(node, section: field, keys: ["female", "male"], log: &log),
            let female = sexes.required("female", log: &log).flatMap({
                read($0, field + ".female", &log)
            }),
            let male = sexes.required("male", log: &log).flatMap({ read($0, field + ".male", &log) }
            )
        else { return nil }
        return BySex(female: female, male: male)
    }

    mutating func decodeFertility(_ node: YAMLNode, session: inout Session) -> FertilityAssumption?
    {
        let keys = ["total_fertility", "schedule", "rates"]
        guard
            let fields = Fields(
                node, section: "demography.fertility", keys: keys, log: &session.log)
        else { return nil }
        if let given = fields["rates"] {
            if fields["total_fertility"] != nil || fields["schedule"] != nil {
                session.log.error(
                    .invalidValue(
                        field: "demography.fertility",
                        reason:
                            "give either rates (by year) or total_fertility with schedule, not both"
                    ),
                    at: node.location)
                return nil
            }
            guard
                let table = table(
                    given, path: ["demography", "fertility", "rates"], session: &session)
            else { return nil }
            return DemographyTables.fertilityByYear(table, log: &session.log)
        }
        let path = fields.required("total_fertility", log: &session.log).flatMap {
            Read.yearly(
                $0, field: "demography.fertility.total_fertility", unit: .one, rule: .interpolate,
                range: 0...10, log: &session.log)
        }
        let schedule = fields.required("schedule", log: &session.log).flatMap {
            table($0, path: ["demography", "fertility", "schedule"], session: &session)
        }.flatMap { DemographyTables.fertilitySchedule($0, log: &session.log) }
        guard let path, let schedule else { return nil }
        return .totalFertility(path.values, schedule: schedule)
    }

    mutating func decodeMigration(
        _ node: YAMLNode, areas: [String], openAge: Int, session: inout Session
    ) -> MigrationAssumption? {
        let keys = ["net", "total", "female_share", "schedule"]
        guard
            let fields = Fields(
                node, section: "demography.migration", keys: keys, log: &session.log)
        else { return nil }
        if let given = fields["net"] {
            guard
                let table = table(
                    given, path: ["demography", "migration", "net"], session: &session),
                let counts = DemographyTables.netMigrationPerYear(
                    table, areas: areas, singleYears: .singleYears(to: openAge), log: &session.log)
            else { return nil }
            return .net(counts)
        }
        guard
            let total = fields.required("total", log: &session.log).flatMap({
                Read.yearly(
                    $0, field: "demography.migration.total", unit: .person, rule: .interpolate,
                    log: &session.log)
            })
        else { return nil }
        let share =
            fields["female_share"].flatMap {
                Read.quantity(
                    $0, field: "demography.migration.female_share", unit: .fraction, range: 0...1,
                    log: &session.log)?.value
            } ?? 0.5
        var schedule = RogersCastro.fundamental
        if let given = fields["schedule"] {
            let names = ["a1", "alpha1", "a2", "alpha2", "mu2", "lambda2", "c"]
            guard
                let parameters = Fields(
                    given, section: "demography.migration.schedule", keys: names, log: &session.log)
            else { return nil }
            var values: [Double] = []
            for name in names {
                guard
                    let value = parameters.required(name, log: &session.log).flatMap({
                        Read.quantity(
                            $0, field: "demography.migration.schedule.\(name)", unit: .one,
                            range: 0...200, log: &session.log)
                    })
                else { return nil }
                values.append(value.value)
            }
            schedule = RogersCastro(
                a1: values[0], alpha1: values[1], a2: values[2], alpha2: values[3], mu2: values[4],
                lambda2: values[5], c: values[6])
        }
        return .total(total.values, schedule: schedule, femaleShare: share)
    }

    mutating func decodeCareNeed(_ node: YAMLNode, session: inout Session) -> CareNeedAssumption? {
        let keys = ["prevalence", "special_groups"]
        guard
            let fields = Fields(
                node, section: "demography.care_need", keys: keys, log: &session.log)
        else { return nil }
        let prevalence = fields.required("prevalence", log: &session.log).flatMap {
            table($0, path: ["demography", "care_need", "prevalence"], session: &session)
        }.flatMap { DemographyTables.capabilityPrevalence($0, log: &session.log) }
        var groups: [SpecialGroup] = []
        if let given = fields["special_groups"] {
            guard
                let entries = Read.collection(
                    given, \.entries, field: "demography.care_need.special_groups",
                    expected: "a mapping of group names to shares", log: &session.log)
            else { return nil }
            for entry in entries {
                let field = "demography.care_need.special_groups.\(entry.key)"
                if entry.value.entries != nil,
                    entry.value.entries!.contains(where: { $0.key == "from_age" })
                {
                    guard
                        let parts = Fields(
                            entry.value, section: field, keys: ["share", "from_age"],
                            log: &session.log),
                        let share = parts.required("share", log: &session.log).flatMap({
                            Read.quantity(
                                $0, field: field + ".share", unit: .fraction, range: 0...1,
                                log: &session.log)
                        }),
                        let age = parts.required("from_age", log: &session.log).flatMap({
                            Read.integer(
                                $0, field: field + ".from_age", range: 0...120, log: &session.log)
                        })
                    else { continue }
                    groups.append(SpecialGroup(name: entry.key, share: share.value, fromAge: age))
                } else if let share = Read.quantity(
                    entry.value, field: field, unit: .fraction, range: 0...1, log: &session.log)
                {
                    groups.append(SpecialGroup(name: entry.key, share: share.value))
                }
            }
        }
        guard let prevalence else { return nil }
        return CareNeedAssumption(
            prevalence: prevalence, specialGroups: groups)
    }
}
