import CSV
import Diagnostics
import Foundation
import Geography
import Provenance
import Simulation
import XLSX

/// A scenario read from its folder, checked, and ready to run.
public struct LoadedScenario: Sendable {
    /// The checked scenario.
    public var scenario: Scenario
    /// The scenario file it was loaded from, as diagnostics name it.
    public var file: String
    /// The resolved scenario: the `extends` chain merged, `--set` overrides applied, defaults
    /// filled in and file names given from the working folder.
    public var resolved: YAMLNode
    /// Every file read, in the order read, with its digest.
    public var inputs: [InputFile]
    /// Findings that did not stop the load.
    public var warnings: [Diagnostic]
    /// The `--set` overrides applied, with the values they replaced.
    public var overrides: [ScenarioOverride] = []
    /// The units' boundaries (`boundaries:`) for the maps, when the scenario gives them.
    public var boundaries: BoundarySet?
    /// The text of the files read, for rendering diagnostics.
    public var sources: SourceTexts

    /// The resolved scenario as YAML.
    public var resolvedYAML: String { YAMLWriter.write(resolved) }

    /// The value at a key path of the resolved scenario (list items by index), on one line in
    /// YAML flow style; nil when the scenario has none there.
    public func valueText(at keyPath: [String]) -> String? {
        ScenarioMerge.node(at: keyPath, in: resolved).map(ScenarioMerge.flowText)
    }

    /// The resolved scenario as JSON, for the run manifest.
    public var resolvedJSON: JSONValue { ScenarioLoader.json(resolved) }

    /// What a run folder records of the scenario.
    public var record: ScenarioRecord {
        ScenarioRecord(
            file: file, resolvedYAML: resolvedYAML, resolvedJSON: resolvedJSON, inputs: inputs,
            overrides: overrides)
    }
}

/// Every problem that kept a scenario from loading, with the text needed to show them.
public struct ScenarioLoadError: Error, Sendable, CustomStringConvertible {
    /// Errors and warnings, in file and line order.
    public var diagnostics: [Diagnostic]
    /// The text of the files read.
    public var sources: SourceTexts

    /// The diagnostics as a compiler shows them, in Chinese.
    public var description: String { description(in: .zh) }

    /// The diagnostics as a compiler shows them, with their lines and carets.
    public func description(in language: Language) -> String {
        DiagnosticRenderer(sources: sources, language: language).render(diagnostics)
    }

    /// The diagnostics in both languages.
    public var texts: BilingualText { BilingualText(description(in:)) }
}

/// Loads scenario folders: reads `scenario.yaml`, follows `extends:`, applies `--set`
/// overrides, reads the tables the scenario names, and checks everything, collecting every
/// problem of every file before giving up.
///
/// A scenario is named by its folder (which holds `scenario.yaml`) or by a YAML file.
/// `extends: ../base` names a base scenario the same way, relative to the file that says it;
/// bases may extend further bases, and a cycle is an error. The file's mapping is merged over
/// its base's: keys merge recursively, lists and year-keyed paths are replaced whole, and `~`
/// removes a base value. `id` and `extends` are never inherited.
public struct ScenarioLoader: Sendable {
    /// `key.path=value` overrides, applied in order after the `extends` chain.
    public var overrides: [String]

    public init(overrides: [String] = []) {
        self.overrides = overrides
    }

    /// The keys a scenario file may hold at the top.
    public static let topLevelKeys = [
        "id", "label", "description", "extends", "base_year", "horizon", "report_year", "seed",
        "region", "regions", "targets", "unit_groups", "demography", "coverage",
        "facilities", "investment", "elderly_population", "notes", "entitlements",
        "ltc_insurance", "optimisation", "uncertainty", "childcare", "boundaries",
    ]

    /// Loads and checks a scenario.
    /// - Parameter path: the scenario's folder or YAML file, relative to the working folder
    ///   or absolute; diagnostics name files the same way.
    public func load(_ path: String) -> Result<LoadedScenario, ScenarioLoadError> {
        resolve(path, keepsReads: false).map(\.loaded)
    }

    /// Reads a scenario with its `extends` chain, applies the overrides and decodes it:
    /// the loaded scenario, the resolved tree it was decoded from, and the session that read
    /// it (holding its reads when `keepsReads`).
    func resolve(_ path: String, keepsReads: Bool) -> Result<
        (loaded: LoadedScenario, tree: YAMLNode, session: Session), ScenarioLoadError
    > {
        var session = Session()
        session.keepsReads = keepsReads
        let file = Self.scenarioFile(for: path)
        guard var tree = session.loadChain(file: file, chain: []) else {
            return .failure(session.failure())
        }
        for (index, override) in overrides.enumerated() {
            session.apply(override: override, number: index + 1, to: &tree)
        }
        var decoder = ScenarioDecoder(file: file, tree: tree)
        let scenario = decoder.decode(session: &session)
        guard let scenario, !session.log.hasErrors else { return .failure(session.failure()) }
        var loaded = LoadedScenario(
            scenario: scenario, file: file, resolved: decoder.resolved, inputs: session.inputs,
            warnings: session.inReadingOrder(session.log.sorted).filter { $0.severity != .error },
            sources: session.sources)
        loaded.overrides = session.overrides
        loaded.boundaries = decoder.boundaries
        return .success((loaded, tree, session))
    }

