/// A self-contained HTML page: inline CSS and SVG, no scripts, no network, laid out for A4.
public struct HTMLPage: Sendable {
    /// One cell of a table: its text, an optional class (a status colour) and whether it
    /// holds a number (right-aligned).
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var className: String?
        public var numeric: Bool
        /// A background colour (a colour scale), if any.
        public var background: Colour?

        public init(
            _ text: String, className: String? = nil, numeric: Bool = false,
            background: Colour? = nil
        ) {
            self.text = text
            self.className = className
            self.numeric = numeric
            self.background = background
        }

        public init(stringLiteral text: String) {
            self.init(text)
        }
    }

    public let title: String
    /// `zh-CN` or `en`.
    public let language: String
    private var body = ""

    public init(title: String, language: String) {
        self.title = title
        self.language = language
    }

    /// Text escaped for HTML.
    public static func escape(_ text: String) -> String { SVG.escape(text) }

    public mutating func heading(_ text: String, level: Int = 2, id: String? = nil) {
        let anchor = id.map { " id=\"\(Self.escape($0))\"" } ?? ""
        body += "<h\(level)\(anchor)>\(Self.escape(text))</h\(level)>\n"
    }

    public mutating func paragraph(_ text: String, className: String? = nil) {
        let cls = className.map { " class=\"\($0)\"" } ?? ""
        body += "<p\(cls)>\(Self.escape(text))</p>\n"
    }

    /// A list of short items.
    public mutating func list(_ items: [String]) {
        body += "<ul>" + items.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul>\n"
    }

    /// A table with a header row.
    public mutating func table(
        header: [String], rows: [[Cell]], caption: String? = nil, className: String? = nil
    ) {
        let cls = className.map { " class=\"\($0)\"" } ?? ""
        body += "<table\(cls)>"
        if let caption { body += "<caption>\(Self.escape(caption))</caption>" }
        body +=
            "<thead><tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined()
            + "</tr></thead><tbody>"
        for row in rows {
            body += "<tr>"
            for cell in row {
                var classes: [String] = []
                if let name = cell.className { classes.append(name) }
                if cell.numeric { classes.append("num") }
                var attribute =
                    classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                if let colour = cell.background {
                    attribute += " style=\"background:\(colour.hex)\""
                }
                body += "<td\(attribute)>\(Self.escape(cell.text))</td>"
            }
            body += "</tr>"
        }
        body += "</tbody></table>\n"
    }

    /// Markup made elsewhere (an SVG chart); the caller is responsible for escaping.
    public mutating func raw(_ markup: String) {
        body += markup + "\n"
    }

    /// Opens and closes a section that is kept together on a printed page where possible.
    public mutating func section(id: String? = nil, _ content: (inout HTMLPage) -> Void) {
        let anchor = id.map { " id=\"\(Self.escape($0))\"" } ?? ""
        body += "<section\(anchor)>\n"
        content(&self)
        body += "</section>\n"
    }

    /// The whole page.
    public func html() -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// The style sheet: a sober statistical-bulletin look, A4 when printed, up to 1,180 px
    /// wide on a screen (the target table's ten columns need it).
    static let style = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; color: #1F1F1F; max-width: 190mm; margin: 0 auto; padding: 8mm 6mm; font-size: 10.5pt; line-height: 1.5; }
        h1 { font-size: 18pt; border-bottom: 2px solid #1F4E79; padding-bottom: 4px; color: #1F4E79; }
        h2 { font-size: 14pt; color: #1F4E79; margin-top: 1.6em; border-bottom: 1px solid #BDD7EE; }
        h3 { font-size: 11.5pt; margin: 1.2em 0 0.4em; }
        p.note, p.source { color: #595959; font-size: 9pt; margin: 0.2em 0; }
        p.warning { border-left: 4px solid #C55A11; background: #FBE5D6; padding: 4px 8px; font-size: 9.5pt; margin: 0.4em 0; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9.5pt; }
        caption, p.caption { text-align: left; font-weight: bold; margin: 0.6em 0 4px; }
        th, td { border: 1px solid #BFBFBF; padding: 3px 6px; vertical-align: top; text-align: left; }
        th { background: #D9E1F2; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.met { background: #C6E0B4; } td.on_track { background: #DDEBF7; }
        td.off_track { background: #FFE699; } td.missed { background: #F4B084; }
        td.met_late { background: #F8CBAD; } td.fell_back { background: #FFE699; }
        td.not_quantified, td.not_computed, td.not_applicable { color: #7F7F7F; }
        td.reason { font-size: 8.5pt; color: #595959; } td.against-odds { background: #F4B084; }
        tr.diff td { font-weight: bold; } tr.diff td:first-child { border-left: 4px solid #C00000; }
        td small { color: #595959; }
        table.districts td:first-child, table.failing td:first-child { white-space: nowrap; }
        table.targets td:nth-child(6), table.targets td:nth-child(7) { white-space: nowrap; }
        table.targets td:first-child { overflow-wrap: anywhere; }
        table.targets td:nth-child(8) { min-width: 9em; }
        table.inputs td:nth-child(2), table.inputs th:nth-child(2) { white-space: nowrap; }
        table.targets td:nth-child(2) { min-width: 9em; }
        table.targets.with-probability { font-size: 8.5pt; }
        table.targets.with-probability th, table.targets.with-probability td { padding: 2px 4px; }
        section { break-inside: avoid; page-break-inside: avoid; }
        svg { max-width: 100%; height: auto; display: block; margin: 0.4em 0; }
        .summary { display: flex; gap: 8px; flex-wrap: wrap; }
        .summary div { flex: 1; min-width: 30mm; border: 1px solid #BFBFBF; padding: 6px; text-align: center; }
        .summary b { display: block; font-size: 16pt; }
        .summary div.met { background: #E2EFDA; } .summary div.on_track { background: #DDEBF7; }
        .summary div.off_track { background: #FFF2CC; } .summary div.missed { background: #FBE5D6; }
        .summary div.met_late { background: #FCE4D6; }
        @media screen and (min-width: 1000px) { body { max-width: 1180px; } }
        @media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } }
        """
}
