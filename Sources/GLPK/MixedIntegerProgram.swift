/// A mixed-integer linear program (混合整数规划) held as Swift values and solved with GLPK.
///
/// The model is the textbook form: minimise or maximise `c₀ + Σⱼ cⱼ xⱼ` subject to rows
/// `lᵢ ≤ Σⱼ aᵢⱼ xⱼ ≤ uᵢ` and bounds `lⱼ ≤ xⱼ ≤ uⱼ`, where some `xⱼ` must be integers.
/// Facility siting (LSCP, MCLP, p-median) and budget allocation build one of these and call
/// ``solve(options:)``.
///
/// Every input is checked when it is added, so a model value is always valid: names are 1 to 255
/// bytes of UTF-8 without control characters, numbers are finite, lower bounds do not exceed upper
/// bounds, integer and binary variables have whole-number bounds, and every variable in a
/// constraint belongs to this model. A rejected call throws a ``GLPKError`` and leaves the model
/// unchanged. Nothing touches GLPK until ``solve(options:)`` or ``lpText()``, which build a
/// GLPK problem object from the values and delete it before returning.
///
/// ```swift
/// var model = MixedIntegerProgram(sense: .maximize)
/// let x = try model.addVariable(name: "x", kind: .binary, objective: 5)
/// let y = try model.addVariable(name: "y", kind: .binary, objective: 4)
/// try model.addConstraint(name: "budget", [(x, 3), (y, 2)], .lessOrEqual(4))
/// let solution = try model.solve()   // .optimal, objective 5, x = 1, y = 0
/// ```
public struct MixedIntegerProgram: Sendable {
    /// The direction of optimisation.
    public enum Sense: Sendable, Hashable {
        /// Make the objective as small as possible.
        case minimize
        /// Make the objective as large as possible.
        case maximize
    }

    /// The domain of a variable.
    public enum VariableKind: Sendable, Hashable {
        /// A 0–1 variable: bounds default to 0 and 1 and may only be narrowed to a fixed 0 or 1.
        case binary
        /// A whole-number variable; its bounds, when given, must be whole numbers.
        case integer
        /// A real-valued variable.
        case continuous
    }

    /// The relation that a constraint's activity `Σⱼ aⱼ xⱼ` must satisfy; values are in the
    /// units of the activity.
    public enum Relation: Sendable, Hashable {
        /// Activity at most the value.
        case lessOrEqual(Double)
        /// Activity at least the value.
        case greaterOrEqual(Double)
        /// Activity equal to the value.
        case equal(Double)
        /// Activity between the first value and the second, both included.
        case between(Double, Double)
    }

    /// One variable as given to ``addVariable(name:kind:lowerBound:upperBound:objective:)``.
    struct Column: Sendable {
        var name: String
        var kind: VariableKind
        var lowerBound: Double?
        var upperBound: Double?
        var objective: Double
    }

    /// One constraint, with duplicate variables summed and zero coefficients dropped.
    struct Row: Sendable {
        var name: String
        var variables: [Int]
        var coefficients: [Double]
        var relation: Relation
    }

    /// The longest name GLPK accepts, in bytes of UTF-8.
    static let maximumNameLength = 255

    /// The most variables, constraints or constraint coefficients GLPK can index (`INT_MAX - 1`).
    static let maximumCount = Int(Int32.max) - 1

    /// Whether the objective is minimised or maximised; it may be changed at any time.
    public var sense: Sense

    /// The constant term `c₀` of the objective, in the objective's units; 0 unless set with
    /// ``setObjectiveConstant(_:)``.
    public private(set) var objectiveConstant: Double = 0

    private(set) var columns: [Column] = []
    private(set) var rows: [Row] = []
    private(set) var coefficientCount = 0
    let identity = ModelIdentity()

    /// Creates an empty model with no variables, no constraints and a zero objective.
    ///
    /// - Parameter sense: Whether the objective is minimised or maximised.
    public init(sense: Sense) {
        self.sense = sense
    }

