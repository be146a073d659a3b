import Testing

@testable import Reports

@Suite struct ChartTests {
    // Steps of 1, 2 or 5 × 10^k, the first at or above (high − low) / 5: for 0…0.57 that is
    // 0.114 → 0.2, so 0, 0.2, 0.4, 0.6; for 0…255,500, 51,100 → 100,000; for 12…47, 7 → 10.
    @Test(arguments: [
        (0.0, 0.57, [0, 0.2, 0.4, 0.6]),
        (0.0, 255_500.0, [0, 100_000, 200_000, 300_000]),
        (0.0, 1.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (12.0, 47.0, [10, 20, 30, 40, 50]),
    ])
    func axisTicksAreNiceNumbers(low: Double, high: Double, expected: [Double]) {
        let ticks = SVG.ticks(low: low, high: high)
        #expect(ticks.count == expected.count, "\(ticks)")
        for (tick, value) in zip(ticks, expected) {
            #expect(abs(tick - value) < 1e-9 * max(1, value), "\(ticks)")
        }
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(SVG.number(12.5) == "12.5")
        #expect(SVG.number(40) == "40")
        #expect(SVG.number(3.14159) == "3.14")
        #expect(SVG.number(-0.001) == "0")
    }

    // Years 2020–2025 over a plot 560 px wide starting at x = 64 (640 − 64 − 16): a year is
    // 112 px. Values 0…0.6 over 192 px of height from y = 16 (260 − 16 − 52): 0.3 sits at
    // 16 + 192 × (1 − 0.3/0.6) = 112; 0.55 at 16 + 192 × (1 − 0.55/0.6) = 32.
    @Test func pointsThresholdAndDeadlineAreWhereTheScalesPutThem() {
        let chart = LineChart(
            series: [
                LineChart.Series(
                    name: "鞍山", years: [2020, 2021, 2025], values: [0.3, nil, 0.6],
                    colour: Colour(0x1F4E79))
            ],
            threshold: (0.55, "55%"), deadline: (2025, "2025"))
        let svg = chart.svg()
        #expect(svg.contains("points=\"64,112\""))
        #expect(svg.contains("points=\"624,16\""))
        #expect(svg.contains("class=\"threshold\" x1=\"64\" y1=\"32\""))
        #expect(svg.contains("class=\"deadline\" x1=\"624\""))
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
    }

    @Test func labelsAreEscaped() {
        let chart = BarChart(labels: ["A&B <x>"], values: [1], threshold: 0.5)
        #expect(chart.svg().contains("A&amp;B &lt;x&gt;"))
        #expect(!chart.svg().contains("<x>"))
    }

    @Test func aPageIsSelfContainedAndEscaped() {
        var page = HTMLPage(title: "年度目标达成报告 <2025>", language: "zh-CN")
        page.heading("鞍山市", level: 1)
        page.table(
            header: ["目标", "状态"], rows: [["ln.total-beds", HTMLPage.Cell("已达成", className: "met")]])
        let html = page.html()
        #expect(html.contains("<title>年度目标达成报告 &lt;2025&gt;</title>"))
        #expect(html.contains("<td class=\"met\">已达成</td>"))
        #expect(
            !html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("@page { size: A4"))
    }
}
