import Dispatch

/// Runs work in fixed chunks on the cores there are (并行). Chunks must write disjoint memory
/// and be combined in a fixed order, so that results depend neither on the order they run in
/// nor on the number of cores.
public enum Parallel {
    /// Calls `work(0)` … `work(chunks - 1)`, concurrently; one chunk runs on the calling
    /// thread.
    public static func run(chunks: Int, _ work: (Int) -> Void) {
        if chunks <= 1 {
            work(0)
            return
        }
        withoutActuallyEscaping(work) { work in
            let box = Unchecked(work)
            DispatchQueue.concurrentPerform(iterations: chunks) { box.value($0) }
        }
    }

    /// A value handed to the chunks. Their disjointness, not the type, makes the sharing safe.
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
