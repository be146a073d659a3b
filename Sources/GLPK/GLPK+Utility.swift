internal import CGLPK
internal import Foundation

extension MixedIntegerProgram {
    /// The model in CPLEX LP format, for reading or for checking with another solver.
    ///
    /// GLPK writes names that are not valid in the LP format (spaces, Chinese characters, a
    /// leading digit, ...) as generic names such as `r_1` and `x_1`. The text is written to a
    /// uniquely named temporary file, read back and the file removed.
    ///
    /// - Returns: The LP text, starting with a comment line and ending with `End`.
    /// - Throws: ``GLPKError/exportFailed(_:)`` if the temporary file cannot be written or read;
    ///   ``GLPKError/solverFailed(routine:code:message:file:line:)`` if GLPK returns no problem
    ///   object.
    ///
    /// The corresponding GLPK routine is `glp_write_lp`.
    public func lpText() throws(GLPKError) -> String {
        try SolverEnvironment.withExclusiveAccess { () throws(GLPKError) -> String in
            let problem = try ProblemObject(model: self)
            return try problem.lpText()
        }
    }
}

extension ProblemObject {
    /// Writes the problem in CPLEX LP format to a temporary file and returns its text.
    ///
    /// The corresponding GLPK routine is `glp_write_lp`.
    func lpText() throws(GLPKError) -> String {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("glpk-\(UUID().uuidString).lp")
        defer { try? FileManager.default.removeItem(at: file) }
        let code = file.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            return glp_write_lp(pointer, nil, path)
        }
        guard code == 0 else {
            throw .exportFailed("glp_write_lp could not write a temporary file")
        }
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .exportFailed("could not read back the temporary file: \(error)")
        }
    }
}
