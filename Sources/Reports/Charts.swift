import Foundation
import Quantities

/// Charts as SVG text: pure functions from series to markup, inlined into HTML reports.
///
/// Coordinates are written with two decimals so that the same data give the same bytes.
public enum SVG {
    /// Text escaped for XML content and attributes.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if let entity = entities[character] {
                result += entity
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The characters XML content and attributes must not hold as they are.
    private static let entities: [Character: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ]

    /// A coordinate with two decimals, without trailing zeros: 12.5, 40, 3.14.
    public static func number(_ value: Double) -> String {
        NumberText.trimmed((value * 100).rounded() / 100, decimals: 2)
    }

    /// "Nice" axis ticks covering a range: steps of 1, 2 or 5 times a power of ten, about
    /// `count` of them, the first at or below `low` and the last at or above `high`.
    public static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
        guard high > low, low.isFinite, high.isFinite else {
            let value = low.isFinite ? low : 0
            return [value, value + 1]
        }
        let rough = (high - low) / Double(max(count, 1))
        let magnitude = pow(10, (Foundation.log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let first = (low / step).rounded(.down) * step
        var ticks: [Double] = []
        var value = first
        while value < high + step * 0.5 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value = first + Double(ticks.count) * step
        }
        if let last = ticks.last, last < high - step * 1e-9 { ticks.append(last + step) }
        return ticks
    }
}

/// A line chart of values over years, with a target's threshold and deadline marked.
public struct LineChart: Sendable {
    /// One line: a name, values by year (nil where not computed), a colour and style.
    public struct Series: Sendable {
        public var name: String
        public var years: [Int]
        public var values: [Double?]
        public var colour: Colour
        public var dashed: Bool

        public init(
            name: String, years: [Int], values: [Double?], colour: Colour, dashed: Bool = false
        ) {
            self.name = name
            self.years = years
            self.values = values
            self.colour = colour
            self.dashed = dashed
        }
    }

    public var series: [Series]
    /// A horizontal line at the threshold, with its label.
    public var threshold: (value: Double, label: String)?
    /// A vertical line at the deadline, with its label.
    public var deadline: (year: Int, label: String)?
    /// Formats a value for the axis (e.g. as a percentage).
    public var format: @Sendable (Double) -> String
    public var width = 640.0
    public var height = 260.0
    /// Whether the value axis starts at zero.
    public var fromZero = true

    public init(
        series: [Series], threshold: (value: Double, label: String)? = nil,
        deadline: (year: Int, label: String)? = nil,
        format: @escaping @Sendable (Double) -> String = { SVG.number($0) }
    ) {
        self.series = series
        self.threshold = threshold
        self.deadline = deadline
        self.format = format
    }

    /// The chart's plot area: left, top, right, bottom margins inside the SVG.
    static let margin = (left: 64.0, top: 16.0, right: 16.0, bottom: 52.0)

    /// The SVG markup.
    public func svg() -> String {
        let years = series.flatMap(\.years) + (deadline.map { [$0.year] } ?? [])
        let values =
            series.flatMap { $0.values.compactMap { $0 } } + (threshold.map { [$0.value] } ?? [])
        guard let firstYear = years.min(), let lastYear = years.max(), !values.isEmpty else {
            return ChartFrame.empty(width: width, height: height)
        }
        let low = fromZero ? min(0, values.min()!) : values.min()!
        let frame = ChartFrame(
            width: width, height: height, margin: Self.margin, years: firstYear...lastYear,
            low: low, high: values.max()!)
        let m = Self.margin
        var out = frame.opening(format: format)
        if let threshold { out += frame.threshold(threshold) }
        if let deadline { out += frame.deadline(deadline) }
        for line in series {
            // Break the line where values are missing.
            var segments: [[String]] = [[]]
            for (year, value) in zip(line.years, line.values) {
                if let value {
                    segments[segments.count - 1].append(frame.point(year, value))
                } else if !segments[segments.count - 1].isEmpty {
                    segments.append([])
                }
            }
            for points in segments where !points.isEmpty {
                let dash = line.dashed ? " stroke-dasharray=\"5 3\"" : ""
                out +=
                    "<polyline class=\"series\" fill=\"none\" stroke=\"\(line.colour.hex)\" stroke-width=\"2\"\(dash) points=\"\(points.joined(separator: " "))\"/>"
            }
        }
        // Legend.
        for (index, line) in series.enumerated() {
            let lx = m.left + Double(index) * 150
            let ly = height - 14
            out +=
                "<line x1=\"\(SVG.number(lx))\" y1=\"\(SVG.number(ly))\" x2=\"\(SVG.number(lx + 18))\" y2=\"\(SVG.number(ly))\" stroke=\"\(line.colour.hex)\" stroke-width=\"2\"/>"
            out +=
                "<text x=\"\(SVG.number(lx + 22))\" y=\"\(SVG.number(ly))\" dominant-baseline=\"middle\">\(SVG.escape(line.name))</text>"
        }
        return out + "</svg>"
    }
}

