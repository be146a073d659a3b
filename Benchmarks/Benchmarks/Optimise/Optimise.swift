import Allocation
import Benchmark
import Foundation
import GLPK
import ScenarioFiles
import Simulation

/// The optimiser on Anshan's plan as `yanglao optimise` runs it with the default time limit:
/// the base path run, the program built from it and solved (30 s at most), and the seven
/// levels of the frontier (7.5 s each at most). The goal: all of it in at most 30 s (a
/// planner waits for one answer, not for a batch job).
let anshan = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios/anshan/variants/plan.yaml")
    .path

func load() -> LoadedScenario {
    switch ScenarioLoader().load(anshan) {
    case .success(let loaded): return loaded
    case .failure(let error): fatalError("\(anshan) does not load: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(120),
        maxIterations: 5)

    Benchmark(
        "Anshan: base path, program, solve and the 7-level frontier",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: 30_000_000_000])])
    ) { benchmark in
        let scenario = load().scenario
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let base = try! Simulator.run(AllocationModel.basePath(scenario))
            for (index, share) in [1, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5].enumerated() {
                let options = SolveOptions(
                    timeLimit: index == 0 ? .seconds(30) : .milliseconds(7_500))
                let instance = AllocationModel.build(
                    scenario: scenario, base: base, budgetScale: share)
                blackHole(try! instance.problem.solve(objective: .targets, options: options))
            }
        }
    }

    Benchmark("Anshan: one solve of the plan's budget") { benchmark in
        let scenario = load().scenario
        let base = try! Simulator.run(AllocationModel.basePath(scenario))
        let instance = AllocationModel.build(scenario: scenario, base: base)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try! instance.problem.solve(objective: .targets))
        }
    }
}
