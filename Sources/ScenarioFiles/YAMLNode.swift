import Diagnostics

/// A node of a scenario file's YAML, with where it was written.
///
/// Scenario files use the plain subset of YAML that planners write by hand: block and flow
/// mappings and sequences, plain and quoted scalars, block scalars (`|`, `>`), comments.
/// Anchors, aliases, tags and complex keys are refused with a clear message.
public struct YAMLNode: Sendable {
    /// The content of a node.
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLEntry])
        case sequence([YAMLNode])
    }

    public var content: Content
    /// Where the node starts.
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// A plain scalar node.
    public static func scalar(
        _ text: String, style: YAMLScalar.Style = .plain, at location: SourceLocation
    )
        -> YAMLNode
    {
        YAMLNode(.scalar(YAMLScalar(text: text, style: style)), at: location)
    }

    /// The scalar, if this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The entries, if this node is a mapping.
    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The items, if this node is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// Whether the node is a null scalar (`~`, `null`, or nothing).
    public var isNull: Bool { scalar?.isNull ?? false }

    /// The value under a key, if this node is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// The same node with every location, its own and its descendants', moved to one place
    /// (a `--set` argument, which has no lines).
    public func relocated(to location: SourceLocation) -> YAMLNode {
        switch content {
        case .scalar:
            return YAMLNode(content, at: location)
        case .mapping(let entries):
            let moved = entries.map {
                YAMLEntry(
                    key: $0.key, keyLocation: location, value: $0.value.relocated(to: location))
            }
            return YAMLNode(.mapping(moved), at: location)
        case .sequence(let items):
            return YAMLNode(.sequence(items.map { $0.relocated(to: location) }), at: location)
        }
    }

    /// A short description of the node's shape for messages: "a mapping", "'abc'".
    public var shapeDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isNull ? "nothing" : "'\(scalar.text)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// A scalar: its text and how it was written.
public struct YAMLScalar: Hashable, Sendable {
    /// How a scalar was written.
    public enum Style: Hashable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// A plain `~`, `null` or empty scalar.
    public var isNull: Bool {
        style == .plain && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}

/// One `key: value` of a mapping.
public struct YAMLEntry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLNode

    public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