    /// The scenario file a path names: the path itself if it is a file (or a `.yaml` name),
    /// else the folder's `scenario.yaml`.
    static func scenarioFile(for path: String) -> String {
        var isDirectory: ObjCBool = false
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let exists = FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory)
        let namesYAML = trimmed.hasSuffix(".yaml") || trimmed.hasSuffix(".yml")
        if exists ? isDirectory.boolValue : !namesYAML {
            return PathName.join(trimmed, "scenario.yaml")
        }
        return PathName.normalise(trimmed)
    }

    /// A YAML node as JSON: plain numbers and booleans keep their type, everything else is
    /// text.
    static func json(_ node: YAMLNode) -> JSONValue {
        switch node.content {
        case .scalar(let scalar):
            if scalar.isNull { return .null }
            guard scalar.style == .plain else { return .string(scalar.text) }
            if ["true", "false"].contains(scalar.text) { return .bool(scalar.text == "true") }
            if Int(scalar.text) != nil
                || (Double(scalar.text)?.isFinite == true
                    && scalar.text.allSatisfy { "0123456789.-+eE".contains($0) }
                    && scalar.text.first != "." && scalar.text.first != "+"
                    && !scalar.text.hasSuffix("."))
            {
                return .number(scalar.text)
            }
            return .string(scalar.text)
        case .mapping(let entries):
            return .object(entries.map { ($0.key, json($0.value)) })
        case .sequence(let items):
            return .array(items.map(json))
        }
    }
}

/// The state of one load: what was read and what was found.
struct Session {
    var log = DiagnosticLog()
    var sources = SourceTexts()
    var inputs: [InputFile] = []
    /// The `--set` overrides applied so far, with the values they replaced.
    var overrides: [ScenarioOverride] = []
    /// Texts and tables kept from an earlier load (see `ScenarioTemplate`): read from here
    /// instead of the disk, and, when `keepsReads` is set, every read is added.
    var cache = ReadCache()
    var keepsReads = false

    func failure() -> ScenarioLoadError {
        ScenarioLoadError(diagnostics: inReadingOrder(log.sorted), sources: sources)
    }

    /// Diagnostics ordered by the file they are in, files in the order they were read (then
    /// `--set` arguments), and by line and column within a file.
    func inReadingOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let order = Dictionary(
            inputs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return diagnostics.enumerated().sorted { a, b in
            let fileA = order[a.element.location.file] ?? inputs.count
            let fileB = order[b.element.location.file] ?? inputs.count
            if fileA != fileB { return fileA < fileB }
            return (a.element.location, a.offset) < (b.element.location, b.offset)
        }.map(\.element)
    }

    /// Reads and parses a YAML file, recording it as an input; an empty file is an error
    /// naming what the file should hold (`what`).
    mutating func readYAML(_ file: String, what: String) -> YAMLNode? {
        guard let text = readText(file, kind: .scenario) else { return nil }
        let parsed = YAMLParser.parse(text.string, file: file)
        log.append(contentsOf: parsed.log)
        guard let root = parsed.root else {
            if parsed.diagnostics.isEmpty {
                log.error(
                    .invalidValue(field: what, reason: "the file is empty"),
                    at: SourceLocation(file: file, line: 1, column: 1))
            }
            return nil
        }
        return root
    }

    /// Reads a text file, recording it as an input and remembering its text; `kind` sets the
    /// size limit.
    mutating func readText(_ name: String, kind: InputKind) -> DecodedText? {
        if let text = cache.texts[name] { return text }
        let text = readTextFromDisk(name, kind: kind)
        if keepsReads, let text { cache.texts[name] = text }
        return text
    }

