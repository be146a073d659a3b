internal import CGLPK

/// Readable names for the return codes and solution statuses of GLPK's solver routines, and the
/// one funnel that turns an unexpected code into a ``GLPKError``.
enum ReturnCode {
    /// The C macro name and meaning of a return code of `glp_simplex` or `glp_intopt`.
    static func describe(_ code: Int32) -> (name: String, message: String) {
        switch code {
        case 0: ("0", "success")
        case GLP_EBADB: ("GLP_EBADB", "invalid initial basis")
        case GLP_ESING: ("GLP_ESING", "singular basis matrix")
        case GLP_ECOND: ("GLP_ECOND", "ill-conditioned basis matrix")
        case GLP_EBOUND: ("GLP_EBOUND", "incorrect or non-integral bounds")
        case GLP_EFAIL: ("GLP_EFAIL", "solver failure")
        case GLP_EOBJLL: ("GLP_EOBJLL", "objective lower limit reached")
        case GLP_EOBJUL: ("GLP_EOBJUL", "objective upper limit reached")
        case GLP_EITLIM: ("GLP_EITLIM", "iteration limit exceeded")
        case GLP_ETMLIM: ("GLP_ETMLIM", "time limit exceeded")
        case GLP_ENOPFS: ("GLP_ENOPFS", "no primal feasible solution")
        case GLP_ENODFS: ("GLP_ENODFS", "no dual feasible solution")
        case GLP_EROOT: ("GLP_EROOT", "optimal basis of the root LP relaxation not provided")
        case GLP_ESTOP: ("GLP_ESTOP", "search terminated by the application")
        case GLP_EMIPGAP: ("GLP_EMIPGAP", "relative MIP gap tolerance reached")
        default: ("\(code)", "unknown GLPK return code")
        }
    }

    /// The C macro name and meaning of a solution status from `glp_get_status` or
    /// `glp_mip_status`.
    static func describeStatus(_ status: Int32) -> (name: String, message: String) {
        switch status {
        case GLP_UNDEF: ("GLP_UNDEF", "solution is undefined")
        case GLP_FEAS: ("GLP_FEAS", "solution is feasible")
        case GLP_INFEAS: ("GLP_INFEAS", "solution is infeasible")
        case GLP_NOFEAS: ("GLP_NOFEAS", "no feasible solution exists")
        case GLP_OPT: ("GLP_OPT", "solution is optimal")
        case GLP_UNBND: ("GLP_UNBND", "solution is unbounded")
        default: ("\(status)", "unknown GLPK solution status")
        }
    }

    /// The error for a return code that the caller does not handle.
    ///
    /// - Parameters:
    ///   - routine: The GLPK routine that returned `code`, such as `glp_simplex`.
    ///   - code: The return code.
    static func failure(
        _ routine: String, _ code: Int32, file: String = #fileID, line: Int = #line
    ) -> GLPKError {
        let (name, message) = describe(code)
        return .solverFailed(
            routine: routine, code: name, message: message, file: file, line: line)
    }

    /// The error for a solution status that the caller does not expect at that point.
    ///
    /// - Parameters:
    ///   - routine: The GLPK routine that reported `status`, such as `glp_mip_status`.
    ///   - status: The status.
    static func unexpectedStatus(
        _ routine: String, _ status: Int32, file: String = #fileID, line: Int = #line
    ) -> GLPKError {
        let (name, message) = describeStatus(status)
        return .solverFailed(
            routine: routine, code: name, message: "unexpected status: \(message)",
            file: file, line: line)
    }
}
