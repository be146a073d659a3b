import Foundation
import Geography

/// A choropleth map (分级设色地图) as inline SVG: units drawn by their boundaries and filled by
/// the class of an indicator's value, with a legend (classes, colours, unit, "no data"), the
/// planning region's outline, and points on top (facilities; residents within and beyond the
/// 15-minute circle). North is up; one scale on both axes (an equirectangular projection
/// about the map's centre, ``LocalProjection``). Each unit has its name and value on hover
/// (`<title>`). The SVG is a pure function of its inputs: the same map gives the same bytes.
public struct BoundaryMap: Sendable {
    /// One unit: its boundary rings (outer rings and holes, drawn even–odd) and value.
    public struct Area: Sendable {
        public var name: String
        public var rings: [[GeoPoint]]
        /// The value classed; nil for no data.
        public var value: Double?
        /// The value as the hover text shows it.
        public var valueText: String

        public init(name: String, rings: [[GeoPoint]], value: Double?, valueText: String) {
            self.name = name
            self.rings = rings
            self.value = value
            self.valueText = valueText
        }
    }

    /// What a point stands for.
    public enum MarkerKind: Int, Sendable, CaseIterable {
        case facility, covered, uncovered
    }

    /// A point drawn on top of the units.
    public struct Marker: Sendable {
        public var location: GeoPoint
        public var kind: MarkerKind
        public var title: String
        /// The point is estimated (推算位置, `coverage.estimate_locations`), not surveyed; the
        /// legend says so.
        public var isEstimated: Bool

        public init(location: GeoPoint, kind: MarkerKind, title: String, isEstimated: Bool = false)
        {
            self.location = location
            self.kind = kind
            self.title = title
            self.isEstimated = isEstimated
        }
    }

    /// The classes of a choropleth: `breaks` between them (ascending; n breaks make n + 1
    /// classes) and a colour for each class.
    public struct Classes: Hashable, Sendable {
        public var breaks: [Double]
        public var colours: [Colour]

        /// The class of a value: the number of breaks at or below it, so a value equal to a
        /// break falls in the class above (a unit exactly at its target is at the target).
        public func index(of value: Double) -> Int {
            breaks.filter { $0 <= value }.count
        }

        /// Classes against a target: four breaks at a quarter, a half, three quarters and all
        /// of the threshold, coloured from red (farthest from the target) to green (met);
        /// reversed when the target is a ceiling (`atMost`).
        public static func against(threshold: Double, ceiling: Bool) -> Classes {
            let breaks = [0.25, 0.5, 0.75, 1].map { $0 * threshold }
            let colours = (0...4).map { Colour.scale(Double($0) / 4) }
            return Classes(breaks: breaks, colours: ceiling ? colours.reversed() : colours)
        }

        /// Five classes of equal width with "nice" breaks (1, 2, 2.5 or 5 times a power of
        /// ten) covering the values, on a light-to-dark blue scale; for values with no target.
        /// When `higherIsWorse` the scale runs from light blue to dark red instead.
        public static func equalInterval(_ values: [Double], higherIsWorse: Bool = false)
            -> Classes
        {
            let finite = values.filter(\.isFinite)
            let low = min(0, finite.min() ?? 0)
            let high = finite.max() ?? 1
            // All values equal (e.g. no gap anywhere): classes of width 1 from the value.
            let rough = high > low ? (high - low) / 5 : 1
            let magnitude = pow(10, log10(rough).rounded(.down))
            let step =
                [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough * (1 - 1e-9) }
                ?? 10 * magnitude
            let start = (low / step).rounded(.down) * step
            let breaks = (1...4).map { start + Double($0) * step }
            let ramp: [UInt32] =
                higherIsWorse
                ? [0xEFF3FF, 0xFEE5D9, 0xFCAE91, 0xFB6A4A, 0xCB181D]
                : [0xEFF3FF, 0xBDD7E7, 0x6BAED6, 0x3182BD, 0x08519C]
            return Classes(breaks: breaks, colours: ramp.map { Colour($0) })
        }
    }

    public var areas: [Area]
    /// The planning region's outline, drawn over the units; empty for none.
    public var outline: [[GeoPoint]]
    public var markers: [Marker]
    public var classes: Classes
    /// The legend's title: the indicator and its unit.
    public var title: String
    /// A class bound as the legend shows it (e.g. "40%").
    public var boundText: @Sendable (Double) -> String
    public var chinese: Bool

