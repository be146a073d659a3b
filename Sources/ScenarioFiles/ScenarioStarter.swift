import CSV
import Diagnostics
import Foundation
import Geography
import Provenance

/// A new scenario folder for one place of a shipped scenario (新建情景, `yanglao init`): the
/// shipped scenario as loaded, every default written out, narrowed to the place.
///
/// - Tables that name units (a `code`, `area`, `community` or `region` column) keep the rows
///   of the place, of the units inside it and of the regions above it; boundaries keep the
///   place's own features. Rates, shares and costs are copied as they are.
/// - The target catalogues kept are those issued for the place or a region above it.
/// - The investment plan is empty: no budget, no plan lines, no childcare places approved
///   and no yearly training figure, all of which were sized to the shipped region. A
///   bureau writes its own.
/// - `README.md` lists every file with where it comes from and what a bureau should put in
///   its place, and every figure the shipped scenario marks as an assumption.
public enum ScenarioStarter {
    /// What went wrong in making the folder.
    public enum Failure: Error, Sendable {
        /// The place is not a unit of the shipped scenario's region table.
        case notInScenario
        /// A file of the shipped scenario could not be read again.
        case unreadable(path: String, reason: String)
    }

    /// The new folder's files, names relative to it.
    /// - Parameters:
    ///   - code: the place (a province, city, county, township …).
    ///   - id: the new scenario's id (kebab-case).
    ///   - base: the shipped scenario whose region table holds the place.
    ///   - baseName: how the README names the shipped scenario (`Scenarios/liaoning`).
    public static func files(
        place code: DivisionCode, id: String, base: LoadedScenario, baseName: String
    ) -> Result<[(name: String, bytes: [UInt8])], Failure> {
        let tree = base.scenario.regions
        guard let index = tree.index(of: code) else { return .failure(.notInScenario) }
        let place = tree.regions[index]
        let inputs = Set(base.inputs.map { Session.canonical($0.name) })
        var starter = Starter(place: code, inputs: inputs) { tree.index(of: $0) != nil }
        var resolved = base.resolved
        _ = starter.narrowUnitLists(&resolved)
        starter.narrow(&resolved, at: [])
        do throws(Failure) {
            var files: [(name: String, bytes: [UInt8])] = []
            let keys = Dictionary(starter.described.map { ($0.name, $0.key) }) { first, _ in first }
            for (path, name) in starter.localNames.sorted(by: { $0.value < $1.value }) {
                files.append((name, try starter.narrowedFile(path, key: keys[name] ?? "")))
            }
            let years = "\(base.scenario.baseYear)–\(base.scenario.horizon)"
            let label = "\(place.name)养老服务规划情景（\(years)）"
            let yaml = scenarioText(
                resolved, id: id, label: label, place: place, baseName: baseName)
            files.append(("scenario.yaml", Array(yaml.utf8)))
            let readme = StarterReadme(
                place: place, label: label, baseName: baseName, files: starter.described,
                assumptions: starter.assumptions, dropped: starter.dropped
            ).text
            files.append(("README.md", Array(readme.utf8)))
            return .success(files.sorted { $0.name < $1.name })
        } catch {
            return .failure(error)
        }
    }

    /// The planning region a scenario file names (`region:`, through its `extends` chain),
    /// read without loading its tables; nil when it names none or does not parse.
    public static func planningRegion(of path: String) -> DivisionCode? {
        var session = Session()
        guard
            let tree = session.loadChain(file: ScenarioLoader.scenarioFile(for: path), chain: []),
            let text = tree["region"]?.scalar?.text
        else { return nil }
        return try? DivisionCode(parsing: text)
    }

    /// The scenario file: the narrowed tree with the new id, label, description and region.
    static func scenarioText(
        _ resolved: YAMLNode, id: String, label: String, place: Region, baseName: String
    ) -> String {
        var tree = resolved
        let at = resolved.location
        let description = """
            \(place.name)（\(place.code)），由 `yanglao init` 取自 \(baseName)：人口、比率和假设同原情景，\
            投资计划为空。请按 README.md 替换标为合成或假设的数据。 \
            \(place.name) (\(place.code)), made by `yanglao init` from \(baseName): population, \
            rates and assumptions as there, no investment plan. Replace what README.md marks \
            as synthetic or assumed.
            """
        let heading: [(String, YAMLNode)] = [
            ("id", .scalar(id, at: at)),
            ("label", .scalar(label, style: .doubleQuoted, at: at)),
            ("description", .scalar(description, style: .doubleQuoted, at: at)),
        ]
        var entries = tree.entries ?? []
        entries.removeAll { ["id", "label", "description", "extends"].contains($0.key) }
        if let region = entries.firstIndex(where: { $0.key == "region" }) {
            entries[region].value = .scalar(place.code.description, style: .doubleQuoted, at: at)
        }
        entries.insert(
            contentsOf: heading.map { YAMLEntry(key: $0.0, keyLocation: at, value: $0.1) }, at: 0)
        tree.content = .mapping(entries)
        return "# \(label) — yanglao init --region \(place.code)（取自 \(baseName)）。见 README.md。\n"
            + YAMLWriter.write(tree)
    }
}

