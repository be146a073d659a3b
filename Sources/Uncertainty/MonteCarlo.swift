import Dispatch
import GSL
import Synchronization

/// Monte Carlo replicates of a scenario (蒙特卡洛模拟): the inputs each replicate draws, and
/// the replicates run on every core.
///
/// **Seeds.** Replicate k (counted from 0) draws from its own generator,
/// `RandomSource(seed: scenarioSeed, replicate: k)` — MT19937 seeded by the documented
/// SplitMix64 rule of ``GSL/RandomSource/replicateSeed(_:of:)``. It draws one uniform number
/// in (0, 1) per uncertain input, in the order the inputs are written, and maps each through
/// the input's quantile function (``InputDistribution/quantile(_:)``). Draws belong to
/// replicates, never to threads, so the results are the same whatever the number of threads,
/// and replicate k is the same whether 10 or 1,000 are run.
public enum MonteCarlo {
    /// The input values of replicate `replicate`, one per input, in the inputs' order.
    /// - Throws: `GSLError` when the generator cannot be allocated.
    /// - Complexity: O(inputs).
    public static func inputs(
        _ inputs: [UncertainInput], seed: UInt64, replicate: Int
    ) throws(GSLError) -> [Double] {
        let random = try RandomSource(seed: seed, replicate: replicate)
        return inputs.map { $0.distribution.quantile(random.uniformPositive()) }
    }

    /// Runs `body` for every replicate 0..<count on `threads` threads and returns the
    /// results in replicate order.
    ///
    /// Threads take the next replicate not yet started (so a slow replicate does not hold up
    /// the others); each result goes to its replicate's slot, so the output does not depend
    /// on the number of threads or the order replicates finish in.
    /// - Parameters:
    ///   - threads: at least 1; 1 runs everything on the caller's thread.
    ///   - body: the work of one replicate; it must be safe to call from several threads.
    public static func forEachReplicate<Output: Sendable>(
        count: Int, threads: Int, _ body: @Sendable (Int) -> Output
    ) -> [Output] {
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(body) }
        let next = Atomic<Int>(0)
        let slots = Slots<Output>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let replicate = next.add(1, ordering: .relaxed).oldValue
                guard replicate < count else { return }
                slots.set(replicate, body(replicate))
            }
        }
        return slots.values()
    }
}

/// One slot per replicate, each written by exactly one thread.
private final class Slots<Output: Sendable>: @unchecked Sendable {
    private var storage: [Output?]
    private let lock = Mutex(())

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Output) {
        lock.withLock { _ in storage[index] = value }
    }

    func values() -> [Output] {
        lock.withLock { _ in storage.map { $0! } }
    }
}

/// The share of replicates in which a target is met, with its Monte Carlo standard error.
public struct AttainmentProbability: Hashable, Sendable {
    /// Replicates in which the target is met.
    public var met: Int
    /// Replicates judged.
    public var draws: Int

    public init(met: Int, draws: Int) {
        self.met = met
        self.draws = draws
    }

    /// p = met / draws.
    public var probability: Double { draws == 0 ? .nan : Double(met) / Double(draws) }

    /// The standard error of p, √(p(1 − p)/N) (binomial sampling).
    public var standardError: Double {
        draws == 0 ? .nan : (probability * (1 - probability) / Double(draws)).squareRoot()
    }
}

/// The quantiles that summarise the replicates of an indicator.
public enum DrawQuantiles {
    /// 5, 25, 50, 75 and 95%.
    public static let probabilities = [0.05, 0.25, 0.5, 0.75, 0.95]

    /// The 5, 25, 50, 75 and 95% quantiles of `values`, by GSL's definition (R's type 7:
    /// linear between order statistics). NaN values (replicates without a value) are left
    /// out; nil when none is left.
    public static func of(_ values: [Double]) -> [Double]? {
        let known = values.filter { !$0.isNaN }
        guard !known.isEmpty else { return nil }
        return try? Statistics.quantiles(of: known, probabilities: probabilities)
    }
}
