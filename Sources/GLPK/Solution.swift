/// The result of ``MixedIntegerProgram/solve(options:)``: a status and, when one was found, the
/// variable values.
public struct Solution: Sendable, Equatable {
    /// How the solve ended.
    public enum Status: Sendable, Hashable {
        /// The solution is optimal: for integer programs, branch-and-cut proved that no integer
        /// solution is better (GLPK's `tol_obj` of 10⁻⁷ relative applies).
        case optimal
        /// Branch-and-cut stopped at an integer solution within the requested
        /// ``SolveOptions/relativeGap`` of the best bound, without proving optimality.
        case feasible
        /// The time limit stopped the solver; `hasSolution` tells whether a feasible solution
        /// (for integer programs, an integer one) was found before it.
        case timeLimit(hasSolution: Bool)
        /// No solution satisfies the constraints, bounds and integrality requirements.
        case infeasible
        /// Feasible solutions exist with arbitrarily good objective values.
        case unbounded
    }

    /// How the solve ended.
    public let status: Status

    /// The objective `c₀ + Σⱼ cⱼ xⱼ` at ``values``, or `nil` when no solution was found.
    public let objective: Double?

    /// The value of each variable, indexed by ``Variable/index``; empty when no solution was
    /// found. Integer and binary variables hold exact whole numbers.
    public let values: [Double]

    /// The best bound on the optimal objective known when the solver stopped: a lower bound
    /// when minimising, an upper bound when maximising; equal to ``objective`` when optimal and
    /// `nil` when unknown (no solution, or a linear program stopped by the time limit).
    public let bestBound: Double?

    /// `|objective − bestBound| / (|objective| + DBL_EPSILON)`, GLPK's relative MIP gap, as a
    /// fraction; 0 when optimal and `nil` when either side is unknown.
    public let relativeGap: Double?

    /// The number of simplex iterations, over every LP the solve needed.
    public let simplexIterations: Int

    /// The number of branch-and-bound subproblems created; 0 for linear programs and for
    /// integer programs that the presolver solved alone.
    public let nodeCount: Int

    /// Whether a solution was found, that is whether ``values`` and ``objective`` are set.
    public var hasSolution: Bool { objective != nil }

    /// The value of a variable in this solution.
    ///
    /// - Parameter variable: A variable of the model that produced this solution.
    /// - Returns: Its value, or `nil` when no solution was found or the handle's index is out of
    ///   range.
    public func value(of variable: Variable) -> Double? {
        values.indices.contains(variable.index) ? values[variable.index] : nil
    }
}
