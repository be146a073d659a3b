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
            Self.siftDown(&self.entries, from: index, first: Self.bestFirst)
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        Self.siftUp(&entries, first: Self.bestFirst)
    }

    mutating func pop() -> Entry? {
        guard let first = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            Self.siftDown(&entries, from: 0, first: Self.bestFirst)
        }
        return first
    }

    /// The order of the queue: better entries nearer the root.
    @inline(__always)
    private static func bestFirst(_ a: Entry, _ b: Entry) -> Bool { a.isBetter(than: b) }

    /// Moves the last entry of a heap up while `first` puts it before its parent.
    @inline(__always)
    static func siftUp(_ heap: inout [Entry], first: (Entry, Entry) -> Bool) {
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard first(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Moves the entry at `index` of a heap down while `first` puts a child before it.
    @inline(__always)
    static func siftDown(_ heap: inout [Entry], from index: Int, first: (Entry, Entry) -> Bool) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var next = left
            if left + 1 < heap.count, first(heap[left + 1], heap[left]) { next = left + 1 }
            guard first(heap[next], heap[parent]) else { return }
            heap.swapAt(parent, next)
            parent = next
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
                UnitQueue.siftUp(&kept, first: Self.worstFirst)
            } else if capacity > 0, entry.isBetter(than: kept[0]) {
                kept[0] = entry
                UnitQueue.siftDown(&kept, from: 0, first: Self.worstFirst)
            }
        }

        /// The order of the bounded heap: worse entries nearer the root.
        @inline(__always)
        private static func worstFirst(_ a: Entry, _ b: Entry) -> Bool { b.isBetter(than: a) }

        /// Entries with a lower key are not kept: −∞ until `capacity` entries are kept.
        @inline(__always)
        var threshold: Double {
            kept.count < capacity || capacity == 0 ? -.infinity : kept[0].key
        }

        /// The entries kept, best first.
        var bestFirst: [Entry] { kept.sorted { $0.isBetter(than: $1) } }
    }
}
