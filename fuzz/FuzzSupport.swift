// What every fuzz target shares: how a failure is reported, and what a
// well-placed error is.
import Foundation

func fail(_ message: String, _ text: String) -> Never {
    FileHandle.standardError.write(Data("FUZZ FAILURE: \(message)\ninput: \(text.debugDescription)\n".utf8))
    abort()
}

/// A positioned error must point at a line of the text and at most one past its last column.
func requireInside(_ error: SourceError, _ text: String) {
    // Lines and columns count Unicode scalars ("\r\n" is one Character but two scalars).
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    guard error.line >= 1, error.line <= lines.count, error.column >= 1,
          error.column <= lines[error.line - 1].count + 1, !error.message.isEmpty else {
        fail("error outside the text: \(error)", text)
    }
    _ = error.description
}