/// The walk over the shipped scenario's tree: which files it names, under which local name,
/// and what is dropped.
private struct Starter {
    let place: DivisionCode
    /// The shipped scenario's input files, as canonical paths.
    let inputs: Set<String>
    /// Each input file named in the tree and its name in the new folder.
    var localNames: [String: String] = [:]
    /// Each local file with the key path that names it.
    var described: [(name: String, key: String)] = []
    /// Each figure marked as an assumption: its key path and its source text.
    var assumptions: [(key: String, source: String)] = []
    /// The key paths removed because they were sized to the shipped region.
    var dropped: [String] = []
    /// Whether a code is a unit of the shipped scenario's region table.
    let isUnit: (DivisionCode) -> Bool

    /// Sized to the shipped region, not to a part of it.
    static let regionSized: [[String]] = [
        ["investment", "budget"], ["investment", "actions"],
        ["investment", "welfare_lottery_total"], ["childcare", "approved"],
        ["facilities", "staffing", "trained_per_year"],
    ]

    init(place: DivisionCode, inputs: Set<String>, isUnit: @escaping (DivisionCode) -> Bool) {
        self.place = place
        self.inputs = inputs
        self.isUnit = isUnit
    }

    /// Lists of units (a group's members, a target's units) keep only the units `keeps`
    /// accepts, wherever they are in a tree.
    /// - Returns: whether a list changed.
    func narrowUnitLists(_ node: inout YAMLNode) -> Bool {
        switch node.content {
        case .scalar: return false
        case .mapping(let entries):
            // A list left without a unit goes, and so does a mapping it leaves empty.
            var changed = false
            let kept = entries.compactMap { entry -> YAMLEntry? in
                var entry = entry
                guard narrowUnitLists(&entry.value) else { return entry }
                changed = true
                let emptied = entry.value.items?.isEmpty ?? entry.value.entries?.isEmpty ?? false
                return emptied ? nil : entry
            }
            node.content = .mapping(kept)
            return changed
        case .sequence(var items):
            let codes = items.map { $0.scalar.flatMap { try? DivisionCode(parsing: $0.text) } }
            if !items.isEmpty, codes.allSatisfy({ $0.map(isUnit) ?? false }) {
                items = zip(items, codes).filter { keeps($0.1!) }.map(\.0)
                node.content = .sequence(items)
                return items.count < codes.count
            }
            var changed = false
            for index in items.indices where narrowUnitLists(&items[index]) { changed = true }
            node.content = .sequence(items)
            return changed
        }
    }

    mutating func narrow(_ node: inout YAMLNode, at path: [String]) {
        switch node.content {
        case .scalar(let scalar):
            if scalar.text.contains("assumption") || scalar.text.contains("假设"),
                path.last == "source" || path.last == "assumption"
            {
                assumptions.append((path.dropLast().joined(separator: "."), scalar.text))
            }
            guard inputs.contains(scalar.text) else { return }
            node.content = .scalar(YAMLScalar(text: localName(scalar.text, path), style: .plain))
        case .mapping(var entries):
            entries.removeAll { entry in
                let removed = Self.regionSized.contains(path + [entry.key])
                if removed { dropped.append((path + [entry.key]).joined(separator: ".")) }
                return removed
            }
            for index in entries.indices {
                narrow(&entries[index].value, at: path + [entries[index].key])
            }
            node.content = .mapping(entries)
        case .sequence(var items):
            if path == ["targets"] {
                items.removeAll { item in
                    guard let file = item.scalar?.text, inputs.contains(file) else { return false }
                    return !Self.catalogue(file, appliesTo: place)
                }
            }
            for index in items.indices { narrow(&items[index], at: path + [String(index)]) }
            node.content = .sequence(items)
        }
    }

