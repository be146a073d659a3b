/// What is wrong with an input, as a value that tests can compare.
///
/// Each case carries what the message needs; `message` renders it. Cases are shared by every
/// reader of scenario files (YAML, CSV, region tables) so that the same mistake reads the same
/// way wherever it is made.
public enum Problem: Hashable, Sendable {
    // Files and text
    /// A file named by the scenario does not exist or cannot be read.
    case fileNotFound(path: String)
    /// A file could not be read for another reason.
    case unreadableFile(path: String, reason: String)
    /// The bytes are neither UTF-8 nor GB18030.
    case invalidEncoding(detail: String)
    /// A file is larger than the limit for its kind of input (sizes in bytes); `what` names
    /// the kind ("a regions table"). The limit is raised with `YANGLAO_MAX_INPUT_MB`.
    case fileTooLarge(path: String, size: Int, limit: Int, what: String)

    // Diagnostics
    /// Diagnostics left out because a file had more of one kind than ``DiagnosticLog`` keeps:
    /// how many, how serious they were, and the file.
    case omitted(count: Int, severity: Diagnostic.Severity, file: String)

    // YAML
    /// The YAML text is malformed.
    case yamlSyntax(String)
    /// A YAML feature that scenario files do not use (anchors, aliases, tags, complex keys).
    case unsupportedYAML(String)
    /// A key appears twice in one mapping.
    case duplicateKey(key: String, firstLine: Int)
    /// A key that the section does not know, with the closest known key.
    case unknownKey(key: String, section: String, suggestion: String?)
    /// A required key is absent.
    case missingKey(key: String, section: String)
    /// A value has the wrong shape or type.
    case wrongType(field: String, expected: String, got: String)
    /// A number lies outside its allowed range.
    case outOfRange(field: String, value: String, range: String)
    /// A value is not one of the allowed words.
    case notOneOf(field: String, value: String, allowed: [String])
    /// A value is well-formed but breaks a rule of the domain.
    case invalidValue(field: String, reason: String)
    /// A unit that is unknown or does not fit the field.
    case unitMismatch(field: String, unit: String, expected: String)
    /// `extends:` forms a cycle.
    case extendsCycle(chain: [String])
    /// A `--set` override is malformed.
    case badOverride(argument: String, reason: String)

    // CSV
    /// A required column is missing from a table's header.
    case missingColumn(column: String, suggestion: String?)
    /// A column that the table does not know (a warning).
    case unknownColumn(column: String, suggestion: String?)
    /// A column name appears twice in a header.
    case duplicateColumn(column: String)
    /// A row has a different number of fields from the header.
    case raggedRow(expected: Int, found: Int)
    /// A CSV quoting error.
    case badQuoting(String)
    /// A cell that must hold a number does not.
    case notANumber(column: String, value: String)
    /// A required cell is empty.
    case emptyCell(column: String)
    /// A negative count or amount.
    case negative(column: String, value: String)
    /// A table has a header but no rows.
    case emptyTable

    // Regions
    /// A string that is not a statistical division code.
    case badRegionCode(value: String, reason: String)
    /// A code that appears twice in a region table.
    case duplicateRegion(code: String, firstLine: Int)
    /// A region whose parent is not in the table.
    case missingParent(code: String, parent: String)
    /// A region code that is not in the scenario's region tree.
    case unknownRegion(code: String)
    /// The parent named does not match the one the code implies.
    case parentMismatch(code: String, given: String, impliedByCode: String)

    // Coverage
    /// An identifier that appears twice in a table of points, facilities or network nodes.
    case duplicateID(id: String, firstLine: Int)
    /// A network edge names a node that the nodes table does not list.
    case unknownNode(id: String)
    /// A point farther from every network node than the snap distance (a warning: the point
    /// reaches nothing and is reported, not dropped).
    case offNetwork(distance: Double, limit: Double)

    // Workbooks (.xlsx) and registers (台账)
    /// A workbook that cannot be read: not a zip archive of Office Open XML, a part missing or
    /// malformed, or a part larger than the limit.
    case badWorkbook(reason: String)
    /// The scenario names a sheet the workbook does not have.
    case unknownSheet(name: String, sheets: [String])
    /// A row hidden in Excel (a warning: it is read like any other row).
    case hiddenRow
    /// A formula cell that holds no cached value (the workbook was never calculated) or an
    /// error value such as `#REF!`.
    case formulaValue(reason: String)
    /// A register row that repeats another (same name, and same address when given), with
    /// where the first is.
    case duplicateEntry(name: String, first: String)
    /// A register row without a longitude and latitude.
    case missingCoordinates(name: String)
    /// A point outside the bounding box of the region's known points (degrees), widened by
    /// a margin.
    case outsideRegion(longitude: Double, latitude: Double, box: String)
    /// A value above what a register plausibly holds (e.g. beds > 3,000).
    case implausible(field: String, value: String, limit: String)
    /// A community or village name that matches no unit of its township, with the closest
    /// names.
    case unmatchedName(name: String, within: String, suggestions: [String])
    /// A name that matches more than one unit of its township.
    case ambiguousName(name: String, within: String, candidates: [String])

