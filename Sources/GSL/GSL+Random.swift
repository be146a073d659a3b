internal import CGSL

/// A seeded Mersenne Twister (MT19937) random number generator, the source of every random draw
/// in a run.
///
/// The generator is GSL's `gsl_rng_mt19937`: Matsumoto and Nishimura's MT19937 (ACM TOMACS 8,
/// 1998) with their 2002 `init_genrand` seeding, so seed 5489 gives the same 32-bit outputs as
/// the reference `mt19937ar.c` and as C++ `std::mt19937`. The seed belongs to the scenario and
/// the generator to the run: create one per run, or one per replicate with
/// `init(seed:replicate:)`, and pass it down as `using rng: inout RandomSource`.
///
/// A `RandomSource` is not thread-safe and therefore not `Sendable`: give each task its own.
/// Its draws are reproducible for a given seed and GSL version.
public final class RandomSource: RandomNumberGenerator {
    /// The owned GSL generator; freed in `deinit`.
    let generator: UnsafeMutablePointer<gsl_rng>

    /// Creates a generator from a 32-bit seed.
    ///
    /// MT19937 takes a 32-bit seed; larger seeds are refused rather than silently truncated (GSL
    /// would keep only the low 32 bits). Following GSL, seed 0 is replaced by 4357, so seeds 0 and
    /// 4357 give the same stream. To derive the seeds of replicate runs from a scenario seed of
    /// any size, use `init(seed:replicate:)`.
    ///
    /// - Parameter seed: The seed, in 0...4_294_967_295.
    /// - Throws: `GSLError` with status `.domain` if `seed` does not fit in 32 bits, `.noMemory`
    ///   if the generator cannot be allocated.
    ///
    /// The corresponding GSL functions are `gsl_rng_alloc` and `gsl_rng_set`.
    public init(seed: UInt64) throws(GSLError) {
        ensureErrorHandlerOff()
        guard let seed32 = UInt32(exactly: seed) else {
            throw GSLError(
                .domain, function: "gsl_rng_set",
                reason: "seed \(seed) does not fit in the 32 bits that MT19937 uses")
        }
        guard let generator = gsl_rng_alloc(cgsl_rng_mt19937()) else {
            throw GSLError(.noMemory, function: "gsl_rng_alloc")
        }
        gsl_rng_set(generator, CUnsignedLong(seed32))
        self.generator = generator
    }

    /// Creates the generator of replicate run `replicate` of a scenario whose seed is `seed`.
    ///
    /// The generator is seeded with `RandomSource.replicateSeed(replicate, of: seed)`; see there
    /// for the rule.
    ///
    /// - Parameters:
    ///   - seed: The scenario seed; all 64 bits matter.
    ///   - replicate: The replicate number, counted from 0.
    /// - Throws: `GSLError` with status `.noMemory` if the generator cannot be allocated.
    ///
    /// The corresponding GSL functions are `gsl_rng_alloc` and `gsl_rng_set`.
    public convenience init(seed: UInt64, replicate: Int) throws(GSLError) {
        try self.init(seed: RandomSource.replicateSeed(replicate, of: seed))
    }

    private init(owning generator: UnsafeMutablePointer<gsl_rng>) {
        self.generator = generator
    }

    deinit {
        gsl_rng_free(generator)
    }

    /// The seed of replicate run `replicate` of a scenario whose seed is `seed`.
    ///
    /// The rule, to be cited in reports: let γ = 0x9E37_79B9_7F4A_7C15 and let `mix` be the
    /// SplitMix64 output function (Steele, Lea and Flood, OOPSLA 2014; Vigna's `splitmix64.c`):
    ///
    ///     z = (z ^ (z >> 30)) · 0xBF58_476D_1CE4_E5B9
    ///     z = (z ^ (z >> 27)) · 0x94D0_49BB_1331_11EB
    ///     z =  z ^ (z >> 31)                          (arithmetic modulo 2^64)
    ///
    /// Then x = mix(seed + (replicate + 1) · γ), which is output number `replicate + 1` of
    /// SplitMix64 started from state `seed`, and the replicate seed is
    /// `1 + (x mod 4_294_967_295)`. The result lies in 1...4_294_967_295, which is exactly what
    /// MT19937 can use: it is never 0, so no replicate falls onto GSL's default seed 4357 by the
    /// 0 → 4357 substitution. Distinct replicates collide only by chance, with probability about
    /// 2^-32 for a given pair.
    ///
    /// - Parameters:
    ///   - replicate: The replicate number, counted from 0. Precondition: `replicate >= 0`.
    ///   - seed: The scenario seed; all 64 bits matter.
    /// - Returns: A seed for `init(seed:)`, in 1...4_294_967_295.
    /// - Complexity: O(1).
    public static func replicateSeed(_ replicate: Int, of seed: UInt64) -> UInt64 {
        precondition(replicate >= 0, "replicate number \(replicate) is negative")
        let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
        var z = seed &+ (UInt64(replicate) &+ 1) &* golden
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = z ^ (z >> 31)
        return 1 + z % 0xFFFF_FFFF
    }

    /// Returns 64 random bits made of two consecutive 32-bit MT19937 outputs.
    ///
    /// The first output forms the high 32 bits, the second the low 32 bits. This is the
    /// `RandomNumberGenerator` requirement, so `Double.random(in:using:)`, `shuffled(using:)` and
    /// the like draw from this generator.
    ///
    /// - Returns: A value uniform over all of `UInt64`.
    ///
    /// The corresponding GSL function is `gsl_rng_get` (called twice).
    public func next() -> UInt64 {
        let high = UInt64(gsl_rng_get(generator)) & 0xFFFF_FFFF
        let low = UInt64(gsl_rng_get(generator)) & 0xFFFF_FFFF
        return high << 32 | low
    }

    /// Returns a double uniform on [0, 1), from one 32-bit output divided by 2^32.
    ///
    /// - Returns: A value in [0, 1); 0 is possible, 1 is not.
    ///
    /// The corresponding GSL function is `gsl_rng_uniform`.
    public func uniform() -> Double {
        gsl_rng_uniform(generator)
    }

    /// Returns a double uniform on the open interval (0, 1), for logarithms and quotients.
    ///
    /// - Returns: A value in (0, 1); GSL skips draws equal to 0.
    ///
    /// The corresponding GSL function is `gsl_rng_uniform_pos`.
    public func uniformPositive() -> Double {
        gsl_rng_uniform_pos(generator)
    }

    /// Returns an independent generator in the same state, to reproduce the draws that follow.
    ///
    /// - Returns: A new generator whose draws equal this one's from now on.
    /// - Throws: `GSLError` with status `.noMemory` if the copy cannot be allocated.
    ///
    /// The corresponding GSL function is `gsl_rng_clone`.
    public func copy() throws(GSLError) -> RandomSource {
        guard let clone = gsl_rng_clone(generator) else {
            throw GSLError(.noMemory, function: "gsl_rng_clone")
        }
        return RandomSource(owning: clone)
    }
}

/// A `RandomSource` mutates its GSL state on every draw without locking, so sharing one between
/// tasks would be a data race: it is deliberately not `Sendable`.
@available(*, unavailable)
extension RandomSource: Sendable {}