    private mutating func readTextFromDisk(_ name: String, kind: InputKind) -> DecodedText? {
        switch TextFile.bytes(atPath: name, name: name, kind: kind) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let bytes):
            inputs.append(InputFile(name: name, bytes: bytes))
            switch TextDecoder.decode(bytes, file: name) {
            case .failure(let diagnostic):
                log.append(diagnostic)
                return nil
            case .success(let decoded):
                sources.add(file: name, text: decoded.string)
                return decoded
            }
        }
    }

    /// Reads a CSV table or a sheet of a workbook (`.xlsx`; the first sheet unless `sheet`
    /// names one), recording it as an input; `kind` sets the size limit. Rows hidden in
    /// the workbook are reported as warnings.
    mutating func readTable(_ name: String, kind: InputKind = .table, sheet: String? = nil)
        -> CSVTable?
    {
        let memo = sheet.map { "\(name)|\($0)" } ?? name
        if let table = cache.tables[memo] { return table }
        let table: CSVTable?
        if XLSXReader.isWorkbook(name) {
            table = readSheet(name, kind: kind, sheet: sheet)
        } else {
            guard let decoded = readText(name, kind: kind) else { return nil }
            table = CSVReader.parse(decoded, file: name, log: &log)
        }
        if keepsReads, let table { cache.tables[memo] = table }
        return table
    }

    private mutating func readSheet(_ name: String, kind: InputKind, sheet: String?) -> CSVTable? {
        switch TextFile.bytes(atPath: name, name: name, kind: kind) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let bytes):
            if !inputs.contains(where: { $0.name == name }) {
                inputs.append(InputFile(name: name, bytes: bytes))
            }
            guard
                let read = XLSXReader.parse(
                    bytes: bytes, file: name, sheet: sheet, limit: kind.limit(), log: &log)
            else { return nil }
            for row in read.hiddenRows {
                log.warning(
                    .hiddenRow,
                    at: SourceLocation(file: name, line: row, column: 1, sheet: read.table.sheet))
            }
            return read.table
        }
    }

    /// Loads a scenario file and its `extends` chain, merged.
    /// - Parameter chain: the files already on the chain, for finding cycles.
    mutating func loadChain(file: String, chain: [(name: String, canonical: String)])
        -> YAMLNode?
    {
        guard let root = readYAML(file, what: "scenario") else { return nil }
        guard var entries = root.entries else {
            Read.wrongType(
                root, field: "a scenario file", expected: "a mapping of 'key: value' lines",
                log: &log)
            return nil
        }
        guard let extendsIndex = entries.firstIndex(where: { $0.key == "extends" }),
            !entries[extendsIndex].value.isNull
        else { return root }
        let extendsNode = entries[extendsIndex].value
        guard let baseName = Read.text(extendsNode, field: "extends", log: &log) else { return nil }
        let baseFile = ScenarioLoader.scenarioFile(
            for: PathName.join(PathName.directory(of: file), baseName))
        let canonical = Self.canonical(file)
        let baseCanonical = Self.canonical(baseFile)
        let chain = chain + [(file, canonical)]
        if let start = chain.firstIndex(where: { $0.canonical == baseCanonical }) {
            log.error(
                .extendsCycle(chain: chain[start...].map(\.name) + [baseFile]),
                at: extendsNode.location)
            return nil
        }
        guard FileManager.default.fileExists(atPath: baseFile) else {
            log.error(.fileNotFound(path: baseFile), at: extendsNode.location)
            return nil
        }
        // The base reports its own errors.
        guard let base = loadChain(file: baseFile, chain: chain) else { return nil }
        entries.remove(at: extendsIndex)
        if let own = entries.first(where: { $0.key == "region" })?.value,
            let ownRegion = own.scalar?.text, let baseRegion = base["region"]?.scalar?.text,
            ownRegion != baseRegion
        {
            cache.narrowing = Narrowing(
                base: baseRegion, location: own.location,
                budget: base["investment"]?["budget"],
                lotteryTotal: base["investment"]?["welfare_lottery_total"],
                trainedPerYear: base["facilities"]?["staffing"]?["trained_per_year"])
        }
        var baseEntries = base.entries ?? []
        baseEntries.removeAll { $0.key == "id" }
        return ScenarioMerge.merge(
            YAMLNode(.mapping(baseEntries), at: base.location),
            YAMLNode(.mapping(entries), at: root.location))
    }

    /// Applies one `--set key.path=value` override.
    mutating func apply(override: String, number: Int, to tree: inout YAMLNode) {
        let place = SourceLocation(file: "--set \(override)")
        guard let equals = override.firstIndex(of: "=") else {
            log.error(
                .badOverride(argument: override, reason: "expected key.path=value"), at: place)
            return
        }
        let path = override[..<equals].split(separator: ".", omittingEmptySubsequences: false)
            .map(String.init)
        guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
            log.error(
                .badOverride(argument: override, reason: "the key path has an empty part"),
                at: place)
            return
        }
        let valueText = String(override[override.index(after: equals)...])
        let parsed = YAMLParser.parseValue(valueText, file: place.file)
        guard let value = parsed.root?.relocated(to: place), parsed.diagnostics.isEmpty else {
            // The reason is a text passed on in English, as readers' reasons are.
            let reason = parsed.diagnostics.first?.problem.message(in: .en) ?? "unreadable value"
            log.error(.badOverride(argument: override, reason: reason), at: place)
            return
        }
        if path == ["extends"] {
            log.error(
                .badOverride(
                    argument: override, reason: "'extends' cannot be set from the command line"),
                at: place)
            return
        }
        let replaced = ScenarioMerge.node(at: path, in: tree).map(ScenarioMerge.flowText)
        if let reason = ScenarioMerge.set(value, at: path, in: &tree) {
            log.error(.badOverride(argument: override, reason: reason), at: place)
            return
        }
        overrides.append(
            ScenarioOverride(
                key: path.joined(separator: "."), value: valueText, scenarioValue: replaced))
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Merging of scenario trees for `extends` and `--set`.
enum ScenarioMerge {
    /// `override` merged over `base`: mappings merge key by key (a null value removes the
    /// key), everything else, including year-keyed mappings, is replaced whole.
    static func merge(_ base: YAMLNode, _ override: YAMLNode) -> YAMLNode {
        guard var merged = base.entries, let entries = override.entries, !isYearKeyed(override),
            !isYearKeyed(base)
        else { return override }
        for entry in entries {
            if let index = merged.firstIndex(where: { $0.key == entry.key }) {
                if entry.value.isNull {
                    merged.remove(at: index)
                } else {
                    merged[index].value = merge(merged[index].value, entry.value)
                    merged[index].keyLocation = entry.keyLocation
                }
            } else if !entry.value.isNull {
                merged.append(entry)
            }
        }
        return YAMLNode(.mapping(merged), at: override.location)
    }

