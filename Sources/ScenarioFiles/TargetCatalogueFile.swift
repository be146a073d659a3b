import Diagnostics
import Geography
import Quantities
import Targets

/// A target catalogue (目标清单): the measurable targets of one policy document.
public struct TargetCatalogue: Sendable {
    /// The document's number in the project (000…004), title, issuer and date of issue.
    public var document: String
    public var title: String
    public var issuer: String
    public var issued: String
    /// The region the document governs (its statistical code), as the document names it.
    public var region: DivisionCode
    /// The targets, in file order.
    public var targets: [Target]
    /// The file the catalogue was read from.
    public var file: String
    /// Where each target was written, by id.
    public var locations: [String: SourceLocation]
}

/// Reads target catalogues (`Scenarios/targets/*.yaml`).
///
/// ```yaml
/// document: "004"
/// title: 辽宁省“十四五”促进养老托育服务健康发展实施方案
/// issuer: 辽宁省人民政府办公厅
/// issued: 2022-06-13
/// region: "21"
/// targets:
///   - id: ln.nursing-bed-share
///     indicator: nursing-bed-share-all    # see `yanglao targets --indicators`
///     comparison: at_least                # at_least, at_most, equal
///     threshold: 55 %                     # a bare number is in the indicator's base unit
///                                         # (0.55 for a share); omit when no figure
///     deadline: 2025                      # or `from: 2023` for an ongoing target
///     scope: region                       # or {each: county, kinds: [county, county_city]},
///                                         # {each: county, units: ["210381"]},
///                                         # {each: county, group: blind-spot}
///     baseline: {year: 2020, value: 0.4}  # optional
///     clause: 一(二)
///     text: 全省养老服务床位……其中护理型床位占比不低于55%
///     note: share of all service beds     # optional
/// ```
public enum TargetCatalogueFile {
    static let keys = ["document", "title", "issuer", "issued", "region", "targets"]
    static let targetKeys = [
        "id", "indicator", "comparison", "threshold", "deadline", "from", "scope", "baseline",
        "clause", "text", "note",
    ]

    /// Reads a catalogue from disk, logging every problem.
    public static func load(path: String, log: inout DiagnosticLog, sources: inout SourceTexts)
        -> TargetCatalogue?
    {
        var session = Session()
        let catalogue = session.readCatalogue(path)
        log.append(contentsOf: session.log)
        sources.merge(session.sources)
        return catalogue
    }
}

extension Session {
    /// Reads one catalogue file, recording it as an input.
    mutating func readCatalogue(_ file: String) -> TargetCatalogue? {
        guard let root = readYAML(file, what: "target catalogue") else { return nil }
        guard
            let fields = Fields(
                root, section: "", keys: TargetCatalogueFile.keys, log: &log)
        else { return nil }
        let strings = ["document", "title", "issuer", "issued", "region"].map { key in
            fields.required(key, log: &log).flatMap { Read.text($0, field: key, log: &log) }
        }
        var governed: DivisionCode?
        if let text = strings[4], let node = fields["region"] {
            governed = try? DivisionCode(parsing: text)
            if governed == nil { log.error(.unknownRegion(code: text), at: node.location) }
        }
        guard let list = fields.required("targets", log: &log) else { return nil }
        guard
            let items = Read.collection(
                list, \.items, field: "targets", expected: "a list of targets", log: &log)
        else { return nil }
        var targets: [Target] = []
        var locations: [String: SourceLocation] = [:]
        for item in items {
            guard var target = readTarget(item, document: strings[0] ?? "") else { continue }
            target.documentTitle = strings[1] ?? ""
            target.documentRegion = governed
            if let first = locations[target.id] {
                log.error(
                    .invalidValue(
                        field: "id",
                        reason:
                            "target '\(target.id)' is defined twice (first on line \(first.line))"),
                    at: item["id"]?.location ?? item.location)
                continue
            }
            locations[target.id] = item["id"]?.location ?? item.location
            targets.append(target)
        }
        guard let document = strings[0], let title = strings[1], let issuer = strings[2],
            let issued = strings[3], let region = governed
        else { return nil }
        return TargetCatalogue(
            document: document, title: title, issuer: issuer, issued: issued, region: region,
            targets: targets, file: file, locations: locations)
    }

