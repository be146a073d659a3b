import Uncertainty

/// The numbers a key path names in a scenario tree, and how draws are written back.
///
/// A key path names a number when it leads to a plain number (`0.5`, `8 %`, `1.2 亿元`), a
/// mapping with its `value:` (`{value: 0.5, source: …}`), or a series of years (`{2021: …}`
/// or `{values: {…}, unit: …}`) or a set of numbers by name (`{intact: 0.3 %, mild: 1.5 %}`),
/// whose values can only be scaled. Replaced numbers keep the
/// unit they are written with; a number written whole stays whole (rounded), so counts such
/// as `per_year` remain counts.
enum ScenarioNumbers {
    /// Why a key path names no number.
    struct PathError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// What a key path leads to.
    enum Slot {
        /// One number: its value as written and the unit text after it ("" when none).
        case number(value: Double, unit: String)
        /// A series of years, with this many years.
        case series(years: Int)
    }

    /// The node at a key path, or why there is none.
    static func node(at path: [String], in tree: YAMLNode) -> Result<YAMLNode, PathError> {
        var node = tree
        for (depth, key) in path.enumerated() {
            let here = path[..<depth].joined(separator: ".")
            switch node.content {
            case .mapping(let entries):
                guard let entry = entries.first(where: { $0.key == key }) else {
                    let keys = entries.map(\.key)
                    let known = keys.isEmpty ? "" : " (it has: \(keys.joined(separator: ", ")))"
                    return .failure(
                        PathError(
                            "the scenario has no '\(key)'"
                                + (here.isEmpty ? "" : " under '\(here)'") + known))
                }
                node = entry.value
            case .sequence(let items):
                guard let index = Int(key), items.indices.contains(index) else {
                    return .failure(
                        PathError(
                            "'\(key)' is not a position in the list '\(here)' (0…\(items.count - 1))"
                        ))
                }
                node = items[index]
            case .scalar:
                return .failure(PathError("'\(here)' is a value, not a mapping with '\(key)'"))
            }
        }
        return .success(node)
    }

    /// The number or series a key path names, or why it names neither.
    static func slot(at path: [String], in tree: YAMLNode) -> Result<Slot, PathError> {
        switch node(at: path, in: tree) {
        case .failure(let reason): return .failure(reason)
        case .success(let node):
            if let slot = classify(node) { return .success(slot) }
            return .failure(
                PathError(
                    "'\(path.joined(separator: "."))' is \(node.shapeDescription), not a number"
                        + " or a series of numbers by year"))
        }
    }

    private static func classify(_ node: YAMLNode) -> Slot? {
        if let scalar = node.scalar {
            return number(scalar).map { .number(value: $0.value, unit: $0.unit) }
        }
        guard let entries = node.entries, !entries.isEmpty else { return nil }
        if let value = entries.first(where: { $0.key == "value" })?.value {
            return classify(value)
        }
        if let values = entries.first(where: { $0.key == "values" })?.value {
            return classify(values)
        }
        // A series of years, or a set of numbers by name (such as take-up by care level):
        // both can only be scaled.
        guard entries.allSatisfy({ $0.value.scalar.flatMap(number) != nil }) else { return nil }
        return .series(years: entries.count)
    }

    /// A plain scalar as a number and the unit written after it.
    static func number(_ scalar: YAMLScalar) -> (value: Double, unit: String, whole: Bool)? {
        guard scalar.style == .plain, !scalar.isNull else { return nil }
        if let value = Double(scalar.text), value.isFinite {
            return (value, "", Int(scalar.text) != nil)
        }
        let digits = scalar.text.unicodeScalars.prefix {
            ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e"
                || $0 == "E"
        }
        let numberText = String(String.UnicodeScalarView(digits))
        let rest = String(scalar.text.dropFirst(numberText.count)).trimmingCharacters()
        guard let value = Double(numberText), value.isFinite, !rest.isEmpty else { return nil }
        return (value, rest, Int(numberText) != nil)
    }

    /// Writes a draw into the tree: replaces the number, or multiplies the number or every
    /// value of the series.
    /// - Returns: nil on success, or why the path cannot take it.
    static func apply(
        _ draw: Double, _ application: UncertainInput.Application, at path: [String],
        in tree: inout YAMLNode
    ) -> String? {
        guard let key = path.first else {
            return rewrite(&tree, draw: draw, application: application)
        }
        let rest = Array(path.dropFirst())
        switch tree.content {
        case .mapping(var entries):
            guard let index = entries.firstIndex(where: { $0.key == key }) else {
                return "the scenario has no '\(key)'"
            }
            if let reason = apply(draw, application, at: rest, in: &entries[index].value) {
                return reason
            }
            tree.content = .mapping(entries)
            return nil
        case .sequence(var items):
            guard let index = Int(key), items.indices.contains(index) else {
                return "'\(key)' is not a position in the list"
            }
            if let reason = apply(draw, application, at: rest, in: &items[index]) {
                return reason
            }
            tree.content = .sequence(items)
            return nil
        case .scalar:
            return "a value stands where '\(key)' is expected"
        }
    }

    private static func rewrite(
        _ node: inout YAMLNode, draw: Double, application: UncertainInput.Application
    ) -> String? {
        if let scalar = node.scalar {
            guard let (value, unit, whole) = number(scalar) else { return "not a number" }
            var result = application == .scale ? value * draw : draw
            if whole { result = result.rounded() }
            // A whole number beyond what Int holds stays a decimal; the field's own range
            // check then rejects it with its location instead of trapping here.
            let text =
                whole ? Int(exactly: result).map(String.init) ?? String(result) : String(result)
            node = .scalar(unit.isEmpty ? text : text + " " + unit, at: node.location)
            return nil
        }
        guard var entries = node.entries else { return "not a number" }
        if let index = entries.firstIndex(where: { $0.key == "value" || $0.key == "values" }) {
            let reason = rewrite(&entries[index].value, draw: draw, application: application)
            node.content = .mapping(entries)
            return reason
        }
        guard application == .scale else {
            return "a series of years can only be scaled (scale: yes)"
        }
        for index in entries.indices {
            if let reason = rewrite(&entries[index].value, draw: draw, application: .scale) {
                return reason
            }
        }
        node.content = .mapping(entries)
        return nil
    }
}

extension ScenarioNumbers {
    /// The numbers of a node: one for a number, one per year (in year order) for a series.
    static func values(of node: YAMLNode) -> [Double]? {
        if let scalar = node.scalar { return number(scalar).map { [$0.value] } }
        guard let entries = node.entries else { return nil }
        if let value = entries.first(where: { $0.key == "value" || $0.key == "values" })?.value {
            return values(of: value)
        }
        // Years in year order; numbers by name in the order written.
        let ordered = ScenarioMerge.isYearKeyed(node) ? entries.sorted { $0.key < $1.key } : entries
        var result: [Double] = []
        for entry in ordered {
            guard let scalar = entry.value.scalar, let (value, _, _) = number(scalar) else {
                return nil
            }
            result.append(value)
        }
        return result
    }

    /// Whether the node's numbers are all written as whole numbers.
    static func isWhole(_ node: YAMLNode) -> Bool {
        if let scalar = node.scalar { return number(scalar)?.whole ?? false }
        guard let entries = node.entries else { return false }
        if let value = entries.first(where: { $0.key == "value" || $0.key == "values" })?.value {
            return isWhole(value)
        }
        return entries.allSatisfy { isWhole($0.value) }
    }
}