    /// The number of variables (columns) added so far.
    public var variableCount: Int { columns.count }

    /// The number of constraints (rows) added so far.
    public var constraintCount: Int { rows.count }

    /// Whether any variable is binary or integer, so that ``solve(options:)`` needs branch-and-cut.
    var hasIntegerVariables: Bool { columns.contains { $0.kind != .continuous } }

    /// Adds a decision variable and returns its handle.
    ///
    /// - Parameters:
    ///   - name: A name of 1 to 255 bytes of UTF-8 without control characters, used in errors and
    ///     in ``lpText()``. Names need not be unique.
    ///   - kind: Binary, integer or continuous.
    ///   - lowerBound: The least value, or `nil` for no lower bound (binary: `nil` means 0).
    ///   - upperBound: The greatest value, or `nil` for no upper bound (binary: `nil` means 1).
    ///     Equal bounds fix the variable.
    ///   - objective: The objective coefficient `cⱼ`, in objective units per unit of the variable.
    /// - Returns: The handle of the new variable, whose ``Variable/index`` is the previous
    ///   ``variableCount``.
    /// - Throws: ``GLPKError/invalidName(_:)``, ``GLPKError/nonFiniteObjective(variable:)``,
    ///   ``GLPKError/nonFiniteBound(variable:)``, ``GLPKError/fractionalBound(variable:bound:)``,
    ///   ``GLPKError/binaryBoundOutsideUnitInterval(variable:bound:)``,
    ///   ``GLPKError/invalidBounds(variable:lower:upper:)`` or ``GLPKError/modelTooLarge``; the
    ///   model is then unchanged.
    /// - Complexity: O(1) amortised, plus the length of `name`.
    ///
    /// The corresponding GLPK routines, called later by ``solve(options:)``, are `glp_add_cols`,
    /// `glp_set_col_name`, `glp_set_col_kind`, `glp_set_col_bnds` and `glp_set_obj_coef`.
    public mutating func addVariable(
        name: String,
        kind: VariableKind,
        lowerBound: Double? = nil,
        upperBound: Double? = nil,
        objective: Double = 0
    ) throws(GLPKError) -> Variable {
        try Self.validate(name: name)
        guard objective.isFinite else { throw .nonFiniteObjective(variable: name) }
        var lower = lowerBound
        var upper = upperBound
        if kind == .binary {
            lower = lower ?? 0
            upper = upper ?? 1
        }
        for bound in [lower, upper].compactMap({ $0 }) {
            guard bound.isFinite else { throw .nonFiniteBound(variable: name) }
            if kind != .continuous && bound != bound.rounded(.down) {
                throw .fractionalBound(variable: name, bound: bound)
            }
            if kind == .binary && !(0...1).contains(bound) {
                throw .binaryBoundOutsideUnitInterval(variable: name, bound: bound)
            }
        }
        if let lower, let upper, lower > upper {
            throw .invalidBounds(variable: name, lower: lower, upper: upper)
        }
        guard columns.count < Self.maximumCount else { throw .modelTooLarge }
        columns.append(
            Column(
                name: name, kind: kind, lowerBound: lower, upperBound: upper,
                objective: objective))
        return Variable(index: columns.count - 1, model: identity)
    }

