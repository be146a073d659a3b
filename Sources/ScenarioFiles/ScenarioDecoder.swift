import CSV
import Coverage
import Demography
import Diagnostics
import Foundation
import Geography
import Simulation

/// Turns a merged scenario tree into a checked ``Scenario``, logging every problem, and
/// records the resolved tree (with defaults and file names filled in).
///
/// Top-level keys:
///
/// | key | required | meaning |
/// |---|---|---|
/// | `id` | no | kebab-case id; defaults to the folder's name (or the file's, without `.yaml`) |
/// | `label` | yes | the title reports use |
/// | `description` | no | a longer description |
/// | `extends` | no | a base scenario (folder or file), relative to this file |
/// | `base_year` | yes | year of the base population and stock, 1950–2100 |
/// | `horizon` | yes | last year projected, from `base_year` to `base_year` + 100 |
/// | `report_year` | no | year of the default report, within the run; defaults to `horizon` |
/// | `seed` | yes | seed of all random streams, 0–4294967295 |
/// | `region` | no | code of the planning region; defaults to the single top region of the table |
/// | `regions` | yes | `{file: regions.csv, datum: GCJ-02}` (or just the file name when it has no coordinates) |
/// | `boundaries` | no | a GeoJSON file of the units' boundaries for the maps (see ``BoundaryFile``) |
/// | `notes` | no | lines every report repeats (e.g. which inputs are synthetic) |
/// | `demography` | no | base population and assumptions; see `ScenarioDecoder+Demography.swift` |
/// | `coverage` | no | the 15-minute circle and coverage indicators (see `CoverageSection`) |
/// | `uncertainty` | no | distributions of scenario numbers (see `ScenarioDecoder+Uncertainty.swift`) |
/// | `entitlements`, `ltc_insurance` | no | service lists to cost, the long-term-care fund (see `ScenarioDecoder+Entitlements.swift`) |
/// | `childcare` | no | childcare places for children under 3 (see `ScenarioDecoder+Childcare.swift`) |
struct ScenarioDecoder {
    let file: String
    private(set) var resolved: YAMLNode
    /// Notes the decoding adds to the scenario's own (see `narrowMoney`).
    var shareNotes: [String] = []
    /// The demography of an earlier decoding of the same `demography:`, `regions:` and
    /// `base_year:` (a template's variations that change none of them), taken instead of
    /// decoding the section again.
    var reusedDemography: DemographyInputs?
    /// The units' boundaries (`boundaries:`), for the maps; nil when not given.
    var boundaries: BoundarySet?
    /// Whether `boundaries:` is read; a template's variations (draws, optimisation) leave it,
    /// as the first load has checked it and they draw no maps.
    var readsBoundaries = true

    init(file: String, tree: YAMLNode) {
        self.file = file
        self.resolved = tree
    }

