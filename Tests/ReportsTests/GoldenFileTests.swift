import Foundation
import Testing

@testable import Reports

/// The reports of `Examples/small-city` compared byte for byte with the files in `Golden/`.
/// The golden files are regenerated only by `Scripts/update-golden.sh`, which sets
/// `YANGLAO_UPDATE_GOLDEN`; read the difference before committing new ones.
@Suite struct GoldenFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").path
    static let updating = ProcessInfo.processInfo.environment["YANGLAO_UPDATE_GOLDEN"] != nil

    func check(_ name: String, _ bytes: [UInt8]) throws {
        let path = Self.folder + "/" + name
        if Self.updating {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return
        }
        let golden = try #require(
            FileManager.default.contents(atPath: path), "no golden file \(name)")
        #expect(
            [UInt8](golden) == bytes,
            "\(name) differs from its golden file; run Scripts/update-golden.sh if the change is meant"
        )
    }

    @Test func theSmallCitysReportsMatchTheirGoldenFiles() throws {
        let run = try SmallCityRun(runID: "golden")
        let data = try #require(run.read().0)
        for language in ReportLanguage.allCases {
            let report = try AnnualReport(data: data, year: 2022, language: language)
            try check(report.stem + ".html", Array(report.html().utf8))
            try check(report.stem + ".csv", report.csv())
            try check(report.stem + ".json", report.json())
        }
        let districts = try DistrictComparison(
            data: data, level: .county, year: 2022, language: .chinese)
        try check(districts.stem + ".html", Array(districts.html().utf8))
        try check(
            "indicators.csv",
            try #require(FileManager.default.contents(atPath: run.folder + "/indicators.csv")).map {
                $0
            })
        try check(
            "targets.csv",
            try #require(FileManager.default.contents(atPath: run.folder + "/targets.csv")).map {
                $0
            })
    }
}
