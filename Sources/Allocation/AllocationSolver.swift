import Facilities
import GLPK

/// The optimiser's answer: what to start where and when, who pays, and what the program says
/// it achieves.
public struct AllocationResult: Sendable {
    /// Counts by option and year index.
    public var counts: [[Int]]
    /// Yuan by option, year index and source (``FundingSource/rawValue``).
    public var spending: [[[Double]]]
    /// Per target: whether the program counts it met.
    public var met: [Bool]
    /// Σ weight of the targets met.
    public var weightedMet: Double
    /// Yuan, over every option and year.
    public var cost: Double
    /// How the deciding solve ended (the targets stage for `targets`, the cost stage for
    /// `cost`), with the objective's bound and relative gap.
    public var status: Solution.Status
    public var bound: Double?
    public var gap: Double?
    /// How the cost stage ended, when it ran.
    public var costStatus: Solution.Status?
    public var costGap: Double?
    /// Wall-clock seconds of both solves.
    public var seconds: Double

    /// Whether a usable allocation was found.
    public var hasAllocation: Bool { !counts.isEmpty }
}

/// Why the optimiser could not answer.
public enum AllocationError: Error, Sendable, CustomStringConvertible {
    case solver(GLPKError)

    public var description: String {
        switch self {
        case .solver(let error): "the solver failed: \(error)"
        }
    }
}

extension AllocationProblem {
    /// Money in the program is held in 万元 (10,000 yuan), which keeps its coefficients near 1.
    static let moneyScale = 10_000.0

    /// Solves the problem.
    /// - Parameters:
    ///   - objective: ``AllocationObjective/targets`` or ``AllocationObjective/cost``.
    ///   - totalBudget: for `cost`, a cap on the whole cost in yuan (nil: none).
    ///   - options: GLPK's time limit (each of the two solves gets it) and relative gap.
    /// - Returns: the allocation, or a result without counts when no solve found one (the
    ///   status says why).
    /// - Throws: ``AllocationError`` when the model cannot be built or GLPK fails.
    public func solve(
        objective: AllocationObjective, totalBudget: Double? = nil,
        options: SolveOptions = SolveOptions()
    ) throws(AllocationError) -> AllocationResult {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            switch objective {
            case .targets:
                // One solve of Σ weight × met − ε × cost: ε is small enough that the whole
                // cost of every option weighs less than half the smallest step of the
                // weighted count (weights are taken to 0.001), so no target is traded for
                // money and, among allocations meeting as much, the cheapest wins.
                let step = 0.001
                let weights = targets.map { ($0.weight / step).rounded() * step }
                var most = 0.0
                for option in self.options {
                    most +=
                        Double(min(option.totalLimit, option.perYearLimit * years.count))
                        * option.unitCost / Self.moneyScale
                }
                let epsilon = most > 0 ? 0.5 * step / most : 0
                let model = try build(
                    uncapped: false, sense: .maximize, metWeights: weights,
                    costWeight: -epsilon)
                let solution = try model.program.solve(options: options)
                if solution.status == .optimal {
                    return result(
                        solution, model: model, status: solution.status,
                        bound: solution.bestBound, gap: solution.relativeGap,
                        costStatus: nil, costGap: nil, seconds: seconds(clock.now - start))
                }
                // Stopped early: the weighted count alone is often proved at once; take it
                // when it meets more (its cost is then not minimised).
                let plain = try build(
                    uncapped: false, sense: .maximize, metWeights: weights, costWeight: 0)
                let count = try plain.program.solve(options: options)
                let better =
                    count.hasSolution
                    && (!solution.hasSolution
                        || count.objective! > solution.objective! + 0.5 * step)
                if better {
                    return result(
                        count, model: plain, status: count.status, bound: count.bestBound,
                        gap: count.relativeGap, costStatus: solution.status,
                        costGap: solution.relativeGap, seconds: seconds(clock.now - start))
                }
                guard solution.hasSolution else {
                    return empty(status: solution.status, seconds: seconds(clock.now - start))
                }
                return result(
                    solution, model: model, status: solution.status,
                    bound: solution.bestBound, gap: solution.relativeGap,
                    costStatus: nil, costGap: nil, seconds: seconds(clock.now - start))
            case .cost:
                var model = try build(
                    uncapped: true, sense: .minimize, metWeights: nil, costWeight: 1)
                for index in targets.indices {
                    if isReachable(index) {
                        try model.program.addConstraint(
                            name: "meet_\(index)", [(model.met[index], 1)], .equal(1))
                    }
                }
                if let totalBudget {
                    try model.program.addConstraint(
                        name: "total_budget", model.costTerms(),
                        .lessOrEqual(totalBudget / Self.moneyScale))
                }
                let solution = try model.program.solve(options: options)
                guard solution.hasSolution else {
                    return empty(status: solution.status, seconds: seconds(clock.now - start))
                }
                return result(
                    solution, model: model, status: solution.status,
                    bound: solution.bestBound.map { $0 * Self.moneyScale },
                    gap: solution.relativeGap, costStatus: solution.status,
                    costGap: solution.relativeGap, seconds: seconds(clock.now - start))
            }
        } catch {
            throw .solver(error)
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }

    private func empty(status: Solution.Status, seconds: Double) -> AllocationResult {
        AllocationResult(
            counts: [], spending: [], met: targets.map { _ in false }, weightedMet: 0, cost: 0,
            status: status, bound: nil, gap: nil, costStatus: nil, costGap: nil, seconds: seconds)
    }

    private func result(
        _ solution: Solution, model: Model, status: Solution.Status, bound: Double?,
        gap: Double?, costStatus: Solution.Status?, costGap: Double?, seconds: Double
    ) -> AllocationResult {
        let counts = model.counts.map { row in
            row.map { variable in variable.map { Int(solution.value(of: $0)!.rounded()) } ?? 0 }
        }
        var spending = [[[Double]]](
            repeating: [[Double]](
                repeating: [Double](repeating: 0, count: FundingSource.count),
                count: years.count),
            count: options.count)
        var cost = 0.0
        for option in options.indices {
            for year in years.indices {
                let total = Double(counts[option][year]) * options[option].unitCost
                cost += total
                guard total > 0 else { continue }
                var split = [Double](repeating: 0, count: FundingSource.count)
                for (source, variable) in model.spending[option][year] {
                    split[source.rawValue] = max(0, solution.value(of: variable)!) * Self.moneyScale
                }
                // Rounding in the solver: scale the split to the exact cost.
                let sum = split.reduce(0, +)
                if sum > 0 {
                    spending[option][year] = split.map { $0 * total / sum }
                } else if let first = options[option].sources.first {
                    spending[option][year][first.rawValue] = total
                }
            }
        }
        let met = model.met.map { solution.value(of: $0)! > 0.5 }
        let weighted = zip(targets, met).reduce(0.0) { $0 + ($1.1 ? $1.0.weight : 0) }
        return AllocationResult(
            counts: counts, spending: spending, met: met, weightedMet: weighted, cost: cost,
            status: status, bound: bound, gap: gap, costStatus: costStatus, costGap: costGap,
            seconds: seconds)
    }

    /// The program and the handles of its variables.
    struct Model {
        var program: MixedIntegerProgram
        /// Count variables by option and year index; nil where the option cannot start.
        var counts: [[Variable?]]
        /// Spending variables by option and year index, one per source that may pay.
        var spending: [[[(FundingSource, Variable)]]]
        var met: [Variable]
        var unitCosts: [Double]

        func costTerms() -> [(Variable, Double)] {
            var terms: [(Variable, Double)] = []
            for (option, row) in counts.enumerated() {
                for variable in row.compactMap({ $0 }) {
                    terms.append((variable, unitCosts[option] / AllocationProblem.moneyScale))
                }
            }
            return terms
        }
    }

