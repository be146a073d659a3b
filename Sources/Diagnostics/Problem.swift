/// What is wrong with an input, as a value that tests can compare.
///
/// Each case carries what the message needs; ``message(in:)`` renders it in Chinese or English,
/// the one catalogue of what diagnostics say (`ProblemCatalogueTests` fails when a case lacks
/// either language). Cases are shared by every reader of scenario files (YAML, CSV, region
/// tables) so that the same mistake reads the same way wherever it is made.
///
/// Texts that readers pass in (`reason`, `detail`, a YAML parser's message) are written in
/// English and shown as given inside either language's frame.
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
    /// A boundary file (`boundaries:`, GeoJSON) whose content is not a unit's boundary: the
    /// fault says what is wrong and where (the value's line and column locate it).
    case badBoundary(BoundaryFault)

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

    /// The message without location, in Chinese or English: the one catalogue of what a
    /// diagnostic says. Keys, columns, fields and values stay verbatim in both languages, so a
    /// planner can search the input for them.
    public func message(in language: Language) -> String {
        language == .zh ? chinese : english
    }

    /// The message in Chinese. Names from the input (keys, columns, paths, values) are kept
    /// verbatim; values are quoted 「like this」.
    private var chinese: String {
        switch self {
        case .fileNotFound(let path):
            return "找不到文件：\(path)"
        case .unreadableFile(let path, let reason):
            return "无法读取 \(path)：\(reason)"
        case .invalidEncoding(let detail):
            return "文件既不是 UTF-8 也不是 GB18030 编码：\(detail)"
        case .fileTooLarge(let path, let size, let limit, let what):
            return
                "\(path) 大小为 \(Self.byteSize(size))，超过 \(what) 的上限 \(Self.byteSize(limit))；可设置 YANGLAO_MAX_INPUT_MB 提高上限"
        case .omitted(let count, let severity, let file):
            return "……\(file) 中另有 \(Self.grouped(count)) 个同类\(severity.name(in: .zh))未列出"
        case .yamlSyntax(let text):
            return "YAML 语法错误：\(text)"
        case .unsupportedYAML(let text):
            return "情景文件不支持 \(text)"
        case .duplicateKey(let key, let firstLine):
            return "键「\(key)」重复（第 \(firstLine) 行已给出）"
        case .unknownKey(let key, let section, let suggestion):
            let place = section.isEmpty ? "" : "「\(section)」中的"
            return "未知的\(place)键「\(key)」" + didYouMean(suggestion, in: .zh)
        case .missingKey(let key, let section):
            let place = section.isEmpty ? "" : "「\(section)」中"
            return "\(place)缺少必填键「\(key)」"
        case .wrongType(let field, let expected, let got):
            return "\(field) 应为\(Self.chinesePhrase(expected))（实际为 \(got)）"
        case .outOfRange(let field, let value, let range):
            return "\(field) 超出范围，应为\(Self.chinesePhrase(range))（实际为 \(value)）"
        case .notOneOf(let field, let value, let allowed):
            let list = allowed.map { "「\($0)」" }.joined(separator: "、")
            let suggestion = Suggestion.closest(to: value, among: allowed)
            return "\(field) 只能取\(list)之一（实际为「\(value)」）"
                + didYouMean(suggestion, in: .zh)
        case .invalidValue(let field, let reason):
            return "\(field) 的值无效：\(reason)"
        case .unitMismatch(let field, let unit, let expected):
            return "\(field) 的单位应为 \(expected)；单位「\(unit)」无法换算"
        case .extendsCycle(let chain):
            return "「extends」形成循环：" + chain.joined(separator: " → ")
        case .badOverride(let argument, let reason):
            return "--set「\(argument)」有误：\(reason)"
        case .missingColumn(let column, let suggestion):
            return "缺少列「\(column)」" + didYouMean(suggestion, what: "表头中有", in: .zh)
        case .unknownColumn(let column, let suggestion):
            return "未知列「\(column)」，已忽略" + didYouMean(suggestion, in: .zh)
        case .duplicateColumn(let column):
            return "表头中列「\(column)」出现两次"
        case .raggedRow(let expected, let found):
            return "该行有 \(found) 个字段，但表头有 \(expected) 个"
        case .badQuoting(let text):
            return "CSV 引号错误：\(text)"
        case .notANumber(let column, let value):
            return "\(column) 不是数字：「\(value)」"
        case .emptyCell(let column):
            return "\(column) 为空"
        case .negative(let column, let value):
            return "\(column) 不能为负数（实际为 \(value)）"
        case .emptyTable:
            return "表格只有表头，没有数据行"
        case .badRegionCode(let value, let reason):
            return "「\(value)」不是统计用区划代码：\(reason)"
        case .duplicateRegion(let code, let firstLine):
            return "区划 \(code) 出现两次（首次在第 \(firstLine) 行）"
        case .missingParent(let code, let parent):
            return "区划 \(code) 的上级 \(parent) 不在表中"
        case .unknownRegion(let code):
            return "未知的区划代码 \(code)"
        case .parentMismatch(let code, let given, let implied):
            return "区划 \(code) 填写的上级为 \(given)，但按代码应为 \(implied)"
        case .duplicateID(let id, let firstLine):
            return "id「\(id)」出现两次（首次在第 \(firstLine) 行）"
        case .unknownNode(let id):
            return "该边引用的节点「\(id)」不在节点表中"
        case .badWorkbook(let reason):
            return "无法读取工作簿：\(reason)"
        case .unknownSheet(let name, let sheets):
            let list = sheets.map { "「\($0)」" }.joined(separator: "、")
            return "工作簿中没有工作表「\(name)」（现有 \(list)）"
                + didYouMean(Suggestion.closest(to: name, among: sheets), in: .zh)
        case .hiddenRow:
            return "该行在 Excel 中被隐藏；仍照常读取"
        case .formulaValue(let reason):
            return "公式单元格：\(reason)"
        case .duplicateEntry(let name, let first):
            return "「\(name)」重复出现（首次在 \(first)）"
        case .missingCoordinates(let name):
            return "「\(name)」缺少经纬度"
        case .outsideRegion(let longitude, let latitude, let box):
            return "（\(longitude), \(latitude)）位于区域范围之外（\(box)）"
        case .implausible(let field, let value, let limit):
            return "\(field) 为 \(value)，数值异常（超过 \(limit)）；请核对该单元格"
        case .unmatchedName(let name, let within, let suggestions):
            let candidates =
                suggestions.isEmpty
                ? ""
                : "（是否应为" + suggestions.map { "「\($0)」" }.joined(separator: "、") + "？）"
            return "\(within) 中没有名为「\(name)」的单位" + candidates
        case .ambiguousName(let name, let within, let candidates):
            let list = candidates.map { "「\($0)」" }.joined(separator: "、")
            return "「\(name)」与 \(within) 中的多个单位相符：\(list)；请给出代码"
        case .badBoundary(let fault):
            return "边界文件：" + fault.message(chinese: true)
        case .offNetwork(let distance, let limit):
            let limitText = "\(metres(limit)) 米"
            let place =
                distance.isFinite
                ? "距最近的路网节点 \(metres(distance)) 米，超出吸附距离 \(limitText)"
                : "距所有路网节点都超出吸附距离 \(limitText)"
            return "该点\(place)；无法到达任何设施，计为未覆盖"
        }
    }

    /// The message in English.
    private var english: String {
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
            return "unknown key '\(key)'\(place)" + didYouMean(suggestion, in: .en)
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
            return "\(field) must be one of \(list) (got '\(value)')"
                + didYouMean(suggestion, in: .en)
        case .invalidValue(let field, let reason):
            return "\(field): \(reason)"
        case .unitMismatch(let field, let unit, let expected):
            return "\(field) is measured in \(expected); unit '\(unit)' does not convert to it"
        case .extendsCycle(let chain):
            return "'extends' forms a cycle: " + chain.joined(separator: " → ")
        case .badOverride(let argument, let reason):
            return "bad --set '\(argument)': \(reason)"
        case .missingColumn(let column, let suggestion):
            return "missing column '\(column)'"
                + didYouMean(suggestion, what: "the header has", in: .en)
        case .unknownColumn(let column, let suggestion):
            return "unknown column '\(column)' is ignored" + didYouMean(suggestion, in: .en)
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
                + didYouMean(Suggestion.closest(to: name, among: sheets), in: .en)
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
        case .badBoundary(let fault):
            return "boundary file: " + fault.message(chinese: false)
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

    /// The cases of ``Problem`` without their values: what ``DiagnosticLog`` counts as one
    /// kind, and what the catalogue's test walks to check every message has both languages.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case fileNotFound, unreadableFile, invalidEncoding, fileTooLarge, omitted, yamlSyntax,
            unsupportedYAML, duplicateKey, unknownKey, missingKey, wrongType, outOfRange, notOneOf,
            invalidValue, unitMismatch, extendsCycle, badOverride, missingColumn, unknownColumn,
            duplicateColumn, raggedRow, badQuoting, notANumber, emptyCell, negative, emptyTable,
            badRegionCode, duplicateRegion, missingParent, unknownRegion, parentMismatch,
            duplicateID, badWorkbook, unknownSheet, hiddenRow, formulaValue, duplicateEntry,
            missingCoordinates, outsideRegion, implausible, unmatchedName, ambiguousName,
            unknownNode, offNetwork, badBoundary
    }

    /// The case, without its values.
    public var kind: Kind {
        switch self {
        case .fileNotFound: .fileNotFound
        case .unreadableFile: .unreadableFile
        case .invalidEncoding: .invalidEncoding
        case .fileTooLarge: .fileTooLarge
        case .omitted: .omitted
        case .yamlSyntax: .yamlSyntax
        case .unsupportedYAML: .unsupportedYAML
        case .duplicateKey: .duplicateKey
        case .unknownKey: .unknownKey
        case .missingKey: .missingKey
        case .wrongType: .wrongType
        case .outOfRange: .outOfRange
        case .notOneOf: .notOneOf
        case .invalidValue: .invalidValue
        case .unitMismatch: .unitMismatch
        case .extendsCycle: .extendsCycle
        case .badOverride: .badOverride
        case .missingColumn: .missingColumn
        case .unknownColumn: .unknownColumn
        case .duplicateColumn: .duplicateColumn
        case .raggedRow: .raggedRow
        case .badQuoting: .badQuoting
        case .notANumber: .notANumber
        case .emptyCell: .emptyCell
        case .negative: .negative
        case .emptyTable: .emptyTable
        case .badRegionCode: .badRegionCode
        case .duplicateRegion: .duplicateRegion
        case .missingParent: .missingParent
        case .unknownRegion: .unknownRegion
        case .parentMismatch: .parentMismatch
        case .duplicateID: .duplicateID
        case .badWorkbook: .badWorkbook
        case .unknownSheet: .unknownSheet
        case .hiddenRow: .hiddenRow
        case .formulaValue: .formulaValue
        case .duplicateEntry: .duplicateEntry
        case .missingCoordinates: .missingCoordinates
        case .outsideRegion: .outsideRegion
        case .implausible: .implausible
        case .unmatchedName: .unmatchedName
        case .ambiguousName: .ambiguousName
        case .unknownNode: .unknownNode
        case .offNetwork: .offNetwork
        case .badBoundary: .badBoundary
        }
    }

    /// The Chinese of the common phrases readers give as a range or an expected shape
    /// ("between 0 and 130", "at least 60", "a whole number"), with a leading space; other
    /// phrases are kept as written.
    static func chinesePhrase(_ english: String) -> String {
        let words: [String: String] = [
            "a number": "数字", "a whole number": "整数", "a year": "年份", "text": "文本",
            "a region code": "区划代码", "whole years of age": "整岁年龄",
        ]
        if let word = words[english] { return word }
        func between(_ text: Substring) -> String? {
            let parts = text.split(separator: " and ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return " \(parts[0]) 至 \(parts[1]) 之间"
        }
        for (prefix, noun) in [("a year between ", "的年份"), ("between ", "")]
        where english.hasPrefix(prefix) {
            if let range = between(english.dropFirst(prefix.count)) { return range + noun }
        }
        if english.hasPrefix("at least ") { return "不小于 " + english.dropFirst(9) }
        if english.hasPrefix("at most ") { return "不大于 " + english.dropFirst(8) }
        return " " + english
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
            // Whole units and tenths apart, so that no size near Int.max overflows.
            let tenths = bytes / size * 10 + (bytes % size * 10 + size / 2) / size
            return "\(tenths / 10).\(tenths % 10) \(unit)"
        }
        return "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }

    /// " (did you mean 'horizon'?)" / "（是否应为「horizon」？）".
    private func didYouMean(_ suggestion: String?, what: String? = nil, in language: Language)
        -> String
    {
        guard let suggestion else { return "" }
        switch language {
        case .zh: return "（\(what ?? "是否应为")「\(suggestion)」？）"
        case .en: return " (\(what ?? "did you mean") '\(suggestion)'?)"
        }
    }
}
