internal import CGSL

/// A status code of GNU Scientific Library (GSL), from `gsl_errno.h`.
///
/// Every GSL function that can fail returns one of these codes, or reports it to GSL's error
/// handler. This module turns the handler off and reports each code as a thrown `GSLError`.
public struct GSLStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C value of the code, as returned by the GSL function.
    public let rawValue: Int32

    /// Wraps a C status code.
    ///
    /// - Parameter rawValue: A GSL status code; codes unknown to this module are kept as they are.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    private init(_ code: Int) {
        self.rawValue = Int32(code)
    }

    /// Success. The C value is `GSL_SUCCESS`.
    public static let success = GSLStatus(GSL_SUCCESS)
    /// Unspecified failure. The C value is `GSL_FAILURE`.
    public static let failure = GSLStatus(GSL_FAILURE)
    /// An iteration has not converged yet. The C value is `GSL_CONTINUE`.
    public static let continueIteration = GSLStatus(GSL_CONTINUE)
    /// Input domain error, such as a parameter outside its range. The C value is `GSL_EDOM`.
    public static let domain = GSLStatus(GSL_EDOM)
    /// Output range error, such as an overflow. The C value is `GSL_ERANGE`.
    public static let range = GSLStatus(GSL_ERANGE)
    /// Invalid pointer. The C value is `GSL_EFAULT`.
    public static let invalidPointer = GSLStatus(GSL_EFAULT)
    /// Invalid argument supplied by the caller. The C value is `GSL_EINVAL`.
    public static let invalid = GSLStatus(GSL_EINVAL)
    /// Generic failure. The C value is `GSL_EFAILED`.
    public static let genericFailure = GSLStatus(GSL_EFAILED)
    /// A factorization failed. The C value is `GSL_EFACTOR`.
    public static let factorization = GSLStatus(GSL_EFACTOR)
    /// An internal sanity check failed. The C value is `GSL_ESANITY`.
    public static let sanity = GSLStatus(GSL_ESANITY)
    /// Memory allocation failed. The C value is `GSL_ENOMEM`.
    public static let noMemory = GSLStatus(GSL_ENOMEM)
    /// A user-supplied function misbehaved, for example returned NaN. The C value is
    /// `GSL_EBADFUNC`.
    public static let badFunction = GSLStatus(GSL_EBADFUNC)
    /// An iterative process is out of control. The C value is `GSL_ERUNAWAY`.
    public static let runaway = GSLStatus(GSL_ERUNAWAY)
    /// The maximum number of iterations was exceeded. The C value is `GSL_EMAXITER`.
    public static let maxIterations = GSLStatus(GSL_EMAXITER)
    /// Division by zero. The C value is `GSL_EZERODIV`.
    public static let divisionByZero = GSLStatus(GSL_EZERODIV)
    /// The caller specified an invalid tolerance. The C value is `GSL_EBADTOL`.
    public static let badTolerance = GSLStatus(GSL_EBADTOL)
    /// The specified tolerance could not be reached. The C value is `GSL_ETOL`.
    public static let tolerance = GSLStatus(GSL_ETOL)
    /// Underflow. The C value is `GSL_EUNDRFLW`.
    public static let underflow = GSLStatus(GSL_EUNDRFLW)
    /// Overflow. The C value is `GSL_EOVRFLW`.
    public static let overflow = GSLStatus(GSL_EOVRFLW)
    /// Loss of accuracy. The C value is `GSL_ELOSS`.
    public static let lossOfAccuracy = GSLStatus(GSL_ELOSS)
    /// Failure because of roundoff error. The C value is `GSL_EROUND`.
    public static let roundoff = GSLStatus(GSL_EROUND)
    /// Matrix or vector lengths do not conform. The C value is `GSL_EBADLEN`.
    public static let badLength = GSLStatus(GSL_EBADLEN)
    /// A matrix is not square. The C value is `GSL_ENOTSQR`.
    public static let notSquare = GSLStatus(GSL_ENOTSQR)
    /// An apparent singularity was detected. The C value is `GSL_ESING`.
    public static let singular = GSLStatus(GSL_ESING)
    /// An integral or series is divergent. The C value is `GSL_EDIVERGE`.
    public static let divergence = GSLStatus(GSL_EDIVERGE)
    /// The hardware does not support the requested feature. The C value is `GSL_EUNSUP`.
    public static let unsupported = GSLStatus(GSL_EUNSUP)
    /// The requested feature is not implemented. The C value is `GSL_EUNIMPL`.
    public static let unimplemented = GSLStatus(GSL_EUNIMPL)
    /// A cache limit was exceeded. The C value is `GSL_ECACHE`.
    public static let cacheLimit = GSLStatus(GSL_ECACHE)
    /// A table limit was exceeded. The C value is `GSL_ETABLE`.
    public static let tableLimit = GSLStatus(GSL_ETABLE)
    /// An iteration is not making progress towards a solution. The C value is `GSL_ENOPROG`.
    public static let noProgress = GSLStatus(GSL_ENOPROG)
    /// Jacobian evaluations are not improving the solution. The C value is `GSL_ENOPROGJ`.
    public static let noProgressJacobian = GSLStatus(GSL_ENOPROGJ)
    /// The tolerance on the function value cannot be reached. The C value is `GSL_ETOLF`.
    public static let toleranceF = GSLStatus(GSL_ETOLF)
    /// The tolerance on the argument cannot be reached. The C value is `GSL_ETOLX`.
    public static let toleranceX = GSLStatus(GSL_ETOLX)
    /// The tolerance on the gradient cannot be reached. The C value is `GSL_ETOLG`.
    public static let toleranceGradient = GSLStatus(GSL_ETOLG)
    /// End of file. The C value is `GSL_EOF`.
    public static let endOfFile = GSLStatus(GSL_EOF)

    /// The name of the C constant, such as `GSL_EDOM`, or `GSL status 99` for an unknown code.
    public var name: String {
        switch Int(rawValue) {
        case GSL_SUCCESS: "GSL_SUCCESS"
        case GSL_FAILURE: "GSL_FAILURE"
        case GSL_CONTINUE: "GSL_CONTINUE"
        case GSL_EDOM: "GSL_EDOM"
        case GSL_ERANGE: "GSL_ERANGE"
        case GSL_EFAULT: "GSL_EFAULT"
        case GSL_EINVAL: "GSL_EINVAL"
        case GSL_EFAILED: "GSL_EFAILED"
        case GSL_EFACTOR: "GSL_EFACTOR"
        case GSL_ESANITY: "GSL_ESANITY"
        case GSL_ENOMEM: "GSL_ENOMEM"
        case GSL_EBADFUNC: "GSL_EBADFUNC"
        case GSL_ERUNAWAY: "GSL_ERUNAWAY"
        case GSL_EMAXITER: "GSL_EMAXITER"
        case GSL_EZERODIV: "GSL_EZERODIV"
        case GSL_EBADTOL: "GSL_EBADTOL"
        case GSL_ETOL: "GSL_ETOL"
        case GSL_EUNDRFLW: "GSL_EUNDRFLW"
        case GSL_EOVRFLW: "GSL_EOVRFLW"
        case GSL_ELOSS: "GSL_ELOSS"
        case GSL_EROUND: "GSL_EROUND"
        case GSL_EBADLEN: "GSL_EBADLEN"
        case GSL_ENOTSQR: "GSL_ENOTSQR"
        case GSL_ESING: "GSL_ESING"
        case GSL_EDIVERGE: "GSL_EDIVERGE"
        case GSL_EUNSUP: "GSL_EUNSUP"
        case GSL_EUNIMPL: "GSL_EUNIMPL"
        case GSL_ECACHE: "GSL_ECACHE"
        case GSL_ETABLE: "GSL_ETABLE"
        case GSL_ENOPROG: "GSL_ENOPROG"
        case GSL_ENOPROGJ: "GSL_ENOPROGJ"
        case GSL_ETOLF: "GSL_ETOLF"
        case GSL_ETOLX: "GSL_ETOLX"
        case GSL_ETOLG: "GSL_ETOLG"
        case GSL_EOF: "GSL_EOF"
        default: "GSL status \(rawValue)"
        }
    }

    /// GSL's own explanation of the code, such as `input domain error`.
    ///
    /// The corresponding GSL function is `gsl_strerror`.
    public var message: String {
        guard let text = gsl_strerror(rawValue) else {
            return "unknown error code"
        }
        return String(cString: text)
    }

    /// The name and GSL's explanation, such as `GSL_EDOM (input domain error)`.
    public var description: String {
        "\(name) (\(message))"
    }
}