    /// Reads one target of a catalogue.
    private mutating func readTarget(_ node: YAMLNode, document: String) -> Target? {
        guard
            let fields = Fields(
                node, section: "target", keys: TargetCatalogueFile.targetKeys, log: &log)
        else { return nil }
        let id = fields.required("id", log: &log).flatMap { Read.text($0, field: "id", log: &log) }
        var indicator: Indicator?
        if let indicatorNode = fields.required("indicator", log: &log),
            let name = Read.text(indicatorNode, field: "indicator", log: &log)
        {
            indicator = IndicatorCatalogue.indicator(name)
            if indicator == nil {
                let suggestion = Suggestion.closest(
                    to: name, among: IndicatorCatalogue.all.map(\.id))
                log.error(
                    .invalidValue(
                        field: "indicator",
                        reason: "unknown indicator '\(name)'"
                            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")),
                    at: indicatorNode.location)
            }
        }
        let comparison = fields.required("comparison", log: &log).flatMap {
            Read.word(
                $0, field: "comparison", allowed: Target.Comparison.allCases.map(\.rawValue),
                log: &log)
        }.flatMap(Target.Comparison.init(rawValue:))
        var threshold: Double?
        var thresholdOK = true
        if let node = fields["threshold"], let indicator {
            threshold =
                Read.quantity(
                    node, field: "threshold", unit: indicator.unit,
                    range: indicator.range, log: &log)?.value
            thresholdOK = threshold != nil
        }
        let deadline = fields["deadline"].flatMap { Read.year($0, field: "deadline", log: &log) }
        let from = fields["from"].flatMap { Read.year($0, field: "from", log: &log) }
        if fields["deadline"] == nil, fields["from"] == nil {
            log.error(
                .invalidValue(
                    field: "target",
                    reason:
                        "give a 'deadline' (year) or, for an ongoing target, 'from' (first year)"),
                at: node.location)
        }
        let scope = fields["scope"].map { readScope($0) } ?? .region
        var baseline: Target.Baseline?
        if let node = fields["baseline"], let indicator,
            let baselineFields = Fields(
                node, section: "baseline", keys: ["year", "value"], log: &log),
            let year = baselineFields.required("year", log: &log).flatMap({
                Read.year($0, field: "baseline.year", log: &log)
            }),
            let value = baselineFields.required("value", log: &log).flatMap({
                Read.quantity(
                    $0, field: "baseline.value", unit: indicator.unit, range: indicator.range,
                    log: &log)
            })
        {
            baseline = Target.Baseline(year: year, value: value.value)
        }
        let clause = fields.required("clause", log: &log).flatMap {
            Read.text($0, field: "clause", log: &log)
        }
        let text = fields.required("text", log: &log).flatMap {
            Read.text($0, field: "text", log: &log)
        }
        let note = fields["note"].flatMap { Read.text($0, field: "note", log: &log) } ?? ""
        guard let id, let indicator, let comparison, thresholdOK, let scope, let clause, let text,
            deadline != nil || from != nil
        else { return nil }
        return Target(
            id: id, document: document, clause: clause, text: text, indicator: indicator,
            comparison: comparison, threshold: threshold, deadline: deadline, from: from,
            scope: scope, baseline: baseline, note: note)
    }

    /// `region`, `{each: county, kinds: [...], units: [...]}` or `{each: county, group: name}`.
    private mutating func readScope(_ node: YAMLNode) -> Target.Scope? {
        if let scalar = node.scalar {
            guard scalar.text == "region" else {
                log.error(
                    .notOneOf(
                        field: "scope", value: scalar.text,
                        allowed: ["region", "{each: <level>, …}"]),
                    at: node.location)
                return nil
            }
            return .region
        }
        guard
            let fields = Fields(
                node, section: "scope", keys: ["each", "kinds", "units", "group"], log: &log),
            let levelNode = fields.required("each", log: &log),
            let levelName = Read.word(
                levelNode, field: "scope.each", allowed: RegionLevel.allCases.map(\.name), log: &log
            ),
            let level = RegionLevel(name: levelName)
        else { return nil }
        var kinds: [RegionKind] = []
        if let list = fields["kinds"] {
            for item in list.items ?? [list] {
                guard let name = Read.text(item, field: "scope.kinds", log: &log) else { continue }
                guard let kind = RegionKind(name: name), kind.level == level else {
                    log.error(
                        .notOneOf(
                            field: "scope.kinds", value: name,
                            allowed: RegionKind.allCases.filter { $0.level == level }.map(
                                \.rawValue)),
                        at: item.location)
                    return nil
                }
                kinds.append(kind)
            }
        }
        var units: [DivisionCode] = []
        if let list = fields["units"] {
            for item in list.items ?? [list] {
                guard let text = Read.text(item, field: "scope.units", log: &log) else { continue }
                do {
                    let code = try DivisionCode(parsing: text)
                    guard code.level == level else {
                        log.error(
                            .invalidValue(
                                field: "scope.units",
                                reason: "\(text) is a \(code.level) code, not a \(level) code"),
                            at: item.location)
                        return nil
                    }
                    units.append(code)
                } catch {
                    log.error(
                        .badRegionCode(value: text, reason: error.description), at: item.location)
                    return nil
                }
            }
        }
        if let groupNode = fields["group"] {
            guard let name = Read.text(groupNode, field: "scope.group", log: &log) else {
                return nil
            }
            if !units.isEmpty || !kinds.isEmpty {
                log.error(
                    .invalidValue(
                        field: "scope",
                        reason: "a group names its units itself; drop 'kinds' and 'units'"),
                    at: groupNode.location)
                return nil
            }
            return .group(level: level, name: name)
        }
        return .each(level: level, kinds: kinds, units: units)
    }
}
