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
    ///
    /// Computed exactly with integers where the value allows it (the indicator table writes
    /// millions of numbers), else written by the C library's `vsnprintf`, as
    /// `String(format:)` does.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *),
            let text = exactFixed(value, decimals: decimals)
        {
            return text
        }
        let capacity = 64
        let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) {
            buffer -> String? in
            let length = withVaList([Int32(decimals), value]) {
                vsnprintf(buffer.baseAddress!, capacity, "%.*f", $0)
            }
            guard length >= 0, length < capacity else { return nil }
            return String(cString: buffer.baseAddress!)
        }
        return text ?? String(format: "%.\(decimals)f", value)
    }

    /// `%.Nf` by integer arithmetic: a normal value (or zero) below 9 × 10^15 is
    /// significand × 2^−shift exactly, so value × 10^N is significand × 10^N (< 2^87) shifted
    /// right, and the bits shifted out decide the rounding: to the nearest, a tie to the
    /// even last digit, as `printf` rounds in the default rounding mode. Nil for other
    /// values (subnormal, large, or more than 9 decimals).
    @available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *)
    static func exactFixed(_ value: Double, decimals: Int) -> String? {
        guard value.isFinite, (0...9).contains(decimals) else { return nil }
        let magnitude = abs(value)
        guard magnitude < 9.0e15, magnitude == 0 || magnitude.isNormal else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        var significand: UInt64 = 0
        var shift = 0
        if magnitude != 0 {
            // Below 2^53 the exponent of the last significand bit is at most 0.
            significand = magnitude.significandBitPattern | (1 << 52)
            shift = 52 - Int(magnitude.exponent)
        }
        guard shift < 120 else { return nil }
        let product = UInt128(significand) * UInt128(scale)
        var quotient = product >> UInt128(shift)
        if shift > 0 {
            let remainder = product & ((UInt128(1) << UInt128(shift)) - 1)
            let half = UInt128(1) << UInt128(shift - 1)
            if remainder > half || (remainder == half && quotient & 1 == 1) { quotient += 1 }
        }
        let whole = quotient / UInt128(scale)
        var text = value.sign == .minus ? "-" : ""
        text += String(whole)
        if decimals > 0 {
            let digits = String(quotient % UInt128(scale))
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
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