/// The frame of a chart of values by year: the plot area inside the margins, the value axis
/// from its ticks, the year axis from the first to the last year; it draws the grid, the
/// axes' labels, a threshold and a deadline the same way for every such chart.
struct ChartFrame {
    let width: Double
    let height: Double
    let margin: (left: Double, top: Double, right: Double, bottom: Double)
    let firstYear: Int
    let lastYear: Int
    /// The value axis's ticks, lowest first; the axis runs from the first to the last.
    let ticks: [Double]

    init(
        width: Double, height: Double,
        margin: (left: Double, top: Double, right: Double, bottom: Double), years: ClosedRange<Int>,
        low: Double, high: Double
    ) {
        self.width = width
        self.height = height
        self.margin = margin
        firstYear = years.lowerBound
        lastYear = years.upperBound
        ticks = SVG.ticks(low: low, high: max(high, low + 1e-9))
    }

    /// An SVG of the size with a dash: the chart of nothing.
    static func empty(width: Double, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" role=\"img\"><text x=\"10\" y=\"20\">—</text></svg>"
    }

    func x(_ year: Int) -> Double {
        let plotWidth = width - margin.left - margin.right
        return lastYear == firstYear
            ? margin.left + plotWidth / 2
            : margin.left + plotWidth * Double(year - firstYear) / Double(lastYear - firstYear)
    }

    func y(_ value: Double) -> Double {
        let plotHeight = height - margin.top - margin.bottom
        let (low, high) = (ticks.first!, ticks.last!)
        return margin.top + plotHeight * (1 - (value - low) / (high - low))
    }

    /// "x,y" of a point, for polylines and polygons.
    func point(_ year: Int, _ value: Double) -> String {
        "\(SVG.number(x(year))),\(SVG.number(y(value)))"
    }

    /// The opening tag, the grid with the value labels, and the year labels (every year when
    /// few, else every 5).
    func opening(format: (Double) -> String) -> String {
        let m = margin
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" role=\"img\" font-size=\"11\">"
        for tick in ticks {
            let ty = SVG.number(y(tick))
            out +=
                "<line x1=\"\(SVG.number(m.left))\" y1=\"\(ty)\" x2=\"\(SVG.number(width - m.right))\" y2=\"\(ty)\" stroke=\"#E0E0E0\"/>"
            out +=
                "<text x=\"\(SVG.number(m.left - 6))\" y=\"\(ty)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(SVG.escape(format(tick)))</text>"
        }
        let step = lastYear - firstYear > 12 ? 5 : 1
        for year in stride(from: firstYear, through: lastYear, by: step) {
            out +=
                "<text x=\"\(SVG.number(x(year)))\" y=\"\(SVG.number(height - m.bottom + 16))\" text-anchor=\"middle\">\(year)</text>"
        }
        return out
    }

