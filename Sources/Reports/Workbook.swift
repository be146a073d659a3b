internal import CXLSX
import Foundation

/// A colour as 0xRRGGBB.
public struct Colour: Hashable, Sendable {
    public var rgb: UInt32

    public init(_ rgb: UInt32) {
        self.rgb = rgb
    }

    /// `#RRGGBB`, for HTML and SVG.
    public var hex: String {
        let digits = String(rgb, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// A colour on a red – yellow – green scale: 0 is the worst, 1 the best.
    public static func scale(_ position: Double) -> Colour {
        let t = min(1, max(0, position))
        let (low, middle, high):
            ((Double, Double, Double), (Double, Double, Double), (Double, Double, Double)) = (
                (248, 105, 107), (255, 235, 132), (99, 190, 123)
            )
        let (a, b, u) = t < 0.5 ? (low, middle, t * 2) : (middle, high, (t - 0.5) * 2)
        func mix(_ x: Double, _ y: Double) -> UInt32 { UInt32((x + (y - x) * u).rounded()) }
        return Colour(mix(a.0, b.0) << 16 | mix(a.1, b.1) << 8 | mix(a.2, b.2))
    }

    // The palette of the reports: status colours and a light header grey.
    public static let met = Colour(0xC6E0B4)
    public static let onTrack = Colour(0xDDEBF7)
    public static let offTrack = Colour(0xFFE699)
    public static let missed = Colour(0xF4B084)
    public static let header = Colour(0xD9D9D9)
    public static let white = Colour(0xFFFFFF)
}

/// How a cell looks: font weight, number format, fill, wrap, alignment.
public struct CellFormat: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case left, center, right }

    public var bold = false
    /// An Excel number format, e.g. `0.0%`, `#,##0`, `0.00`.
    public var numberFormat: String?
    public var fill: Colour?
    public var wrap = false
    public var alignment: Alignment?
    public var border = false

    public init(
        bold: Bool = false, numberFormat: String? = nil, fill: Colour? = nil, wrap: Bool = false,
        alignment: Alignment? = nil, border: Bool = false
    ) {
        self.bold = bold
        self.numberFormat = numberFormat
        self.fill = fill
        self.wrap = wrap
        self.alignment = alignment
        self.border = border
    }

    public static let plain = CellFormat()
    public static let header = CellFormat(bold: true, fill: .header, wrap: true, border: true)
}

/// Why a workbook could not be written.
public struct WorkbookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libxlsxwriter call and its message.
    public var call: String
    public var message: String

    public var description: String { "cannot write the Excel workbook: \(call): \(message)" }
}

/// An Excel workbook written with libxlsxwriter (sheets, cells, number formats, frozen
/// headers, column widths, conditional colours).
///
/// The workbook is written to a temporary file when ``data()`` is called and its bytes are
/// returned, so that the run folder can write every output at once. The document's creation
/// date is fixed by the caller, so the same content gives the same bytes.
public final class Workbook {
    /// A sheet of the workbook, by its position.
    public struct Sheet: Hashable, Sendable {
        let index: Int
    }

    private let path: String
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var sheets: [UnsafeMutablePointer<lxw_worksheet>] = []
    private var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false

    /// Starts an empty workbook.
    /// - Parameters:
    ///   - created: the creation date recorded in the document (fixed for reproducible bytes).
    ///   - title: the document's title property.
    ///   - folder: where the file is written before its bytes are read back (a run's scratch
    ///     folder, removed with the run's temporary folder); the system's temporary folder
    ///     when nil.
    /// - Throws: ``WorkbookError`` when libxlsxwriter cannot start a workbook.
    public init(created: Date, title: String, folder: String? = nil) throws(WorkbookError) {
        let name = "yanglao-\(UUID().uuidString).xlsx"
        path =
            folder.map { $0 + "/" + name }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        guard let workbook = workbook_new(path) else {
            throw WorkbookError(call: "workbook_new", message: "could not create \(path)")
        }
        self.workbook = workbook
        title.withCString { titlePointer in
            "Yanglao".withCString { author in
                var properties = lxw_doc_properties()
                properties.title = UnsafeMutablePointer(mutating: titlePointer)
                properties.author = UnsafeMutablePointer(mutating: author)
                properties.created = time_t(created.timeIntervalSince1970)
                _ = workbook_set_properties(workbook, &properties)
            }
        }
    }

