// swift-tools-version: 6.0
// Yanglao (养老): capacity-planning and facility-coverage simulator for elderly-care services.
import PackageDescription

let package = Package(
    name: "yanglao",
    products: [
        .executable(name: "yanglao", targets: ["yanglao"]),
        .library(name: "GSL", targets: ["GSL"]),
        .library(name: "GLPK", targets: ["GLPK"]),
        .library(name: "Geography", targets: ["Geography"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "ScenarioFiles", targets: ["ScenarioFiles"]),
        .library(name: "CSV", targets: ["CSV"]),
        .library(name: "XLSX", targets: ["XLSX"]),
        .library(name: "Demography", targets: ["Demography"]),
        .library(name: "Coverage", targets: ["Coverage"]),
        .library(name: "Facilities", targets: ["Facilities"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Uncertainty", targets: ["Uncertainty"]),
        .library(name: "Entitlements", targets: ["Entitlements"]),
        .library(name: "Allocation", targets: ["Allocation"]),
        .library(name: "Planning", targets: ["Planning"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own logger; the workbench's tests make a request context from one.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        // C libraries from Debian, each behind a module map and a small shim header.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(
            name: "CXLSX", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),

        // Swift wrappers that own every C handle; no C type crosses their public API.
        .target(name: "GSL", dependencies: ["CGSL"]),
        .target(name: "GLPK", dependencies: ["CGLPK"]),

        // Pure model and support modules: no file I/O, no C.
        .target(name: "Diagnostics"),
        .target(name: "Quantities"),
        .target(name: "Geography"),
        .target(name: "Targets", dependencies: ["Geography", "Quantities"]),
        .target(name: "Demography", dependencies: ["GSL", "Geography", "Quantities"]),
        .target(name: "Facilities", dependencies: ["Geography", "Quantities"]),
        .target(name: "Coverage", dependencies: ["Geography", "GLPK"]),
        .target(name: "Uncertainty", dependencies: ["GSL"]),
        .target(
            name: "Entitlements",
            dependencies: ["Geography", "Quantities", "Demography", "GSL", "Targets"]),
        .target(
            name: "Simulation",
            dependencies: [
                "Geography", "Quantities", "Targets", "Demography", "Facilities", "Coverage",
                "Uncertainty",
                "Entitlements",
            ]),

        // Optimal allocation of the plan's actions (a model module: no file I/O).
        .target(
            name: "Allocation",
            dependencies: [
                "Simulation", "Facilities", "Targets", "Geography", "Quantities", "Coverage",
                "GLPK",
            ]),

        // Edge modules: reading inputs, recording runs.
        .target(name: "CSV", dependencies: ["Diagnostics", "Geography"]),
        // Excel workbooks (.xlsx) read into the CSV reader's table, cells located by sheet.
        .target(
            name: "XLSX",
            dependencies: [
                "CSV", "Diagnostics", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(name: "CFileSystem"),
        .target(name: "Provenance", dependencies: ["CFileSystem"]),
        .target(
            name: "ScenarioFiles",
            dependencies: [
                "Simulation", "Geography", "Quantities", "Targets", "Demography", "Coverage",
                "Diagnostics", "CSV", "XLSX", "Provenance", "Entitlements", "Uncertainty",
                "Facilities", "Allocation",
            ]),

        // Edge: reports. Reads run results, writes files (HTML, Excel, CSV, JSON, GeoJSON).
        .target(
            name: "Reports",
            dependencies: [
                "CXLSX", "Simulation", "Targets", "Facilities", "Geography",
                "Quantities", "Diagnostics", "CSV", "Provenance", "Coverage", "Entitlements",
                "Uncertainty",
            ]),

        // The application layer: one function per use case (run, draws, required, …), between
        // the command line (and the workbench) and the model and edge modules.
        .target(
            name: "Planning",
            dependencies: [
                "ScenarioFiles", "Simulation", "Reports", "Provenance", "Uncertainty", "Targets",
                "Geography", "Diagnostics", "Facilities", "Coverage", "Demography", "Entitlements",
                "Allocation", "GLPK", "CSV", "Quantities",
            ]),

        // Build time: the commit the tool is built from, read from the checkout's .git files.
        .executableTarget(name: "BuildInfoGenerator"),
        .plugin(
            name: "BuildInfo", capability: .buildTool(), dependencies: ["BuildInfoGenerator"]),

        // The browser workbench: HTTP routes that parse a request, call Planning, encode JSON.
        .target(
            name: "Workbench",
            dependencies: [
                "Planning", "Diagnostics",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),

        // The command-line tool.
        .executableTarget(
            name: "yanglao",
            dependencies: [
                "Planning", "ScenarioFiles", "Simulation", "Reports", "Geography", "Targets",
                "Demography", "Quantities",
                "Coverage", "Diagnostics", "Provenance", "CSV", "GLPK", "Entitlements",
                "Uncertainty",
                "Allocation", "Workbench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]),

        .testTarget(name: "GSLTests", dependencies: ["GSL"]),
        .testTarget(name: "UncertaintyTests", dependencies: ["Uncertainty", "GSL"]),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "QuantitiesTests", dependencies: ["Quantities"]),
        .testTarget(name: "GeographyTests", dependencies: ["Geography"]),
        .testTarget(name: "TargetsTests", dependencies: ["Targets", "Geography", "Quantities"]),
        .testTarget(
            name: "CoverageTests", dependencies: ["Coverage", "Geography", "GLPK"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "Geography", "ScenarioFiles", "Targets", "Coverage", "Facilities",
            ]),
        .testTarget(name: "DemographyTests", dependencies: ["Demography", "Geography", "GSL"]),
        .testTarget(
            name: "FacilitiesTests", dependencies: ["Facilities", "Geography", "Quantities"]),
        .testTarget(
            name: "EntitlementsTests",
            dependencies: [
                "Entitlements", "Demography", "Geography", "Quantities", "GSL", "Targets",
            ]),
        .testTarget(name: "CSVTests", dependencies: ["CSV", "Diagnostics"]),
        .testTarget(
            name: "XLSXTests", dependencies: ["XLSX", "CSV", "Diagnostics"],
            exclude: ["Fixtures"]),
        .testTarget(name: "ProvenanceTests", dependencies: ["Provenance"]),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Simulation", "ScenarioFiles", "Targets", "Geography", "Quantities",
                "Diagnostics", "Provenance",
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "ScenarioFilesTests",
            dependencies: [
                "ScenarioFiles", "Simulation", "Geography", "Quantities", "Targets", "Diagnostics",
                "CSV", "Coverage", "Entitlements", "Uncertainty",
            ]
        ),
        .testTarget(
            name: "AllocationTests",
            dependencies: [
                "Allocation", "Simulation", "ScenarioFiles", "Facilities", "Targets", "Geography",
                "GLPK",
            ]),
        .testTarget(
            name: "PlanningTests",
            dependencies: [
                "Planning", "ScenarioFiles", "Simulation", "Geography", "Targets", "Uncertainty",
            ]),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: [
                "Workbench", "Planning", "Diagnostics", "Reports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["yanglao", "ScenarioFiles", "Diagnostics"]),
    ],
    swiftLanguageModes: [.v6]
)
