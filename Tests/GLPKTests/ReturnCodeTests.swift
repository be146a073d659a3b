import Testing

@testable import GLPK

/// The one funnel from GLPK return codes to errors.
struct ReturnCodeTests {
    @Test(arguments: [
        // Values of the macros in glpk.h 5.0.
        (Int32(0x05), "GLP_EFAIL", "solver failure"),
        (Int32(0x09), "GLP_ETMLIM", "time limit exceeded"),
        (Int32(0x0B), "GLP_ENODFS", "no dual feasible solution"),
        (Int32(0x0E), "GLP_EMIPGAP", "relative MIP gap tolerance reached"),
        (Int32(99), "99", "unknown GLPK return code"),
    ])
    func aReturnCodeBecomesASolverFailureNamingItsMacro(
        code: Int32, name: String, message: String
    ) {
        let error = ReturnCode.failure("glp_intopt", code, file: "GLPK/GLPK+Solve.swift", line: 7)

        #expect(
            error
                == .solverFailed(
                    routine: "glp_intopt", code: name, message: message,
                    file: "GLPK/GLPK+Solve.swift", line: 7))
    }

    @Test func anUnexpectedStatus1IsReportedAsGLPUndefined() {
        // GLP_UNDEF is 1 in glpk.h 5.0.
        let error = ReturnCode.unexpectedStatus("glp_mip_status", 1, file: "f.swift", line: 1)

        #expect(
            error
                == .solverFailed(
                    routine: "glp_mip_status", code: "GLP_UNDEF",
                    message: "unexpected status: solution is undefined", file: "f.swift",
                    line: 1))
    }

    @Test func thisGLPKBuildKeepsItsEnvironmentThreadLocalSoSolvesRunInParallel() {
        // glp_config("TLS") names the storage keyword of a thread-local build; the Debian 12
        // package of GLPK 5.0 answers "_Thread_local". Without it, solves are serialised.
        #expect(SolverEnvironment.isThreadLocal)
    }
}
