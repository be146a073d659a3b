import Diagnostics

/// The data-quality summary of the registers a scenario reads (数据质量摘要): per file, how
/// many rows are hidden, repeat another, lack coordinates, lie outside the region, hold
/// implausible values, or name a community that matches no unit or several; then each
/// finding at its cell. Errors among them (names that match nothing) stop the load as any
/// error does; the rest are warnings.
///
/// The console shows it after the diagnostics, and `run` writes it to the run folder as
/// `data-quality.txt`.
public enum DataQualitySummary {
    /// The kinds of problem the summary lists, in its order, with their Chinese and English
    /// headings.
    static let kinds: [(kind: Problem.Kind, chinese: String, english: String)] = [
        (.hiddenRow, "隐藏行", "hidden rows"),
        (.duplicateEntry, "重复记录", "duplicates"),
        (.missingCoordinates, "缺少坐标", "missing coordinates"),
        (.outsideRegion, "坐标超出区域范围", "points outside the region"),
        (.implausible, "数值异常", "implausible values"),
        (.unmatchedName, "名称未匹配", "unmatched names"),
        (.ambiguousName, "名称有歧义", "ambiguous names"),
    ]

    /// The summary's text, or nil when no diagnostic is of a kind it lists. Counts are of
    /// the findings shown: where a file has more than ``DiagnosticLog/keptPerKind`` of a
    /// kind, the log's note with the number left out follows them.
    /// - Parameters:
    ///   - chinese: Chinese headings (the default language), else English.
    ///   - listing: each finding under its file's counts (the file in the run folder); the
    ///     console, which has just shown the diagnostics, gives the counts only.
    public static func text(_ diagnostics: [Diagnostic], chinese: Bool = true, listing: Bool = true)
        -> String?
    {
        let listed = Set(kinds.map(\.kind))
        var files: [String] = []
        var findings: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics where listed.contains(diagnostic.problem.kind) {
            let file = diagnostic.location.file
            if findings[file] == nil { files.append(file) }
            findings[file, default: []].append(diagnostic)
        }
        guard !files.isEmpty else { return nil }
        var lines: [String] = [chinese ? "数据质量摘要" : "Data-quality summary"]
        for file in files {
            let found = findings[file]!
            var counts: [Problem.Kind: Int] = [:]
            for finding in found { counts[finding.problem.kind, default: 0] += 1 }
            let parts = kinds.compactMap { entry -> String? in
                guard let count = counts[entry.kind] else { return nil }
                return chinese ? "\(entry.chinese) \(count)" : "\(entry.english) \(count)"
            }
            lines.append(
                "\(file)" + (chinese ? "：" : ": ") + parts.joined(separator: chinese ? "，" : ", "))
            let notes = diagnostics.filter {
                if case .omitted(_, _, let noted) = $0.problem { return noted == file }
                return false
            }
            guard listing else { continue }
            for finding in found + notes {
                lines.append("  " + finding.description(in: chinese ? .zh : .en))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
