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
        guard [UInt8](golden) != bytes else { return }
        let old = String(decoding: golden, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(old.count, new.count)
        let expected = line < old.count ? String(old[line].prefix(300)) : "(end of file)"
        let got = line < new.count ? String(new[line].prefix(300)) : "(end of file)"
        Issue.record(
            "\(name) differs from its golden file at line \(line + 1): expected «\(expected)», got «\(got)»; run Scripts/update-golden.sh if the change is meant"
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
