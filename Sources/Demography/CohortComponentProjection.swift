import Dispatch
import Foundation

/// When net migrants of a step are added (the two options of the UN WPP projection).
public enum MigrationTiming: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Half at the start of the step (exposed to the step's mortality and fertility), half
    /// at the end.
    case even
    /// All at the end of the step.
    case end

    public var description: String { rawValue }
}

/// Net migrants over one projection step (净迁移人数), by area, part, sex and age band.
///
/// The layout is `counts[(((area · parts + part) · stepsGiven + step) · 2 + sex) · bands + age]`.
/// With `stepsGiven` = 1 the same counts apply in every step. Counts may be negative
/// (emigration). The age is the band at the start of the step for the half added at the
/// start and the band at the end for the rest, as in the UN WPP projection.
public struct NetMigration: Hashable, Sendable {
    /// The counts, persons per step.
    public let counts: [Double]
    /// How many steps the counts cover: 1 (every step the same) or the number of steps.
    public let stepsGiven: Int

    /// - Precondition: `counts.count` is a multiple of `stepsGiven`; every count finite.
    public init(counts: [Double], stepsGiven: Int = 1) {
        precondition(stepsGiven >= 1 && counts.allSatisfy(\.isFinite))
        self.counts = counts
        self.stepsGiven = stepsGiven
    }
}

/// What a projection assumes, step by step: survival, fertility, the sex ratio at birth,
/// migration.
public struct ProjectionAssumptions: Sendable {
    /// Survival schedules: `survival[s][t]` is schedule s in step t (one per step).
    public var survival: [[BySex<SurvivalRatios>]]
    /// Fertility schedules: `fertility[f][t][band]` is the annual births per woman in the band
    /// in step t (age-specific fertility rates on the projection's bands).
    public var fertility: [[[Double]]]
    /// Male births per female birth in each step (1.05 is usual; China 2020: 1.112).
    public var sexRatioAtBirth: [Double]
    /// The survival schedule of each area's part: `mortalitySchedule[area · parts + part]`;
    /// one entry means every area and part uses it.
    public var mortalitySchedule: [Int]
    /// The fertility schedule of each area's part, laid out as `mortalitySchedule`.
    public var fertilitySchedule: [Int]
    /// Net migrants, if any.
    public var netMigration: NetMigration?
    /// Rural→urban transfer (乡城迁移) when areas have two parts: the share of the rural
    /// persons of each sex and band at the end of a step who move to the urban part of the
    /// same area; one entry for every step, or one per step.
    public var ruralToUrban: [BySex<[Double]>]?
    /// When migrants (and transferred persons) are added.
    public var timing: MigrationTiming

    public init(
        survival: [[BySex<SurvivalRatios>]], fertility: [[[Double]]], sexRatioAtBirth: [Double],
        mortalitySchedule: [Int] = [0], fertilitySchedule: [Int] = [0],
        netMigration: NetMigration? = nil, ruralToUrban: [BySex<[Double]>]? = nil,
        timing: MigrationTiming = .even
    ) {
        self.survival = survival
        self.fertility = fertility
        self.sexRatioAtBirth = sexRatioAtBirth
        self.mortalitySchedule = mortalitySchedule
        self.fertilitySchedule = fertilitySchedule
        self.netMigration = netMigration
        self.ruralToUrban = ruralToUrban
        self.timing = timing
    }
}

