import CSV
import Demography
import Diagnostics

/// The tables of a `yanglao project` run read and checked together: the population on bands
/// of the step's width and the schedules on those bands, with the schedule of each area.
public struct ProjectionTables: Sendable {
    /// The areas as written in the population table.
    public var areas: [String]
    /// The population on the projection's bands.
    public var grid: PopulationGrid
    /// Survival ratios per mortality schedule.
    public var survival: [BySex<SurvivalRatios>]
    /// The mortality schedule of each area (one entry: all areas).
    public var mortalityOfArea: [Int]
    /// Annual fertility rates per fertility schedule, on the projection's bands.
    public var fertility: [[Double]]
    /// The fertility schedule of each area.
    public var fertilityOfArea: [Int]
    /// Net migrants per step, if a table was given.
    public var migration: NetMigration?

    /// Reads and checks the tables. Five-year or abridged populations are projected in
    /// five-year steps; with `step` 1 they are first split into single years (Sprague).
    /// Schedules must be on the projection's bands (death rates may be on any bands from 0
    /// that reach the population's open age: a life table is built and its person-years
    /// summed into the projection's bands).
    /// - Parameters:
    ///   - rule: the ax rule of life tables built from death rates, by sex.
    ///   - radix: the radix of an `Lx` table.
    /// - Returns: nil when a problem was logged (all of them are).
    public static func read(
        population: CSVTable?, mortality: CSVTable?, fertility: CSVTable?, migration: CSVTable?,
        step: Int?, rule: BySex<AverageYearsLivedRule>, radix: Double, log: inout DiagnosticLog
    ) -> ProjectionTables? {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        guard let population, let read = DemographyTables.population(population, log: &local),
            let grid = projectionGrid(read, step: step, log: &local)
        else {
            // Still check the other tables for their own problems.
            if let mortality { _ = DemographyTables.mortality(mortality, log: &local) }
            return nil
        }
        var survival: [BySex<SurvivalRatios>] = []
        var mortalityOfArea = [0]
        if let mortality, let schedule = DemographyTables.mortality(mortality, log: &local) {
            (survival, mortalityOfArea) = survivalSchedules(
                schedule, bands: grid.bands, areas: read, rule: rule, radix: radix, log: &local)
        }
        var fertilityRates: [[Double]] = []
        var fertilityOfArea = [0]
        if let fertility,
            let rates = DemographyTables.fertility(fertility, bands: grid.bands, log: &local)
        {
            fertilityRates = rates.map(\.rates)
            fertilityOfArea = assign(
                rates.map { ($0.area, $0.location) }, areas: read, what: "fertility", log: &local)
        }
        var netMigration: NetMigration?
        if let migration,
            let counts = DemographyTables.migration(
                migration, bands: grid.bands, areas: read.areas, log: &local)
        {
            netMigration = NetMigration(counts: counts.flatMap { $0.female + $0.male })
        }
        guard !local.hasErrors, !survival.isEmpty, !fertilityRates.isEmpty else { return nil }
        return ProjectionTables(
            areas: read.areas, grid: grid, survival: survival, mortalityOfArea: mortalityOfArea,
            fertility: fertilityRates, fertilityOfArea: fertilityOfArea, migration: netMigration)
    }

    /// The population on bands of the step's width.
    static func projectionGrid(_ read: PopulationTable, step: Int?, log: inout DiagnosticLog)
        -> PopulationGrid?
    {
        let bands = read.bands
        let bounds = bands.lowerBounds
        let abridged = bounds.count >= 3 && bounds[0] == 0 && bounds[1] == 1 && bounds[2] == 5
        let given = bands.uniformWidth ?? (abridged ? 5 : nil)
        let width = step ?? given ?? 0
        var populations = read.populations
        if bands.uniformWidth == width {
            // As given.
        } else if width == 5, bands.openAge % 5 == 0,
            bands.refines(.uniform(width: 5, to: bands.openAge))
        {
            populations = populations.map {
                $0.regrouped(to: .uniform(width: 5, to: bands.openAge))
            }
        } else if width == 1, given == 5 {
            do {
                populations = try populations.map {
                    try Graduation.singleYears($0, method: .sprague)
                }
            } catch {
                log.error(.invalidValue(field: "age", reason: "\(error)"), at: read.firstRow)
                return nil
            }
        } else {
            let steps =
                width == 0
                ? "steps of their widths" : "steps of \(width) year\(width == 1 ? "" : "s")"
            log.error(
                .invalidValue(
                    field: "age",
                    reason:
                        "the population's bands (\(bands)) cannot be projected in \(steps); give bands of one width (or 0, 1–4, 5–9, …) and a step of 1 or 5"
                ), at: read.firstRow)
            return nil
        }
        return PopulationGrid(bands: populations[0].bands, populations: populations)
    }

