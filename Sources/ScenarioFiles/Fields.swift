import Diagnostics
import Geography
import Quantities

/// The keys of one mapping of a scenario file, read one by one with every mistake logged.
///
/// A section declares the keys it knows; any other key is reported at once with the closest
/// known key as a suggestion. Values that are `~` or empty count as absent.
struct Fields {
    let node: YAMLNode
    /// The section's dotted path, "" at the top.
    let section: String
    private let entries: [YAMLEntry]

    /// Opens a mapping; logs an error and returns nil when the node is not one.
    init?(_ node: YAMLNode, section: String, keys: [String], log: inout DiagnosticLog) {
        guard
            let entries = Read.collection(
                node, \.entries, field: section.isEmpty ? "the scenario file" : section,
                expected: "a mapping of 'key: value' lines", log: &log)
        else { return nil }
        self.node = node
        self.section = section
        self.entries = entries
        for entry in entries where !keys.contains(entry.key) {
            log.error(
                .unknownKey(
                    key: entry.key, section: section,
                    suggestion: Suggestion.closest(to: entry.key, among: keys)),
                at: entry.keyLocation)
        }
    }

    /// The value of a key, or nil when it is absent or null.
    subscript(key: String) -> YAMLNode? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else {
            return nil
        }
        return value
    }

    /// The value of a key that must be given; logs `missingKey` when it is not.
    func required(_ key: String, log: inout DiagnosticLog) -> YAMLNode? {
        if let value = self[key] { return value }
        let place = entries.first(where: { $0.key == key })?.keyLocation ?? node.location
        log.error(.missingKey(key: key, section: section), at: place)
        return nil
    }

    /// The dotted path of a key in this section.
    func path(_ key: String) -> String { section.isEmpty ? key : section + "." + key }

    /// The mapping under a key, to read key by key: nil when the key is absent, or, with
    /// `failed` set, when its value is not a mapping.
    func fields(_ key: String, keys: [String], failed: inout Bool, log: inout DiagnosticLog)
        -> Fields?
    {
        guard let node = self[key] else { return nil }
        guard let fields = Fields(node, section: path(key), keys: keys, log: &log) else {
            failed = true
            return nil
        }
        return fields
    }

    /// Reads a key's value when it is given, with `read` (given the value and its dotted
    /// path): into `target`, or, when `read` makes nothing of it, it sets `failed`.
    func read<Value>(
        _ key: String, into target: inout Value, failed: inout Bool,
        _ read: (YAMLNode, String) -> Value?
    ) {
        guard let node = self[key] else { return }
        if let value = read(node, path(key)) { target = value } else { failed = true }
    }

    /// Reads a key's value when it is given into an optional `target`, likewise.
    func read<Value>(
        _ key: String, into target: inout Value?, failed: inout Bool,
        _ read: (YAMLNode, String) -> Value?
    ) {
        guard let node = self[key] else { return }
        if let value = read(node, path(key)) { target = value } else { failed = true }
    }
}

/// Readers of scalar values: numbers with units, years, words, file names, yearly paths.
enum Read {
    /// A whole number within a range.
    static func integer(
        _ node: YAMLNode, field: String, range: ClosedRange<Int>, log: inout DiagnosticLog
    ) -> Int? {
        guard let scalar = node.scalar, scalar.style == .plain, let value = Int(scalar.text)
        else {
            Read.wrongType(node, field: field, expected: "a whole number", log: &log)
            return nil
        }
        guard range.contains(value) else {
            log.error(
                .outOfRange(field: field, value: scalar.text, range: describe(range)),
                at: node.location)
            return nil
        }
        return value
    }

    /// A calendar year within a range.
    static func year(
        _ node: YAMLNode, field: String, range: ClosedRange<Int> = 1900...2200,
        log: inout DiagnosticLog
    ) -> Int? {
        integer(node, field: field, range: range, log: &log)
    }

