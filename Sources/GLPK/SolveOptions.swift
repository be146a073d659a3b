/// Limits and switches for ``MixedIntegerProgram/solve(options:)``.
public struct SolveOptions: Sendable, Hashable {
    /// The wall-clock time the solver may use, or `nil` for no limit.
    ///
    /// GLPK checks the limit between simplex iterations and between branch-and-bound nodes, so a
    /// solve may overrun it slightly; it is rounded up to whole milliseconds. A program stopped
    /// by the limit reports ``Solution/Status/timeLimit(hasSolution:)`` with the best integer
    /// solution found so far, if any. The corresponding GLPK parameter is `tm_lim`.
    public var timeLimit: Duration?

    /// The relative gap `|best integer − best bound| / (|best integer| + DBL_EPSILON)` at which
    /// branch-and-cut may stop early, as a fraction (0.01 is 1 %); 0 proves optimality.
    ///
    /// A search stopped by this tolerance reports ``Solution/Status/feasible``. Programs without
    /// integer variables ignore it. The corresponding GLPK parameter is `mip_gap`.
    public var relativeGap: Double

    /// Whether GLPK's presolver simplifies the program before solving it.
    ///
    /// The presolver reports an infeasible or unbounded program without a solution status of
    /// its own; the wrapper then solves the LP relaxation again without it to tell the two
    /// apart. The integer-feasibility check that separates an unbounded integer program from an
    /// infeasible one always uses the presolver. The corresponding GLPK parameter is `presolve`.
    public var presolve: Bool

    /// Whether branch-and-cut adds GLPK's Gomory, mixed-integer rounding, cover and clique cuts.
    ///
    /// Cuts tighten the LP bound on some programs and slow others down; they are off by default,
    /// as in GLPK. The corresponding GLPK parameters are `gmi_cuts`, `mir_cuts`, `cov_cuts` and
    /// `clq_cuts`.
    public var cuttingPlanes: Bool

    /// Creates solve options.
    ///
    /// - Parameters:
    ///   - timeLimit: Wall-clock limit, or `nil` for none; must not be negative.
    ///   - relativeGap: Relative gap tolerance as a fraction, at least 0; 0 proves optimality.
    ///   - presolve: Whether to use GLPK's presolver.
    ///   - cuttingPlanes: Whether to generate cutting planes in branch-and-cut.
    public init(
        timeLimit: Duration? = nil,
        relativeGap: Double = 0,
        presolve: Bool = true,
        cuttingPlanes: Bool = false
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.cuttingPlanes = cuttingPlanes
    }

    /// Checks the options against GLPK's rules, which abort on violation.
    func validate() throws(GLPKError) {
        if let timeLimit, timeLimit < .zero { throw .invalidTimeLimit(timeLimit) }
        guard relativeGap.isFinite, relativeGap >= 0 else { throw .invalidRelativeGap }
    }
}
