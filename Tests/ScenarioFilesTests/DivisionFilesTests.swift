import CSV
import Diagnostics
import Foundation
import Geography
import Testing

@testable import ScenarioFiles

/// The reference data: NBS division lists (2016, 2020, 2023) for Liaoning, Shanxi and
/// Weibin, in the folder named by `YANGLAO_DATA` or `../shared/data` beside the checkout.
/// Every expected count below is from that folder's README, which tabulates the lists
/// independently of this code. The tests are skipped where the data are not present.
enum ReferenceData {
    static var folder: String? {
        let candidates = [
            ProcessInfo.processInfo.environment["YANGLAO_DATA"],
            SmallScenario.repository + "/../shared/data",
        ]
        return candidates.compactMap { $0 }.first {
            FileManager.default.fileExists(atPath: $0 + "/divisions/nbs2020/villages.csv")
        }
    }

    /// Whether the suites that need the data run: when the data are present, and always in CI
    /// (`YANGLAO_REQUIRE_DATA` set), where missing data then fail the suites instead of
    /// skipping them.
    static var isAvailable: Bool {
        folder != nil || ProcessInfo.processInfo.environment["YANGLAO_REQUIRE_DATA"] != nil
    }

    /// The rows of one list file.
    static func rows(_ vintage: String, _ level: String) throws -> [[String: String]] {
        let path = try #require(folder) + "/divisions/\(vintage)/\(level).csv"
        var log = DiagnosticLog()
        let table = try #require(CSVReader.read(atPath: path, name: path, log: &log))
        #expect(!log.hasErrors)
        return (0..<table.rowCount).map { row in
            Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, table[row, $0]) })
        }
    }
}

@Suite(.enabled(if: ReferenceData.isAvailable, "the NBS division lists are not present"))
struct DivisionFilesTests {
    func counts(_ kinds: [RegionKind]) -> [RegionKind: Int] {
        kinds.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    // README "Township types": nbs2023 Liaoning 510 / 639 / 201 / 56, Shanxi 228 / 632 / 430 /
    // 62, Anshan 40 / 52 / 3 / 1, Weibin 7 / 1 / 0 / 0 (street / town / township / other).
    @Test func townshipKindsByNameMatchThe2023Tables() throws {
        let rows = try ReferenceData.rows("nbs2023", "townships")
        #expect(rows.count == 1406 + 1352 + 8)
        func kinds(under prefix: String) -> [RegionKind: Int] {
            counts(
                rows.filter { $0["code"]!.hasPrefix(prefix) }.map {
                    KindRules.townshipKind(fromName: $0["name"]!)
                })
        }
        #expect(
            kinds(under: "21") == [.street: 510, .town: 639, .township: 201, .otherTownship: 56])
        #expect(
            kinds(under: "14") == [.street: 228, .town: 632, .township: 430, .otherTownship: 62])
        #expect(kinds(under: "2103") == [.street: 40, .town: 52, .township: 3, .otherTownship: 1])
        #expect(kinds(under: "410703") == [.street: 7, .town: 1])
        // README: the name rule and the code class disagree on 15 rows of nbs2023.
        let disagreements = rows.filter {
            KindRules.townshipKind(fromName: $0["name"]!)
                != KindRules.townshipKind(fromCode: try! DivisionCode(parsing: $0["code"]!))
        }
        #expect(disagreements.count == 15)
    }

    // README: nbs2020 committee types, Liaoning 4,852 residents + 83 residents-like
    // (communities) and 11,322 villagers + 119 villagers-like (villages); Shanxi 2,732 + 151
    // and 20,570 + 12.
    @Test func villageKindsByCodeMatchThe2020Tables() throws {
        let rows = try ReferenceData.rows("nbs2020", "villages")
        func kinds(under prefix: String) -> [RegionKind: Int] {
            counts(
                rows.filter { $0["code"]!.hasPrefix(prefix) }.map {
                    KindRules.villageKind(fromCode: try! DivisionCode(parsing: $0["code"]!))
                })
        }
        #expect(kinds(under: "21") == [.community: 4852 + 83, .village: 11322 + 119])
        #expect(kinds(under: "14") == [.community: 2732 + 151, .village: 20570 + 12])
        #expect(kinds(under: "2103") == [.community: 352 + 1, .village: 824])
    }

    // README: nbs2016 urban–rural codes for Liaoning: 111 3,910; 112 805; 121 1,086;
    // 122 722; 123 214; 210 314; 220 9,213.
    @Test func urbanRuralClassesMatchThe2016Table() throws {
        let rows = try ReferenceData.rows("nbs2016", "villages").filter {
            $0["code"]!.hasPrefix("21")
        }
        let classes = rows.compactMap {
            Int($0["urban_rural_code"]!).flatMap(UrbanRuralClass.init(rawValue:))
        }
        #expect(classes.count == rows.count)
        let byClass = classes.reduce(into: [Int: Int]()) { $0[$1.rawValue, default: 0] += 1 }
        #expect(
            byClass == [111: 3910, 112: 805, 121: 1086, 122: 722, 123: 214, 210: 314, 220: 9213])
    }

    // The whole 2020 tree of Liaoning, five levels: 1 + 14 + 114 + 1,406 + 16,376 = 17,911
    // regions; every parent is present, and every township has at least one village (both
    // checked in the README); village counts add up to the province's 16,376.
    @Test func theFiveLevel2020TreeOfLiaoningBuilds() throws {
        var regions: [Region] = []
        for level in ["provinces", "cities", "counties", "townships", "villages"] {
            for row in try ReferenceData.rows("nbs2020", level) where row["code"]!.hasPrefix("21") {
                let code = try DivisionCode(parsing: row["code"]!)
                let urbanRural = row["urban_rural_code"].flatMap(Int.init).flatMap(
                    UrbanRuralClass.init(rawValue:))
                regions.append(
                    Region(
                        code: code, name: row["name"]!,
                        kind: RegionTable.defaultKind(
                            code: code, name: row["name"]!, urbanRural: urbanRural)))
            }
        }
        let tree = try RegionTree(regions: regions)
        #expect(tree.count == 17_911)
        let villageCounts = tree.subtreeTotals(tree.regions.map { $0.level == .village ? 1 : 0 })
        #expect(villageCounts[tree.roots[0]] == 16_376)
        for township in tree.indices(at: .township) {
            #expect(villageCounts[township] >= 1)
        }
    }
}
