import Diagnostics
import Geography
import Testing

@testable import ScenarioFiles

@Suite struct BoundaryFileTests {
    // Four features, each with one mistake; the columns were counted by hand on the lines
    // below (1-based, the first character of the value at fault).
    static let text = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "210302"}, "geometry": {"type": "Point", "coordinates": [122.99, 41.09]}},
        {"type": "Feature", "properties": {"code": "21x"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]}},
        {"type": "Feature", "properties": {"code": "210303"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1]]]}},
        {"type": "Feature", "properties": {"code": "210304"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 100], [0, 0]]]}}
        ]}
        """

    @Test func everyMistakeOfABoundaryFileIsReportedAtItsLineAndColumn() {
        var log = DiagnosticLog()
        let set = BoundaryFile.parse(Array(Self.text.utf8), file: "b.geojson", log: &log)
        #expect(set == nil)
        let found = log.sorted.map { ($0.location.line, $0.location.column, $0.problem) }
        #expect(found.count == 4)
        guard found.count == 4 else { return }
        // Line 2: the geometry `{` at column 67 is a Point.
        #expect(found[0].0 == 2 && found[0].1 == 67)
        #expect(found[0].2 == .badBoundary(.notPolygon("Point")))
        // Line 3: the code "21x" at column 44.
        #expect(found[1].0 == 3 && found[1].1 == 44)
        #expect(found[1].2 == .badBoundary(.badCode("21x")))
        // Line 4: the ring at column 103 has 3 positions and does not close.
        #expect(found[2].0 == 4 && found[2].1 == 103)
        #expect(found[2].2 == .badBoundary(.badRing))
        // Line 5: the position [0, 100] at column 120 has a latitude beyond 90.
        #expect(found[3].0 == 5 && found[3].1 == 120)
        #expect(found[3].2 == .badBoundary(.badPosition))
    }

    @Test func aBoundaryMessageIsInChineseAndEnglish() {
        let problem = Problem.badBoundary(.duplicateCode("210302"))
        #expect(problem.message(in: .zh) == "边界文件：区划代码 210302 出现两次")
        #expect(problem.message(in: .en) == "boundary file: the code 210302 appears twice")
    }

    // The shipped file of Weibin (Scripts/make-boundaries.py) holds its one county, 410703.
    @Test func weibinsShippedBoundaryFileHoldsCounty410703() throws {
        var log = DiagnosticLog()
        let set = BoundaryFile.read(
            atPath: SmallScenario.repository + "/Scenarios/weibin/boundaries-counties.geojson",
            log: &log)
        #expect(!log.hasErrors)
        #expect(set?.units.map(\.code.shortForm) == ["410703"])
        #expect(set?.units.first?.name == "卫滨区")
    }
}
