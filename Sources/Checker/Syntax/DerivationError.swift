import Foundation
import SymDiff

/// A mistake in a derivation file that stops one statement from being
/// checked: a syntax error, an unknown name, a circular definition. It names
/// the line and column; the rest of the file is still checked.
///
/// ```text
/// line 4, column 11: 'a_1' is not defined (did you mean 'a1'?)
///   d(L)/d(a_1) == W2*(y - target)
///             ^
/// ```
public struct DerivationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line (from 1).
    public let line: Int
    /// The column (from 1, counted in Unicode scalars).
    public let column: Int
    public let message: String
    /// The text of the line, shown with a caret under the column.
    public let sourceLine: String

    public init(line: Int, column: Int, message: String, sourceLine: String) {
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    /// The engine's parse error, already positioned in the file.
    init(_ error: ParseError) {
        self.init(line: error.line, column: error.column, message: error.message, sourceLine: error.sourceLine)
    }

    public var description: String {
        // The parse error's layout (long lines cut around the caret) is reused.
        let shown = ParseError(message: message, line: line, column: column, sourceLine: sourceLine).description
        let prefix = "parse error at "
        return shown.hasPrefix(prefix) ? String(shown.dropFirst(prefix.count)) : shown
    }
}