    deinit {
        if !closed, let workbook {
            // Closing writes the file; an abandoned workbook's file is removed.
            _ = workbook_close(workbook)
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Adds a sheet. Names longer than 31 characters are cut, as Excel requires.
    public func addSheet(_ name: String) -> Sheet {
        let shortened = String(name.prefix(31))
        guard let workbook, let sheet = workbook_add_worksheet(workbook, shortened) else {
            preconditionFailure("a sheet could not be added: \(name)")
        }
        sheets.append(sheet)
        return Sheet(index: sheets.count - 1)
    }

    /// Writes text into a cell (0-based row and column).
    public func write(
        _ text: String, at row: Int, _ column: Int, in sheet: Sheet, format: CellFormat = .plain
    ) {
        _ = worksheet_write_string(
            sheets[sheet.index], lxw_row_t(row), lxw_col_t(column), text, pointer(for: format))
    }

    /// Writes a number into a cell; NaN and infinities leave the cell empty.
    public func write(
        _ number: Double, at row: Int, _ column: Int, in sheet: Sheet, format: CellFormat = .plain
    ) {
        if number.isFinite {
            _ = worksheet_write_number(
                sheets[sheet.index], lxw_row_t(row), lxw_col_t(column), number, pointer(for: format)
            )
        } else {
            _ = worksheet_write_blank(
                sheets[sheet.index], lxw_row_t(row), lxw_col_t(column), pointer(for: format))
        }
    }

    /// Sets the width of columns in characters (a Chinese character is about two).
    public func setWidth(_ width: Double, columns: ClosedRange<Int>, in sheet: Sheet) {
        _ = worksheet_set_column(
            sheets[sheet.index], lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound),
            width, nil)
    }

    /// Keeps the first rows and columns in view when scrolling.
    public func freeze(rows: Int, columns: Int, in sheet: Sheet) {
        worksheet_freeze_panes(sheets[sheet.index], lxw_row_t(rows), lxw_col_t(columns))
    }

    /// Colours cells of a range whose text equals a word (a status), with a fill.
    public func highlight(
        rows: ClosedRange<Int>, columns: ClosedRange<Int>, equalTo text: String, fill: Colour,
        in sheet: Sheet
    ) {
        text.withCString { value in
            var rule = lxw_conditional_format()
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            let quoted = "\"" + String(cString: value) + "\""
            quoted.withCString { quotedValue in
                rule.value_string = UnsafeMutablePointer(mutating: quotedValue)
                rule.format = pointer(for: CellFormat(fill: fill))
                _ = worksheet_conditional_format_range(
                    sheets[sheet.index], lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                    lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &rule)
            }
        }
    }

    /// Shades a range of numbers on a three-colour scale (red – yellow – green, or reversed
    /// when low is good).
    public func colourScale(
        rows: ClosedRange<Int>, columns: ClosedRange<Int>, lowIsGood: Bool = false, in sheet: Sheet
    ) {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        let (low, high): (UInt32, UInt32) = lowIsGood ? (0x63BE7B, 0xF8696B) : (0xF8696B, 0x63BE7B)
        rule.min_color = low
        rule.mid_color = 0xFFEB84
        rule.max_color = high
        _ = worksheet_conditional_format_range(
            sheets[sheet.index], lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
            lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &rule)
    }

    /// Closes the workbook and returns the bytes of the `.xlsx` file.
    /// - Throws: ``WorkbookError`` when libxlsxwriter reports an error.
    public func data() throws(WorkbookError) -> [UInt8] {
        guard !closed, let workbook else {
            throw WorkbookError(call: "data()", message: "the workbook is already closed")
        }
        closed = true
        let status = workbook_close(workbook)
        self.workbook = nil
        guard status == LXW_NO_ERROR else {
            throw WorkbookError(
                call: "workbook_close", message: String(cString: lxw_strerror(status)))
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw WorkbookError(call: "workbook_close", message: "no file at \(path)")
        }
        return [UInt8](contents)
    }

    /// The libxlsxwriter format for a cell format, made once and reused.
    private func pointer(for format: CellFormat) -> UnsafeMutablePointer<lxw_format>? {
        if format == .plain { return nil }
        if let existing = formats[format] { return existing }
        guard let workbook, let made = workbook_add_format(workbook) else { return nil }
        if format.bold { format_set_bold(made) }
        if let numberFormat = format.numberFormat { format_set_num_format(made, numberFormat) }
        if let fill = format.fill {
            format_set_pattern(made, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(made, fill.rgb)
        }
        if format.wrap {
            format_set_text_wrap(made)
            format_set_align(made, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        switch format.alignment {
        case .left?: format_set_align(made, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(made, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(made, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if format.border { format_set_border(made, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[format] = made
        return made
    }
}
