/// Text escaped for the formats Yanglao writes: the one place that knows how JSON and YAML
/// double-quote a string.
public enum Escaping {
    /// Text in double quotes as JSON and YAML write it: `"`, `\`, line feed, carriage return
    /// and tab escaped with a backslash, other control characters (below U+0020) by `control`,
    /// everything else as it is.
    public static func doubleQuoted(_ text: String, control: (Unicode.Scalar) -> String)
        -> String
    {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += control(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A scalar's code in hexadecimal, padded with zeros to `digits` digits: "001f".
    public static func hex(_ scalar: Unicode.Scalar, digits: Int, uppercase: Bool = false)
        -> String
    {
        let text = String(scalar.value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