    /// Text: any scalar, not empty.
    static func text(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> String? {
        guard let scalar = node.scalar, !scalar.text.isEmpty else {
            Read.wrongType(node, field: field, expected: "text", log: &log)
            return nil
        }
        return scalar.text
    }

    /// One of a list of words.
    static func word(
        _ node: YAMLNode, field: String, allowed: [String], log: inout DiagnosticLog
    ) -> String? {
        guard let text = text(node, field: field, log: &log) else { return nil }
        guard allowed.contains(text) else {
            log.error(.notOneOf(field: field, value: text, allowed: allowed), at: node.location)
            return nil
        }
        return text
    }

    /// A datum (`WGS-84`, `GCJ-02`, `BD-09`; also `wgs84`, `gcj02`, `bd09`).
    static func datum(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> Datum? {
        word(
            node, field: field,
            allowed: Datum.allCases.map(\.rawValue) + ["wgs84", "gcj02", "bd09"], log: &log
        ).flatMap(Datum.init(name:))
    }

    /// Logs that a node is not what a field takes (`expected`, e.g. "a list of years").
    static func wrongType(
        _ node: YAMLNode, field: String, expected: String, log: inout DiagnosticLog
    ) {
        log.error(
            .wrongType(field: field, expected: expected, got: node.shapeDescription),
            at: node.location)
    }

    /// A node's items (`\.items`) or entries (`\.entries`); logs that it is not `expected` when
    /// it is not that kind of collection (or, when `nonEmpty`, an empty one).
    static func collection<Element>(
        _ node: YAMLNode, _ elements: KeyPath<YAMLNode, [Element]?>, field: String,
        expected: String, nonEmpty: Bool = false, log: inout DiagnosticLog
    ) -> [Element]? {
        guard let found = node[keyPath: elements], !(nonEmpty && found.isEmpty) else {
            wrongType(node, field: field, expected: expected, log: &log)
            return nil
        }
        return found
    }

    /// A case named by one of `words` (by default its identifiers).
    static func named<Value: NamedCase>(
        _ node: YAMLNode, field: String, words: [String] = Value.identifiers,
        log: inout DiagnosticLog
    ) -> Value? {
        word(node, field: field, allowed: words, log: &log).flatMap(Value.init(name:))
    }

    /// Cases named by their identifiers: one word or a list; nil after the first wrong one.
    static func namedList<Value: NamedCase>(
        _ node: YAMLNode, field: String, log: inout DiagnosticLog
    ) -> [Value]? {
        var result: [Value] = []
        for item in node.items ?? [node] {
            guard let value: Value = named(item, field: field, log: &log) else { return nil }
            result.append(value)
        }
        return result
    }

    /// A file named relative to the scenario file that names it.
    /// - Returns: the file's name as diagnostics show it, which is also its path from the
    ///   working folder.
    static func file(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> String? {
        guard let name = text(node, field: field, log: &log) else { return nil }
        let origin = node.location.file
        let directory = origin.hasPrefix("--set") ? "." : PathName.directory(of: origin)
        return PathName.join(directory, name)
    }

    /// A number in a field's unit.
    ///
    /// Files may write a bare number in the field's unit (`0.55`), a number and a unit in one
    /// scalar (`55 %`, `1.2 亿元`), or a mapping with `value`, `unit` and `source`.
    /// - Returns: the value in the base unit of `unit`'s dimension, and the source if given.
    /// - Parameters:
    ///   - unit: the unit the value is returned in, and the unit of `range`.
    ///   - bareUnit: the unit of a number written without one (default: `unit`).
    static func quantity(
        _ node: YAMLNode, field: String, unit: Unit, bareUnit: Unit? = nil,
        range: ClosedRange<Double>? = nil, log: inout DiagnosticLog
    ) -> (value: Double, source: String?)? {
        var valueNode = node
        var unitOverride: Unit?
        var source: String?
        if node.entries != nil {
            guard
                let annotated = annotated(
                    node, field: field, valueKey: "value", dimension: unit.dimension, log: &log)
            else { return nil }
            (valueNode, unitOverride, source) = (annotated.value, annotated.unit, annotated.source)
        }
        guard let scalar = valueNode.scalar, scalar.style == .plain, !scalar.isNull else {
            Read.wrongType(valueNode, field: field, expected: "a number", log: &log)
            return nil
        }
        // Split "55 %" or "1.2亿元" into number and unit.
        var numberText = scalar.text
        var writtenUnit = unitOverride ?? bareUnit ?? unit
        if Double(numberText) == nil {
            let digits = numberText.unicodeScalars.prefix {
                ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e"
                    || $0 == "E"
            }
            let number = String(String.UnicodeScalarView(digits))
            let rest = String(numberText.dropFirst(number.count)).trimmingCharacters()
            guard Double(number) != nil, !rest.isEmpty, unitOverride == nil else {
                log.error(
                    .wrongType(field: field, expected: "a number", got: "'\(scalar.text)'"),
                    at: valueNode.location)
                return nil
            }
            let unitNode = YAMLNode.scalar(rest, at: valueNode.location)
            guard
                let parsed = self.unit(unitNode, field: field, dimension: unit.dimension, log: &log)
            else { return nil }
            numberText = number
            writtenUnit = parsed
        }
        guard let written = Double(numberText), written.isFinite else {
            log.error(
                .wrongType(field: field, expected: "a number", got: "'\(scalar.text)'"),
                at: valueNode.location)
            return nil
        }
        let value = unit.fromBase(writtenUnit.toBase(written))
        if let range, !range.contains(value) {
            log.error(
                .outOfRange(field: field, value: scalar.text, range: describe(range, unit: unit)),
                at: valueNode.location)
            return nil
        }
        return (value, source)
    }

    /// A value written with its unit and source, `{value: 55, unit: "%", source: "…"}` (or
    /// `values:` for a yearly path): the value's node, the unit if given, the source if given.
    private static func annotated(
        _ node: YAMLNode, field: String, valueKey: String, dimension: Unit.Dimension,
        log: inout DiagnosticLog
    ) -> (value: YAMLNode, unit: Unit?, source: String?)? {
        guard
            let fields = Fields(
                node, section: field, keys: [valueKey, "unit", "source"], log: &log),
            let value = fields.required(valueKey, log: &log)
        else { return nil }
        var unit: Unit?
        if let unitNode = fields["unit"] {
            guard let parsed = self.unit(unitNode, field: field, dimension: dimension, log: &log)
            else { return nil }
            unit = parsed
        }
        let source = fields["source"].flatMap { text($0, field: field + ".source", log: &log) }
        return (value, unit, source)
    }

    /// A unit of the given dimension.
    static func unit(
        _ node: YAMLNode, field: String, dimension: Unit.Dimension, log: inout DiagnosticLog
    ) -> Unit? {
        guard let name = text(node, field: field + ".unit", log: &log) else { return nil }
        guard let unit = Unit.named(name) else {
            let suggestion = Suggestion.closest(to: name, among: Unit.allSpellings)
            log.error(
                .invalidValue(
                    field: field + ".unit",
                    reason: "unknown unit '\(name)'"
                        + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")),
                at: node.location)
            return nil
        }
        guard unit.dimension == dimension else {
            log.error(
                .unitMismatch(field: field, unit: name, expected: dimension.base.symbol),
                at: node.location)
            return nil
        }
        return unit
    }

    /// A number that may change by year: a single number (the same every year), or a
    /// mapping from years to numbers, optionally as `{values: {…}, unit: …, source: …}`.
    static func yearly(
        _ node: YAMLNode, field: String, unit: Unit, rule: YearlyValues.Rule,
        range: ClosedRange<Double>? = nil, years: ClosedRange<Int> = 1900...2200,
        log: inout DiagnosticLog
    ) -> (values: YearlyValues, source: String?)? {
        guard let entries = node.entries else {
            guard
                let (value, source) = quantity(
                    node, field: field, unit: unit, range: range, log: &log)
            else { return nil }
            // One number: the same in every year.
            let constantRule: YearlyValues.Rule = rule == .keyedYearsOnly ? .hold : rule
            return (
                YearlyValues(years: [years.lowerBound], values: [value], rule: constantRule),
                source
            )
        }
        var pathNode = node
        var unitForValues = unit
        var source: String?
        if entries.contains(where: { ["values", "unit", "source"].contains($0.key) }) {
            guard
                let annotated = annotated(
                    node, field: field, valueKey: "values", dimension: unit.dimension, log: &log)
            else { return nil }
            (pathNode, source) = (annotated.value, annotated.source)
            unitForValues = annotated.unit ?? unit
        }
        guard
            let pairs = collection(
                pathNode, \.entries, field: field,
                expected: "a mapping of years to values, like {2020: 0.3, 2025: 0.55}",
                nonEmpty: true, log: &log)
        else { return nil }
        var keyed: [(year: Int, value: Double)] = []
        var failed = false
        for entry in pairs {
            guard let year = Int(entry.key), years.contains(year) else {
                log.error(
                    .outOfRange(
                        field: "a year of \(field)", value: entry.key, range: describe(years)),
                    at: entry.keyLocation)
                failed = true
                continue
            }
            let label = "\(field) in \(year)"
            guard
                let (value, _) = quantity(
                    entry.value, field: label, unit: unit, bareUnit: unitForValues, range: range,
                    log: &log)
            else {
                failed = true
                continue
            }
            keyed.append((year, value))
        }
        guard !failed else { return nil }
        keyed.sort { $0.year < $1.year }
        return (
            YearlyValues(years: keyed.map(\.year), values: keyed.map(\.value), rule: rule), source
        )
    }

    /// "between 0 and 1", "at least 0", "at most 100".
    static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == .max { return "at least \(range.lowerBound)" }
        if range.lowerBound == .min { return "at most \(range.upperBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }

    static func describe(_ range: ClosedRange<Double>, unit: Unit) -> String {
        let number = NumberText.plain
        let suffix = unit == .fraction || unit == .one ? "" : " " + unit.symbol
        if range.upperBound == .infinity { return "at least \(number(range.lowerBound))\(suffix)" }
        if range.lowerBound == -.infinity { return "at most \(number(range.upperBound))\(suffix)" }
        return "between \(number(range.lowerBound)) and \(number(range.upperBound))\(suffix)"
    }
}

extension String {
    func trimmingCharacters() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
