import Diagnostics
import Geography

/// Finds units of the region tree by the names registers give them (名称匹配区划代码):
/// "铁西街道办事处", "前进社区居委会", "大屯村民委员会" are the tree's 铁西街道, 前进社区居民委员会
/// and 大屯村委会.
///
/// Names are compared by a key: spaces removed, full-width brackets made ASCII, and the
/// usual suffixes of the level taken off, the office's and then the kind's (for villages
/// 村民委员会, 居民委员会, 村委会, 居委会 or 委员会, then 社区 or 村; for townships 办事处 or 人民政府,
/// then 街道, 镇 or 乡; for counties 人民政府, then 区, 县, 市 or 旗). A key found once within the scope (the township, or
/// the county, or the whole tree) is a match; found several times, the one whose full name
/// is the same, or else whose kind the written suffix names (社区 a community, 村 a village), is
/// taken, and otherwise the name is ambiguous. A name not found gets the closest keys of the
/// scope as did-you-mean candidates.
public struct RegionNames: Sendable {
    /// The outcome of a look-up.
    public enum Match: Equatable, Sendable {
        case found(Int)
        case ambiguous([Int])
        case unmatched(suggestions: [Int])
    }

    let tree: RegionTree
    /// Each level's units by key.
    private let byKey: [[String: [Int]]]
    /// Each unit's key.
    private let keys: [String]

    public init(tree: RegionTree) {
        self.tree = tree
        var byKey = [[String: [Int]]](repeating: [:], count: RegionLevel.allCases.count)
        var keys: [String] = []
        keys.reserveCapacity(tree.count)
        for (index, region) in tree.regions.enumerated() {
            let key = Self.key(region.name, level: region.level)
            keys.append(key)
            byKey[region.level.rawValue][key, default: []].append(index)
        }
        self.byKey = byKey
        self.keys = keys
    }

    /// Suffixes taken off names, by level: first one of the office's (committee, office),
    /// then one of the unit's kind, so that 西高村村民委员会, 西高村村委会 and 西高村 have one key.
    static let suffixes: [RegionLevel: [[String]]] = [
        .village: [["村民委员会", "居民委员会", "村委会", "居委会", "委员会"], ["社区", "村"]],
        .township: [["办事处", "人民政府"], ["街道", "镇", "乡"]],
        .county: [["人民政府"], ["区", "县", "市", "旗"]],
    ]

    /// The key a name is compared by at a level.
    public static func key(_ name: String, level: RegionLevel) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var utf8 = name.utf8.makeIterator()
        var pending: [UInt8] = []
        // Spaces (ASCII, ideographic U+3000) dropped; full-width brackets U+FF08, U+FF09 made
        // ASCII; every other byte kept.
        while let byte = utf8.next() {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0xE3, 0xEF:
                pending = [byte]
                if let second = utf8.next() { pending.append(second) }
                if let third = utf8.next() { pending.append(third) }
                switch pending {
                case [0xE3, 0x80, 0x80]: break
                case [0xEF, 0xBC, 0x88]: bytes.append(0x28)
                case [0xEF, 0xBC, 0x89]: bytes.append(0x29)
                default: bytes.append(contentsOf: pending)
                }
            default: bytes.append(byte)
            }
        }
        var text = String(decoding: bytes, as: UTF8.self)
        for stage in suffixes[level] ?? [] {
            for suffix in stage where text.hasSuffix(suffix) && text.count > suffix.count {
                text.removeLast(suffix.count)
                break
            }
        }
        return text
    }

    /// A unit of a level named `name` within the subtree of `scope` (the whole tree when nil).
    public func match(_ name: String, level: RegionLevel, within scope: Int?) -> Match {
        let key = Self.key(name, level: level)
        let range = scope.map(tree.subtree(of:)) ?? tree.regions.indices
        let candidates = (byKey[level.rawValue][key] ?? []).filter { range.contains($0) }
        if candidates.count == 1 { return .found(candidates[0]) }
        if candidates.count > 1 {
            let trimmed = Self.key(name, level: .province)  // spaces and brackets only
            let exact = candidates.filter {
                Self.key(tree.regions[$0].name, level: .province) == trimmed
            }
            if exact.count == 1 { return .found(exact[0]) }
            let kind: RegionKind? =
                level != .village
                ? nil
                : (trimmed.hasSuffix("村民委员会") || trimmed.hasSuffix("村委会") || trimmed.hasSuffix("村"))
                    ? .village
                    : (trimmed.contains("社区") || trimmed.hasSuffix("居委会")) ? .community : nil
            let ofKind = candidates.filter { tree.regions[$0].kind == kind }
            if ofKind.count == 1 { return .found(ofKind[0]) }
            return .ambiguous(candidates)
        }
        return .unmatched(suggestions: suggestions(for: key, level: level, in: range))
    }

    /// Up to three units of the level in the range whose keys are closest to `key` (at most
    /// half the key's length in edits); none when the range holds more than 5,000 units, to
    /// keep a register of unmatched names fast.
    private func suggestions(for key: String, level: RegionLevel, in range: Range<Int>)
        -> [Int]
    {
        guard range.count <= 5_000 else { return [] }
        let limit = max(1, key.count / 2)
        var scored: [(distance: Int, index: Int)] = []
        for index in range where tree.regions[index].level == level {
            let distance = Suggestion.editDistance(key, keys[index])
            if distance <= limit { scored.append((distance, index)) }
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(3).map(
            \.index)
    }
}
