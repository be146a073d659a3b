import Geography
import Testing

@Suite struct PlaneGeometryTests {
    static func points(_ pairs: [(Double, Double)]) -> [PlanePoint] {
        pairs.map { PlanePoint(x: $0.0, y: $0.1) }
    }

    // The line (0,0) (1,0.4) (2,0) (3,0.2) (4,0): its chord is the x axis, and the farthest
    // point from it is (1,0.4), at 0.4. With a tolerance of 0.5 only the ends stay.
    @Test func douglasPeuckerAtTolerance0_5KeepsOnlyTheEndsOfALineWithin0_4OfItsChord() {
        let line = Self.points([(0, 0), (1, 0.4), (2, 0), (3, 0.2), (4, 0)])
        #expect(PlaneGeometry.simplify(line, tolerance: 0.5) == Self.points([(0, 0), (4, 0)]))
    }

    // With 0.3, (1,0.4) stays (0.4 > 0.3). Then, by hand, against the chord (1,0.4)–(4,0)
    // (direction (3,−0.4), length √9.16 = 3.0265): (2,0) is |1·(−0.4) − (−0.4)·3| / 3.0265 =
    // 0.264 away and (3,0.2) is |2·(−0.4) − (−0.2)·3| / 3.0265 = 0.066, both under 0.3.
    @Test func douglasPeuckerAtTolerance0_3KeepsThePointAt0_4AndDropsThoseAt0_264And0_066() {
        let line = Self.points([(0, 0), (1, 0.4), (2, 0), (3, 0.2), (4, 0)])
        #expect(
            PlaneGeometry.simplify(line, tolerance: 0.3) == Self.points([(0, 0), (1, 0.4), (4, 0)]))
    }

    // A 10 × 10 square with a bump of 0.2 at the middle of its top edge has area
    // 100 + ½ · 10 · 0.2 = 101 (shoelace, by hand); simplified at 0.5 the bump goes and the
    // area is 100, within 1% of the source, and the ring stays a closed square.
    @Test func simplifyingASquareWithA0_2BumpAt0_5KeepsItsAreaWithinOnePercent() {
        let ring = Self.points([(0, 0), (10, 0), (10, 10), (5, 10.2), (0, 10), (0, 0)])
        #expect(abs(PlaneGeometry.signedArea(ring) - 101) < 1e-9)
        let simplified = PlaneGeometry.simplify(ring, tolerance: 0.5)
        #expect(simplified == Self.points([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]))
        let area = PlaneGeometry.signedArea(simplified)
        #expect(abs(area - 100) < 1e-9)
        #expect(abs(area - 101) / 101 < 0.01)
    }

    // A unit square run anticlockwise has area +1, clockwise −1; (0.5, 0.5) is inside and
    // (1.5, 0.5) outside.
    @Test func aUnitSquareHasArea1AndContainsItsCentre() {
        let square = Self.points([(0, 0), (1, 0), (1, 1), (0, 1)])
        #expect(PlaneGeometry.signedArea(square) == 1)
        #expect(PlaneGeometry.signedArea(square.reversed()) == -1)
        #expect(PlaneGeometry.contains(square, PlanePoint(x: 0.5, y: 0.5)))
        #expect(!PlaneGeometry.contains(square, PlanePoint(x: 1.5, y: 0.5)))
    }

    // Sites A (1,1), B (3,1), C (1,3) in the square [0,4]²; worked by hand: the bisector of A
    // and B is x = 2, of A and C y = 2, of B and C the line y = x. A's cell is [0,2]², area 4;
    // B's is x ≥ 2, y ≤ x: ∫₂⁴ x dx = 6; C's is its mirror image, 6; together 16, the square.
    @Test func voronoiCellsOfThreeSitesInA4By4SquareHaveAreas4_6And6() {
        let square = Self.points([(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)])
        let sites = Self.points([(1, 1), (3, 1), (1, 3)])
        let cells = PlaneGeometry.voronoiCells(sites, clippedTo: [square])
        let areas = cells.map { $0.reduce(0) { $0 + abs(PlaneGeometry.signedArea($1)) } }
        #expect(areas.count == 3)
        #expect(abs(areas[0] - 4) < 1e-9)
        #expect(abs(areas[1] - 6) < 1e-9)
        #expect(abs(areas[2] - 6) < 1e-9)
        // Each cell holds its own site and none of the others.
        for (index, site) in sites.enumerated() {
            #expect(PlaneGeometry.contains(cells[index][0], site))
            for other in sites.indices where other != index {
                #expect(!PlaneGeometry.contains(cells[other][0], site))
            }
        }
    }

    // A concave region, an L of the squares [0,2]×[0,1] and [0,1]×[1,2] (area 3), with sites
    // at (0.5,0.5) and (1.5,0.5): the bisector x = 1 gives the right site only the square
    // [1,2]×[0,1], area 1, and the left one the rest, area 2.
    @Test func voronoiCellsClippedToAnLShapedRegionSplitItsArea3Into2And1() {
        let region = Self.points([(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)])
        let cells = PlaneGeometry.voronoiCells(
            Self.points([(0.5, 0.5), (1.5, 0.5)]), clippedTo: [region])
        #expect(abs(abs(PlaneGeometry.signedArea(cells[0][0])) - 2) < 1e-9)
        #expect(abs(abs(PlaneGeometry.signedArea(cells[1][0])) - 1) < 1e-9)
    }
}
