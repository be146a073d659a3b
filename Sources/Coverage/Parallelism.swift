import Dispatch
import Foundation

/// How many threads the coverage kernels may use.
///
/// Work is cut into chunks whose bounds depend only on the size of the problem, never on the
/// number of threads, and every chunk writes its own slots of the output; sums across chunks
/// are taken afterwards in chunk order. Results are therefore bit-for-bit the same whatever
/// the thread count.
public struct Parallelism: Hashable, Sendable {
    /// The number of threads, at least 1.
    public let threads: Int

    /// A fixed number of threads (values below 1 mean 1).
    public init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// One thread per active processor.
    public static var automatic: Parallelism {
        Parallelism(threads: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// One thread: everything runs on the caller's thread.
    public static let serial = Parallelism(threads: 1)

    /// Runs `body` on every chunk of `0..<count`, `chunkSize` items at a time (the last chunk
    /// may be shorter). Chunk k covers `k·chunkSize ..< min((k+1)·chunkSize, count)`; thread t
    /// takes chunks t, t + threads, t + 2·threads, ….
    func forEachChunk(
        count: Int, chunkSize: Int, _ body: @Sendable (_ chunk: Int, _ range: Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let size = max(1, chunkSize)
        let chunks = (count + size - 1) / size
        let workers = min(threads, chunks)
        if workers == 1 {
            for chunk in 0..<chunks {
                body(chunk, chunk * size..<min(count, (chunk + 1) * size))
            }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunks {
                body(chunk, chunk * size..<min(count, (chunk + 1) * size))
                chunk += workers
            }
        }
    }

    /// The number of chunks `forEachChunk(count:chunkSize:_:)` makes.
    static func chunkCount(count: Int, chunkSize: Int) -> Int {
        let size = max(1, chunkSize)
        return (count + size - 1) / size
    }

    /// Fills an array by computing each element independently, in parallel.
    public func map<T>(count: Int, chunkSize: Int = 4096, _ element: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = SharedBuffer(buffer)
            forEachChunk(count: count, chunkSize: chunkSize) { _, range in
                for index in range { (output.base + index).initialize(to: element(index)) }
            }
            initialized = count
        }
    }
}

/// A buffer that parallel chunks write to, each in its own slots.
///
/// The wrapper only carries the pointer across the concurrency boundary; the callers
/// guarantee that no two chunks touch the same slot and that the buffer outlives the work.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        // An empty buffer has no address; its pointer is never dereferenced.
        self.base =
            buffer.baseAddress
            ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
        self.count = buffer.count
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