    /// The message, in English, without location.
    public var message: String {
        switch self {
        case .fileNotFound(let path):
            return "file not found: \(path)"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidEncoding(let detail):
            return "the file is neither UTF-8 nor GB18030: \(detail)"
        case .fileTooLarge(let path, let size, let limit, let what):
            return
                "\(path) is \(Self.byteSize(size)); the limit for \(what) is \(Self.byteSize(limit)); set YANGLAO_MAX_INPUT_MB to raise it"
        case .omitted(let count, let severity, let file):
            let noun = count == 1 ? severity.rawValue : severity.rawValue + "s"
            return "… and \(Self.grouped(count)) more \(noun) of this kind in \(file)"
        case .yamlSyntax(let text):
            return "YAML syntax: \(text)"
        case .unsupportedYAML(let text):
            return "\(text) is not supported in scenario files"
        case .duplicateKey(let key, let firstLine):
            return "duplicate key '\(key)' (first given on line \(firstLine))"
        case .unknownKey(let key, let section, let suggestion):
            let place = section.isEmpty ? "" : " in '\(section)'"
            return "unknown key '\(key)'\(place)" + didYouMean(suggestion)
        case .missingKey(let key, let section):
            let place = section.isEmpty ? "" : " in '\(section)'"
            return "missing required key '\(key)'\(place)"
        case .wrongType(let field, let expected, let got):
            return "\(field) must be \(expected) (got \(got))"
        case .outOfRange(let field, let value, let range):
            return "\(field) must be \(range) (got \(value))"
        case .notOneOf(let field, let value, let allowed):
            let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
            let suggestion = Suggestion.closest(to: value, among: allowed)
            return "\(field) must be one of \(list) (got '\(value)')" + didYouMean(suggestion)
        case .invalidValue(let field, let reason):
            return "\(field): \(reason)"
        case .unitMismatch(let field, let unit, let expected):
            return "\(field) is measured in \(expected); unit '\(unit)' does not convert to it"
        case .extendsCycle(let chain):
            return "'extends' forms a cycle: " + chain.joined(separator: " → ")
        case .badOverride(let argument, let reason):
            return "bad --set '\(argument)': \(reason)"
        case .missingColumn(let column, let suggestion):
            return "missing column '\(column)'" + didYouMean(suggestion, what: "the header has")
        case .unknownColumn(let column, let suggestion):
            return "unknown column '\(column)' is ignored" + didYouMean(suggestion)
        case .duplicateColumn(let column):
            return "column '\(column)' appears twice in the header"
        case .raggedRow(let expected, let found):
            return "row has \(found) fields but the header has \(expected)"
        case .badQuoting(let text):
            return "CSV quoting: \(text)"
        case .notANumber(let column, let value):
            return "\(column) must be a number (got '\(value)')"
        case .emptyCell(let column):
            return "\(column) is empty"
        case .negative(let column, let value):
            return "\(column) must not be negative (got \(value))"
        case .emptyTable:
            return "the table has a header but no rows"
        case .badRegionCode(let value, let reason):
            return "'\(value)' is not a statistical division code: \(reason)"
        case .duplicateRegion(let code, let firstLine):
            return "region \(code) appears twice (first on line \(firstLine))"
        case .missingParent(let code, let parent):
            return "parent \(parent) of region \(code) is not in the table"
        case .unknownRegion(let code):
            return "unknown region code \(code)"
        case .parentMismatch(let code, let given, let implied):
            return "region \(code) names parent \(given), but its code implies \(implied)"
        case .duplicateID(let id, let firstLine):
            return "id '\(id)' appears twice (first on line \(firstLine))"
        case .unknownNode(let id):
            return "the edge names node '\(id)', which the nodes table does not list"
        case .badWorkbook(let reason):
            return "cannot read the workbook: \(reason)"
        case .unknownSheet(let name, let sheets):
            let list = sheets.map { "'\($0)'" }.joined(separator: ", ")
            return "the workbook has no sheet '\(name)' (it has \(list))"
                + didYouMean(Suggestion.closest(to: name, among: sheets))
        case .hiddenRow:
            return "the row is hidden in Excel; it is read like the others"
        case .formulaValue(let reason):
            return "formula cell: \(reason)"
        case .duplicateEntry(let name, let first):
            return "'\(name)' appears twice (first at \(first))"
        case .missingCoordinates(let name):
            return "'\(name)' has no longitude and latitude"
        case .outsideRegion(let longitude, let latitude, let box):
            return "(\(longitude), \(latitude)) lies outside the region (\(box))"
        case .implausible(let field, let value, let limit):
            return "\(field) \(value) is implausible (more than \(limit)); check the cell"
        case .unmatchedName(let name, let within, let suggestions):
            let candidates =
                suggestions.isEmpty
                ? ""
                : " (did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?)"
            return "no unit of \(within) is named '\(name)'" + candidates
        case .ambiguousName(let name, let within, let candidates):
            let list = candidates.map { "'\($0)'" }.joined(separator: ", ")
            return "'\(name)' matches several units of \(within): \(list); give the code"
        case .offNetwork(let distance, let limit):
            let limitText = "\(metres(limit)) m"
            let place =
                distance.isFinite
                ? "\(metres(distance)) m from the nearest network node, beyond the snap distance of \(limitText)"
                : "more than the snap distance of \(limitText) from every network node"
            return "the point is \(place); it reaches nothing and is counted as not covered"
        }
    }

