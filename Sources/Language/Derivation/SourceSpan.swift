import SymDiff

/// A piece of one line of a derivation file. Indices are offsets into the
/// whole line, so any position inside the piece converts to the file's column.
package struct SourceSpan {
    /// The scalars of the piece; `scalars.startIndex` is its offset in the line.
    package let scalars: ArraySlice<Unicode.Scalar>
    package let line: Int
    package let lineText: String

    package init(line: Int, text: String) {
        self.line = line
        self.lineText = text
        scalars = ArraySlice(Array(text.unicodeScalars))
    }

    private init(scalars: ArraySlice<Unicode.Scalar>, line: Int, lineText: String) {
        self.scalars = scalars
        self.line = line
        self.lineText = lineText
    }

    package var text: String { String(String.UnicodeScalarView(scalars)) }
    package var isEmpty: Bool { scalars.isEmpty }
    package var startIndex: Int { scalars.startIndex }
    package var endIndex: Int { scalars.endIndex }
    /// The column (from 1) of the first scalar.
    package var column: Int { scalars.startIndex + 1 }

    package func slice(_ range: Range<Int>) -> SourceSpan {
        SourceSpan(scalars: scalars[range], line: line, lineText: lineText)
    }
    package func slice(from start: Int) -> SourceSpan { slice(start..<endIndex) }
    package func slice(upTo end: Int) -> SourceSpan { slice(startIndex..<end) }

    /// The span without leading and trailing blanks.
    package func trimmed() -> SourceSpan {
        var start = startIndex, end = endIndex
        while start < end, SourceSpan.isBlank(scalars[start]) { start += 1 }
        while end > start, SourceSpan.isBlank(scalars[end - 1]) { end -= 1 }
        return slice(start..<end)
    }

    /// Where `token` first occurs at or after `from`, or `nil`.
    package func firstIndex(of token: String, from: Int? = nil) -> Int? {
        let pattern = Array(token.unicodeScalars)
        var i = from ?? startIndex
        while i + pattern.count <= endIndex {
            if scalars[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    package func hasPrefix(_ prefix: String) -> Bool { text.hasPrefix(prefix) }

    /// The positions of `separator` outside parentheses.
    package func topLevelIndices(of separator: Unicode.Scalar) -> [Int] {
        var depth = 0
        var found: [Int] = []
        for i in startIndex..<endIndex {
            switch scalars[i] {
            case "(": depth += 1
            case ")": depth -= 1
            case separator where depth == 0: found.append(i)
            default: break
            }
        }
        return found
    }

    /// The span cut at each `separator` outside parentheses.
    package func split(topLevel separator: Unicode.Scalar) -> [SourceSpan] {
        var pieces: [SourceSpan] = []
        var start = startIndex
        for i in topLevelIndices(of: separator) {
            pieces.append(slice(start..<i))
            start = i + 1
        }
        pieces.append(slice(start..<endIndex))
        return pieces
    }

    /// An error pointing at `index` (an offset in the line).
    package func error(_ message: String, at index: Int? = nil) -> SourceError {
        SourceError(message: message, line: line, column: (index ?? startIndex) + 1, sourceLine: lineText)
    }

    /// The span as a name, if it is one (`W1`, `a_1`, `target`).
    package var identifier: String? {
        let t = trimmed()
        guard let first = t.scalars.first, SourceSpan.isIdentifierStart(first),
              t.scalars.allSatisfy(SourceSpan.isIdentifierCharacter) else { return nil }
        return t.text
    }

    package static func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\r" }
    package static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) || s == "_"
    }
    package static func isIdentifierCharacter(_ s: Unicode.Scalar) -> Bool {
        isIdentifierStart(s) || (s.value >= 48 && s.value <= 57)
    }
}
