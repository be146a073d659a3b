import Dispatch

/// Runs work in fixed parts on the cores there are (the machines Yanglao runs on have at least
/// two). The parts must touch disjoint memory and be combined in a fixed order, so that results
/// do not depend on which runs first or on how many cores there are.
enum TwoCores {
    /// Calls `work(0)` and `work(1)`, concurrently.
    static func run(_ work: (Int) -> Void) {
        run(chunks: 2, work)
    }

    /// Calls `work(0)` … `work(chunks - 1)`, concurrently. The calling thread takes chunks a
    /// busy core has not started, so more chunks than cores balance the work when another
    /// program holds a core.
    static func run(chunks: Int, _ work: (Int) -> Void) {
        withoutActuallyEscaping(work) { work in
            let box = Unchecked(work)
            DispatchQueue.concurrentPerform(iterations: chunks) { box.value($0) }
        }
    }

    /// A value handed to the two halves. The halves' disjointness, not the type, makes the
    /// sharing safe.
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