    /// A distance in whole metres; a distance too large for a whole number is written with an
    /// exponent instead of trapping on the conversion.
    private func metres(_ value: Double) -> String {
        guard let whole = Int(exactly: value.rounded()) else { return "\(value)" }
        return String(whole)
    }

    /// The name of the case, without its values: what ``DiagnosticLog`` counts as one kind.
    public var kind: String {
        switch self {
        case .fileNotFound: "fileNotFound"
        case .unreadableFile: "unreadableFile"
        case .invalidEncoding: "invalidEncoding"
        case .fileTooLarge: "fileTooLarge"
        case .omitted: "omitted"
        case .yamlSyntax: "yamlSyntax"
        case .unsupportedYAML: "unsupportedYAML"
        case .duplicateKey: "duplicateKey"
        case .unknownKey: "unknownKey"
        case .missingKey: "missingKey"
        case .wrongType: "wrongType"
        case .outOfRange: "outOfRange"
        case .notOneOf: "notOneOf"
        case .invalidValue: "invalidValue"
        case .unitMismatch: "unitMismatch"
        case .extendsCycle: "extendsCycle"
        case .badOverride: "badOverride"
        case .missingColumn: "missingColumn"
        case .unknownColumn: "unknownColumn"
        case .duplicateColumn: "duplicateColumn"
        case .raggedRow: "raggedRow"
        case .badQuoting: "badQuoting"
        case .notANumber: "notANumber"
        case .emptyCell: "emptyCell"
        case .negative: "negative"
        case .emptyTable: "emptyTable"
        case .badRegionCode: "badRegionCode"
        case .duplicateRegion: "duplicateRegion"
        case .missingParent: "missingParent"
        case .unknownRegion: "unknownRegion"
        case .parentMismatch: "parentMismatch"
        case .duplicateID: "duplicateID"
        case .badWorkbook: "badWorkbook"
        case .unknownSheet: "unknownSheet"
        case .hiddenRow: "hiddenRow"
        case .formulaValue: "formulaValue"
        case .duplicateEntry: "duplicateEntry"
        case .missingCoordinates: "missingCoordinates"
        case .outsideRegion: "outsideRegion"
        case .implausible: "implausible"
        case .unmatchedName: "unmatchedName"
        case .ambiguousName: "ambiguousName"
        case .unknownNode: "unknownNode"
        case .offNetwork: "offNetwork"
        }
    }

    /// 99980 → "99,980".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return value < 0 ? "-" + text : text
    }

    /// A size in bytes with binary units: "512 MiB", "2.0 GiB" (always a decimal in GiB),
    /// "600 KiB", "17 bytes".
    static func byteSize(_ bytes: Int) -> String {
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (unit, size) in units where bytes >= size {
            if bytes % size == 0, size < 1 << 30 { return "\(bytes / size) \(unit)" }
            let tenths = (bytes * 10 + size / 2) / size
            return "\(tenths / 10).\(tenths % 10) \(unit)"
        }
        return "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }

    private func didYouMean(_ suggestion: String?, what: String = "did you mean") -> String {
        guard let suggestion else { return "" }
        return " (\(what) '\(suggestion)'?)"
    }
}
