import Testing

@testable import GSL

@Suite("GSLError")
struct GSLErrorTests {
    // The C values of gsl_errno.h (GSL 2.7), written out by hand.
    static let codes: [(GSLStatus, Int32, String)] = [
        (.success, 0, "GSL_SUCCESS"),
        (.failure, -1, "GSL_FAILURE"),
        (.continueIteration, -2, "GSL_CONTINUE"),
        (.domain, 1, "GSL_EDOM"),
        (.range, 2, "GSL_ERANGE"),
        (.invalid, 4, "GSL_EINVAL"),
        (.genericFailure, 5, "GSL_EFAILED"),
        (.noMemory, 8, "GSL_ENOMEM"),
        (.badFunction, 9, "GSL_EBADFUNC"),
        (.maxIterations, 11, "GSL_EMAXITER"),
        (.badTolerance, 13, "GSL_EBADTOL"),
        (.tolerance, 14, "GSL_ETOL"),
        (.badLength, 19, "GSL_EBADLEN"),
        (.notSquare, 20, "GSL_ENOTSQR"),
        (.singular, 21, "GSL_ESING"),
        (.divergence, 22, "GSL_EDIVERGE"),
        (.noProgress, 27, "GSL_ENOPROG"),
        (.endOfFile, 32, "GSL_EOF"),
    ]

    @Test(
        "Status names carry the C values of gsl_errno.h, e.g. GSL_EDOM = 1, GSL_EBADLEN = 19",
        arguments: codes)
    func cValues(status: GSLStatus, rawValue: Int32, name: String) {
        #expect(status.rawValue == rawValue)
        #expect(status.name == name)
        #expect(GSLStatus(rawValue: rawValue) == status)
    }

    @Test("GSL_EDOM reads 'GSL_EDOM (input domain error)' and unknown code 99 is named as such")
    func descriptions() {
        // GSL's strerror.c: "input domain error", "exceeded max number of iterations";
        // codes it does not know get "unknown error code".
        #expect(GSLStatus.domain.description == "GSL_EDOM (input domain error)")
        #expect(GSLStatus.maxIterations.message == "exceeded max number of iterations")
        #expect(GSLStatus(rawValue: 99).description == "GSL status 99 (unknown error code)")
    }

    @Test("check(0, …) returns and check(1, \"gsl_foo\") throws GSL_EDOM from this file and line")
    func checkFunnel() throws {
        // GSL_SUCCESS = 0 and GSL_EDOM = 1 in gsl_errno.h; #fileID of this file is
        // "GSLTests/GSLErrorTests.swift".
        try check(0, "gsl_foo")
        // Called outside #expect, whose expansion would give the default #line of the macro.
        let result = Result { () throws(GSLError) in try check(1, "gsl_foo") }
        let line = #line - 1
        guard case .failure(let error) = result else {
            Issue.record("check(1, …) did not throw")
            return
        }
        #expect(error.status == .domain)
        #expect(error.function == "gsl_foo")
        #expect(error.message == "input domain error")
        #expect(error.reason == nil)
        #expect(error.file == "GSLTests/GSLErrorTests.swift")
        #expect(error.line == line)
        #expect(
            error.description
                == "GSLTests/GSLErrorTests.swift:\(line): gsl_foo: GSL_EDOM (input domain error)")
    }

    @Test("Spline x 0, 0, 1 is refused before C with GSL_EINVAL, the C function and the reason")
    func validationErrorCarriesReason() {
        // x[1] = 0 repeats x[0] = 0, so x is not strictly increasing (gsl_spline_init's rule).
        let error = #expect(throws: GSLError.self) {
            _ = try Spline(x: [0, 0, 1], y: [0, 1, 2], kind: .linear)
        }
        #expect(error?.status == .invalid)
        #expect(error?.function == "gsl_spline_init")
        #expect(error?.message == "invalid argument supplied by user")
        #expect(error?.reason == "x must be strictly increasing, but x[1] = 0.0 follows x[0] = 0.0")
        #expect(error?.file == "GSL/GSL+Interpolation.swift")
        #expect(error?.description.hasSuffix("follows x[0] = 0.0") == true)
    }

    @Test("An error GSL itself reports (GSL_EBADFUNC, 9) is returned instead of aborting")
    func errorHandlerIsOff() {
        // With GSL's default handler, gsl_root_fsolver_iterate would abort the process on a NaN
        // function value; with the handler off it returns GSL_EBADFUNC = 9 (gsl_errno.h).
        let error = #expect(throws: GSLError.self) {
            _ = try findRoot(of: { x in x == 0 || x == 1 ? x - 0.5 : .nan }, in: 0...1)
        }
        #expect(error?.status.rawValue == 9)
        #expect(error?.function == "gsl_root_fsolver_iterate")
    }

    @Test("Two errors from the same call site compare equal; different statuses do not")
    func equality() {
        // Equatable compares every field, including file and line.
        func make(_ status: GSLStatus) -> GSLError {
            GSLError(status, function: "gsl_foo")
        }
        #expect(make(.domain) == make(.domain))
        #expect(make(.domain) != make(.range))
    }
}