    /// Survival ratios per schedule and the schedule of each area.
    static func survivalSchedules(
        _ table: AgeScheduleTable, bands: AgeBands, areas: PopulationTable,
        rule: BySex<AverageYearsLivedRule>, radix: Double, log: inout DiagnosticLog
    ) -> ([BySex<SurvivalRatios>], [Int]) {
        var schedules: [BySex<SurvivalRatios>] = []
        for (index, values) in table.values.enumerated() {
            var pair: [SurvivalRatios] = []
            for sex in Sex.allCases {
                let mismatch = Problem.invalidValue(
                    field: "age",
                    reason:
                        "the mortality schedule's ages (\(table.bands)) do not match the population's (\(bands)); "
                        + (table.kind == .deathRates
                            ? "death rates must start at 0 and reach the population's open age"
                            : "Lx and Sx need exactly the population's bands"))
                do {
                    switch table.kind {
                    case .deathRates:
                        guard table.bands.openAge >= bands.openAge else {
                            log.error(mismatch, at: table.areaLocations[index])
                            return ([], [0])
                        }
                        let lifeTable = try LifeTable(
                            bands: table.bands, deathRates: values[sex], rule: rule[sex])
                        pair.append(try lifeTable.survivalRatios(for: bands))
                    case .personYears, .survivalRatios:
                        guard table.bands == bands else {
                            log.error(mismatch, at: table.areaLocations[index])
                            return ([], [0])
                        }
                        pair.append(
                            table.kind == .personYears
                                ? try SurvivalRatios(
                                    bands: bands, personYears: values[sex], radix: radix)
                                : try SurvivalRatios(bands: bands, values: values[sex]))
                    }
                } catch let error as SurvivalRatios.InvariantError {
                    if case .bandsDoNotMatch = error {
                        log.error(mismatch, at: table.areaLocations[index])
                    } else {
                        log.error(
                            .invalidValue(field: table.kind.rawValue, reason: error.description),
                            at: table.areaLocations[index])
                    }
                    return ([], [0])
                } catch {
                    log.error(
                        .invalidValue(field: table.kind.rawValue, reason: "\(error)"),
                        at: table.areaLocations[index])
                    return ([], [0])
                }
            }
            schedules.append(BySex(female: pair[0], male: pair[1]))
        }
        let mapping = assign(
            zip(table.areas, table.areaLocations).map { ($0, $1) }, areas: areas,
            what: "mortality", log: &log)
        return (schedules, mapping)
    }

    /// Which schedule each area of the population uses; schedules with an area must name
    /// areas of the population, and every area needs one.
    static func assign(
        _ keys: [(String?, SourceLocation)], areas: PopulationTable, what: String,
        log: inout DiagnosticLog
    ) -> [Int] {
        if keys.count == 1, keys[0].0 == nil { return [0] }
        var index: [String: Int] = [:]
        for (position, key) in keys.enumerated() {
            guard let area = key.0 else { continue }
            if !areas.areas.contains(area) { log.error(.unknownRegion(code: area), at: key.1) }
            index[area] = position
        }
        var mapping: [Int] = []
        for (position, area) in areas.areas.enumerated() {
            if let schedule = index[area] {
                mapping.append(schedule)
            } else {
                log.error(
                    .invalidValue(field: "area", reason: "area \(area) has no \(what) schedule"),
                    at: areas.areaLocations[position])
                mapping.append(0)
            }
        }
        return mapping
    }
}