/// Why a projection cannot run.
public enum ProjectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bands are not of one width with an open band, or there are fewer than two.
    case bandsNotUniform(AgeBands)
    /// An input has the wrong number of entries.
    case shape(what: String, expected: Int, got: Int)
    /// A schedule index that does not exist.
    case unknownSchedule(what: String, index: Int)
    /// A schedule on other bands than the population's.
    case bandsDiffer(what: String)
    /// A value outside its range.
    case invalidValue(what: String, value: Double)
    /// Urban–rural transfer on areas with one part.
    case transferNeedsTwoParts

    public var description: String {
        switch self {
        case .bandsNotUniform(let bands):
            "projection bands must be two or more bands of one width, the last open (got \(bands))"
        case .shape(let what, let expected, let got):
            "\(what) has \(got) entries, expected \(expected)"
        case .unknownSchedule(let what, let index):
            "\(what) names schedule \(index), which does not exist"
        case .bandsDiffer(let what): "\(what) is on other age bands than the population"
        case .invalidValue(let what, let value): "\(what) is out of range (\(value))"
        case .transferNeedsTwoParts: "rural→urban transfer needs areas with urban and rural parts"
        }
    }
}

/// The cohort-component projection (队列要素法, CCMPP) of many areas at once, in the form of the
/// UN World Population Prospects one-step projection for a step of any width equal to the
/// width of the age bands (Preston, Heuveline & Guillot, *Demography*, 2001, ch. 6).
///
/// For each area, part and sex, one step of width z from start population P with survival
/// ratios S, annual fertility F and net migrants I is:
/// 1. migrants at the start: A = P + I/2 and E = I/2 (timing `even`), or A = P and E = 0
///    (`end`);
/// 2. cohort deaths D(x) = (1 − S(x))·A(x − 1), and for the open band
///    D(last) = (1 − S(last))·(A(last − 1) + A(last));
/// 3. survivors N(x) = A(x − 1) − D(x) + E(x), N(last) = A(last − 1) + A(last) − D(last) + E(last);
/// 4. births B = Σ z·F(x)·(A_f(x) + N_f(x)) / 2 from the mean female exposure of the step,
///    split into B/(1 + SRB) girls and the rest boys;
/// 5. the first band N(0) = B_sex·S(0) + E(0);
/// 6. timing `end`: N += I. A cell that would turn negative (more emigrants than people) is
///    set to 0 and the difference counted as migrants who did not leave, so that
///    end = start − deaths + births + migrants holds exactly for every area;
/// 7. rural→urban transfer (areas with two parts): at the end of the step the share r(x) of
///    the rural persons of each sex and band moves to the urban part of the same area. The
///    transfer is counted as migration of both parts with opposite signs, so it changes
///    neither the area's total nor its identity, and it never makes a cell negative.
///
/// Areas are independent, so they are projected in parallel on every core; each area's
/// arithmetic is the same whatever the thread, so results do not depend on the thread count.
public enum CohortComponentProjection {
    /// Projects a population forward.
    /// - Parameters:
    ///   - start: the population at the start, on bands of one width z (the step).
    ///   - steps: the number of steps.
    ///   - assumptions: survival, fertility, SRB and migration for every step.
    ///   - recordsBirthsByAge: whether to keep births by the mother's band (memory: areas ×
    ///     parts × steps × bands numbers).
    ///   - threads: the number of threads (default: the active processors).
    /// - Returns: the population at the start and after every step, with births, deaths and
    ///   net migrants of each step.
    /// - Throws: ``ProjectionError`` for inputs of the wrong shape or out of range.
    /// - Complexity: O(areas × parts × bands × steps).
    public static func project(
        _ start: PopulationGrid, steps: Int, assumptions: ProjectionAssumptions,
        recordsBirthsByAge: Bool = false, threads: Int? = nil
    ) throws(ProjectionError) -> ProjectionResult {
        let plan = try Plan(start: start, steps: steps, assumptions: assumptions)
        var result = ProjectionResult(
            start: start, steps: steps, width: plan.width, recordsBirthsByAge: recordsBirthsByAge)
        run(
            plan, start: start, into: &result, recordsBirthsByAge: recordsBirthsByAge,
            threads: threads)
        return result
    }

