import Benchmark
import Coverage
import Foundation
import GLPK

/// A repeatable stream of numbers in [0, 1) (64-bit LCG, Knuth's MMIX constants).
struct Stream {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    mutating func normal() -> Double {
        let u = max(next(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * next())
    }
}

/// A made-up city: 85% of the points around 200 neighbourhood centres (spread 300–1,500 m,
/// uneven sizes), 15% spread evenly, over a square of `side` metres.
func cityPoints(_ count: Int, side: Double, seed: UInt64) -> [PlanarPoint] {
    var random = Stream(state: seed)
    let centres = (0..<200).map { _ in
        (
            PlanarPoint(x: random.next() * side, y: random.next() * side),
            300 + random.next() * 1200,
            pow(random.next(), 2)
        )
    }
    let total = centres.reduce(0) { $0 + $1.2 }
    return (0..<count).map { _ in
        if random.next() < 0.15 {
            return PlanarPoint(x: random.next() * side, y: random.next() * side)
        }
        var pick = random.next() * total
        var centre = centres[0]
        for candidate in centres {
            pick -= candidate.2
            if pick <= 0 {
                centre = candidate
                break
            }
        }
        return PlanarPoint(
            x: centre.0.x + random.normal() * centre.1, y: centre.0.y + random.normal() * centre.1)
    }
}

func uniformPoints(_ count: Int, side: Double, seed: UInt64) -> [PlanarPoint] {
    var random = Stream(state: seed)
    return (0..<count).map { _ in PlanarPoint(x: random.next() * side, y: random.next() * side) }
}

func milliseconds(_ value: Int) -> Int { value * 1_000_000 }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(20),
        maxIterations: 10)

    // 1. Radius coverage: 1,000,000 residents against 100,000 service points, 1,000 m, over
    // 100 km × 100 km (10 service points per km²). Goal: 0.5 s.
    let residents = cityPoints(1_000_000, side: 100_000, seed: 1)
    let services = uniformPoints(100_000, side: 100_000, seed: 2)
    Benchmark(
        "Radius coverage: 1,000,000 residents, 100,000 service points, 1,000 m",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: milliseconds(500)])])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                NearestFacility(
                    demand: residents, facilities: services, within: 1000, model: .radius))
        }
    }

    // 2. E2SFCA (Gaussian) for 100,000 demand points and 10,000 facilities, catchment
    // 3,000 m, over 100 km × 100 km: the pairs within reach, then both steps. Goal: 1 s.
    let demand = cityPoints(100_000, side: 100_000, seed: 3)
    var random = Stream(state: 4)
    let persons = demand.map { _ in Double(Int(random.next() * 400)) }
    let homes = cityPoints(10_000, side: 100_000, seed: 5)
    let beds = homes.map { _ in Double(20 + Int(random.next() * 180)) }
    Benchmark(
        "E2SFCA (Gaussian): 100,000 demand points, 10,000 facilities, 3,000 m",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: milliseconds(1000)])])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let reach = Reach(from: homes, to: demand, within: 3000, model: .radius)
            blackHole(
                FloatingCatchment.accessibility(
                    demand: persons, supply: beds, reach: reach.matrix,
                    decay: .luoQiGaussian(radius: 3000)))
        }
    }

    // 3. Maximal covering: 50,000 demand points, 2,000 candidates (80% near demand), p = 100,
    // 1,000 m, over 40 km × 40 km. Goal for the fast method: 2 s, within 0.1% of the optimum.
    let sitingDemand = cityPoints(50_000, side: 40_000, seed: 6)
    let sitingWeights = sitingDemand.map { _ in Double(20 + Int(random.next() * 150)) }
    let candidates = (0..<2000).map { index -> PlanarPoint in
        if random.next() < 0.8 {
            let point = sitingDemand[Int(random.next() * Double(sitingDemand.count))]
            return PlanarPoint(
                x: point.x + random.normal() * 200, y: point.y + random.normal() * 200)
        }
        return PlanarPoint(x: random.next() * 40_000, y: random.next() * 40_000)
    }
    let sitingReach = Reach(from: candidates, to: sitingDemand, within: 1000, model: .radius).matrix
    let problem = try! MaximalCoveringProblem(
        weights: sitingWeights, candidates: sitingReach, siteCount: 100)
    Benchmark(
        "MCLP fast method: 50,000 demand points, 2,000 candidates, p = 100, 1,000 m",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal],
            thresholds: [.wallClock: .init(absolute: [.p50: milliseconds(2000)])])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let solution = problem.solveFast()
            blackHole(solution)
            if ProcessInfo.processInfo.environment["YANGLAO_BENCH_SHOW"] != nil {
                print(
                    "fast: covered \(solution.coveredWeight), bound \(solution.bound!), gap \(solution.gap!)"
                )
            }
        }
    }
    if ProcessInfo.processInfo.environment["YANGLAO_BENCH_EXACT"] != nil {
        // GLPK on the same instance: one run, minutes; only when asked.
        Benchmark(
            "MCLP exact (GLPK): 50,000 demand points, 2,000 candidates, p = 100, 1,000 m",
            configuration: .init(
                metrics: [.wallClock], maxDuration: .seconds(900), maxIterations: 1)
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                let solution = try! problem.solveExactly(
                    options: SolveOptions(timeLimit: .seconds(900)))
                print(
                    "exact: covered \(solution.coveredWeight), status \(solution.status), gap \(solution.gap ?? -1)"
                )
                blackHole(solution)
            }
        }
    }

    // 4. A walking network of 1,000,000 edges (a 708 × 708 street grid, 60–90 m blocks):
    // the 1,000 m catchments of 10,000 facilities. Goal: 2 s.
    let side = 708
    var nodes: [PlanarPoint] = []
    nodes.reserveCapacity(side * side)
    var edges: [WalkingNetwork.Edge] = []
    edges.reserveCapacity(2 * side * side)
    for row in 0..<side {
        for column in 0..<side {
            nodes.append(PlanarPoint(x: Double(column) * 75, y: Double(row) * 75))
            let node = row * side + column
            if column + 1 < side {
                edges.append(.init(from: node, to: node + 1, length: 60 + random.next() * 30))
            }
            if row + 1 < side {
                edges.append(.init(from: node, to: node + side, length: 60 + random.next() * 30))
            }
        }
    }
    let network = try! WalkingNetwork(nodes: nodes, edges: edges)
    let sources = (0..<10_000).map { _ in
        WalkingNetwork.Source(
            node: Int(random.next() * Double(nodes.count)), offset: random.next() * 50)
    }
    Benchmark(
        "Walking network: \(network.edgeCount) edges, 1,000 m catchments of 10,000 facilities",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: milliseconds(2000)])])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(network.catchments(of: sources, cutoff: 1000))
        }
    }
}
