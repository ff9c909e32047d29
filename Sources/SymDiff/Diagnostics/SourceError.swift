import Foundation

/// A mistake in input text, with its position: line and column (both from 1,
/// columns counted in Unicode scalars) and the offending source line, shown
/// with a caret under the character. The one positioned error of symdiff:
/// the expression parser, derivation files and the session language all
/// report with it, in the same format.
///
/// ```text
/// error at line 1, column 5: expected a number, name or '(' but found '*'
///   x + * y
///       ^
/// ```
public struct SourceError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
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
        "error at line \(line), column \(column): \(message)\n" + SourceError.excerpt(sourceLine, column: column)
    }

    /// The same error shown with another text for its line, such as the
    /// whole line of a file when only a piece of it was parsed.
    ///
    /// ```swift
    /// error.showing(sourceLine: "d(L)/d(w) == x +")
    /// ```
    public func showing(sourceLine: String) -> SourceError {
        SourceError(message: message, line: line, column: column, sourceLine: sourceLine)
    }

    /// The source line and a caret under `column`, indented two spaces, as
    /// every positioned error in symdiff shows it. Long lines are cut around
    /// the column so the caret stays readable.
    ///
    /// ```swift
    /// SourceError.excerpt("x + * y", column: 5)   // "  x + * y\n      ^"
    /// ```
    public static func excerpt(_ sourceLine: String, column: Int) -> String {
        var shown = sourceLine
        var caretColumn = column
        if shown.count > 100 {
            let start = max(0, column - 50)
            shown = (start > 0 ? "..." : "") + String(shown.dropFirst(start).prefix(100)) + (shown.count > start + 100 ? "..." : "")
            caretColumn = column - start + (start > 0 ? 3 : 0)
        }
        let caret = String(repeating: " ", count: max(0, caretColumn - 1)) + "^"
        return "  \(shown)\n  \(caret)"
    }
    public var errorDescription: String? { description }
}
