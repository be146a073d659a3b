import Benchmark
import Foundation
import Reports
import ScenarioFiles
import Simulation

/// The shipped Liaoning scenario end to end: 100 counties, 1,406 streets and townships,
/// 16,376 communities and villages, 13,131 facilities, 2020–2035. The goals are those of
/// the issues: the year loop without reports in at most 2 s, the whole run folder (tables,
/// annual report in four formats, coverage map, manifest) in at most 5 s.
let liaoning = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios/liaoning").path

func load() -> LoadedScenario {
    switch ScenarioLoader().load(liaoning) {
    case .success(let loaded): return loaded
    case .failure(let error): fatalError("\(liaoning) does not load: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(30),
        maxIterations: 10)

    Benchmark(
        "Liaoning: load the scenario and run 2020–2035 (no reports)",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: 2_000_000_000])])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let loaded = load()
            blackHole(try! Simulator.run(loaded.scenario))
        }
    }

    // The need, workforce and childcare stages (issue "Need drives supply": at most 20% of
    // a Liaoning run): the run with and without care need (capability levels: the need
    // indicators and residents from need) and the childcare stock. Both leave out the
    // service list, whose costing needs the capability levels.
    for withNeed in [true, false] {
        Benchmark(
            "Liaoning: the run without the service list, "
                + (withNeed ? "with" : "without") + " the need and childcare stages"
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                var scenario = load().scenario
                scenario.entitlements = nil
                if !withNeed {
                    scenario.demography?.careNeed = nil
                    scenario.childcare = nil
                }
                blackHole(try! Simulator.run(scenario))
            }
        }
    }

    Benchmark(
        "Liaoning: the run folder's files (tables, annual report in 4 formats, map, manifest)"
    ) { benchmark in
        let loaded = load()
        let result = try! Simulator.run(loaded.scenario)
        let facts = RunOutputs.ManifestFacts(
            toolVersion: "bench", started: Date(timeIntervalSince1970: 0))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(
                try! RunOutputs(
                    record: loaded.record, result: result, runID: "bench",
                    formats: ReportFormat.allCases, language: .chinese, facts: facts))
        }
    }

    // Issue 14's goal for `yanglao run Scenarios/liaoning` with every report: at most 1.5 s
    // and 200 MiB. This is the command's work but writing the files to disk.
    Benchmark(
        "Liaoning: load, run 2020–2035 and make every file of the run folder (as yanglao run)",
        configuration: .init(
            thresholds: [
                .wallClock: .init(absolute: [.p50: 1_500_000_000]),
                .peakMemoryResident: .init(absolute: [.p50: 200 * 1024 * 1024]),
            ])
    ) { benchmark in
        let facts = RunOutputs.ManifestFacts(
            toolVersion: "bench", started: Date(timeIntervalSince1970: 0))
        for _ in benchmark.scaledIterations {
            let loaded = load()
            let result = try! Simulator.run(loaded.scenario)
            blackHole(
                try! RunOutputs(
                    record: loaded.record, result: result, runID: "bench",
                    formats: ReportFormat.allCases, language: .chinese, facts: facts))
        }
    }
}
