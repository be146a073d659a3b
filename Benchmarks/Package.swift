// swift-tools-version: 6.1
// Benchmarks of Yanglao, kept in their own package so that `make test` and CI do not build
// package-benchmark. Run them with `make bench` from the repository's root.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is the checkout's name.
let yanglao = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "yanglao-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(
            url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1",
            traits: ["MallocInterposer"]),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .executableTarget(
            name: "RegionLoading",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ScenarioFiles", package: yanglao),
                .product(name: "CSV", package: yanglao),
                .product(name: "Geography", package: yanglao),
            ],
            path: "Benchmarks/RegionLoading",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "RegisterLoading",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ScenarioFiles", package: yanglao),
                .product(name: "XLSX", package: yanglao),
                .product(name: "CSV", package: yanglao),
                .product(name: "Facilities", package: yanglao),
                .product(name: "Geography", package: yanglao),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Benchmarks/RegisterLoading",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Projection",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Demography", package: yanglao),
            ],
            path: "Benchmarks/Projection",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "CoverageEngine",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Coverage", package: yanglao),
                .product(name: "GLPK", package: yanglao),
            ],
            path: "Benchmarks/CoverageEngine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "FacilityStock",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Facilities", package: yanglao),
                .product(name: "Geography", package: yanglao),
            ],
            path: "Benchmarks/FacilityStock",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "YearLoop",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ScenarioFiles", package: yanglao),
                .product(name: "Simulation", package: yanglao),
                .product(name: "Reports", package: yanglao),
            ],
            path: "Benchmarks/YearLoop",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "EntitlementCosting",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Entitlements", package: yanglao),
                .product(name: "Demography", package: yanglao),
                .product(name: "Geography", package: yanglao),
            ],
            path: "Benchmarks/EntitlementCosting",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Optimise",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ScenarioFiles", package: yanglao),
                .product(name: "Simulation", package: yanglao),
                .product(name: "Allocation", package: yanglao),
                .product(name: "GLPK", package: yanglao),
            ],
            path: "Benchmarks/Optimise",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "MonteCarlo",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ScenarioFiles", package: yanglao),
                .product(name: "Simulation", package: yanglao),
                .product(name: "Planning", package: yanglao),
            ],
            path: "Benchmarks/MonteCarlo",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
