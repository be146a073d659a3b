internal import CGLPK

extension MixedIntegerProgram {
    /// Solves the program with GLPK and returns the status, values and bound.
    ///
    /// Programs without integer or binary variables are solved with the primal simplex method;
    /// others with branch-and-cut, starting from the LP relaxation. When GLPK's presolver reports
    /// only that the relaxation has no dual feasible solution (`GLP_ENODFS`: unbounded *or*
    /// infeasible), the relaxation is solved again without presolver and its primal status
    /// decides: no primal feasible point means ``Solution/Status/infeasible``. If the relaxation
    /// is feasible and unbounded, an integer program is unbounded exactly when it has an integer
    /// solution (Meyer 1974, for rational data), which a second branch-and-cut run with a zero
    /// objective settles.
    ///
    /// GLPK prints nothing: terminal output is off and every message level is `GLP_MSG_OFF`.
    /// The call blocks its thread for up to ``SolveOptions/timeLimit`` (or until done). Solves on
    /// different threads or tasks run in parallel when the GLPK build keeps its environment in
    /// thread-local storage, as the GLPK 5.0 of Debian 12 does; otherwise they are serialised
    /// behind a lock.
    ///
    /// - Parameter options: Time limit, gap tolerance, presolver and cutting-plane switches.
    /// - Returns: The solution. Infeasible, unbounded and time-limited programs are reported
    ///   through ``Solution/status``, not thrown.
    /// - Throws: ``GLPKError/invalidTimeLimit(_:)`` or ``GLPKError/invalidRelativeGap`` for bad
    ///   options, before any GLPK call; ``GLPKError/solverFailed(routine:code:message:file:line:)``
    ///   if GLPK fails, for instance on numerical trouble (`GLP_EFAIL`).
    ///
    /// The corresponding GLPK routines are `glp_simplex` and `glp_intopt`, with
    /// `glp_get_status`, `glp_get_prim_stat`, `glp_mip_status`, `glp_get_col_prim` and
    /// `glp_mip_col_val` to read the result.
    public func solve(options: SolveOptions = SolveOptions()) throws(GLPKError) -> Solution {
        try options.validate()
        return try SolverEnvironment.withExclusiveAccess { () throws(GLPKError) -> Solution in
            let problem = try ProblemObject(model: self)
            let run = SolveRun(model: self, options: options)
            return hasIntegerVariables
                ? try problem.solveMixed(run) : try problem.solveLinear(run)
        }
    }
}

/// The model, options and start time of one call to ``MixedIntegerProgram/solve(options:)``.
struct SolveRun {
    let model: MixedIntegerProgram
    let options: SolveOptions
    let start = ContinuousClock.now
    let progress = SearchProgress()

    /// The time left for the next GLPK call, in whole milliseconds rounded up, as GLPK's
    /// `tm_lim` wants it; `INT_MAX`, which GLPK reads as no limit, when there is no limit.
    var remainingMilliseconds: Int32 {
        guard let limit = options.timeLimit else { return Int32.max }
        let remaining = limit - (ContinuousClock.now - start)
        let milliseconds = (remaining / .milliseconds(1)).rounded(.up)
        return Int32(max(0, min(milliseconds, Double(Int32.max))))
    }
}

/// Where the values of a solution are read from.
private enum ValueSource {
    /// No solution was found.
    case none
    /// The basic solution of the simplex method.
    case basic
    /// The integer solution of branch-and-cut.
    case integer
}

extension ProblemObject {
    /// Solves a program without integer variables with the primal simplex method.
    func solveLinear(_ run: SolveRun) throws(GLPKError) -> Solution {
        var code = simplex(presolve: run.options.presolve, timeLimit: run.remainingMilliseconds)
        if code == GLP_ENODFS {
            // The presolver saw no dual feasible solution: unbounded or infeasible. Without the
            // presolver the simplex method reports which.
            code = simplex(presolve: false, timeLimit: run.remainingMilliseconds)
        }
        switch code {
        case 0:
            break
        case GLP_ENOPFS:
            return solution(.infeasible, from: .none, run)
        case GLP_ETMLIM:
            let feasible = glp_get_prim_stat(pointer) == GLP_FEAS
            return solution(
                .timeLimit(hasSolution: feasible), from: feasible ? .basic : .none, run)
        default:
            throw ReturnCode.failure("glp_simplex", code)
        }
        switch glp_get_status(pointer) {
        case GLP_OPT: return solution(.optimal, from: .basic, run)
        case GLP_NOFEAS: return solution(.infeasible, from: .none, run)
        case GLP_UNBND: return solution(.unbounded, from: .none, run)
        case let status: throw ReturnCode.unexpectedStatus("glp_get_status", status)
        }
    }

    /// Solves a program with integer variables by branch-and-cut.
    func solveMixed(_ run: SolveRun) throws(GLPKError) -> Solution {
        if run.options.presolve {
            let code = integerOptimize(run, presolve: true)
            if code != GLP_ENODFS { return try integerResult(code, run) }
        }
        // Either the presolver is off, so glp_intopt needs the optimal basis of the LP
        // relaxation, or the presolver found the relaxation unbounded or infeasible and the
        // simplex method without presolver tells which.
        let code = simplex(presolve: false, timeLimit: run.remainingMilliseconds)
        switch code {
        case 0: break
        case GLP_ETMLIM: return solution(.timeLimit(hasSolution: false), from: .none, run)
        default: throw ReturnCode.failure("glp_simplex", code)
        }
        if glp_get_prim_stat(pointer) == GLP_NOFEAS {
            return solution(.infeasible, from: .none, run)
        }
        switch glp_get_status(pointer) {
        case GLP_OPT: return try integerResult(integerOptimize(run, presolve: false), run)
        case GLP_UNBND: return try integerFeasibility(run)
        case let status: throw ReturnCode.unexpectedStatus("glp_get_status", status)
        }
    }

