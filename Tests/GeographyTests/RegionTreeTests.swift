import Geography
import Testing

@Suite struct RegionTreeTests {
    func region(_ code: String, _ name: String, _ kind: RegionKind) throws -> Region {
        Region(code: try DivisionCode(parsing: code), name: name, kind: kind)
    }

    /// 鞍山市 › 铁东区 › 解放街道, 山南街道; 鞍山市 › 海城市 › 牛庄镇 (given out of order).
    func smallTree() throws -> RegionTree {
        try RegionTree(regions: [
            region("210381100", "牛庄镇", .town),
            region("210302003", "山南街道", .street),
            region("2103", "鞍山市", .city),
            region("210381", "海城市", .countyCity),
            region("210302002", "解放街道", .street),
            region("210302", "铁东区", .district),
        ])
    }

    @Test func regionsAreHeldInPreOrderWithParentsAndSubtrees() throws {
        let tree = try smallTree()
        #expect(
            tree.regions.map(\.name) == ["鞍山市", "铁东区", "解放街道", "山南街道", "海城市", "牛庄镇"])
        #expect(tree.parentIndices == [-1, 0, 1, 1, 0, 4])
        #expect(tree.roots == [0])
        #expect(tree.children(of: 0) == [1, 4])
        #expect(tree.children(of: 1) == [2, 3])
        #expect(tree.subtree(of: 1) == 1..<4)
        #expect(tree.subtree(of: 4) == 4..<6)
        #expect(tree.ancestors(of: 5) == [4, 0])
        #expect(tree.index(of: try DivisionCode(parsing: "210381")) == 4)
    }

    // Persons 60+ by street and town (made-up): 1,200 + 800 in 铁东区, 500 in 海城市 → city
    // 2,500. Summed by hand.
    @Test func subtreeTotalsAddThePartsUpTheTree() throws {
        let tree = try smallTree()
        let values: [Double] = [0, 0, 1200, 800, 0, 500]
        #expect(tree.subtreeTotals(values) == [2500, 2000, 1200, 800, 500, 500])
        #expect(tree.subtreeTotals([0, 0, 1, 1, 0, 1]) == [3, 2, 1, 1, 1, 1])
    }

    @Test func everyIssueIsReportedTogether() throws {
        let regions = [
            try region("2103", "鞍山市", .city),
            try region("210302", "铁东区", .district),
            try region("210302", "铁东区", .district),
            try region("210399001", "某街道", .street),
            try region("210381", "海城市", .town),
        ]
        #expect(throws: RegionTree.BuildError.self) { try RegionTree(regions: regions) }
        do {
            _ = try RegionTree(regions: regions)
        } catch {
            #expect(
                error.issues == [
                    .duplicateCode(
                        try DivisionCode(parsing: "210302"), position: 2, firstPosition: 1),
                    .kindDoesNotMatchLevel(
                        try DivisionCode(parsing: "210381"), kind: .town, position: 4),
                    .missingParent(
                        try DivisionCode(parsing: "210399001"),
                        parent: try DivisionCode(parsing: "210399"),
                        position: 3),
                ])
        }
    }

    @Test func theTopLevelNeedsNoParentButLowerLevelsDo() throws {
        // Two counties of different cities with no city rows: fine, they are the top level.
        let counties = try RegionTree(regions: [
            region("210302", "铁东区", .district), region("140105", "小店区", .district),
        ])
        #expect(counties.roots.count == 2)
    }
}
