import Foundation

/// A folder of scenario files written for one test and removed afterwards.
final class TemporaryFolder {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("yanglao-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes files (names relative to the folder) and returns the folder's path.
    @discardableResult
    func write(_ files: [String: String]) throws -> String {
        for (name, text) in files {
            let file = path + "/" + name
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        }
        return path
    }
}

/// A small valid scenario: Anshan city, two counties, three townships.
enum SmallScenario {
    static let yaml = """
        label: 测试情景
        base_year: 2020
        horizon: 2035
        report_year: 2025
        seed: 7
        regions:
          file: regions.csv
          datum: GCJ-02

        """

    static let regions = """
        code,name,level,parent,lon,lat
        2103,鞍山市,city,,122.994329,41.108647
        210302,铁东区,county,2103,122.991052,41.089933
        210302002,解放街道,township,210302,122.988611,41.090486
        210302006,站前街道,township,210302,122.997345,41.116947
        210381,海城市,county,2103,122.685217,40.882377
        210381100,牛庄镇,township,210381,,

        """

    /// The repository's root folder.
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}
