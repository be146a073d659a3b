import Testing

@testable import Reports

@Suite struct FanChartTests {
    @Test func twoYearsDrawTwoBandsAMedianAndTheThresholdAtTheirPlaces() {
        // Values 0…1 give ticks 0, 0.2, …, 1: the plot spans y = 16 (value 1) to 210 (value 0)
        // in a 240-high chart with margins 16 and 30, and x = 64 (2020) to 624 (2021).
        // The median 0.5 in 2020 is at (64, 16 + 194 × 0.5) = (64, 113); the threshold 0.5
        // is the line y = 113.
        let chart = FanChart(
            years: [2020, 2021],
            quantiles: [[0.1, 0.3, 0.5, 0.7, 0.9], [0.2, 0.4, 0.6, 0.8, 1]],
            threshold: (0.5, "50%"), deadline: (2021, "2021"))
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "class=\"band\"").count == 3)
        #expect(
            svg.contains(
                "class=\"median\" fill=\"none\" stroke=\"#1F4E79\" stroke-width=\"2\" points=\"64,113 624,93.6\""
            ))
        #expect(svg.contains("y1=\"113\" x2=\"624\" y2=\"113\" stroke=\"#C00000\""))
    }
}
