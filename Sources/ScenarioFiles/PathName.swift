/// File names as diagnostics show them: joined and normalised lexically, so that
/// `Scenarios/anshan-plan/../anshan/regions.csv` reads `Scenarios/anshan/regions.csv`.
enum PathName {
    /// The folder part of a path (`.` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of a path.
    static func lastComponent(of path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `relative` resolved against `directory`, normalised.
    static func join(_ directory: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalise(relative) }
        return normalise(directory == "." ? relative : directory + "/" + relative)
    }

    /// Removes `.` components and resolves `..` against the component before it where there
    /// is one, without touching the file system.
    static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
