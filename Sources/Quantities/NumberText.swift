import Foundation

/// Numbers as text, the same way in every file and report: whole numbers without a fraction,
/// other numbers as Swift writes them or with a fixed number of decimals, and thousands
/// grouped for people to read.
public enum NumberText {
    /// A number without a needless fraction: 20, 0.3, 12500000; other numbers as Swift writes
    /// them (the shortest text that reads back the same, e.g. 0.1 or 1e+20).
    public static func plain(_ value: Double) -> String {
        isWhole(value) ? String(Int(value)) : String(value)
    }

    /// A number with at most `decimals` decimals, without trailing zeros: 12.5, 40, 3.14
    /// (rounded as `printf` rounds); never "-0".
    public static func trimmed(_ value: Double, decimals: Int) -> String {
        if isWhole(value) { return String(Int(value)) }
        var text = fixed(value, decimals: decimals)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Thousands grouped with commas: 2310 → "2,310", -99980 → "-99,980".
    public static func grouped(_ value: Int) -> String {
        (value < 0 ? "-" : "") + groupingThousands(String(value.magnitude))
    }

    /// Thousands grouped, with `decimals` decimals: 1234.5 → "1,234.5" (1 decimal),
    /// 2310.4 → "2,310" (none); a value that rounds to zero has no minus sign.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        let rounded = decimals == 0 ? value.rounded() : value
        let text = fixed(abs(rounded), decimals: decimals)
        let parts = text.split(separator: ".", maxSplits: 1)
        let sign = rounded < 0 && (Double(text) ?? 0) != 0 ? "-" : ""
        return sign + groupingThousands(String(parts[0]))
            + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Whether a number is whole and small enough (below 10^15) to write as an `Int`.
    private static func isWhole(_ value: Double) -> Bool {
        value == value.rounded() && abs(value) < 1e15
    }

    /// `printf`'s `%.Nf`: `decimals` decimals, rounded to the nearest.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// "1234567" → "1,234,567".
    private static func groupingThousands(_ digits: String) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
