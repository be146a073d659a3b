// swift-tools-version: 6.0
// Fuzz targets of Yanglao's readers, kept in their own package so that `make test` does not
// build them: they link only with libFuzzer. Build and run them with
// `Scripts/fuzz.sh [seconds]` from the repository's root; see Fuzz/README.md.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is the checkout's name.
let yanglao = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "yanglao-fuzz",
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        // libFuzzer's driver, declared to Swift.
        .target(name: "CFuzzer"),
        // One executable; the target is chosen by `--target=NAME` (or YANGLAO_FUZZ_TARGET).
        // Its main hands over to libFuzzer's driver, so it links only when built with
        // `-sanitize=fuzzer`.
        .executableTarget(
            name: "yanglao-fuzz",
            dependencies: [
                "CFuzzer",
                .product(name: "CSV", package: yanglao),
                .product(name: "XLSX", package: yanglao),
                .product(name: "ScenarioFiles", package: yanglao),
                .product(name: "Geography", package: yanglao),
                .product(name: "Demography", package: yanglao),
                .product(name: "Facilities", package: yanglao),
            ],
            path: "Sources/YanglaoFuzz"
        ),
    ],
    swiftLanguageModes: [.v6]
)
