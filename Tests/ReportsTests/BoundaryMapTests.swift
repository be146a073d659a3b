import Geography
import Testing

@testable import Reports

@Suite struct BoundaryMapTests {
    // Against a target of 80%, the breaks are a quarter, half, three quarters and all of it:
    // 20%, 40%, 60%, 80%. A unit at 45% lies above two breaks: class 2 ("40% – 60%"), whose
    // colour is the middle of the red–yellow–green scale, Colour.scale(0.5) = (255, 235, 132)
    // = #FFEB84. A unit exactly at 80% is at its target: the top class.
    @Test func aUnitAt45PercentOfAn80PercentTargetIsInTheMiddleClass40To60() {
        let classes = BoundaryMap.Classes.against(threshold: 0.8, ceiling: false)
        #expect(classes.breaks.count == 4)
        for (found, expected) in zip(classes.breaks, [0.2, 0.4, 0.6, 0.8]) {
            #expect(abs(found - expected) < 1e-12)
        }
        #expect(classes.index(of: 0.45) == 2)
        #expect(classes.colours[2].hex == "#FFEB84")
        #expect(classes.index(of: 0.8) == 4)
        #expect(classes.index(of: 0.1) == 0)
        let map = BoundaryMap(
            areas: [], classes: classes, title: "coverage",
            boundText: { String(Int(($0 * 100).rounded())) + "%" }, chinese: false)
        #expect(map.classLabel(2) == "40% – 60%")
        #expect(map.classLabel(0) == "< 20%")
        #expect(map.classLabel(4) == "≥ 80%")
    }

    // Values 0 … 37 in five classes: 37/5 = 7.4, and the first nice step at or above it
    // (1, 2, 2.5, 5, 10 times 10⁰) is 10, so the breaks are 10, 20, 30, 40; 37 is in class 3.
    @Test func equalIntervalsOfValuesUpTo37HaveBreaksEvery10() {
        let classes = BoundaryMap.Classes.equalInterval([0, 12, 37])
        #expect(classes.breaks == [10, 20, 30, 40])
        #expect(classes.index(of: 37) == 3)
    }

    // A unit square of 0.01° drawn twice gives the same bytes, and its name and value are
    // its hover text; a unit without a value is filled with the "no data" grey #D9D9D9.
    @Test func theMapIsTheSameTwiceAndShowsNamesOnHoverAndNoDataInGrey() {
        let square = [(0.0, 0.0), (0.01, 0.0), (0.01, 0.01), (0.0, 0.01), (0.0, 0.0)].map {
            GeoPoint(longitude: 123 + $0.0, latitude: 41 + $0.1)
        }
        let map = BoundaryMap(
            areas: [
                .init(name: "甲区", rings: [square], value: 0.5, valueText: "50%"),
                .init(
                    name: "乙区",
                    rings: [
                        square.map {
                            GeoPoint(longitude: $0.longitude + 0.01, latitude: $0.latitude)
                        }
                    ],
                    value: nil, valueText: "无数据"),
            ],
            classes: .against(threshold: 0.8, ceiling: false), title: "覆盖率",
            boundText: { "\($0)" }, chinese: true)
        let svg = map.svg()
        #expect(svg == map.svg())
        #expect(svg.contains("<title>甲区：50%</title>"))
        #expect(svg.contains("fill=\"#D9D9D9\"><title>乙区：无数据</title>"))
        #expect(svg.contains(">无数据</text>"))
    }
}
