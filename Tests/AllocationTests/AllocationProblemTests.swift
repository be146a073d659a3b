import Allocation
import Facilities
import GLPK
import Testing

/// The optimiser against answers found without it: by hand, and by enumerating every
/// allocation of small instances.
struct AllocationProblemTests {
    /// A hand-worked instance. Four streets, one of which has a centre; three may get one:
    /// A costs 2 万元, B 3 万元, C 4 万元; a centre opens a year after it is funded. One
    /// source holds 5 万元 in 2021 and 4 万元 in 2022.
    ///
    /// - Target 1: 3 of 4 streets covered in 2022 (75 %): the row is
    ///   `1 + (centres funded in 2021) ≥ 0.75 × 4`, so two centres funded in 2021; only A + B
    ///   (5 万元) fit 2021's 5 万元.
    /// - Target 2: every street covered in 2023: A and B in 2021 and C (4 万元) in 2022, which
    ///   fits 2022's 4 万元.
    ///
    /// Both can be met, and only by A and B in 2021 and C in 2022: 9 万元. With 2022's money cut
    /// to 3 万元 C cannot be funded in either year, so only target 1 is met, by A and B (5 万元).
    @Test func handWorkedInstanceMeetsBothTargetsFor90000Yuan() throws {
        let problem = Self.streets(capital2022: 40_000)
        let result = try problem.solve(objective: .targets)
        #expect(result.status == .optimal)
        #expect(result.met == [true, true])
        #expect(result.cost == 90_000)
        #expect(result.counts == [[1, 0], [1, 0], [0, 1]])

        let cut = try Self.streets(capital2022: 30_000).solve(objective: .targets)
        #expect(cut.met == [true, false])
        #expect(cut.cost == 50_000)
        #expect(cut.counts == [[1, 0], [1, 0], [0, 0]])
    }

    /// `cost` lifts the yearly budgets: both targets are reachable, and the least cost is
    /// still A, B in 2021 and C by 2022: 9 万元 (the same by hand as above). Capped at 8 万元
    /// in all, no allocation meets both: infeasible.
    @Test func costObjectiveMeetsBothFor90000YuanAndIsInfeasibleUnder80000() throws {
        let problem = Self.streets(capital2022: 0)
        let result = try problem.solve(objective: .cost)
        #expect(result.met == [true, true])
        #expect(result.cost == 90_000)
        let capped = try problem.solve(objective: .cost, totalBudget: 80_000)
        #expect(!capped.hasAllocation)
        #expect(capped.status == .infeasible)
    }

    static func streets(capital2022: Double) -> AllocationProblem {
        let options = [20_000.0, 30_000, 40_000].enumerated().map { index, cost in
            AllocationOption(
                action: .streetCentre, units: [index], unitCost: cost, leadTime: 1,
                sources: [.centralBudget], perYearLimit: 1, totalLimit: 1)
        }
        var capital = [[Double?]](repeating: [0, 0], count: FundingSource.count)
        capital[FundingSource.centralBudget.rawValue] = [50_000, capital2022]
        let every = [(0, 1.0), (1, 1.0), (2, 1.0)]
        return AllocationProblem(
            years: [2021, 2022], capital: capital, options: options,
            targets: [
                AllocationTarget(
                    id: "three-of-four",
                    rows: [AllocationRow(year: 2022, region: 0, terms: every, rightHandSide: 2)]),
                AllocationTarget(
                    id: "all-four",
                    rows: [AllocationRow(year: 2023, region: 0, terms: every, rightHandSide: 3)]),
            ])
    }

