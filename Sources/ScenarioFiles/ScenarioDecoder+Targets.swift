import Diagnostics
import Foundation
import Geography
import Targets

/// `targets:` — the catalogues whose targets the scenario is judged against — and
/// `unit_groups:` — the units of groups that documents refer to without listing them.
///
/// ```yaml
/// targets: [../targets/001-anshan-2021.yaml, ../targets/004-liaoning-2022.yaml]
/// unit_groups:
///   blind-spot: ["140121", "140122"]
/// ```
extension ScenarioDecoder {
    mutating func decodeTargets(
        _ fields: Fields, tree: RegionTree, region: DivisionCode, years: ClosedRange<Int>,
        session: inout Session
    ) -> [Target]? {
        guard let list = fields["targets"] else { return [] }
        let groups =
            fields["unit_groups"].flatMap { decodeGroups($0, tree: tree, log: &session.log) } ?? [:]
        var targets: [Target] = []
        var seen: [String: SourceLocation] = [:]
        var failed = false
        var resolvedFiles: [YAMLNode] = []
        for item in list.items ?? [list] {
            guard let file = Read.file(item, field: "targets", log: &session.log) else {
                failed = true
                continue
            }
            resolvedFiles.append(.resolvedFile(file, at: item.location))
            guard session.fileExists(file, at: item.location),
                let catalogue = session.readCatalogue(file)
            else {
                failed = true
                continue
            }
            let governed = catalogue.region
            if !governed.isWithin(region), !region.isWithin(governed) {
                session.log.error(
                    .invalidValue(
                        field: "targets",
                        reason:
                            "\(file) governs region \(governed.shortForm), which neither contains nor lies within the planning region \(region.shortForm)"
                    ),
                    at: item.location)
                failed = true
                continue
            }
            for var target in catalogue.targets {
                let place = catalogue.locations[target.id] ?? SourceLocation(file: file)
                if let first = seen[target.id] {
                    session.log.error(
                        .invalidValue(
                            field: "id", reason: "target '\(target.id)' is also defined at \(first)"
                        ),
                        at: place)
                    failed = true
                    continue
                }
                seen[target.id] = place
                if let deadline = target.deadline, !years.contains(deadline) {
                    session.log.error(
                        .outOfRange(
                            field: "deadline of \(target.id)", value: String(deadline),
                            range:
                                "within the run, between \(years.lowerBound) and \(years.upperBound)"
                        ),
                        at: place)
                    failed = true
                }
                if let from = target.from, from > years.upperBound {
                    session.log.error(
                        .outOfRange(
                            field: "first year of \(target.id)", value: String(from),
                            range: "at most the horizon \(years.upperBound)"),
                        at: place)
                    failed = true
                }
                switch target.scope {
                case .each(_, _, let units):
                    // A scenario that narrows its base's region to one unit keeps the base's
                    // catalogues: their units outside the unit are not judged (a target
                    // whose units are all outside is not applicable), unknown codes are
                    // still errors.
                    let narrowed = session.cache.narrowing != nil
                    for code in units
                    where tree.index(of: code) == nil || (!narrowed && !code.isWithin(region)) {
                        session.log.error(
                            .unknownRegion(
                                code: code.shortForm + " (in the scope of \(target.id))"),
                            at: place)
                        failed = true
                    }
                case .group(let level, let name):
                    if let codes = groups[name] {
                        target.scope = .each(level: level, kinds: [], units: codes)
                    } else {
                        session.log.warning(
                            .invalidValue(
                                field: "unit_groups",
                                reason:
                                    "target \(target.id) is judged on the group '\(name)', which the scenario does not name; it will not be computed"
                            ),
                            at: place)
                    }
                case .region:
                    break
                }
                targets.append(target)
            }
        }
        set(["targets"], YAMLNode(.sequence(resolvedFiles), at: list.location))
        return failed ? nil : targets
    }

    /// `unit_groups:` — a mapping from group names to lists of codes in the region tree.
    private func decodeGroups(_ node: YAMLNode, tree: RegionTree, log: inout DiagnosticLog)
        -> [String: [DivisionCode]]?
    {
        guard
            let entries = Read.collection(
                node, \.entries, field: "unit_groups",
                expected: "a mapping of group names to lists of codes",
                log: &log)
        else { return nil }
        var groups: [String: [DivisionCode]] = [:]
        for entry in entries {
            var codes: [DivisionCode] = []
            for item in entry.value.items ?? [entry.value] {
                guard let text = Read.text(item, field: "unit_groups.\(entry.key)", log: &log)
                else { continue }
                guard let code = try? DivisionCode(parsing: text), tree.index(of: code) != nil
                else {
                    log.error(.unknownRegion(code: text), at: item.location)
                    continue
                }
                codes.append(code)
            }
            groups[entry.key] = codes
        }
        return groups
    }
}

extension Session {
    /// Whether a file named by the scenario exists; logs `fileNotFound` at the naming node
    /// when it does not.
    mutating func fileExists(_ name: String, at location: SourceLocation) -> Bool {
        if FileManager.default.fileExists(atPath: name) { return true }
        log.error(.fileNotFound(path: name), at: location)
        return false
    }
}