    /// Whether a mapping's keys are all years (a time path, replaced whole when merged).
    static func isYearKeyed(_ node: YAMLNode) -> Bool {
        guard let entries = node.entries, !entries.isEmpty else { return false }
        return entries.allSatisfy { $0.key.count == 4 && Int($0.key) != nil }
    }

    /// Sets a value at a key path, creating mappings on the way; a number indexes a list.
    /// - Returns: nil on success, or why the path cannot be set.
    /// The node at a key path (list items by index), or nil when the tree has none there.
    static func node(at path: [String], in node: YAMLNode) -> YAMLNode? {
        guard let key = path.first else { return node.isNull ? nil : node }
        let rest = Array(path.dropFirst())
        switch node.content {
        case .mapping(let entries):
            return entries.first { $0.key == key }.flatMap { Self.node(at: rest, in: $0.value) }
        case .sequence(let items):
            guard let index = Int(key), items.indices.contains(index) else { return nil }
            return Self.node(at: rest, in: items[index])
        case .scalar:
            return nil
        }
    }

    /// A node on one line, in YAML flow style: `2035`, `{2020: 1.0, 2030: 1.1}`, `[a, b]`.
    static func flowText(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar): scalar.text
        case .mapping(let entries):
            "{" + entries.map { "\($0.key): \(flowText($0.value))" }.joined(separator: ", ") + "}"
        case .sequence(let items): "[" + items.map(flowText).joined(separator: ", ") + "]"
        }
    }

    static func set(_ value: YAMLNode, at path: [String], in node: inout YAMLNode) -> String? {
        guard let key = path.first else {
            node = value
            return nil
        }
        let rest = Array(path.dropFirst())
        switch node.content {
        case .mapping(var entries):
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let reason = set(value, at: rest, in: &entries[index].value) { return reason }
            } else {
                var child = YAMLNode(.mapping([]), at: value.location)
                if let reason = set(value, at: rest, in: &child) { return reason }
                entries.append(YAMLEntry(key: key, keyLocation: value.location, value: child))
            }
            node.content = .mapping(entries)
            return nil
        case .sequence(var items):
            guard let index = Int(key), items.indices.contains(index) else {
                return "'\(key)' is not an index of the list (0…\(items.count - 1))"
            }
            if let reason = set(value, at: rest, in: &items[index]) { return reason }
            node.content = .sequence(items)
            return nil
        case .scalar(let scalar):
            if scalar.isNull {
                node = YAMLNode(.mapping([]), at: value.location)
                return set(value, at: path, in: &node)
            }
            return "'\(key)' is under a value ('\(scalar.text)'), not a mapping"
        }
    }
}

extension YAMLNode {
    /// A file name as the resolved scenario records it: the absolute path with symbolic links
    /// resolved, so that `scenario.resolved.yaml` runs again from any working folder and reads
    /// the same whatever spelling of the path the run was started with.
    static func resolvedFile(_ name: String, at location: SourceLocation) -> YAMLNode {
        .scalar(Session.canonical(name), style: .doubleQuoted, at: location)
    }
}
