internal import CGLPK

/// A GLPK problem object (`glp_prob`) owned by exactly one Swift value and deleted with it.
///
/// It is created from a valid ``MixedIntegerProgram`` inside one synchronous call and never
/// escapes, so it is always used and deleted on the thread that created it, as GLPK's
/// thread-local environment requires.
struct ProblemObject: ~Copyable {
    /// The `glp_prob *`; valid until `deinit`.
    let pointer: OpaquePointer

    /// Creates a problem object holding the model's objective, variables and constraints.
    ///
    /// - Parameter model: A model whose values were checked when they were added.
    /// - Throws: ``GLPKError/solverFailed(routine:code:message:file:line:)`` if GLPK returns no
    ///   problem object.
    ///
    /// The corresponding GLPK routines are `glp_create_prob`, `glp_set_obj_dir`,
    /// `glp_set_obj_coef`, `glp_add_cols`, `glp_set_col_name`, `glp_set_col_kind`,
    /// `glp_set_col_bnds`, `glp_add_rows`, `glp_set_row_name`, `glp_set_row_bnds` and
    /// `glp_load_matrix`.
    init(model: MixedIntegerProgram) throws(GLPKError) {
        guard let pointer = glp_create_prob() else {
            throw .solverFailed(
                routine: "glp_create_prob", code: "NULL",
                message: "no problem object was returned", file: #fileID, line: #line)
        }
        self.pointer = pointer
        loadObjective(model)
        loadColumns(model)
        loadRows(model)
    }

    deinit {
        glp_delete_prob(pointer)
    }

    /// The number of simplex iterations performed on this problem object so far.
    ///
    /// The corresponding GLPK routine is `glp_get_it_cnt`.
    var simplexIterations: Int { Int(glp_get_it_cnt(pointer)) }

    /// Sets every objective coefficient, the constant included, to zero.
    ///
    /// The corresponding GLPK routine is `glp_set_obj_coef`.
    func clearObjective() {
        for column in 0...glp_get_num_cols(pointer) {
            glp_set_obj_coef(pointer, column, 0)
        }
    }

    private func loadObjective(_ model: MixedIntegerProgram) {
        glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(pointer, 0, model.objectiveConstant)
    }

    private func loadColumns(_ model: MixedIntegerProgram) {
        // glp_add_cols aborts unless asked for at least one column.
        guard !model.columns.isEmpty else { return }
        glp_add_cols(pointer, Int32(model.columns.count))
        for (offset, column) in model.columns.enumerated() {
            let number = Int32(offset + 1)
            glp_set_col_name(pointer, number, column.name)
            glp_set_col_kind(pointer, number, column.kind == .continuous ? GLP_CV : GLP_IV)
            let bounds = Self.bounds(lower: column.lowerBound, upper: column.upperBound)
            glp_set_col_bnds(pointer, number, bounds.type, bounds.lower, bounds.upper)
            glp_set_obj_coef(pointer, number, column.objective)
        }
    }

    private func loadRows(_ model: MixedIntegerProgram) {
        // glp_add_rows aborts unless asked for at least one row.
        guard !model.rows.isEmpty else { return }
        glp_add_rows(pointer, Int32(model.rows.count))
        // glp_load_matrix takes 1-based triplet arrays; element 0 is unused.
        var rowNumbers: [Int32] = [0]
        var columnNumbers: [Int32] = [0]
        var coefficients: [Double] = [0]
        rowNumbers.reserveCapacity(model.coefficientCount + 1)
        columnNumbers.reserveCapacity(model.coefficientCount + 1)
        coefficients.reserveCapacity(model.coefficientCount + 1)
        for (offset, row) in model.rows.enumerated() {
            let number = Int32(offset + 1)
            glp_set_row_name(pointer, number, row.name)
            let bounds = Self.bounds(of: row.relation)
            glp_set_row_bnds(pointer, number, bounds.type, bounds.lower, bounds.upper)
            for (variable, coefficient) in zip(row.variables, row.coefficients) {
                rowNumbers.append(number)
                columnNumbers.append(Int32(variable + 1))
                coefficients.append(coefficient)
            }
        }
        glp_load_matrix(
            pointer, Int32(coefficients.count - 1), rowNumbers, columnNumbers, coefficients)
    }

    /// GLPK's bound type and bound values for optional lower and upper bounds.
    private static func bounds(
        lower: Double?, upper: Double?
    ) -> (type: Int32, lower: Double, upper: Double) {
        switch (lower, upper) {
        case (nil, nil): (GLP_FR, 0, 0)
        case (let lower?, nil): (GLP_LO, lower, 0)
        case (nil, let upper?): (GLP_UP, 0, upper)
        // GLPK rejects a double bound with lower == upper, so an equal pair is a fixed value.
        case (let lower?, let upper?): (lower == upper ? GLP_FX : GLP_DB, lower, upper)
        }
    }

    /// GLPK's bound type and bound values for a constraint relation.
    private static func bounds(of relation: MixedIntegerProgram.Relation) -> (
        type: Int32, lower: Double, upper: Double
    ) {
        switch relation {
        case .lessOrEqual(let value): bounds(lower: nil, upper: value)
        case .greaterOrEqual(let value): bounds(lower: value, upper: nil)
        case .equal(let value): bounds(lower: value, upper: value)
        case .between(let lower, let upper): bounds(lower: lower, upper: upper)
        }
    }
}
