import Coverage
import Foundation

/// The folder of the peer fixtures written by Scripts/coverage-peers.py.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// A fixture table of plain comma-separated cells (no quotes), by column name.
struct FixtureTable {
    let header: [String]
    let rows: [[String]]

    init(_ name: String) throws {
        let text = try String(contentsOfFile: fixtures + "/" + name, encoding: .utf8)
        let lines = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        header = lines[0]
        rows = Array(lines.dropFirst())
    }

    func column(_ name: String) -> [String] {
        let index = header.firstIndex(of: name)!
        return rows.map { $0[index] }
    }

    func numbers(_ name: String) -> [Double] { column(name).map { Double($0)! } }

    var points: [PlanarPoint] {
        zip(numbers("x"), numbers("y")).map { PlanarPoint(x: $0, y: $1) }
    }
}

/// The peers' answers, from Fixtures/peers.json.
func peerRecord() throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/peers.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}

/// A repeatable stream of numbers in [0, 1) for random test instances (64-bit LCG,
/// Knuth's MMIX constants).
struct TestRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }

    mutating func below(_ bound: Int) -> Int { min(bound - 1, Int(next() * Double(bound))) }
}

/// A random siting instance: demand points with whole weights and candidate sites in a square.
struct RandomInstance {
    var demand: [PlanarPoint]
    var weights: [Double]
    var candidates: [PlanarPoint]
    var existing: [PlanarPoint]
    var radius: Double

    init(
        seed: UInt64, demand: Int, candidates: Int, existing: Int = 0, side: Double = 1000,
        radius: Double = 250
    ) {
        var random = TestRandom(seed: seed)
        self.demand = (0..<demand).map { _ in
            PlanarPoint(x: random.next() * side, y: random.next() * side)
        }
        self.weights = (0..<demand).map { _ in Double(1 + random.below(20)) }
        self.candidates = (0..<candidates).map { _ in
            PlanarPoint(x: random.next() * side, y: random.next() * side)
        }
        self.existing = (0..<existing).map { _ in
            PlanarPoint(x: random.next() * side, y: random.next() * side)
        }
        self.radius = radius
    }

    var candidateReach: ReachMatrix {
        Reach(from: candidates, to: demand, within: radius, model: .radius).matrix
    }

    var existingReach: ReachMatrix? {
        existing.isEmpty
            ? nil : Reach(from: existing, to: demand, within: radius, model: .radius).matrix
    }

    /// Whether a point lies within the radius of a site, by direct distance (a second method
    /// beside the grid of `Reach`).
    func covers(_ site: PlanarPoint, _ point: Int) -> Bool {
        site.distance(to: demand[point]) <= radius
    }

    /// The covered weight of a set of candidates plus the existing sites, directly.
    func coveredWeight(_ sites: [Int]) -> Double {
        var sum = 0.0
        for point in demand.indices
        where existing.contains(where: { covers($0, point) })
            || sites.contains(where: { covers(candidates[$0], point) })
        {
            sum += weights[point]
        }
        return sum
    }
}

/// Every subset of `0..<count` with `size` elements, in lexicographic order.
func combinations(of count: Int, size: Int) -> [[Int]] {
    guard size > 0 else { return [[]] }
    guard size <= count else { return [] }
    var result: [[Int]] = []
    var current = Array(0..<size)
    while true {
        result.append(current)
        var index = size - 1
        while index >= 0 && current[index] == count - size + index { index -= 1 }
        if index < 0 { return result }
        current[index] += 1
        for next in (index + 1)..<size { current[next] = current[next - 1] + 1 }
    }
}
