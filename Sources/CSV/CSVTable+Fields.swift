import Diagnostics

/// The columns a reader of a table expects.
public struct CSVColumns: Sendable {
    /// Columns that must be present.
    public var required: [String]
    /// Columns that may be present.
    public var optional: [String]

    public init(required: [String], optional: [String] = []) {
        self.required = required
        self.optional = optional
    }
}

extension CSVTable {
    /// Checks the header against the expected columns: a missing required column is an error
    /// (with the closest header name as a suggestion); a column that is neither required nor
    /// optional is a warning, since it is ignored.
    /// - Returns: false when a required column is missing.
    @discardableResult
    public func check(_ columns: CSVColumns, log: inout DiagnosticLog) -> Bool {
        let known = Set(columns.required + columns.optional)
        var complete = true
        for name in columns.required where column(name) == nil {
            let unused = header.filter { !known.contains($0) }
            log.error(
                .missingColumn(
                    column: name, suggestion: Suggestion.closest(to: name, among: unused)),
                at: headerLocation())
            complete = false
        }
        for (index, name) in header.enumerated() where !name.isEmpty && !known.contains(name) {
            log.warning(
                .unknownColumn(
                    column: name, suggestion: Suggestion.closest(to: name, among: known)),
                at: headerLocation(column: index))
        }
        return complete
    }

    /// The text of a row's cell in the column with this header, "" when there is none.
    public func text(row: Int, named name: String) -> String {
        text(row: row, column: column(name)) ?? ""
    }

    /// The cell's text without surrounding spaces; nil when the column is absent.
    public func text(row: Int, column: Int?) -> String? {
        guard let column else { return nil }
        let raw = self[row, column]
        if let first = raw.utf8.first, let last = raw.utf8.last,
            first != 0x20, first != 0x09, last != 0x20, last != 0x09
        {
            return raw
        }
        return raw.trimmingSpaces
    }

    /// A cell that must not be empty.
    public func requiredText(row: Int, column: Int, log: inout DiagnosticLog) -> String? {
        let value = text(row: row, column: column) ?? ""
        if value.isEmpty {
            log.error(.emptyCell(column: header[column]), at: location(row: row, column: column))
            return nil
        }
        return value
    }

    /// The largest magnitude any number in a table may have, 10^15: above every count, sum of
    /// money in yuan or coordinate the model holds, and far enough below `Int.max` (≈ 9.2 × 10^18)
    /// that sums and conversions of such numbers cannot trap. Readers set tighter bounds per
    /// field (a census cell, for instance, at most 10^9).
    public static let largestNumber = 1e15

    /// A number in a cell: decimal, optional sign and exponent; nil when the cell is empty or
    /// the column absent. A non-number, NaN or infinity is an error, and so is a magnitude
    /// above ``largestNumber``.
    public func number(row: Int, column: Int?, log: inout DiagnosticLog) -> Double? {
        guard let column, let value = text(row: row, column: column), !value.isEmpty else {
            return nil
        }
        guard let number = Double(value), number.isFinite else {
            log.error(
                .notANumber(column: header[column], value: value),
                at: location(row: row, column: column))
            return nil
        }
        guard abs(number) <= Self.largestNumber else {
            log.error(
                .outOfRange(
                    field: header[column], value: value, range: "between −10^15 and 10^15"),
                at: location(row: row, column: column))
            return nil
        }
        return number
    }

    /// A count (persons, beds): a non-negative whole number. Empty is an error when required.
    public func count(row: Int, column: Int, required: Bool = true, log: inout DiagnosticLog)
        -> Int?
    {
        guard let value = text(row: row, column: column), !value.isEmpty else {
            if required {
                log.error(
                    .emptyCell(column: header[column]), at: location(row: row, column: column))
            }
            return nil
        }
        guard let number = Double(value), number.isFinite, number == number.rounded(),
            abs(number) <= Self.largestNumber
        else {
            log.error(
                .notANumber(column: header[column], value: value),
                at: location(row: row, column: column))
            return nil
        }
        guard number >= 0 else {
            log.error(
                .negative(column: header[column], value: value),
                at: location(row: row, column: column))
            return nil
        }
        return Int(number)
    }
}