    /// Decides between an unbounded and an infeasible integer program whose LP relaxation is
    /// feasible and unbounded, by looking for any integer solution under a zero objective.
    private func integerFeasibility(_ run: SolveRun) throws(GLPKError) -> Solution {
        clearObjective()
        let code = integerOptimize(run, presolve: true, gap: 0, cuts: false, recording: false)
        let found = glp_mip_status(pointer) == GLP_OPT || glp_mip_status(pointer) == GLP_FEAS
        switch code {
        case 0, GLP_ENOPFS, GLP_ETMLIM:
            if found { return solution(.unbounded, from: .none, run) }
            if code == GLP_ETMLIM {
                return solution(.timeLimit(hasSolution: false), from: .none, run)
            }
            return solution(.infeasible, from: .none, run)
        default:
            throw ReturnCode.failure("glp_intopt", code)
        }
    }

    /// The solution for a return code of `glp_intopt` other than `GLP_ENODFS`.
    private func integerResult(_ code: Int32, _ run: SolveRun) throws(GLPKError) -> Solution {
        let status = glp_mip_status(pointer)
        switch (code, status) {
        case (0, GLP_OPT):
            return solution(.optimal, from: .integer, run)
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _):
            return solution(.infeasible, from: .none, run)
        case (GLP_EMIPGAP, GLP_FEAS):
            return solution(.feasible, from: .integer, run)
        case (GLP_ETMLIM, GLP_FEAS):
            return solution(.timeLimit(hasSolution: true), from: .integer, run)
        case (GLP_ETMLIM, _):
            return solution(.timeLimit(hasSolution: false), from: .none, run)
        case (0, _), (GLP_EMIPGAP, _):
            throw ReturnCode.unexpectedStatus("glp_mip_status", status)
        default:
            throw ReturnCode.failure("glp_intopt", code)
        }
    }

    /// Runs the simplex method quietly and returns its return code.
    ///
    /// The corresponding GLPK routines are `glp_init_smcp` and `glp_simplex`.
    private func simplex(presolve: Bool, timeLimit: Int32) -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = GLP_PRIMAL
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.tm_lim = timeLimit
        return glp_simplex(pointer, &parameters)
    }

    /// Runs branch-and-cut quietly and returns its return code.
    ///
    /// Without the presolver, the problem object must hold the optimal basis of the LP
    /// relaxation. With `recording`, the run's ``SearchProgress`` sees every callback.
    ///
    /// The corresponding GLPK routines are `glp_init_iocp` and `glp_intopt`.
    private func integerOptimize(
        _ run: SolveRun, presolve: Bool, gap: Double? = nil, cuts: Bool? = nil,
        recording: Bool = true
    ) -> Int32 {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.mip_gap = gap ?? run.options.relativeGap
        parameters.tm_lim = run.remainingMilliseconds
        let cutSwitch = (cuts ?? run.options.cuttingPlanes) ? GLP_ON : GLP_OFF
        parameters.gmi_cuts = cutSwitch
        parameters.mir_cuts = cutSwitch
        parameters.cov_cuts = cutSwitch
        parameters.clq_cuts = cutSwitch
        if recording { run.progress.install(in: &parameters) }
        return withExtendedLifetime(run.progress) { glp_intopt(pointer, &parameters) }
    }

    /// Reads the values from the problem object and assembles the public solution.
    ///
    /// Integer and binary values are rounded to whole numbers (GLPK accepts them within
    /// `tol_int` = 10⁻⁵) and the objective is recomputed from the values returned.
    ///
    /// The corresponding GLPK routines are `glp_get_col_prim` and `glp_mip_col_val`.
    private func solution(
        _ status: Solution.Status, from source: ValueSource, _ run: SolveRun
    ) -> Solution {
        let columns = run.model.columns
        var values: [Double] = []
        switch source {
        case .none:
            break
        case .basic:
            values = columns.indices.map { glp_get_col_prim(pointer, Int32($0 + 1)) }
        case .integer:
            values = columns.indices.map { index in
                let value = glp_mip_col_val(pointer, Int32(index + 1))
                // Adding 0.0 turns a rounded -0.0 into 0.0.
                return columns[index].kind == .continuous ? value : value.rounded() + 0.0
            }
        }
        let objective = source == .none ? nil : run.model.objectiveValue(at: values)
        var bestBound: Double?
        var relativeGap: Double?
        if let objective {
            switch status {
            case .optimal:
                bestBound = objective
                relativeGap = 0
            case .feasible, .timeLimit(hasSolution: true):
                if source == .integer, let bound = run.progress.bestBound {
                    bestBound = bound
                    relativeGap = abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
                }
            case .timeLimit(hasSolution: false), .infeasible, .unbounded:
                break
            }
        }
        return Solution(
            status: status, objective: objective, values: values, bestBound: bestBound,
            relativeGap: relativeGap, simplexIterations: simplexIterations,
            nodeCount: run.progress.nodeCount)
    }
}
