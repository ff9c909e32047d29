import Foundation

/// Plain-text columns for command reports: names padded to one width,
/// numbers aligned on the decimal point, long lists wrapped.
///
/// ```swift
/// TextColumns.alignedNumbers([("W1", "-0.28125"), ("L", "0.10125")], indent: 2)
/// // "  W1  -0.28125\n  L    0.10125\n"
/// ```
enum TextColumns {
    /// Items joined by commas, broken into lines no wider than `width`.
    static func wrapped(_ items: [String], indent: Int, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for (i, item) in items.enumerated() {
            let piece = item + (i < items.count - 1 ? "," : "")
            if !line.isEmpty && indent + line.count + 1 + piece.count > width {
                lines.append(line)
                line = piece
            } else {
                line += (line.isEmpty ? "" : " ") + piece
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String(repeating: " ", count: indent) + $0 + "\n" }.joined()
    }

    /// `name<pad><separator>value` lines with the separators in one column.
    static func aligned(_ rows: [(String, String)], indent: Int, separator: String) -> String {
        let width = rows.map { $0.0.count }.max() ?? 0
        return rows.map { name, value in
            String(repeating: " ", count: indent) + name.padding(toLength: width, withPad: " ", startingAt: 0) + separator + value + "\n"
        }.joined()
    }

    /// Names left-aligned, numbers aligned on the decimal point.
    static func alignedNumbers(_ rows: [(String, String)], indent: Int) -> String {
        let nameWidth = rows.map { $0.0.count }.max() ?? 0
        let integerWidth = rows.map { integerPart($0.1).count }.max() ?? 0
        return rows.map { name, value in
            let pad = String(repeating: " ", count: integerWidth - integerPart(value).count)
            return String(repeating: " ", count: indent) + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + "  " + pad + value + "\n"
        }.joined()
    }

    static func integerPart(_ text: String) -> Substring {
        text.prefix { $0 != "." && $0 != "e" }
    }
}
