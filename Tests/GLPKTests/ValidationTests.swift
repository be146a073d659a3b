import GLPK
import Testing

/// Invalid input is rejected on the Swift side with the exact error, before GLPK (which would
/// end the process) sees it.
struct ValidationTests {
    /// One invalid call and the error it must throw.
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let expected: GLPKError
        let build: @Sendable (inout MixedIntegerProgram) throws -> Void

        var testDescription: String { label }
    }

    static let longName = String(repeating: "a", count: 256)

    static let variableCases: [Case] = [
        Case(label: "empty name", expected: .invalidName("")) { model in
            _ = try model.addVariable(name: "", kind: .continuous)
        },
        Case(label: "256-byte name", expected: .invalidName(longName)) { model in
            _ = try model.addVariable(name: longName, kind: .continuous)
        },
        Case(
            label: "86 Chinese characters are 258 bytes",
            expected: .invalidName(
                String(repeating: "养", count: 86))
        ) { model in
            _ = try model.addVariable(name: String(repeating: "养", count: 86), kind: .binary)
        },
        Case(label: "newline in name", expected: .invalidName("open\n1")) { model in
            _ = try model.addVariable(name: "open\n1", kind: .binary)
        },
        Case(label: "tab in name", expected: .invalidName("a\tb")) { model in
            _ = try model.addVariable(name: "a\tb", kind: .binary)
        },
        Case(label: "NaN objective", expected: .nonFiniteObjective(variable: "x")) { model in
            _ = try model.addVariable(name: "x", kind: .continuous, objective: .nan)
        },
        Case(label: "infinite objective", expected: .nonFiniteObjective(variable: "x")) {
            model in
            _ = try model.addVariable(name: "x", kind: .integer, objective: -.infinity)
        },
        Case(label: "NaN lower bound", expected: .nonFiniteBound(variable: "x")) { model in
            _ = try model.addVariable(name: "x", kind: .continuous, lowerBound: .nan)
        },
        Case(label: "infinite upper bound", expected: .nonFiniteBound(variable: "x")) { model in
            _ = try model.addVariable(name: "x", kind: .continuous, upperBound: .infinity)
        },
        Case(
            label: "lower bound 5 above upper bound 2",
            expected: .invalidBounds(variable: "x", lower: 5, upper: 2)
        ) { model in
            _ = try model.addVariable(
                name: "x", kind: .continuous, lowerBound: 5, upperBound: 2)
        },
        Case(
            label: "integer lower bound 0.5",
            expected: .fractionalBound(variable: "n", bound: 0.5)
        ) { model in
            _ = try model.addVariable(name: "n", kind: .integer, lowerBound: 0.5)
        },
        Case(
            label: "integer upper bound 2.25",
            expected: .fractionalBound(variable: "n", bound: 2.25)
        ) { model in
            _ = try model.addVariable(name: "n", kind: .integer, upperBound: 2.25)
        },
        Case(
            label: "binary upper bound 2",
            expected: .binaryBoundOutsideUnitInterval(variable: "b", bound: 2)
        ) { model in
            _ = try model.addVariable(name: "b", kind: .binary, upperBound: 2)
        },
        Case(
            label: "binary lower bound -1",
            expected: .binaryBoundOutsideUnitInterval(variable: "b", bound: -1)
        ) { model in
            _ = try model.addVariable(name: "b", kind: .binary, lowerBound: -1)
        },
        Case(
            label: "binary lower bound 0.5",
            expected: .fractionalBound(variable: "b", bound: 0.5)
        ) { model in
            _ = try model.addVariable(name: "b", kind: .binary, lowerBound: 0.5)
        },
        Case(
            label: "binary bounds 1 and 0",
            expected: .invalidBounds(variable: "b", lower: 1, upper: 0)
        ) { model in
            _ = try model.addVariable(name: "b", kind: .binary, lowerBound: 1, upperBound: 0)
        },
        Case(label: "NaN objective constant", expected: .nonFiniteObjectiveConstant) { model in
            try model.setObjectiveConstant(.nan)
        },
    ]

    static let constraintCases: [Case] = [
        Case(label: "empty constraint name", expected: .invalidName("")) { model in
            let x = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "", [(x, 1)], .lessOrEqual(1))
        },
        Case(
            label: "variable of another model",
            expected: .foreignVariable(constraint: "c", index: 0)
        ) { model in
            var other = MixedIntegerProgram(sense: .minimize)
            let stranger = try other.addVariable(name: "x", kind: .continuous)
            _ = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "c", [(stranger, 1)], .lessOrEqual(1))
        },
        Case(
            label: "variable added to a copy after the copy was made",
            expected: .foreignVariable(constraint: "c", index: 1)
        ) { model in
            _ = try model.addVariable(name: "x", kind: .continuous)
            var copy = model
            let later = try copy.addVariable(name: "y", kind: .continuous)
            try model.addConstraint(name: "c", [(later, 1)], .lessOrEqual(1))
        },
        Case(
            label: "NaN coefficient",
            expected: .nonFiniteCoefficient(constraint: "c", variable: "x")
        ) { model in
            let x = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "c", [(x, .nan)], .lessOrEqual(1))
        },
        Case(
            label: "coefficients 1e308 + 1e308 overflow",
            expected: .nonFiniteCoefficient(constraint: "c", variable: "x")
        ) { model in
            let x = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "c", [(x, 1e308), (x, 1e308)], .lessOrEqual(1))
        },
        Case(
            label: "infinite right-hand side",
            expected: .nonFiniteRightHandSide(constraint: "c")
        ) { model in
            let x = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "c", [(x, 1)], .lessOrEqual(.infinity))
        },
        Case(label: "NaN equality", expected: .nonFiniteRightHandSide(constraint: "c")) {
            model in
            let x = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "c", [(x, 1)], .equal(.nan))
        },
        Case(
            label: "range with infinite lower value",
            expected: .nonFiniteRightHandSide(constraint: "c")
        ) { model in
            let x = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "c", [(x, 1)], .between(-.infinity, 1))
        },
        Case(
            label: "range from 3 down to 1",
            expected: .invalidRange(constraint: "c", lower: 3, upper: 1)
        ) { model in
            let x = try model.addVariable(name: "x", kind: .continuous)
            try model.addConstraint(name: "c", [(x, 1)], .between(3, 1))
        },
    ]

    @Test(arguments: variableCases + constraintCases)
    func each26InvalidInputsThrowsItsErrorAndLeavesTheModelUnchanged(_ testCase: Case) throws {
        var model = MixedIntegerProgram(sense: .minimize)

        #expect(throws: testCase.expected) {
            try testCase.build(&model)
        }
        // Setup calls inside a case may add one variable; the failing call adds nothing.
        #expect(model.constraintCount == 0)
        #expect(model.variableCount <= 1)
        #expect(model.objectiveConstant == 0)
    }

    static let optionCases: [(label: String, options: SolveOptions, expected: GLPKError)] = [
        (
            "time limit -1 ms", SolveOptions(timeLimit: .milliseconds(-1)),
            .invalidTimeLimit(.milliseconds(-1))
        ),
        ("gap -0.1", SolveOptions(relativeGap: -0.1), .invalidRelativeGap),
        ("gap NaN", SolveOptions(relativeGap: .nan), .invalidRelativeGap),
        ("gap infinity", SolveOptions(relativeGap: .infinity), .invalidRelativeGap),
    ]

    @Test(arguments: optionCases.map { ($0.options, $0.expected) })
    func fourInvalidOptionsThrowBeforeSolving(options: SolveOptions, expected: GLPKError) throws {
        var model = MixedIntegerProgram(sense: .minimize)
        _ = try model.addVariable(name: "x", kind: .binary, objective: 1)

        #expect(throws: expected) {
            try model.solve(options: options)
        }
    }

    @Test func aNameOf255BytesAnd85ChineseCharactersAreAccepted() throws {
        // 255 ASCII bytes, and 85 × 3 = 255 bytes of UTF-8 for 养 (U+517B, three bytes).
        var model = MixedIntegerProgram(sense: .maximize)
        let ascii = try model.addVariable(
            name: String(repeating: "a", count: 255), kind: .binary, objective: 1)
        let chinese = try model.addVariable(
            name: String(repeating: "养", count: 85), kind: .binary, objective: 1)
        try model.addConstraint(
            name: "街道养老服务中心", [(ascii, 1), (chinese, 1)], .lessOrEqual(1))

        let solution = try model.solve()

        #expect(solution.objective == 1)
        #expect(try model.lpText().contains("End"))
    }

    @Test func fiveErrorDescriptionsNameTheVariableOrConstraintAndTheProblem() {
        #expect(
            GLPKError.invalidBounds(variable: "x", lower: 5, upper: 2).description
                == "variable \"x\": lower bound 5.0 is greater than upper bound 2.0")
        #expect(
            GLPKError.invalidName("open\n1").description
                == "invalid name \"open\\n1\": names must not contain control characters")
        #expect(
            GLPKError.invalidName(Self.longName).description.hasSuffix(
                "256 bytes of UTF-8, more than the 255 GLPK allows"))
        #expect(
            GLPKError.foreignVariable(constraint: "cover[3]", index: 7).description
                == "constraint \"cover[3]\": variable #7 belongs to another model")
        #expect(
            GLPKError.solverFailed(
                routine: "glp_intopt", code: "GLP_EFAIL", message: "solver failure",
                file: "GLPK/GLPK+Solve.swift", line: 12
            ).description
                == "GLPK/GLPK+Solve.swift:12: glp_intopt failed with GLP_EFAIL: solver failure")
    }
}