    /// The fill of units without a value.
    static let noData = Colour(0xD9D9D9)
    static let markerColours: [MarkerKind: String] = [
        .facility: "#1F4E79", .covered: "#2E7D32", .uncovered: "#C62828",
    ]

    public init(
        areas: [Area], outline: [[GeoPoint]] = [], markers: [Marker] = [], classes: Classes,
        title: String, boundText: @escaping @Sendable (Double) -> String, chinese: Bool
    ) {
        self.areas = areas
        self.outline = outline
        self.markers = markers
        self.classes = classes
        self.title = title
        self.boundText = boundText
        self.chinese = chinese
    }

    /// The legend's title in lines: the name, then its unit in brackets on a line of its own,
    /// so that a long title stays within the legend.
    static func titleLines(_ title: String) -> [String] {
        var pieces = [title]
        for opening in ["（", " ("] {
            if let range = title.range(of: opening) {
                let unit = String(title[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
                pieces = [String(title[..<range.lowerBound]), unit]
                break
            }
        }
        // About 220 px a line at 12 px: 34 Latin letters or 18 Chinese characters.
        return pieces.flatMap { piece -> [String] in
            if piece.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
                let characters = Array(piece)
                return stride(from: 0, to: characters.count, by: 18).map {
                    String(characters[$0..<min($0 + 18, characters.count)])
                }
            }
            var lines: [String] = []
            for word in piece.split(separator: " ") {
                if let last = lines.last, last.count + 1 + word.count <= 34 {
                    lines[lines.count - 1] = last + " " + word
                } else {
                    lines.append(String(word))
                }
            }
            return lines
        }
    }

    /// The label of class `index`: "< a", "a – b" or "≥ b".
    public func classLabel(_ index: Int) -> String {
        let breaks = classes.breaks
        if index == 0 { return "< " + boundText(breaks[0]) }
        if index == breaks.count { return "≥ " + boundText(breaks[index - 1]) }
        return boundText(breaks[index - 1]) + " – " + boundText(breaks[index])
    }

    /// The map as an `<svg>` element, `width` pixels wide for the map plus the legend.
    public func svg(mapWidth: Double = 560, maxHeight: Double = 520) -> String {
        let everything = areas.flatMap { $0.rings.flatMap { $0 } } + outline.flatMap { $0 }
        guard let bounds = GeoBounds(everything) else { return "" }
        let (west, east, south, north) = (bounds.west, bounds.east, bounds.south, bounds.north)
        let projection = LocalProjection(
            origin: GeoPoint(longitude: (west + east) / 2, latitude: (south + north) / 2))
        let corner = projection.project(GeoPoint(longitude: east, latitude: north))
        let (halfWidth, halfHeight) = (max(corner.x, 1), max(corner.y, 1))
        let margin = 10.0
        let scale = min(
            (mapWidth - 2 * margin) / (2 * halfWidth), (maxHeight - 2 * margin) / (2 * halfHeight))
        let height = 2 * halfHeight * scale + 2 * margin
        let width = 2 * halfWidth * scale + 2 * margin
        func xy(_ point: GeoPoint) -> (Double, Double) {
            let p = projection.project(point)
            return (margin + (p.x + halfWidth) * scale, margin + (halfHeight - p.y) * scale)
        }
        func path(_ rings: [[GeoPoint]]) -> String {
            var d = ""
            for ring in rings {
                var previous = ""
                for (index, point) in ring.enumerated() {
                    let (x, y) = xy(point)
                    let pair = SVG.number(x) + " " + SVG.number(y)
                    // Points closer than the rounding are dropped.
                    if pair == previous { continue }
                    d += (index == 0 ? "M" : "L") + pair
                    previous = pair
                }
                d += "Z"
            }
            return d
        }

        let legendX = width + 20
        let legendWidth = 230.0
        let legendRows = classes.colours.count + 1 + Set(markers.map(\.kind)).count
        let legendHeight = 34 + Double(legendRows) * 20 + 16 * Double(Self.titleLines(title).count)
        let totalWidth = legendX + legendWidth
        let totalHeight = max(height, legendHeight)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(Int(totalWidth.rounded(.up))) \(Int(totalHeight.rounded(.up)))\" width=\"\(Int(totalWidth.rounded(.up)))\" height=\"\(Int(totalHeight.rounded(.up)))\" style=\"max-width:100%;height:auto\" role=\"img\" font-size=\"12\">"
        svg += "<title>" + SVG.escape(title) + "</title>"
        svg += "<g stroke=\"#FFFFFF\" stroke-width=\"0.8\" fill-rule=\"evenodd\">"
        for area in areas {
            let colour =
                area.value.map { classes.colours[classes.index(of: $0)] } ?? Self.noData
            svg += "<path d=\"\(path(area.rings))\" fill=\"\(colour.hex)\">"
            svg += "<title>" + SVG.escape(area.name + "：" + area.valueText) + "</title></path>"
        }
        svg += "</g>"
        if !outline.isEmpty {
            svg +=
                "<path d=\"\(path(outline))\" fill=\"none\" stroke=\"#404040\" stroke-width=\"1.5\" fill-rule=\"evenodd\"/>"
        }
        for marker in markers {
            let (x, y) = xy(marker.location)
            let colour = Self.markerColours[marker.kind]!
            let shape: String
            switch marker.kind {
            case .facility:
                shape =
                    "<rect x=\"\(SVG.number(x - 2.5))\" y=\"\(SVG.number(y - 2.5))\" width=\"5\" height=\"5\" fill=\"\(colour)\" stroke=\"#FFFFFF\" stroke-width=\"0.5\">"
            case .covered, .uncovered:
                shape =
                    "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"2.5\" fill=\"\(colour)\" stroke=\"#FFFFFF\" stroke-width=\"0.5\">"
            }
            svg += shape + "<title>" + SVG.escape(marker.title) + "</title>"
            svg += marker.kind == .facility ? "</rect>" : "</circle>"
        }
        // North arrow.
        svg +=
            "<g transform=\"translate(\(SVG.number(width - 18)),\(SVG.number(margin + 4)))\"><path d=\"M0 18L6 0L12 18L6 13Z\" fill=\"#404040\"/><text x=\"6\" y=\"30\" text-anchor=\"middle\" font-size=\"11\">\(chinese ? "北" : "N")</text></g>"

        // The legend.
        var y = 16.0
        for line in Self.titleLines(title) {
            svg +=
                "<text x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(y))\" font-weight=\"bold\">\(SVG.escape(line))</text>"
            y += 16
        }
        y -= 6
        func row(_ swatch: String, _ label: String) {
            svg += swatch
            svg +=
                "<text x=\"\(SVG.number(legendX + 24))\" y=\"\(SVG.number(y + 12))\">\(SVG.escape(label))</text>"
            y += 20
        }
        for index in classes.colours.indices.reversed() {
            row(
                "<rect x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(y))\" width=\"18\" height=\"14\" fill=\"\(classes.colours[index].hex)\" stroke=\"#808080\" stroke-width=\"0.5\"/>",
                classLabel(index))
        }
        row(
            "<rect x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(y))\" width=\"18\" height=\"14\" fill=\"\(Self.noData.hex)\" stroke=\"#808080\" stroke-width=\"0.5\"/>",
            chinese ? "无数据" : "no data")
        for kind in MarkerKind.allCases where markers.contains(where: { $0.kind == kind }) {
            let colour = Self.markerColours[kind]!
            let swatch =
                kind == .facility
                ? "<rect x=\"\(SVG.number(legendX + 6))\" y=\"\(SVG.number(y + 4))\" width=\"6\" height=\"6\" fill=\"\(colour)\"/>"
                : "<circle cx=\"\(SVG.number(legendX + 9))\" cy=\"\(SVG.number(y + 7))\" r=\"3\" fill=\"\(colour)\"/>"
            let label: String
            switch kind {
            case .facility: label = chinese ? "服务设施" : "service facility"
            case .covered: label = chinese ? "老年人口点：一刻钟内" : "older residents: within 15 min"
            case .uncovered: label = chinese ? "老年人口点：未覆盖" : "older residents: not covered"
            }
            let estimated = markers.contains { $0.kind == kind && $0.isEstimated }
            row(swatch, label + (estimated ? (chinese ? "（推算位置）" : " (estimated points)") : ""))
        }
        return svg + "</svg>"
    }
}