    mutating func decode(session: inout Session) -> Scenario? {
        guard
            let fields = Fields(
                resolved, section: "", keys: ScenarioLoader.topLevelKeys, log: &session.log)
        else { return nil }

        let id = decodeID(fields, log: &session.log)
        let label = fields.required("label", log: &session.log).flatMap {
            Read.text($0, field: "label", log: &session.log)
        }
        let description =
            fields["description"].flatMap { Read.text($0, field: "description", log: &session.log) }
            ?? ""
        let baseYear = fields.required("base_year", log: &session.log).flatMap {
            Read.year($0, field: "base_year", range: 1950...2100, log: &session.log)
        }
        var horizon: Int?
        if let node = fields.required("horizon", log: &session.log) {
            let range = baseYear.map { $0...($0 + 100) } ?? 1950...2200
            horizon = Read.year(node, field: "horizon", range: range, log: &session.log)
        }
        var reportYear = horizon
        if let node = fields["report_year"] {
            let range = baseYear.flatMap { base in horizon.map { base...$0 } } ?? 1950...2200
            reportYear = Read.year(node, field: "report_year", range: range, log: &session.log)
        } else if let horizon {
            set(["report_year"], .scalar(String(horizon), at: resolved.location))
        }
        let seed = fields.required("seed", log: &session.log).flatMap {
            Read.integer($0, field: "seed", range: 0...4_294_967_295, log: &session.log)
        }
        let regions = fields.required("regions", log: &session.log).flatMap {
            decodeRegions($0, session: &session)
        }
        let region = regions.flatMap {
            decodePlanningRegion(fields, tree: $0.tree, log: &session.log)
        }
        if readsBoundaries, let node = fields["boundaries"] {
            boundaries = decodeBoundaries(node, session: &session)
        }

        var demography: DemographyInputs?
        if let reusedDemography, fields["demography"] != nil {
            demography = reusedDemography
        } else if let node = fields["demography"], let regions, let baseYear {
            demography = decodeDemography(
                node, tree: regions.tree, baseYear: baseYear, session: &session)
        }
        var coverage = regions.flatMap { regions in
            fields["coverage"].flatMap {
                CoverageSection.decode($0, tree: regions.tree, log: &session.log)
            }
        }
        if coverage != nil, let walking = fields["coverage"]?["walking"],
            let node = walking["network"]
        {
            coverage?.walkingNetwork = decodeWalkingNetwork(
                node, snap: walking["snap"], session: &session)
        }

        guard let id, let label, let baseYear, let horizon, let reportYear, let seed,
            let regions, let region,
            let targets = decodeTargets(
                fields, tree: regions.tree, region: region, years: baseYear...horizon,
                session: &session)
        else { return nil }
        // Points estimated for the units with none, before the inventories are placed on them.
        let tree =
            coverage?.estimatesLocations == true
            ? EstimatedLocations.estimate(regions.tree, seed: UInt64(seed)) : regions.tree
        do {
            var scenario = try Scenario(
                id: id, label: label, description: description, baseYear: baseYear,
                horizon: horizon, reportYear: reportYear, seed: UInt64(seed),
                regions: tree, region: region, datum: regions.datum,
                targets: targets, demography: demography, coverage: coverage)
            decodeFacilitiesAndInvestment(fields, into: &scenario, session: &session)
            if let node = fields["optimisation"] {
                scenario.optimisation = decodeOptimisation(
                    node, targets: targets, log: &session.log)
                if scenario.optimisation == nil { return nil }
            }
            if let notes = fields["notes"] {
                scenario.notes = (notes.items ?? [notes]).compactMap {
                    Read.text($0, field: "notes", log: &session.log)
                }
            }
            if !shareNotes.isEmpty {
                // Notes the decoding adds (a narrowed budget's share), kept in the resolved
                // scenario so that it runs again with the same notes.
                scenario.notes += shareNotes
                set(
                    ["notes"],
                    YAMLNode(
                        .sequence(
                            scenario.notes.map {
                                .scalar($0, style: .doubleQuoted, at: resolved.location)
                            }), at: resolved.location))
            }
            decodeEntitlements(fields, into: &scenario, session: &session)
            if let node = fields["childcare"] {
                scenario.childcare = decodeChildcare(
                    node, years: baseYear...horizon, log: &session.log)
                if scenario.childcare == nil { return nil }
            }
            if let node = fields["uncertainty"] {
                scenario.uncertainty = decodeUncertainty(node, log: &session.log)
            }
            return scenario
        } catch {
            session.log.error(
                .invalidValue(field: "scenario", reason: error.description), at: resolved.location)
            return nil
        }
    }

