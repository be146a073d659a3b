import Foundation
import Testing

/// A malformed input to `yanglao coverage` or `yanglao site`, and what it must report.
struct BadCoverageInput: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [String: String]
    var arguments: [String]
    /// The exit status.
    var status: Int32 = 64
    /// Text the error output must contain: `file:line` and part of the message.
    var expected: [String]

    var testDescription: String { name }
}

/// The standalone coverage commands, run as the built binary on small hand-made inputs.
struct CoverageCommandTests {
    /// Three residents on a line and two facilities:
    ///   a (0, 0) 100 persons, b (600, 0) 50, c (2000, 0) 30; f1 (100, 0), f2 (1500, 0).
    /// Within 500 m: a (100 m from f1) and c (500 m from f2); b is 500 m from f1… and
    /// 900 m from f2 — so b is covered too at 500 m, boundary included.
    static let demand = "id,x,y,weight\na,0,0,100\nb,600,0,50\nc,2000,0,30\n"
    static let facilities = "id,x,y,capacity\nf1,100,0,10\nf2,1500,0,20\n"

    static func run(_ files: [String: String], _ arguments: [String]) throws -> (
        CommandResult, TemporaryFolder
    ) {
        let folder = try TemporaryFolder()
        for (name, text) in files { try folder.write(name, Array(text.utf8)) }
        return (try yanglao(arguments, in: folder.path), folder)
    }

    static func read(_ folder: TemporaryFolder, _ name: String) throws -> String {
        try String(contentsOfFile: folder.path + "/" + name, encoding: .utf8)
            .replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(
                of: "\r\n", with: "\n")
    }

