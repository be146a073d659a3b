import Foundation
import GSL
import Testing

/// An error of the test's own, to check that `findRoot` rethrows it unchanged.
struct Boom: Error, Equatable {
    let code: Int
}

/// A root search that must be refused with a given status.
struct InvalidRootSearch: Sendable, CustomTestStringConvertible {
    let name: String
    let status: GSLStatus
    let search: @Sendable () throws -> Void

    var testDescription: String { name }
}

@Suite("findRoot")
struct RootFindingTests {
    @Test("Brent finds √2 = 1.4142135623730951 as the root of x² − 2 on [0, 2]")
    func squareRootOfTwo() throws {
        // √2 to double precision; the default absolute tolerance is 1e-10.
        let root = try findRoot(of: { $0 * $0 - 2 }, in: 0...2)
        #expect(abs(root - 1.414_213_562_373_095_1) < 1e-10)
    }

    @Test("Brent finds the Dottie number 0.7390851332151607 as the root of cos x − x on [0, 1]")
    func dottieNumber() throws {
        // The unique real fixed point of cos (OEIS A003957: 0.73908513321516064166…).
        let root = try findRoot(
            of: { cos($0) - $0 }, in: 0...1, absoluteTolerance: 1e-14, relativeTolerance: 0)
        #expect(abs(root - 0.739_085_133_215_160_7) < 1e-14)
    }

    @Test("The root 1e6 of x − 1e6 on [0, 2e6] is found to a relative tolerance of 1e-12")
    func relativeTolerance() throws {
        // With no absolute tolerance the bracket must shrink below 1e-12 · 1e6 = 1e-6.
        let root = try findRoot(
            of: { $0 - 1e6 }, in: 0...2e6, absoluteTolerance: 0, relativeTolerance: 1e-12)
        #expect(abs(root - 1e6) <= 1e-6)
    }

    @Test("A root exactly at the lower end 1 of [1, 3] is returned as 1 without iterating")
    func rootAtBracketEnd() throws {
        // f(1) = 0, so 1 is a root; f is evaluated once.
        var calls = 0
        let root = try findRoot(
            of: { x in
                calls += 1
                return x - 1
            }, in: 1...3)
        #expect(root == 1)
        #expect(calls == 1)
    }

    @Test("An error thrown on the 3rd evaluation comes back unchanged after 3 calls")
    func swiftErrorComesBackUnchanged() {
        // Calls 1 and 2 are the bracket ends; call 3 is the solver's first iterate, which
        // throws. The solver must stop there and rethrow Boom(42), not wrap it.
        var calls = 0
        let error = #expect(throws: Boom.self) {
            _ = try findRoot(
                of: { x in
                    calls += 1
                    if calls == 3 {
                        throw Boom(code: 42)
                    }
                    return x * x - 2
                }, in: 0...2)
        }
        #expect(error == Boom(code: 42))
        #expect(calls == 3)
    }

    @Test("An error thrown at the bracket end 0 comes back unchanged after 1 call")
    func swiftErrorAtBracketEnd() {
        // The first evaluation is at the lower end of the bracket.
        var calls = 0
        let error = #expect(throws: Boom.self) {
            _ = try findRoot(
                of: { _ in
                    calls += 1
                    throw Boom(code: 7)
                }, in: 0...1)
        }
        #expect(error == Boom(code: 7))
        #expect(calls == 1)
    }

    @Test("NaN inside [0, 2] is reported by GSL as GSL_EBADFUNC, not an abort")
    func nanInsideBracketIsBadFunction() {
        // Brent's iteration rejects a non-finite function value with GSL_EBADFUNC
        // (GSL manual, "One Dimensional Root-Finding"); the handler being off, it returns.
        let error = #expect(throws: GSLError.self) {
            _ = try findRoot(of: { x in x == 0 || x == 2 ? x - 1 : .nan }, in: 0...2)
        }
        #expect(error?.status == .badFunction)
        #expect(error?.reason == nil)
    }

    @Test("One iteration on x³ − 2 over [0, 10] with tolerance 1e-15 ends in GSL_EMAXITER")
    func iterationLimit() {
        // One step of Brent's method cannot shrink a bracket of width 10 below 1e-15.
        let error = #expect(throws: GSLError.self) {
            _ = try findRoot(
                of: { $0 * $0 * $0 - 2 }, in: 0...10, absoluteTolerance: 1e-15,
                relativeTolerance: 0, maxIterations: 1)
        }
        #expect(error?.status == .maxIterations)
    }

    static let invalidSearches: [InvalidRootSearch] = [
        InvalidRootSearch(name: "x² + 1 has no sign change on [−1, 1]", status: .invalid) {
            _ = try findRoot(of: { $0 * $0 + 1 }, in: -1...1)
        },
        InvalidRootSearch(name: "bracket [0, ∞]", status: .domain) {
            _ = try findRoot(of: { $0 - 1 }, in: 0...Double.infinity)
        },
        InvalidRootSearch(name: "absolute tolerance −1", status: .badTolerance) {
            _ = try findRoot(of: { $0 - 1 }, in: 0...2, absoluteTolerance: -1)
        },
        InvalidRootSearch(name: "relative tolerance NaN", status: .badTolerance) {
            _ = try findRoot(of: { $0 - 1 }, in: 0...2, relativeTolerance: .nan)
        },
        InvalidRootSearch(name: "0 iterations", status: .invalid) {
            _ = try findRoot(of: { $0 - 1 }, in: 0...2, maxIterations: 0)
        },
        InvalidRootSearch(name: "f(0) = −∞", status: .badFunction) {
            _ = try findRoot(of: { $0 == 0 ? -.infinity : 1 }, in: 0...2)
        },
    ]

    @Test("Invalid root searches are refused with the exact status", arguments: invalidSearches)
    func invalidSearch(_ invalid: InvalidRootSearch) {
        // Each search breaks one documented requirement (sign change, finite bracket,
        // tolerances ≥ 0, at least one iteration, finite values at the ends).
        let error = #expect(throws: GSLError.self) {
            try invalid.search()
        }
        #expect(error?.status == invalid.status)
    }
}
