/// A whole document as scalars, with where each line starts, so an offset
/// anywhere in it converts to the line and column a person sees.
///
/// ```swift
/// let doc = DocumentText("a\nbc")
/// doc.position(of: 3)   // (line: 2, column: 2)
/// ```
public struct DocumentText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// The offset of each line's first scalar (line 1 first).
    public let lineStarts: [Int]

    /// The lines of the document, from line 1, without their line breaks
    /// (made once: reports quote a line for every formula).
    public let lines: [String]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        lineStarts = starts
        var lines: [String] = []
        lines.reserveCapacity(starts.count)
        for (k, start) in starts.enumerated() {
            var end = k + 1 < starts.count ? starts[k + 1] - 1 : scalars.count
            if end > start, scalars[end - 1] == "\r" { end -= 1 }
            lines.append(String(String.UnicodeScalarView(scalars[start..<max(end, start)])))
        }
        self.lines = lines
    }

    /// Line and column (both from 1) of the scalar at `offset`.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        // Binary search: documents may have 100,000 lines.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The text of line `line` (from 1), without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lines.count else { return "" }
        return lines[line - 1]
    }

    func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }

    func hasPrefix(_ prefix: String, at i: Int) -> Bool {
        var j = i
        for p in prefix.unicodeScalars {
            guard j < scalars.count, scalars[j] == p else { return false }
            j += 1
        }
        return true
    }
}
