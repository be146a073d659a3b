import CSV
import Diagnostics
import Foundation
import Geography
import Testing

@testable import ScenarioFiles

@Suite struct RegionTableTests {
    func tree(_ text: String) -> (RegionTree?, [Diagnostic]) {
        var log = DiagnosticLog()
        guard let table = CSVReader.parse(bytes: Array(text.utf8), file: "r.csv", log: &log) else {
            return (nil, log.diagnostics)
        }
        return (RegionTable.tree(from: table, log: &log), log.diagnostics)
    }

    @Test func kindsComeFromNamesCodesAndUrbanRuralClasses() throws {
        let (tree, diagnostics) = tree(
            """
            code,name,urban_rural,kind
            2103,鞍山市,,
            210381,海城市,,
            210381100,牛庄镇,,
            210381100001,牛庄镇社区居委会,,
            210381100201,西关村委会,,
            210381100202,东关村委会,121,
            210381100203,南关村委会,,community

            """)
        #expect(diagnostics.isEmpty)
        let kinds = try #require(tree).regions.map(\.kind)
        // Code 001 → community; 201 → village; class 121 (镇中心区) → community; kind given.
        #expect(kinds == [.city, .countyCity, .town, .community, .village, .community, .community])
    }

    @Test func everyRowProblemIsReportedWithItsColumn() throws {
        let (tree, diagnostics) = tree(
            """
            code,name,level,parent,kind,urban_rural,lon,lat
            2103,鞍山市,city,,,,122.99,41.10
            21A302,铁东区,county,2103,,,,
            210302,铁东区,township,2103,,,,
            210303,铁西区,county,2104,,,,
            210304,立山区,county,2103,town,,,
            210304001,某街道,township,210304,,300,,
            210304002,某街道,township,210304,,,41.1,123.0
            210304003,某街道,township,210304,,,abc,41.1

            """)
        #expect(tree == nil)
        let places = diagnostics.map { "\($0.location.line):\($0.location.column)" }
        #expect(places == ["3:1", "4:12", "5:19", "6:24", "7:32", "8:33", "9:33"])
        #expect(
            diagnostics[0].problem
                == .badRegionCode(value: "21A302", reason: "a code has only digits"))
        #expect(
            diagnostics[2].problem
                == .parentMismatch(code: "210303", given: "2104", impliedByCode: "2103"))
        #expect(diagnostics[6].problem == .notANumber(column: "lon", value: "abc"))
    }

    @Test func duplicateCodesAndMissingParentsAreFoundAcrossRows() {
        let (tree, diagnostics) = tree(
            """
            code,name
            2103,鞍山市
            210302,铁东区
            210302,铁东区
            210399001,某街道

            """)
        #expect(tree == nil)
        #expect(
            diagnostics == [
                .error(
                    .duplicateRegion(code: "210302", firstLine: 3),
                    at: .init(file: "r.csv", line: 4, column: 1)),
                .error(
                    .missingParent(code: "210399001", parent: "210399"),
                    at: .init(file: "r.csv", line: 5, column: 1)),
            ])
    }

    @Test func aRegionsTableNeedsCodeAndName() {
        let (tree, diagnostics) = tree("code,nmae\n2103,鞍山市\n")
        #expect(tree == nil)
        #expect(diagnostics.first?.problem == .missingColumn(column: "name", suggestion: "nmae"))
        let (_, empty) = self.tree("code,name\n")
        #expect(empty.map(\.problem) == [.emptyTable])
    }
}
