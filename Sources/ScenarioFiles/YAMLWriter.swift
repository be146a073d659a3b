import Provenance

/// Writes ``YAMLNode``s back as YAML that the ``YAMLParser`` reads to the same nodes.
///
/// Block style with two-space indentation; mappings keyed by years, and lists of scalars, in
/// flow style on one line (`{2020: 0.3, 2025: 0.55}`); scalars plain where that reads back as
/// the same text and kind, double-quoted otherwise. The output depends only on the nodes, so
/// the same scenario always writes the same bytes.
public enum YAMLWriter {
    /// The YAML text of a node, ending in a newline.
    public static func write(_ node: YAMLNode) -> String {
        var output = ""
        switch node.content {
        case .mapping(let entries) where !entries.isEmpty:
            writeMapping(entries, indent: 0, into: &output)
        case .sequence(let items) where !items.isEmpty && !isFlowList(items):
            writeSequence(items, indent: 0, into: &output)
        default:
            output = inline(node) + "\n"
        }
        return output
    }

    private static func writeMapping(_ entries: [YAMLEntry], indent: Int, into output: inout String)
    {
        let pad = String(repeating: " ", count: indent)
        for entry in entries {
            output += pad + scalarText(entry.key, style: .plain) + ":"
            appendValue(entry.value, indent: indent, into: &output)
        }
    }

    private static func writeSequence(_ items: [YAMLNode], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item.content {
            case .mapping(let entries) where !entries.isEmpty:
                // First entry on the dash line, the rest aligned under it.
                var nested = ""
                writeMapping(entries, indent: indent + 2, into: &nested)
                output += pad + "- " + nested.dropFirst(indent + 2)
            case .sequence(let items) where !items.isEmpty && !isFlowList(items):
                output += pad + "-\n"
                writeSequence(items, indent: indent + 2, into: &output)
            default:
                output += pad + "- " + inline(item) + "\n"
            }
        }
    }

    private static func appendValue(_ value: YAMLNode, indent: Int, into output: inout String) {
        switch value.content {
        case .mapping(let entries) where !entries.isEmpty && !isYearMapping(entries):
            output += "\n"
            writeMapping(entries, indent: indent + 2, into: &output)
        case .sequence(let items) where !items.isEmpty && !isFlowList(items):
            output += "\n"
            writeSequence(items, indent: indent + 2, into: &output)
        default:
            let text = inline(value)
            output += text.isEmpty ? "\n" : " " + text + "\n"
        }
    }

    /// A node on one line: a scalar, or a flow collection.
    private static func inline(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar):
            if scalar.isNull { return "~" }
            return scalarText(scalar.text, style: scalar.style)
        case .mapping(let entries):
            let pairs = entries.map { scalarText($0.key, style: .plain) + ": " + inline($0.value) }
            return "{" + pairs.joined(separator: ", ") + "}"
        case .sequence(let items):
            return "[" + items.map(inline).joined(separator: ", ") + "]"
        }
    }

    private static func isYearMapping(_ entries: [YAMLEntry]) -> Bool {
        entries.allSatisfy { entry in
            entry.key.count == 4 && entry.key.allSatisfy(\.isNumber) && entry.value.scalar != nil
        }
    }

    private static func isFlowList(_ items: [YAMLNode]) -> Bool {
        items.allSatisfy { $0.scalar != nil } && items.count <= 12
    }

    /// A scalar as plain text when that reads back as the same string of the same kind,
    /// double-quoted otherwise.
    static func scalarText(_ text: String, style: YAMLScalar.Style) -> String {
        let quotedStyles: Set<YAMLScalar.Style> = [.singleQuoted, .doubleQuoted, .literal, .folded]
        let mustStayString = quotedStyles.contains(style) && looksTyped(text)
        if !mustStayString, isSafePlain(text) { return text }
        return Escaping.doubleQuoted(text) { "\\x" + Escaping.hex($0, digits: 2, uppercase: true) }
    }

    /// Text that a plain scalar would read as a number, boolean or null.
    private static func looksTyped(_ text: String) -> Bool {
        [
            "", "~", "null", "Null", "NULL", "true", "false", "True", "False", "TRUE", "FALSE",
            "yes", "no",
        ]
        .contains(text) || Double(text) != nil
    }

    private static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else {
            return false
        }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // A leading '-' is fine for negative numbers.
            if !(first == "-" && Double(text) != nil) { return false }
        }
        if first == " " || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 }) { return false }
        if text.contains(",") || text.contains("[") || text.contains("]") || text.contains("{")
            || text.contains("}")
        {
            return false
        }
        return true
    }
}
