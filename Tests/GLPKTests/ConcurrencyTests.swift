import GLPK
import Testing

/// Solves from a task group give the same solutions as the same solves one after another.
struct ConcurrencyTests {
    /// Programs of every kind, from the other suites.
    static func programs() throws -> [MixedIntegerProgram] {
        [
            try SetCoverTests.locationSetCovering().0,
            try LinearProgramTests.referenceManualExample().0,
            try IntegerProgramTests.model(kind: .integer),
            try IntegerProgramTests.model(kind: .continuous),
            try KnapsackInstance.stronglyCorrelated(items: 70).model(),
            try KnapsackInstance.stronglyCorrelated(items: 40).model(),
        ]
    }

    @Test func twentyFourConcurrentSolvesOfSixProgramsMatchTheSerialSolutions() async throws {
        let programs = try Self.programs()
        let serial = try programs.map { try $0.solve() }
        let rounds = 4

        let concurrent = try await withThrowingTaskGroup(
            of: (Int, Solution).self, returning: [Int: [Solution]].self
        ) { group in
            for round in 0..<rounds {
                // Alternate the order so that different programs overlap from round to round.
                let order =
                    round.isMultiple(of: 2)
                    ? Array(programs.indices) : Array(programs.indices.reversed())
                for index in order {
                    let program = programs[index]
                    group.addTask { (index, try program.solve()) }
                }
            }
            var results: [Int: [Solution]] = [:]
            for try await (index, solution) in group {
                results[index, default: []].append(solution)
            }
            return results
        }

        for (index, expected) in serial.enumerated() {
            #expect(concurrent[index]?.count == rounds)
            #expect(concurrent[index]?.allSatisfy { $0 == expected } == true)
        }
        #expect(serial[0].objective == 3)
        #expect(serial[2].objective == 20)
    }
}