    /// The scenario's id: given, or the folder's name.
    private mutating func decodeID(_ fields: Fields, log: inout DiagnosticLog) -> String? {
        if let node = fields["id"] {
            guard let id = Read.text(node, field: "id", log: &log) else { return nil }
            guard Scenario.isValidIdentifier(id) else {
                log.error(
                    .invalidValue(
                        field: "id",
                        reason:
                            "'\(id)' must be kebab-case: lower-case letters, digits and single hyphens"
                    ),
                    at: node.location)
                return nil
            }
            return id
        }
        let folder = PathName.lastComponent(of: PathName.directory(of: file))
        let stem = PathName.lastComponent(of: file).replacingSuffix(".yaml").replacingSuffix(".yml")
        let id = stem == "scenario" ? folder : stem
        guard Scenario.isValidIdentifier(id) else {
            log.error(
                .invalidValue(
                    field: "id",
                    reason: "no 'id' is given and the name '\(id)' is not kebab-case; add 'id: …'"),
                at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        set(["id"], .scalar(id, at: resolved.location), first: true)
        return id
    }

    /// `regions:` — the table and the datum of its coordinates.
    private mutating func decodeRegions(_ node: YAMLNode, session: inout Session)
        -> (tree: RegionTree, datum: Datum?)?
    {
        var fileNode = node
        var datum: Datum?
        var datumNode: YAMLNode?
        if node.entries != nil {
            guard
                let fields = Fields(
                    node, section: "regions", keys: ["file", "datum"], log: &session.log),
                let given = fields.required("file", log: &session.log)
            else { return nil }
            fileNode = given
            if let given = fields["datum"] {
                datumNode = given
                guard let named = Read.datum(given, field: "regions.datum", log: &session.log)
                else { return nil }
                datum = named
            }
        }
        guard let name = Read.file(fileNode, field: "regions.file", log: &session.log) else {
            return nil
        }
        guard session.fileExists(name, at: fileNode.location) else { return nil }
        guard let table = session.readTable(name, kind: .regions) else { return nil }
        set(
            node.entries != nil ? ["regions", "file"] : ["regions"],
            .resolvedFile(name, at: fileNode.location))
        // A template's variations read the same regions again: keep the tree built.
        var built = session.cache.regionTrees[name]
        if built == nil {
            built = RegionTable.tree(from: table, log: &session.log)
            if session.keepsReads, !session.log.hasErrors {
                session.cache.regionTrees[name] = built
            }
        }
        guard let tree = built else { return nil }
        if datum == nil, tree.regions.contains(where: { $0.location != nil }) {
            session.log.error(
                .invalidValue(
                    field: "regions.datum",
                    reason:
                        "the regions have coordinates, so say which datum they are in: WGS-84, GCJ-02 or BD-09"
                ),
                at: datumNode?.location ?? node.location)
            return nil
        }
        return (tree, datum)
    }

    /// `boundaries:` — the units' boundaries, a GeoJSON file.
    private mutating func decodeBoundaries(_ node: YAMLNode, session: inout Session)
        -> BoundarySet?
    {
        guard let name = Read.file(node, field: "boundaries", log: &session.log),
            session.fileExists(name, at: node.location),
            let text = session.readText(name, kind: .table)
        else { return nil }
        set(["boundaries"], .resolvedFile(name, at: node.location))
        return BoundaryFile.parse(text.utf8, file: name, log: &session.log)
    }

    /// `coverage.walking.network:` — a GeoJSON file of LineStrings in the datum of the
    /// region table's points (vertices are nodes, consecutive vertices edges, lengths
    /// great-circle), and `snap:` (metres, default 200), how far a point may be from the
    /// nearest node.
    private mutating func decodeWalkingNetwork(
        _ node: YAMLNode, snap: YAMLNode?, session: inout Session
    ) -> GeoWalkingNetwork? {
        let field = "coverage.walking.network"
        guard let name = Read.file(node, field: field, log: &session.log),
            session.fileExists(name, at: node.location),
            let text = session.readText(name, kind: .table)
        else { return nil }
        set(["coverage", "walking", "network"], .resolvedFile(name, at: node.location))
        var snapDistance = 200.0
        if let snap {
            guard
                let given = Read.quantity(
                    snap, field: "coverage.walking.snap", unit: .metre, range: 0...10_000,
                    log: &session.log)
            else { return nil }
            snapDistance = given.value
        }
        guard
            let table = CoverageInputs.geoJSONNetwork(text.utf8, file: name, log: &session.log)
        else { return nil }
        guard table.coordinates.allSatisfy({ abs($0.0) <= 180 && abs($0.1) <= 90 }) else {
            session.log.error(
                .invalidValue(
                    field: field,
                    reason: "a scenario's network gives longitude and latitude, as its points do"),
                at: node.location)
            return nil
        }
        return table.geographic(snapDistance: snapDistance)
    }

    /// `region:` — the planning region, a code in the tree.
    private mutating func decodePlanningRegion(
        _ fields: Fields, tree: RegionTree, log: inout DiagnosticLog
    ) -> DivisionCode? {
        guard let node = fields["region"] else {
            let roots = tree.roots
            guard roots.count == 1 else {
                log.error(
                    .invalidValue(
                        field: "region",
                        reason:
                            "the regions table has \(roots.count) top regions; say which one the scenario plans for with 'region: <code>'"
                    ),
                    at: resolved.location)
                return nil
            }
            let code = tree.regions[roots[0]].code
            set(["region"], .scalar(code.shortForm, style: .doubleQuoted, at: resolved.location))
            return code
        }
        guard let text = Read.text(node, field: "region", log: &log) else { return nil }
        guard let code = try? DivisionCode(parsing: text) else {
            log.error(
                .badRegionCode(value: text, reason: "see the regions table"), at: node.location)
            return nil
        }
        guard tree.index(of: code) != nil else {
            log.error(.unknownRegion(code: text), at: node.location)
            return nil
        }
        return code
    }

    /// Records a value in the resolved tree.
    mutating func set(_ path: [String], _ value: YAMLNode, first: Bool = false) {
        _ = ScenarioMerge.set(value, at: path, in: &resolved)
        if first, var entries = resolved.entries,
            let index = entries.firstIndex(where: { $0.key == path[0] })
        {
            let entry = entries.remove(at: index)
            entries.insert(entry, at: 0)
            resolved.content = .mapping(entries)
        }
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
