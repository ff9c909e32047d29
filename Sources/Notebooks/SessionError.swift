import SymDiff

/// An error in one session statement, with where it happened: line and
/// column (from 1) and the source line, shown with a caret.
///
/// ```text
/// error at line 2, column 5: unknown function 'sigmod'; did you mean 'sigmoid'?
///   a = sigmod(z)
///       ^
/// ```
///
/// The session reports it and goes on with the next statement.
public struct SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    /// The text of the line holding the error.
    public let sourceLine: String

    public init(message: String, line: Int, column: Int, sourceLine: String) {
        self.message = message
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
    }

    public var description: String {
        "error at line \(line), column \(column): \(message)\n" + ParseError.excerpt(sourceLine, column: column)
    }
}

/// A statement's source text and where it starts, to turn scalar offsets into
/// line/column positions.
struct SourceText {
    let scalars: [Unicode.Scalar]
    let firstLine: Int

    init(_ text: String, firstLine: Int) {
        scalars = Array(text.unicodeScalars)
        self.firstLine = firstLine
    }

    func error(at offset: Int, _ message: String) -> SessionError {
        var line = 0, lineStart = 0
        for (i, s) in scalars.prefix(offset).enumerated() where s == "\n" {
            line += 1
            lineStart = i + 1
        }
        var lineEnd = lineStart
        while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
        let source = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
        return SessionError(message: message, line: firstLine + line, column: offset - lineStart + 1, sourceLine: source)
    }
}
