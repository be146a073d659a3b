/// An invalid model or option, found before any GLPK call, or a failure reported by GLPK.
///
/// GLPK ends the process when it is given invalid arguments, so every model error is detected
/// on the Swift side when the variable or constraint is added and every option error when
/// ``MixedIntegerProgram/solve(options:)`` starts. Errors name the variable or constraint at
/// fault and compare equal when they say the same thing, so tests can match them exactly.
public enum GLPKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A variable or constraint name is empty, longer than 255 bytes of UTF-8, or holds an
    /// ASCII control character (such as a tab or a newline).
    case invalidName(String)

    /// The objective coefficient of the named variable is infinite or NaN.
    case nonFiniteObjective(variable: String)

    /// A bound of the named variable is infinite or NaN; leave it `nil` for no bound.
    case nonFiniteBound(variable: String)

    /// The named variable's lower bound is greater than its upper bound.
    case invalidBounds(variable: String, lower: Double, upper: Double)

    /// The named integer or binary variable has a bound that is not a whole number.
    case fractionalBound(variable: String, bound: Double)

    /// The named binary variable has a bound other than 0 or 1.
    case binaryBoundOutsideUnitInterval(variable: String, bound: Double)

    /// The constant term of the objective is infinite or NaN.
    case nonFiniteObjectiveConstant

    /// The named constraint mentions a variable handle (with its index) from another model.
    case foreignVariable(constraint: String, index: Int)

    /// The named constraint gives the named variable an infinite or NaN coefficient, or
    /// coefficients whose sum overflows.
    case nonFiniteCoefficient(constraint: String, variable: String)

    /// A right-hand side of the named constraint is infinite or NaN.
    case nonFiniteRightHandSide(constraint: String)

    /// The named constraint's `between` range has its lower value above its upper value.
    case invalidRange(constraint: String, lower: Double, upper: Double)

    /// The model has more variables, constraints or coefficients than GLPK can index
    /// (2³¹ − 2 of each).
    case modelTooLarge

    /// The time limit is negative.
    case invalidTimeLimit(Duration)

    /// The relative gap tolerance is negative, infinite or NaN.
    case invalidRelativeGap

    /// A GLPK routine failed or left a state this wrapper does not expect.
    ///
    /// - `routine`: the GLPK routine, such as `glp_intopt`.
    /// - `code`: the name of the C return code or status, such as `GLP_EFAIL`.
    /// - `message`: what the code means, in words.
    /// - `file`, `line`: where in this module the failure was detected.
    case solverFailed(routine: String, code: String, message: String, file: String, line: Int)

    /// ``MixedIntegerProgram/lpText()`` could not write or read back its temporary file.
    case exportFailed(String)

    /// A one-line explanation that names the variable, constraint or option at fault.
    public var description: String {
        switch self {
        case .invalidName(let name):
            return "invalid name \(quoted(name)): \(Self.nameProblem(name))"
        case .nonFiniteObjective(let variable):
            return "variable \(quoted(variable)): objective coefficient is not a finite number"
        case .nonFiniteBound(let variable):
            return "variable \(quoted(variable)): bound is not a finite number "
                + "(use nil for no bound)"
        case .invalidBounds(let variable, let lower, let upper):
            return "variable \(quoted(variable)): lower bound \(lower) is greater than "
                + "upper bound \(upper)"
        case .fractionalBound(let variable, let bound):
            return "variable \(quoted(variable)): bound \(bound) of an integer variable "
                + "is not a whole number"
        case .binaryBoundOutsideUnitInterval(let variable, let bound):
            return "variable \(quoted(variable)): bound \(bound) of a binary variable "
                + "is neither 0 nor 1"
        case .nonFiniteObjectiveConstant:
            return "objective constant is not a finite number"
        case .foreignVariable(let constraint, let index):
            return "constraint \(quoted(constraint)): variable #\(index) belongs to "
                + "another model"
        case .nonFiniteCoefficient(let constraint, let variable):
            return "constraint \(quoted(constraint)): coefficient of variable "
                + "\(quoted(variable)) is not a finite number"
        case .nonFiniteRightHandSide(let constraint):
            return "constraint \(quoted(constraint)): right-hand side is not a finite number"
        case .invalidRange(let constraint, let lower, let upper):
            return "constraint \(quoted(constraint)): range lower value \(lower) is greater "
                + "than upper value \(upper)"
        case .modelTooLarge:
            return "model has more variables, constraints or coefficients than GLPK can index"
        case .invalidTimeLimit(let limit):
            return "time limit \(limit) is negative"
        case .invalidRelativeGap:
            return "relative gap tolerance must be a finite number at least 0"
        case .solverFailed(let routine, let code, let message, let file, let line):
            return "\(file):\(line): \(routine) failed with \(code): \(message)"
        case .exportFailed(let message):
            return "LP export failed: \(message)"
        }
    }

    private static func nameProblem(_ name: String) -> String {
        let bytes = name.utf8
        if bytes.isEmpty { return "names must not be empty" }
        if bytes.count > MixedIntegerProgram.maximumNameLength {
            return "\(bytes.count) bytes of UTF-8, more than the "
                + "\(MixedIntegerProgram.maximumNameLength) GLPK allows"
        }
        return "names must not contain control characters"
    }
}

/// The name in double quotes with control characters escaped, so that a bad name stays on
/// one line.
private func quoted(_ name: String) -> String {
    var text = "\""
    for scalar in name.unicodeScalars {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            text += scalar.escaped(asASCII: true)
        } else {
            text.unicodeScalars.append(scalar)
        }
    }
    return text + "\""
}