/// An error reported by GNU Scientific Library (GSL), or an input rejected before it reached GSL.
///
/// Inputs that GSL would refuse (or, worse, silently misuse) are checked on the Swift side first;
/// those errors carry the status GSL would have reported and a `reason` naming the offending
/// value. Errors that GSL itself returns carry its status and message and no `reason`.
public struct GSLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, as a GSL status code.
    public let status: GSLStatus
    /// The C function that failed, or that the rejected input was meant for, such as
    /// `gsl_spline_init`.
    public let function: String
    /// GSL's explanation of `status`, from `gsl_strerror`.
    public let message: String
    /// For an input rejected before calling C, what was wrong with it; `nil` when GSL itself
    /// reported the error.
    public let reason: String?
    /// The source file of this module that raised the error, as `#fileID`.
    public let file: String
    /// The line in `file` that raised the error.
    public let line: Int

    init(
        _ status: GSLStatus, function: String, reason: String? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.status = status
        self.function = function
        self.message = status.message
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// A one-line rendering, such as
    /// `GSL/GSL+Interpolation.swift:80: gsl_spline_init: GSL_EINVAL (invalid argument supplied
    /// by user): x must be strictly increasing`.
    public var description: String {
        var text = "\(file):\(line): \(function): \(status)"
        if let reason {
            text += ": \(reason)"
        }
        return text
    }
}

/// Throws a `GSLError` unless `status` is `GSL_SUCCESS`: the one funnel for C status codes.
///
/// - Parameters:
///   - status: The value returned by the GSL function.
///   - function: The name of the GSL function that returned it.
///   - file: The caller's file; leave the default.
///   - line: The caller's line; leave the default.
/// - Throws: `GSLError` with `status` when it is not `GSL_SUCCESS`.
func check(
    _ status: Int32, _ function: String, file: String = #fileID, line: Int = #line
) throws(GSLError) {
    guard status != GSLStatus.success.rawValue else {
        return
    }
    throw GSLError(GSLStatus(rawValue: status), function: function, file: file, line: line)
}

/// Turns GSL's default error handler, which aborts the process, off before the first GSL call.
///
/// Swift initialises a global or static stored property exactly once and thread-safely, so
/// calling this from every entry point of the module costs one atomic load after the first call.
/// With the handler off, GSL functions return their status codes and `check` turns them into
/// thrown errors. The corresponding GSL function is `gsl_set_error_handler_off`.
func ensureErrorHandlerOff() {
    _ = ErrorHandler.isOff
}

private enum ErrorHandler {
    static let isOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()
}