    /// The threshold as a dashed red line, labelled at its left end (clear of the
    /// deadline's label).
    func threshold(_ threshold: (value: Double, label: String)) -> String {
        let ty = SVG.number(y(threshold.value))
        return
            "<line class=\"threshold\" x1=\"\(SVG.number(margin.left))\" y1=\"\(ty)\" x2=\"\(SVG.number(width - margin.right))\" y2=\"\(ty)\" stroke=\"#C00000\" stroke-dasharray=\"6 4\"/>"
            + "<text x=\"\(SVG.number(margin.left + 4))\" y=\"\(SVG.number(y(threshold.value) - 4))\" fill=\"#C00000\">\(SVG.escape(threshold.label))</text>"
    }

    /// The deadline as a dotted grey line, labelled right of it, or left of it near the
    /// right edge.
    func deadline(_ deadline: (year: Int, label: String)) -> String {
        let dx = SVG.number(x(deadline.year))
        let nearEdge = x(deadline.year) > width - margin.right - 80
        let labelX = x(deadline.year) + (nearEdge ? -4 : 4)
        return
            "<line class=\"deadline\" x1=\"\(dx)\" y1=\"\(SVG.number(margin.top))\" x2=\"\(dx)\" y2=\"\(SVG.number(height - margin.bottom))\" stroke=\"#7F7F7F\" stroke-dasharray=\"2 3\"/>"
            + "<text x=\"\(SVG.number(labelX))\" y=\"\(SVG.number(margin.top + 10))\" text-anchor=\"\(nearEdge ? "end" : "start")\" fill=\"#595959\">\(SVG.escape(deadline.label))</text>"
    }
}

/// A horizontal bar chart of units ranked by a value, with the threshold marked.
public struct BarChart: Sendable {
    public var labels: [String]
    public var values: [Double?]
    public var threshold: Double?
    public var format: @Sendable (Double) -> String
    public var width = 640.0
    public var barHeight = 18.0

    public init(
        labels: [String], values: [Double?], threshold: Double? = nil,
        format: @escaping @Sendable (Double) -> String = { SVG.number($0) }
    ) {
        self.labels = labels
        self.values = values
        self.threshold = threshold
        self.format = format
    }

    public func svg() -> String {
        let left = 140.0
        let right = 70.0
        let known = values.compactMap { $0 } + (threshold.map { [$0] } ?? [])
        let high = max(known.max() ?? 1, 1e-9)
        let ticks = SVG.ticks(low: 0, high: high)
        let top = ticks.last!
        let plot = width - left - right
        let height = Double(labels.count) * (barHeight + 6) + 30
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" role=\"img\" font-size=\"11\">"
        for (index, label) in labels.enumerated() {
            let y = 6 + Double(index) * (barHeight + 6)
            out +=
                "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y + barHeight / 2))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(SVG.escape(label))</text>"
            if let value = values[index] {
                let meets = threshold.map { value >= $0 - 1e-9 * max(1, abs($0)) } ?? true
                let colour = meets ? "#5B9BD5" : "#ED7D31"
                out +=
                    "<rect class=\"bar\" x=\"\(SVG.number(left))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(plot * value / top))\" height=\"\(SVG.number(barHeight))\" fill=\"\(colour)\"/>"
                out +=
                    "<text x=\"\(SVG.number(left + plot * value / top + 4))\" y=\"\(SVG.number(y + barHeight / 2))\" dominant-baseline=\"middle\">\(SVG.escape(format(value)))</text>"
            } else {
                out +=
                    "<text x=\"\(SVG.number(left + 4))\" y=\"\(SVG.number(y + barHeight / 2))\" dominant-baseline=\"middle\" fill=\"#7F7F7F\">—</text>"
            }
        }
        if let threshold {
            let tx = SVG.number(left + plot * threshold / top)
            out +=
                "<line class=\"threshold\" x1=\"\(tx)\" y1=\"0\" x2=\"\(tx)\" y2=\"\(SVG.number(height - 24))\" stroke=\"#C00000\" stroke-dasharray=\"6 4\"/>"
        }
        for tick in ticks {
            out +=
                "<text x=\"\(SVG.number(left + plot * tick / top))\" y=\"\(SVG.number(height - 8))\" text-anchor=\"middle\" fill=\"#595959\">\(SVG.escape(format(tick)))</text>"
        }
        return out + "</svg>"
    }
}