    /// The file's name in the new folder: its own name (target catalogues under `targets/`,
    /// service lists under `service-lists/`), made unique with its key path's first word
    /// when two files share a name.
    mutating func localName(_ path: String, _ key: [String]) -> String {
        if let name = localNames[path] { return name }
        let own = (path as NSString).lastPathComponent
        let folder = ["targets": "targets/", "entitlements": "service-lists/"][key.first ?? ""]
        var name = (folder ?? "") + own
        if localNames.values.contains(name) { name = (key.first ?? "file") + "-" + own }
        localNames[path] = name
        described.append((name, key.filter { Int($0) == nil }.joined(separator: ".")))
        return name
    }

    /// Whether a target catalogue was issued for the place or a region above it (its
    /// `region:`); a catalogue without one applies everywhere.
    static func catalogue(_ file: String, appliesTo place: DivisionCode) -> Bool {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
            let region = YAMLParser.parse(text, file: file).root?["region"]?.scalar?.text,
            let issuer = try? DivisionCode(parsing: region)
        else { return true }
        return place.isWithin(issuer)
    }

    /// The file's bytes for the new folder: tables and boundaries narrowed to the place, the
    /// rest (a walking network, say) as read.
    func narrowedFile(_ path: String, key: String) throws(ScenarioStarter.Failure) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: FileSystemMessage.reason(error))
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return narrowedTable(bytes, file: path) ?? bytes
        case "geojson", "json":
            return key == "boundaries" ? narrowedBoundaries(bytes) ?? bytes : bytes
        case "yaml", "yml": return narrowedCatalogue(bytes, file: path) ?? bytes
        default: return bytes
        }
    }

    /// Whether a row's unit belongs in the new folder: the place, a unit inside it, or a
    /// region above it. A cell that is not a division code (empty: every region) is kept.
    func keeps(_ text: String) -> Bool {
        guard let code = try? DivisionCode(parsing: text) else { return true }
        return keeps(code)
    }

    func keeps(_ code: DivisionCode) -> Bool { code.isWithin(place) || place.isWithin(code) }

    /// A CSV table with only the rows `keeps` accepts; nil when it names no units.
    func narrowedTable(_ bytes: [UInt8], file: String) -> [UInt8]? {
        var log = DiagnosticLog()
        guard let table = CSVReader.parse(bytes: bytes, file: file, log: &log),
            let column = ["code", "area", "community", "region"].lazy.compactMap(table.column)
                .first
        else { return nil }
        var writer = CSVWriter(header: table.header)
        for row in 0..<table.rowCount where keeps(table[row, column]) {
            writer.append(table.header.indices.map { table[row, $0] })
        }
        return writer.data
    }

    /// A YAML file (a target catalogue) whose lists of units keep only the place's; nil when
    /// none changes, so that the file is copied with its comments.
    func narrowedCatalogue(_ bytes: [UInt8], file: String) -> [UInt8]? {
        guard var root = YAMLParser.parse(String(decoding: bytes, as: UTF8.self), file: file).root
        else { return nil }
        // A target for named units none of which is the place's does not apply to it.
        let targets = root["targets"]?.items ?? []
        let applying = targets.filter { target in
            guard var units = target["scope"]?["units"], units.items != nil else { return true }
            _ = narrowUnitLists(&units)
            return units.items?.isEmpty == false
        }
        if case .mapping(var entries) = root.content,
            let index = entries.firstIndex(where: { $0.key == "targets" })
        {
            entries[index].value.content = .sequence(applying)
            root.content = .mapping(entries)
        }
        guard narrowUnitLists(&root) || applying.count < targets.count else { return nil }
        let note =
            "# \((file as NSString).lastPathComponent), its lists of units narrowed to \(place) by yanglao init.\n"
        return Array((note + YAMLWriter.write(root)).utf8)
    }

    /// A GeoJSON FeatureCollection with only the features of the place and the units inside
    /// it (`properties.code`); nil when it is not one.
    func narrowedBoundaries(_ bytes: [UInt8]) -> [UInt8]? {
        guard
            var root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else { return nil }
        root["features"] = features.filter { feature in
            guard let properties = feature["properties"] as? [String: Any],
                let text = properties["code"] as? String,
                let code = try? DivisionCode(parsing: text)
            else { return false }
            return code.isWithin(place)
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return Array(data)
    }
}