    /// Projects a population forward into an existing result, reusing its memory when it has
    /// the same shape (areas, parts, bands, steps): for repeated runs of one region (scenario
    /// variants, replicates), which then touch no new memory. Otherwise a new result is made.
    /// - Parameters: as ``project(_:steps:assumptions:recordsBirthsByAge:threads:)``.
    /// - Throws: ``ProjectionError``.
    public static func project(
        _ start: PopulationGrid, steps: Int, assumptions: ProjectionAssumptions,
        into result: inout ProjectionResult, recordsBirthsByAge: Bool = false,
        threads: Int? = nil
    ) throws(ProjectionError) {
        let plan = try Plan(start: start, steps: steps, assumptions: assumptions)
        if result.bands != start.bands || result.areaCount != start.areaCount
            || result.partCount != start.partCount || result.steps != steps
            || result.width != plan.width
            || result.birthsByMotherAge.isEmpty == recordsBirthsByAge
        {
            result = ProjectionResult(
                start: start, steps: steps, width: plan.width,
                recordsBirthsByAge: recordsBirthsByAge)
        } else if recordsBirthsByAge {
            result.birthsByMotherAge.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        run(
            plan, start: start, into: &result, recordsBirthsByAge: recordsBirthsByAge,
            threads: threads)
    }

    /// The projection proper, area by area on every thread.
    private static func run(
        _ plan: Plan, start: PopulationGrid, into result: inout ProjectionResult,
        recordsBirthsByAge: Bool, threads: Int?
    ) {
        let areas = start.areaCount
        guard areas > 0 else { return }
        let threadCount = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // Chunks of whole areas; more chunks than threads balances uneven finishing.
        let chunkCount = min(areas, threadCount == 1 ? 1 : threadCount * 8)
        result.population.withUnsafeMutableBufferPointer { population in
            result.births.withUnsafeMutableBufferPointer { births in
                result.deaths.withUnsafeMutableBufferPointer { deaths in
                    result.migration.withUnsafeMutableBufferPointer { migration in
                        result.birthsByMotherAge.withUnsafeMutableBufferPointer { byAge in
                            start.counts.withUnsafeBufferPointer { counts in
                                let buffers = Buffers(
                                    start: counts.baseAddress!,
                                    population: population.baseAddress!, births: births.baseAddress,
                                    deaths: deaths.baseAddress, migration: migration.baseAddress,
                                    birthsByMotherAge: recordsBirthsByAge ? byAge.baseAddress : nil)
                                let work: @Sendable (Int) -> Void = { chunk in
                                    let first = chunk * areas / chunkCount
                                    let end = (chunk + 1) * areas / chunkCount
                                    var scratch = Scratch(plan: plan)
                                    for area in first..<end {
                                        plan.project(area: area, into: buffers, scratch: &scratch)
                                    }
                                }
                                if threadCount == 1 {
                                    for chunk in 0..<chunkCount { work(chunk) }
                                } else {
                                    DispatchQueue.concurrentPerform(
                                        iterations: chunkCount, execute: work)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The result arrays, written by many threads at disjoint areas.
private struct Buffers: @unchecked Sendable {
    let start: UnsafePointer<Double>
    let population: UnsafeMutablePointer<Double>
    let births: UnsafeMutablePointer<Double>?
    let deaths: UnsafeMutablePointer<Double>?
    let migration: UnsafeMutablePointer<Double>?
    let birthsByMotherAge: UnsafeMutablePointer<Double>?
}

/// Per-thread working arrays.
private struct Scratch {
    /// Zeros, the migrants of an area without a migration table.
    var inflow: [Double]

    init(plan: Plan) {
        inflow = [Double](repeating: 0, count: 2 * plan.ages)
    }
}

/// The validated inputs as flat arrays, ready for the inner loop.
private struct Plan: Sendable {
    let ages: Int
    let parts: Int
    let steps: Int
    let width: Int
    let timing: MigrationTiming
    /// `[((schedule · steps + step) · 2 + sex) · ages + band]`
    let survival: [Double]
    /// `[(schedule · steps + step) · ages + band]`, multiplied by the width z.
    let fertility: [Double]
    let sexRatioAtBirth: [Double]
    let mortalityOfCell: [Int32]
    let fertilityOfCell: [Int32]
    let migration: [Double]
    let migrationSteps: Int
    let transfer: [Double]
    let transferSteps: Int

    init(start: PopulationGrid, steps: Int, assumptions: ProjectionAssumptions)
        throws(ProjectionError)
    {
        let bands = start.bands
        guard let width = bands.uniformWidth, bands.count >= 2, bands.startsAtZero else {
            throw .bandsNotUniform(bands)
        }
        guard steps >= 0 else {
            throw .invalidValue(what: "the number of steps", value: Double(steps))
        }
        let ages = bands.count
        let parts = start.partCount
        let cells = start.areaCount * parts
        self.ages = ages
        self.parts = parts
        self.steps = steps
        self.width = width
        self.timing = assumptions.timing

        var survival: [Double] = []
        for (index, schedule) in assumptions.survival.enumerated() {
            guard schedule.count == steps else {
                throw .shape(
                    what: "survival schedule \(index)", expected: steps, got: schedule.count)
            }
            for pair in schedule {
                for sex in Sex.allCases {
                    guard pair[sex].bands == bands else {
                        throw .bandsDiffer(what: "survival schedule \(index)")
                    }
                    survival += pair[sex].values
                }
            }
        }
        var fertility: [Double] = []
        for (index, schedule) in assumptions.fertility.enumerated() {
            guard schedule.count == steps else {
                throw .shape(
                    what: "fertility schedule \(index)", expected: steps, got: schedule.count)
            }
            for rates in schedule {
                guard rates.count == ages else {
                    throw .shape(
                        what: "fertility schedule \(index)", expected: ages, got: rates.count)
                }
                for rate in rates where !(rate >= 0 && rate <= 1) {
                    throw .invalidValue(what: "a fertility rate", value: rate)
                }
                fertility += rates.map { $0 * Double(width) }
            }
        }
        guard assumptions.sexRatioAtBirth.count == steps else {
            throw .shape(
                what: "the sex ratio at birth", expected: steps,
                got: assumptions.sexRatioAtBirth.count)
        }
        for ratio in assumptions.sexRatioAtBirth where !(ratio > 0 && ratio.isFinite) {
            throw .invalidValue(what: "the sex ratio at birth", value: ratio)
        }
        func cellSchedules(_ given: [Int], count: Int, what: String) throws(ProjectionError)
            -> [Int32]
        {
            guard given.count == 1 || given.count == cells else {
                throw .shape(what: what, expected: cells, got: given.count)
            }
            for index in given where !(0..<count).contains(index) {
                throw .unknownSchedule(what: what, index: index)
            }
            return given.count == 1
                ? [Int32](repeating: Int32(given[0]), count: cells) : given.map { Int32($0) }
        }
        self.mortalityOfCell = try cellSchedules(
            assumptions.mortalitySchedule, count: assumptions.survival.count,
            what: "the mortality schedule of each area")
        self.fertilityOfCell = try cellSchedules(
            assumptions.fertilitySchedule, count: assumptions.fertility.count,
            what: "the fertility schedule of each area")
        self.survival = survival
        self.fertility = fertility
        self.sexRatioAtBirth = assumptions.sexRatioAtBirth

        if let migration = assumptions.netMigration {
            guard migration.stepsGiven == 1 || migration.stepsGiven == steps else {
                throw .shape(
                    what: "net migration steps", expected: steps, got: migration.stepsGiven)
            }
            let expected = cells * migration.stepsGiven * 2 * ages
            guard migration.counts.count == expected else {
                throw .shape(what: "net migration", expected: expected, got: migration.counts.count)
            }
            self.migration = migration.counts
            self.migrationSteps = migration.stepsGiven
        } else {
            self.migration = []
            self.migrationSteps = 0
        }
        if let transfer = assumptions.ruralToUrban {
            guard parts == 2 else { throw .transferNeedsTwoParts }
            guard transfer.count == 1 || transfer.count == steps else {
                throw .shape(
                    what: "rural→urban transfer steps", expected: steps, got: transfer.count)
            }
            var flat: [Double] = []
            for pair in transfer {
                for sex in Sex.allCases {
                    guard pair[sex].count == ages else {
                        throw .shape(
                            what: "rural→urban transfer", expected: ages, got: pair[sex].count)
                    }
                    for share in pair[sex] where !(share >= 0 && share <= 1) {
                        throw .invalidValue(what: "a rural→urban transfer share", value: share)
                    }
                    flat += pair[sex]
                }
            }
            self.transfer = flat
            self.transferSteps = transfer.count
        } else {
            self.transfer = []
            self.transferSteps = 0
        }
    }

    /// Projects one area through every step.
    ///
    /// One pass over the bands of each part and sex does steps 1–4 and 6 of the algorithm
    /// together (migrants at the start, survival, the mean female exposure for births,
    /// migrants at the end); the first band and the transfer follow.
    func project(area: Int, into buffers: Buffers, scratch: inout Scratch) {
        let timeStride = parts * 2 * ages
        let areaBase = area * (steps + 1) * timeStride
        // Time 0: the start population.
        (buffers.population + areaBase).update(
            from: buffers.start + area * timeStride, count: timeStride)
        guard steps > 0, let birthsOut = buffers.births, let deathsOut = buffers.deaths,
            let migrationOut = buffers.migration
        else { return }
        let last = ages - 1
        // Shares of the migrants added at the start, and at the end before and after births.
        let atStart = timing == .even ? 0.5 : 0
        let beforeBirths = timing == .even ? 0.5 : 0
        let afterBirths = timing == .even ? 0.0 : 1
        survival.withUnsafeBufferPointer { survival in
            fertility.withUnsafeBufferPointer { fertility in
                migration.withUnsafeBufferPointer { migration in
                    transfer.withUnsafeBufferPointer { transfer in
                        scratch.inflow.withUnsafeMutableBufferPointer { zeros in
                            for step in 0..<steps {
                                let source = buffers.population + areaBase + step * timeStride
                                let target = source + timeStride
                                let flowBase = (area * steps + step) * parts * 2
                                let ratio = sexRatioAtBirth[step]
                                for part in 0..<parts {
                                    let cell = area * parts + part
                                    let mortality = Int(mortalityOfCell[cell])
                                    let rates =
                                        fertility.baseAddress!
                                        + (Int(fertilityOfCell[cell]) * steps + step) * ages
                                    let inflowBase: UnsafePointer<Double> =
                                        migrationSteps > 0
                                        ? migration.baseAddress!
                                            + ((area * parts + part) * migrationSteps
                                                + (migrationSteps == 1 ? 0 : step)) * 2 * ages
                                        : UnsafePointer(zeros.baseAddress!)
                                    var births = 0.0
                                    var realised = (0.0, 0.0)
                                    var died = (0.0, 0.0)
                                    for sexIndex in 0..<2 {
                                        let offset = (part * 2 + sexIndex) * ages
                                        let start = source + offset
                                        let end = target + offset
                                        let ratios =
                                            survival.baseAddress!
                                            + ((mortality * steps + step) * 2 + sexIndex) * ages
                                        let inflow = inflowBase + sexIndex * ages
                                        let female = sexIndex == 0
                                        let record =
                                            female
                                            ? buffers.birthsByMotherAge.map {
                                                $0 + ((area * steps + step) * parts + part) * ages
                                            } : nil
                                        // Separate sums (cells floored at the start and at the end,
                                        // deaths, births) so that no chain of additions waits on another.
                                        var flooredAtStart = 0.0
                                        var flooredAtEnd = 0.0
                                        var deaths = 0.0
                                        var born = 0.0
                                        // A(0): migrants at the start, never below zero.
                                        var previous = start[0] + atStart * inflow[0]
                                        if previous < 0 {
                                            flooredAtStart -= previous
                                            previous = 0
                                        }
                                        for band in 1..<last {
                                            var current = start[band] + atStart * inflow[band]
                                            if current < 0 {
                                                flooredAtStart -= current
                                                current = 0
                                            }
                                            let dying = (1 - ratios[band]) * previous
                                            deaths += dying
                                            var survivors =
                                                previous - dying + beforeBirths * inflow[band]
                                            if female {
                                                let exposure = rates[band] * (current + survivors)
                                                born += exposure
                                                if let record { record[band] = exposure / 2 }
                                            }
                                            survivors += afterBirths * inflow[band]
                                            if survivors < 0 {
                                                flooredAtEnd -= survivors
                                                survivors = 0
                                            }
                                            end[band] = survivors
                                            previous = current
                                        }
                                        var adjusted = flooredAtStart + flooredAtEnd
                                        var current = start[last] + atStart * inflow[last]
                                        if current < 0 {
                                            adjusted -= current
                                            current = 0
                                        }
                                        let exposed = previous + current
                                        let dying = (1 - ratios[last]) * exposed
                                        deaths += dying
                                        var survivors =
                                            exposed - dying + beforeBirths * inflow[last]
                                        if female {
                                            let exposure = rates[last] * (current + survivors)
                                            born += exposure
                                            if let record { record[last] = exposure / 2 }
                                        }
                                        survivors += afterBirths * inflow[last]
                                        if survivors < 0 {
                                            adjusted -= survivors
                                            survivors = 0
                                        }
                                        end[last] = survivors
                                        if female {
                                            births = born / 2
                                            died.0 = deaths
                                            realised.0 = adjusted
                                        } else {
                                            died.1 = deaths
                                            realised.1 = adjusted
                                        }
                                    }
                                    // 5. The first band from the births of the step, with its migrants.
                                    let girls = births / (1 + ratio)
                                    for sexIndex in 0..<2 {
                                        let offset = (part * 2 + sexIndex) * ages
                                        let end = target + offset
                                        let ratios =
                                            survival.baseAddress!
                                            + ((mortality * steps + step) * 2 + sexIndex) * ages
                                        let inflow = inflowBase + sexIndex * ages
                                        let sexBirths = sexIndex == 0 ? girls : births - girls
                                        var adjusted = sexIndex == 0 ? realised.0 : realised.1
                                        var first =
                                            sexBirths * ratios[0] + (1 - atStart) * inflow[0]
                                        if first < 0 {
                                            adjusted -= first
                                            first = 0
                                        }
                                        end[0] = first
                                        var net = 0.0
                                        for band in 0..<ages { net += inflow[band] }
                                        let flow = flowBase + part * 2 + sexIndex
                                        birthsOut[flow] = sexBirths
                                        deathsOut[flow] =
                                            sexBirths * (1 - ratios[0])
                                            + (sexIndex == 0 ? died.0 : died.1)
                                        migrationOut[flow] = net + adjusted
                                    }
                                }
                                // 7. Rural→urban transfer at the end of the step.
                                if transferSteps > 0 {
                                    let stepIndex = transferSteps == 1 ? 0 : step
                                    let urban = PopulationGrid.urban * 2 * ages
                                    let rural = PopulationGrid.rural * 2 * ages
                                    for sexIndex in 0..<2 {
                                        var moved = 0.0
                                        for band in 0..<ages {
                                            let index = sexIndex * ages + band
                                            let moving =
                                                transfer[stepIndex * 2 * ages + index]
                                                * target[rural + index]
                                            target[rural + index] -= moving
                                            target[urban + index] += moving
                                            moved += moving
                                        }
                                        migrationOut[
                                            flowBase + PopulationGrid.urban * 2 + sexIndex] += moved
                                        migrationOut[
                                            flowBase + PopulationGrid.rural * 2 + sexIndex] -= moved
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
