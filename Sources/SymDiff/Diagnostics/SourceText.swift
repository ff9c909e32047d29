/// Text to be read, and where it starts in a larger file: turns a scalar
/// offset into the text into a positioned `SourceError`.
///
/// ```swift
/// let source = SourceText("x +\n* y", line: 7, column: 10)
/// source.error(at: 4, "found '*'")   // line 8, column 1, source line "* y"
/// ```
public struct SourceText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// The line of the text's first line in the file (from 1).
    public let firstLine: Int
    /// The column of the text's first scalar in its line (from 1); later
    /// lines start at column 1.
    public let firstColumn: Int

    public init(_ text: String, line: Int = 1, column: Int = 1) {
        scalars = Array(text.unicodeScalars)
        firstLine = line
        firstColumn = column
    }

    /// An error at `offset` (a scalar index into the text; the text's length
    /// means its end), showing the line of the text that holds it.
    public func error(at offset: Int, _ message: String) -> SourceError {
        var line = 0, lineStart = 0
        for (i, s) in scalars.prefix(offset).enumerated() where s == "\n" {
            line += 1
            lineStart = i + 1
        }
        var lineEnd = lineStart
        while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
        let source = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
        let column = offset - lineStart + 1 + (line == 0 ? firstColumn - 1 : 0)
        return SourceError(message: message, line: firstLine + line, column: column, sourceLine: source)
    }
}