    /// Adds a linear constraint `relation(Σ coefficient × variable)`.
    ///
    /// A variable listed more than once has its coefficients summed (`x + x ≤ 3` is `2x ≤ 3`), so
    /// that loops may add terms freely; terms whose coefficients sum to zero are dropped. A
    /// constraint without terms is allowed and constrains the constant activity 0.
    ///
    /// - Parameters:
    ///   - name: A name of 1 to 255 bytes of UTF-8 without control characters.
    ///   - terms: Pairs of a variable of this model and its finite coefficient `aᵢⱼ`, in
    ///     activity units per unit of the variable.
    ///   - relation: The bound or bounds on the activity; values must be finite and a `between`
    ///     range must have its lower value first.
    /// - Throws: ``GLPKError/invalidName(_:)``, ``GLPKError/nonFiniteRightHandSide(constraint:)``,
    ///   ``GLPKError/invalidRange(constraint:lower:upper:)``,
    ///   ``GLPKError/foreignVariable(constraint:index:)``,
    ///   ``GLPKError/nonFiniteCoefficient(constraint:variable:)`` or
    ///   ``GLPKError/modelTooLarge``; the model is then unchanged.
    /// - Complexity: O(`terms.count`) expected.
    ///
    /// The corresponding GLPK routines, called later by ``solve(options:)``, are `glp_add_rows`,
    /// `glp_set_row_name`, `glp_set_row_bnds` and `glp_load_matrix`.
    public mutating func addConstraint(
        name: String, _ terms: [(Variable, Double)], _ relation: Relation
    ) throws(GLPKError) {
        try Self.validate(name: name)
        try Self.validate(relation, constraint: name)
        var position: [Int: Int] = [:]
        var variables: [Int] = []
        var coefficients: [Double] = []
        for (variable, coefficient) in terms {
            guard variable.model === identity, variable.index < columns.count else {
                throw .foreignVariable(constraint: name, index: variable.index)
            }
            if let existing = position[variable.index] {
                coefficients[existing] += coefficient
            } else {
                position[variable.index] = variables.count
                variables.append(variable.index)
                coefficients.append(coefficient)
            }
        }
        // Checked after summing, which catches both a non-finite input and an overflowing sum.
        for (index, coefficient) in zip(variables, coefficients) where !coefficient.isFinite {
            throw .nonFiniteCoefficient(constraint: name, variable: columns[index].name)
        }
        let kept = coefficients.indices.filter { coefficients[$0] != 0 }
        guard rows.count < Self.maximumCount,
            kept.count <= Self.maximumCount - coefficientCount
        else { throw .modelTooLarge }
        rows.append(
            Row(
                name: name, variables: kept.map { variables[$0] },
                coefficients: kept.map { coefficients[$0] }, relation: relation))
        coefficientCount += kept.count
    }

    /// Sets the constant term `c₀` added to the objective.
    ///
    /// - Parameter constant: The constant, in the objective's units.
    /// - Throws: ``GLPKError/nonFiniteObjectiveConstant`` if `constant` is infinite or NaN; the
    ///   model is then unchanged.
    ///
    /// The corresponding GLPK routine is `glp_set_obj_coef` with column number 0.
    public mutating func setObjectiveConstant(_ constant: Double) throws(GLPKError) {
        guard constant.isFinite else { throw .nonFiniteObjectiveConstant }
        objectiveConstant = constant
    }

    /// The objective `c₀ + Σⱼ cⱼ xⱼ` at the given variable values, summed in column order.
    func objectiveValue(at values: [Double]) -> Double {
        zip(columns, values).reduce(objectiveConstant) { sum, pair in
            sum + pair.0.objective * pair.1
        }
    }

    /// Checks a variable or constraint name against GLPK's rules, which abort on violation.
    static func validate(name: String) throws(GLPKError) {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= maximumNameLength,
            !bytes.contains(where: isControlCharacter)
        else { throw .invalidName(name) }
    }

    /// Whether a byte is an ASCII control character, which GLPK rejects in names.
    static func isControlCharacter(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F
    }

    private static func validate(_ relation: Relation, constraint: String) throws(GLPKError) {
        switch relation {
        case .lessOrEqual(let value), .greaterOrEqual(let value), .equal(let value):
            guard value.isFinite else { throw .nonFiniteRightHandSide(constraint: constraint) }
        case .between(let lower, let upper):
            guard lower.isFinite, upper.isFinite else {
                throw .nonFiniteRightHandSide(constraint: constraint)
            }
            guard lower <= upper else {
                throw .invalidRange(constraint: constraint, lower: lower, upper: upper)
            }
        }
    }
}