    @Test func radiusCoverageOfFiveHundredMetresCoversAllOneHundredEightyPersons() throws {
        // a: 100 m to f1; b: 500 m to f1 (boundary included); c: 500 m to f2.
        let (result, folder) = try Self.run(
            ["d.csv": Self.demand, "f.csv": Self.facilities],
            [
                "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "500",
                "--out", "out.csv", "--geojson", "out.geojson", "--crs", "EPSG:4547", "--lang",
                "en",
            ])
        #expect(result.status == 0, "\(result.errors)")
        let csv = try Self.read(folder, "out.csv")
        #expect(
            csv == """
                id,weight,covered,distance_m,nearest_facility
                a,100,1,100.0,f1
                b,50,1,500.0,f1
                c,30,1,500.0,f2

                """)
        let summary = try Self.read(folder, "out.json")
        #expect(summary.contains("\"covered_share\": 1,"))
        let layer = try Self.read(folder, "out.geojson")
        #expect(layer.contains("urn:ogc:def:crs:EPSG::4547"))
        #expect(layer.contains("\"coordinates\": [600, 0]"))
        _ = try JSONSerialization.jsonObject(with: Data(layer.utf8))
        #expect(folder.listing() == ["d.csv", "f.csv", "out.csv", "out.geojson", "out.json"])
    }

    @Test func aDetourOfOnePointTwoLeavesBAndCOutsideFiveHundredMetres() throws {
        // b: 500 × 1.2 = 600 > 500; c: 500 × 1.2 = 600 > 500; a: 120. Share 100 / 180.
        let (result, folder) = try Self.run(
            ["d.csv": Self.demand, "f.csv": Self.facilities],
            [
                "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "500",
                "--detour", "1.2", "--out", "out.csv", "--lang", "en",
            ])
        #expect(result.status == 0)
        #expect(result.output.contains("100 of 180 (55.6%); 2 points uncovered"))
        #expect(try Self.read(folder, "out.json").contains("\"covered_weight\": 100,"))
    }

    @Test func twoStepAccessGivesAOneTenthAndCTwoThirds() throws {
        // Catchment 1,000 m: f1 reaches a (100 m) and b (500 m): R1 = 10 / 150; f2 reaches
        // c (500 m) and b (900 m): R2 = 20 / 80. a = 10/150 = 0.0667; b = 10/150 + 20/80;
        // c = 20/80 = 0.25.
        let (result, folder) = try Self.run(
            ["d.csv": Self.demand, "f.csv": Self.facilities],
            [
                "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "1000",
                "--method", "2sfca", "--out", "out.csv",
            ])
        #expect(result.status == 0, "\(result.errors)")
        let rows = try Self.read(folder, "out.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let values = rows.map { Double($0[2])! }
        #expect(abs(values[0] - 10.0 / 150) < 1e-15)
        #expect(abs(values[1] - (10.0 / 150 + 20.0 / 80)) < 1e-15)
        #expect(values[2] == 0.25)
        #expect(rows.map { $0[4] } == ["1", "2", "1"])
    }

    @Test func aWalkingNetworkMakesBWalkSixHundredMetres() throws {
        // Nodes n1 (0, 0), n2 (100, 0), n3 (600, 0); edges n1–n2 100 m, n2–n3 600 m (a bend).
        // a snaps to n1 (0 m), b to n3 (0 m), f1 to n2. a walks 100 m; b walks 600 m > 500.
        // c is 1,400 m from n3, beyond the 200 m snap distance: a warning with its line.
        let (result, folder) = try Self.run(
            [
                "d.csv": Self.demand, "f.csv": "id,x,y\nf1,100,0\n",
                "n.csv": "id,x,y\nn1,0,0\nn2,100,0\nn3,600,0\n",
                "e.csv": "from,to,length\nn1,n2,100\nn2,n3,600\n",
            ],
            [
                "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "500",
                "--network", "e.csv", "--nodes", "n.csv", "--out", "out.csv", "--lang", "en",
            ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.errors.contains(
                "d.csv:4:1: warning: the point is 1400 m from the nearest network node"))
        let csv = try Self.read(folder, "out.csv")
        #expect(csv.contains("a,100,1,100.0,f1,0\n"))
        #expect(csv.contains("b,50,0,,,0\n"))
        #expect(csv.contains("c,30,0,,,1\n"))
    }

    @Test func theSameNetworkAsGeoJSONGivesTheSameWalks() throws {
        // Straight segments: n1–n2 100 m, n2–n3 500 m, so b now walks 500 m and is covered.
        let geojson = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
               "coordinates": [[0, 0], [100, 0], [600, 0]]}}
            ]}
            """
        let (result, folder) = try Self.run(
            ["d.csv": Self.demand, "f.csv": "id,x,y\nf1,100,0\n", "net.geojson": geojson],
            [
                "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "500",
                "--network", "net.geojson", "--out", "out.csv",
            ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try Self.read(folder, "out.csv").contains("b,50,1,500.0,f1,0\n"))
    }

    @Test func longitudesAndLatitudesAreProjectedLocally() throws {
        // 0.009° of latitude is 0.009 × π/180 × 6,371,008.8 ≈ 1,000.75 m: outside 1,000 m,
        // inside 1,001 m.
        let files = [
            "d.csv": "id,lon,lat,weight\na,123.0,41.0,10\n",
            "f.csv": "id,lon,lat\nf,123.0,41.009\n",
        ]
        let (narrow, folder) = try Self.run(
            files,
            [
                "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "1000",
                "--out", "out.csv", "--geojson", "out.geojson",
            ])
        #expect(narrow.status == 0)
        #expect(try Self.read(folder, "out.csv").contains("a,10,0,,\n"))
        #expect(try Self.read(folder, "out.geojson").contains("\"coordinates\": [123, 41]"))
        let (wide, wideFolder) = try Self.run(
            files,
            [
                "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "1001",
                "--out", "out.csv",
            ])
        #expect(wide.status == 0)
        #expect(try Self.read(wideFolder, "out.csv").contains("a,10,1,1000.8,f\n"))
    }

    /// The road of the Coverage tests: points 0, 100, 200, 500, 600, 1000 (weights 10, 20,
    /// 30, 25, 5, 40); candidates c0 100, c1 550, c2 1000, c3 200, c4 300; radius 150.
    static let road =
        "id,x,y,weight\np0,0,0,10\np1,100,0,20\np2,200,0,30\np3,500,0,25\np4,600,0,5\np5,1000,0,40\n"
    static let roadCandidates = "id,x,y\nc0,100,0\nc1,550,0\nc2,1000,0\nc3,200,0\nc4,300,0\n"

    @Test(arguments: [[], ["--exact"]])
    func twoSitesOnTheRoadAreC0AndC2CoveringOneHundred(extra: [String]) throws {
        // By hand: c0 covers 60, c2 40; no pair covers more than 100 of 130.
        let (result, folder) = try Self.run(
            ["d.csv": Self.road, "c.csv": Self.roadCandidates],
            [
                "site", "--demand", "d.csv", "--candidates", "c.csv", "--radius", "150",
                "--count", "2", "--out", "sites.csv", "--lang", "en",
            ] + extra)
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            try Self.read(folder, "sites.csv") == """
                id,role,x,y,covered_weight,sole_weight
                c0,new,100,0,60,60
                c2,new,1000,0,40,40

                """)
        let summary = try Self.read(folder, "sites.json")
        for field in [
            "\"covered_weight\": 100,", "\"status\": \"optimal\",", "\"gap\": 0,",
            "\"bound\": 100,",
        ] {
            #expect(summary.contains(field), "\(field)")
        }
    }

    @Test func coveringSeventySevenPercentOfTheRoadNeedsThreeSites() throws {
        // Two sites cover at most 100 of 130 = 76.9%.
        let (result, folder) = try Self.run(
            ["d.csv": Self.road, "c.csv": Self.roadCandidates, "e.csv": "id,x,y\ne0,0,0\n"],
            [
                "site", "--demand", "d.csv", "--candidates", "c.csv", "--radius", "150",
                "--cover", "0.77", "--out", "sites.csv", "--exact",
            ])
        #expect(result.status == 0, "\(result.errors)")
        // The existing site e0 reaches p0 and p1 (30); c2, c1 and c3 (or c0) finish the job.
        #expect(try Self.read(folder, "sites.json").contains("\"sites_chosen\": 3,"))
    }

    @Test func anExistingOutputIsKeptUnlessOverwriteIsGiven() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.csv", Array(Self.demand.utf8))
        try folder.write("f.csv", Array(Self.facilities.utf8))
        try folder.write("out.csv", Array("keep".utf8))
        let arguments = [
            "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--radius", "500", "--out",
            "out.csv",
        ]
        let refused = try yanglao(arguments, in: folder.path)
        #expect(refused.status == 64)
        #expect(refused.errors.contains("out.csv exists; add --overwrite to replace it"))
        #expect(try Self.read(folder, "out.csv") == "keep")
        let replaced = try yanglao(arguments + ["--overwrite"], in: folder.path)
        #expect(replaced.status == 0)
        #expect(try Self.read(folder, "out.csv").hasPrefix("id,weight"))
    }

    static let badInputs: [BadCoverageInput] = [
        BadCoverageInput(
            name: "a duplicate id", files: ["d.csv": "id,x,y,weight\na,0,0,1\nb,1,1,1\na,2,2,1\n"],
            arguments: [], expected: ["d.csv:4:1: error: id 'a' appears twice (first on line 2)"]),
        BadCoverageInput(
            name: "a coordinate that is not a number",
            files: ["d.csv": "id,x,y,weight\na,0,0,1\nb,12x,1,1\n"], arguments: [],
            expected: ["d.csv:3:3: error: x must be a number (got '12x')"]),
        BadCoverageInput(
            name: "a negative weight", files: ["d.csv": "id,x,y,weight\na,0,0,-5\n"],
            arguments: [], expected: ["d.csv:2:7: error: weight must not be negative (got -5)"]),
        BadCoverageInput(
            name: "a negative capacity",
            files: ["f.csv": "id,x,y,capacity\nf1,0,0,10\nf2,5,5,-1\n"],
            arguments: [], expected: ["f.csv:3:8: error: capacity must not be negative (got -1)"]),
        BadCoverageInput(
            name: "a missing weight column", files: ["d.csv": "id,x,y,wieght\na,0,0,1\n"],
            arguments: [],
            expected: ["d.csv:1:1: error: missing column 'weight' (the header has 'wieght'?)"]),
        BadCoverageInput(
            name: "a latitude out of range",
            files: [
                "d.csv": "id,lon,lat,weight\na,123,141,1\n", "f.csv": "id,lon,lat\nf,123,41\n",
            ],
            arguments: [], expected: ["d.csv:2:7: error: lat must be between -90 and 90 (got 141)"]),
        BadCoverageInput(
            name: "x,y demand with lon,lat facilities", files: ["f.csv": "id,lon,lat\nf,123,41\n"],
            arguments: [],
            expected: ["f.csv:1:1: error: coordinates: f.csv gives lon,lat but d.csv gives x,y"]),
        BadCoverageInput(
            name: "a radius of zero", files: [:], arguments: ["--radius", "0"],
            expected: ["--radius must be a distance above 0 metres (got 0)"]),
        BadCoverageInput(
            name: "a negative radius", files: [:], arguments: ["--radius=-100"],
            expected: ["--radius must be a distance above 0 metres (got -100)"]),
        BadCoverageInput(
            name: "an edge to an unknown node",
            files: ["n.csv": "id,x,y\nn1,0,0\nn2,100,0\n", "e.csv": "from,to\nn1,n2\nn2,zz\n"],
            arguments: ["--network", "e.csv", "--nodes", "n.csv"],
            expected: [
                "e.csv:3:4: error: the edge names node 'zz', which the nodes table does not list"
            ]),
        BadCoverageInput(
            name: "a negative edge length",
            files: ["n.csv": "id,x,y\nn1,0,0\nn2,100,0\n", "e.csv": "from,to,length\nn1,n2,-3\n"],
            arguments: ["--network", "e.csv", "--nodes", "n.csv"],
            expected: ["e.csv:2:7: error: length must not be negative (got -3)"]),
        BadCoverageInput(
            name: "a CSV network without nodes", files: ["e.csv": "from,to\nn1,n2\n"],
            arguments: ["--network", "e.csv"],
            expected: ["e.csv: error: --network: a CSV network lists edges between node ids"]),
        BadCoverageInput(
            name: "a GeoJSON position that is not a pair of numbers",
            files: [
                "net.geojson":
                    "{\"type\": \"LineString\",\n \"coordinates\": [[0, 0],\n  [\"a\", 1]]}\n"
            ],
            arguments: ["--network", "net.geojson"],
            expected: [
                "net.geojson:3:3: error: GeoJSON: a position is [x, y] in metres (within ±10^8) or [lon, lat] in degrees"
            ]),
        BadCoverageInput(
            name: "broken GeoJSON",
            files: [
                "net.geojson": "{\"type\": \"LineString\",\n \"coordinates\": [[0, 0] [1, 1]]}\n"
            ],
            arguments: ["--network", "net.geojson"],
            expected: ["net.geojson:2:25: error: GeoJSON: expected ',' or ']'"]),
    ]

    @Test(arguments: badInputs)
    func badCoverageInputIsReportedWithItsFileAndLine(_ input: BadCoverageInput) throws {
        var files = ["d.csv": Self.demand, "f.csv": Self.facilities]
        files.merge(input.files) { _, new in new }
        var arguments = [
            "coverage", "--demand", "d.csv", "--facilities", "f.csv", "--out", "out.csv", "--lang",
            "en",
        ]
        let givesRadius = input.arguments.contains { $0.hasPrefix("--radius") }
        arguments += givesRadius ? input.arguments : ["--radius", "500"] + input.arguments
        let (result, folder) = try Self.run(files, arguments)
        #expect(result.status == input.status, "\(result.errors)")
        for text in input.expected { #expect(result.errors.contains(text), "\(result.errors)") }
        // Nothing is written.
        #expect(!folder.listing().contains("out.csv") && !folder.listing().contains("out.json"))
    }

    static let badSiting: [BadCoverageInput] = [
        BadCoverageInput(
            name: "more sites than candidates", files: [:], arguments: ["--count", "6"],
            expected: [
                "c.csv: error: --count must be at most 5, the number of candidate sites (got 6)"
            ]),
        BadCoverageInput(
            name: "a duplicate candidate", files: ["c.csv": "id,x,y\nc0,0,0\nc0,5,5\n"],
            arguments: ["--count", "1"],
            expected: ["c.csv:3:1: error: id 'c0' appears twice (first on line 2)"]),
        BadCoverageInput(
            name: "no count or share", files: [:], arguments: [],
            expected: ["say what to choose: --count P or --cover SHARE"]),
        BadCoverageInput(
            name: "a share above one", files: [:], arguments: ["--cover", "1.5"],
            expected: ["--cover is a share above 0 and at most 1"]),
        BadCoverageInput(
            name: "a share no sites can reach", files: ["d.csv": road + "far,9000,0,100\n"],
            arguments: ["--cover", "0.9"],
            expected: [
                "--cover asks for 90.0%, but all candidates and existing facilities together reach at most 56.5%"
            ]),
        BadCoverageInput(
            name: "capacitated without capacities", files: [:],
            arguments: ["--count", "1", "--capacitated"],
            expected: ["c.csv:1:1: error: missing column 'capacity'"]),
    ]

    @Test(arguments: badSiting)
    func badSitingInputIsReportedWithItsFile(_ input: BadCoverageInput) throws {
        var files = ["d.csv": Self.road, "c.csv": Self.roadCandidates]
        files.merge(input.files) { _, new in new }
        let arguments =
            [
                "site", "--demand", "d.csv", "--candidates", "c.csv", "--radius", "150",
                "--out", "sites.csv", "--lang", "en",
            ] + input.arguments
        let (result, folder) = try Self.run(files, arguments)
        #expect(result.status == input.status, "\(result.errors)")
        for text in input.expected { #expect(result.errors.contains(text), "\(result.errors)") }
        #expect(!folder.listing().contains("sites.csv"))
    }
}
