/// A binary heap of allocation units, best first: the highest `key`, then the highest
/// `secondKey`, then the lowest `order` (the unit's position in the tree), so that ties are
/// broken the same way on every run.
///
/// Used lazily: a popped unit whose key has changed since it was pushed is pushed back with
/// its current key (keys only get worse when a unit receives something), so every pop is
/// O(log n) and building the queue is O(n).
struct UnitQueue {
    struct Entry {
        var key: Double
        var secondKey: Double
        var order: Int
        var unit: Int

        @inline(__always)
        func isBetter(than other: Entry) -> Bool {
            if key != other.key { return key > other.key }
            if secondKey != other.secondKey { return secondKey > other.secondKey }
            return order < other.order
        }
    }

    private(set) var entries: [Entry] = []

    init(_ entries: [Entry]) {
        self.entries = entries
        guard entries.count > 1 else { return }
        for index in stride(from: entries.count / 2 - 1, through: 0, by: -1) {
            siftDown(index)
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].isBetter(than: entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let first = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = entries.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var best = left
            let right = left + 1
            if right < count, entries[right].isBetter(than: entries[left]) { best = right }
            guard entries[best].isBetter(than: entries[parent]) else { return }
            entries.swapAt(parent, best)
            parent = best
        }
    }

    /// The best entries offered, at most `capacity` of them: a heap whose root is the worst
    /// entry kept, so an offer costs O(log capacity) at most and O(1) when it is not kept.
    struct Bounded {
        let capacity: Int
        private(set) var kept: [Entry] = []

        init(capacity: Int) {
            self.capacity = max(0, capacity)
        }

        @inline(__always)
        mutating func offer(_ entry: Entry) {
            if kept.count < capacity {
                kept.append(entry)
                var child = kept.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard kept[parent].isBetter(than: kept[child]) else { break }
                    kept.swapAt(child, parent)
                    child = parent
                }
            } else if capacity > 0, entry.isBetter(than: kept[0]) {
                kept[0] = entry
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    guard left < kept.count else { break }
                    var worst = left
                    if left + 1 < kept.count, kept[worst].isBetter(than: kept[left + 1]) {
                        worst = left + 1
                    }
                    guard kept[parent].isBetter(than: kept[worst]) else { break }
                    kept.swapAt(parent, worst)
                    parent = worst
                }
            }
        }

        /// Entries with a lower key are not kept: −∞ until `capacity` entries are kept.
        @inline(__always)
        var threshold: Double {
            kept.count < capacity || capacity == 0 ? -.infinity : kept[0].key
        }

        /// The entries kept, best first.
        var bestFirst: [Entry] { kept.sorted { $0.isBetter(than: $1) } }
    }
}