    /// Random small instances (3 options × 2 years, one of them integer up to 2 a year and 3
    /// in all, two sources with overlapping eligibility, 2 or 3 weighted targets with share
    /// rows whose coefficients may be negative): the program's weighted count and cost equal
    /// those of the best of every allocation, enumerated.
    @Test(arguments: 0..<40)
    func optimiserMatchesBruteForceOnRandomInstance(_ seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) + 1)
        let problem = Self.randomInstance(&random)
        let best = Self.bruteForce(problem)
        let result = try problem.solve(objective: .targets)
        #expect(result.status == .optimal)
        #expect(abs(result.weightedMet - best.weighted) < 1e-9, "seed \(seed)")
        #expect(abs(result.cost - best.cost) < 1e-6, "seed \(seed)")
    }

    static func randomInstance(_ random: inout SplitMix) -> AllocationProblem {
        let sourceSets: [[FundingSource]] = [
            [.welfareLottery], [.centralBudget], [.welfareLottery, .centralBudget],
        ]
        var options: [AllocationOption] = []
        for index in 0..<3 {
            let integer = index == 2
            options.append(
                AllocationOption(
                    action: integer ? .conversion : .streetCentre, units: [index],
                    unitCost: Double(1 + random.next(4)) * 10_000,
                    leadTime: Int(random.next(2)),
                    sources: sourceSets[Int(random.next(3))],
                    perYearLimit: integer ? 2 : 1, totalLimit: integer ? 3 : 1))
        }
        var capital = [[Double?]](repeating: [0, 0], count: FundingSource.count)
        capital[FundingSource.welfareLottery.rawValue] = [
            Double(random.next(6)) * 10_000, Double(random.next(6)) * 10_000,
        ]
        capital[FundingSource.centralBudget.rawValue] = [
            Double(random.next(6)) * 10_000, Double(random.next(6)) * 10_000,
        ]
        var targets: [AllocationTarget] = []
        for t in 0..<(2 + Int(random.next(2))) {
            var rows: [AllocationRow] = []
            for _ in 0..<(1 + Int(random.next(2))) {
                let terms = (0..<3).map { option in
                    (option, Double(Int(random.next(5)) - 1) * 0.5)
                }
                rows.append(
                    AllocationRow(
                        year: 2021 + Int(random.next(3)), region: 0, terms: terms,
                        rightHandSide: Double(Int(random.next(6)) - 1) * 0.5))
            }
            targets.append(AllocationTarget(id: "t\(t)", weight: Double(1 + t % 2), rows: rows))
        }
        return AllocationProblem(
            years: [2021, 2022], capital: capital, options: options, targets: targets)
    }

    /// Every allocation within the limits; money is feasible when, in each year, each
    /// source alone covers what only it may pay and both together cover everything (Hall's
    /// condition for two sources); a target is met when each row holds at its year.
    static func bruteForce(_ problem: AllocationProblem) -> (weighted: Double, cost: Double) {
        let years = problem.years
        var best = (weighted: -1.0, cost: Double.infinity)
        let slots = problem.options.count * years.count
        var counts = [Int](repeating: 0, count: slots)
        func limit(_ slot: Int) -> Int { problem.options[slot / years.count].perYearLimit }
        while true {
            var feasible = true
            for (o, option) in problem.options.enumerated() {
                let total = (0..<years.count).reduce(0) { $0 + counts[o * years.count + $1] }
                if total > option.totalLimit { feasible = false }
            }
            for y in years.indices where feasible {
                var only = [Double](repeating: 0, count: FundingSource.count)
                var all = 0.0
                for (o, option) in problem.options.enumerated() {
                    let cost = Double(counts[o * years.count + y]) * option.unitCost
                    all += cost
                    if option.sources.count == 1 { only[option.sources[0].rawValue] += cost }
                }
                let lottery = problem.capital[FundingSource.welfareLottery.rawValue][y] ?? 0
                let central = problem.capital[FundingSource.centralBudget.rawValue][y] ?? 0
                if only[FundingSource.welfareLottery.rawValue] > lottery + 1e-6
                    || only[FundingSource.centralBudget.rawValue] > central + 1e-6
                    || all > lottery + central + 1e-6
                {
                    feasible = false
                }
            }
            if feasible {
                var weighted = 0.0
                var cost = 0.0
                for (o, option) in problem.options.enumerated() {
                    for y in years.indices {
                        cost += Double(counts[o * years.count + y]) * option.unitCost
                    }
                }
                for target in problem.targets {
                    let met = target.rows.allSatisfy { row in
                        var lhs = 0.0
                        for (option, coefficient) in row.terms {
                            for (y, year) in years.enumerated()
                            where year + problem.options[option].leadTime <= row.year {
                                lhs += coefficient * Double(counts[option * years.count + y])
                            }
                        }
                        return lhs >= row.rightHandSide - 1e-9 * max(1, abs(row.rightHandSide))
                    }
                    if met { weighted += target.weight }
                }
                if weighted > best.weighted + 1e-9
                    || (abs(weighted - best.weighted) < 1e-9 && cost < best.cost)
                {
                    best = (weighted, cost)
                }
            }
            // Next allocation (odometer).
            var slot = 0
            while slot < slots, counts[slot] == limit(slot) {
                counts[slot] = 0
                slot += 1
            }
            if slot == slots { break }
            counts[slot] += 1
        }
        return best
    }
}

/// A small deterministic generator for test instances (SplitMix64, Steele, Lea & Flood 2014).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A whole number in 0..<bound.
    mutating func next(_ bound: UInt64) -> UInt64 { next() % bound }
}