    /// Builds the program's variables and rows.
    /// - Parameters:
    ///   - uncapped: whether the yearly capital by source is left out.
    ///   - metWeights: objective coefficients of the targets' met variables (nil: 0).
    ///   - costWeight: objective coefficient per 万元 spent.
    func build(
        uncapped: Bool, sense: MixedIntegerProgram.Sense, metWeights: [Double]?,
        costWeight: Double
    ) throws(GLPKError) -> Model {
        var program = MixedIntegerProgram(sense: sense)
        var counts: [[Variable?]] = []
        var spending: [[[(FundingSource, Variable)]]] = []
        var bySourceYear = [[[(Variable, Double)]]](
            repeating: [[(Variable, Double)]](repeating: [], count: years.count),
            count: FundingSource.count)
        for (o, option) in options.enumerated() {
            var row: [Variable?] = []
            var paid: [[(FundingSource, Variable)]] = []
            for (y, year) in years.enumerated() {
                guard option.perYearLimit > 0, option.totalLimit > 0 else {
                    row.append(nil)
                    paid.append([])
                    continue
                }
                let limit = min(option.perYearLimit, option.totalLimit)
                let x = try program.addVariable(
                    name: "x_\(o)_\(year)", kind: limit == 1 ? .binary : .integer,
                    lowerBound: 0, upperBound: Double(limit),
                    objective: costWeight * option.unitCost / Self.moneyScale)
                row.append(x)
                var terms: [(Variable, Double)] = [(x, -option.unitCost / Self.moneyScale)]
                var split: [(FundingSource, Variable)] = []
                for source in option.sources {
                    let s = try program.addVariable(
                        name: "s_\(o)_\(source.identifier)_\(year)", kind: .continuous,
                        lowerBound: 0)
                    split.append((source, s))
                    terms.append((s, 1))
                    bySourceYear[source.rawValue][y].append((s, 1))
                }
                try program.addConstraint(name: "pay_\(o)_\(year)", terms, .equal(0))
                paid.append(split)
            }
            counts.append(row)
            spending.append(paid)
            let variables = row.compactMap { $0 }
            if variables.count > 1, option.totalLimit < option.perYearLimit * variables.count {
                try program.addConstraint(
                    name: "limit_\(o)", variables.map { ($0, 1) },
                    .lessOrEqual(Double(option.totalLimit)))
            }
        }
        // Capital by source and year.
        if !uncapped {
            for source in FundingSource.allCases {
                var carried: Variable? = nil
                for (y, year) in years.enumerated() {
                    guard let capital = capital[source.rawValue][y] else {
                        carried = nil
                        continue
                    }
                    var terms = bySourceYear[source.rawValue][y]
                    var available = capital / Self.moneyScale
                    if carriesOver {
                        let left = try program.addVariable(
                            name: "left_\(source.identifier)_\(year)", kind: .continuous,
                            lowerBound: 0)
                        terms.append((left, 1))
                        if let carried { terms.append((carried, -1)) }
                        carried = left
                        try program.addConstraint(
                            name: "budget_\(source.identifier)_\(year)", terms,
                            .equal(max(0, available)))
                        continue
                    }
                    available = max(0, available)
                    if terms.isEmpty { continue }
                    try program.addConstraint(
                        name: "budget_\(source.identifier)_\(year)", terms,
                        .lessOrEqual(available))
                }
            }
        }
        // Targets.
        var met: [Variable] = []
        for (t, target) in targets.enumerated() {
            let classes = target.rows.map(classify)
            let fixed: Double? =
                classes.contains(.never) ? 0 : classes.allSatisfy({ $0 == .always }) ? 1 : nil
            let m = try program.addVariable(
                name: "met_\(t)", kind: .binary, lowerBound: fixed ?? 0, upperBound: fixed ?? 1,
                objective: metWeights?[t] ?? 0)
            met.append(m)
            guard fixed == nil else { continue }
            for (r, row) in target.rows.enumerated() where classes[r] == .depends {
                let (lower, _) = bounds(of: row)
                let bigM = row.rightHandSide - lower
                var terms: [(Variable, Double)] = []
                for (option, coefficient) in row.terms {
                    for (y, year) in years.enumerated()
                    where year + options[option].leadTime <= row.year {
                        if let x = counts[option][y] { terms.append((x, coefficient)) }
                    }
                }
                if let (source, coefficient) = row.spending,
                    let y = years.firstIndex(of: row.year)
                {
                    for (s, _) in bySourceYear[source.rawValue][y] {
                        terms.append((s, coefficient * Self.moneyScale))
                    }
                }
                terms.append((m, -bigM))
                try program.addConstraint(
                    name: "target_\(t)_\(r)", terms,
                    .greaterOrEqual(
                        row.rightHandSide - bigM
                            - 1e-9 * max(1, abs(row.rightHandSide))))
            }
        }
        return Model(
            program: program, counts: counts, spending: spending, met: met,
            unitCosts: options.map(\.unitCost))
    }
}
