/// A piece of a document that holds maths: the content between its
/// delimiters, as offsets into the document.
public struct MathRegion: Equatable, Sendable {
    /// The maths, without `$`, `\[`, fences; environments keep their `\begin`/`\end`.
    public let content: Range<Int>
    /// Displayed (`$$`, `\[`, an environment, a math fence) rather than inline.
    public let display: Bool
    /// The maths with its delimiters (`$…$`, a whole fence): what a rendered copy replaces.
    public let outer: Range<Int>

    public init(content: Range<Int>, display: Bool, outer: Range<Int>? = nil) {
        self.content = content
        self.display = display
        self.outer = outer ?? content
    }
}

/// A comment that may hold directives: `<!-- symdiff: … -->` or `% symdiff: …`.
public struct DocumentComment: Equatable, Sendable {
    public let content: Range<Int>
    /// With its delimiters (`<!--`, `-->`, `%`).
    public let outer: Range<Int>

    public init(content: Range<Int>, outer: Range<Int>? = nil) {
        self.content = content
        self.outer = outer ?? content
    }
}

/// Finds the maths of a Markdown or LaTeX document: `$…$`, `$$…$$`,
/// `\(…\)`, `\[…\]`, ```` ```math ```` fences and the display environments,
/// skipping code (other fences, inline code), HTML and LaTeX comments, and
/// escaped dollars. One pass over the text, nothing recurses.
///
/// ```swift
/// let doc = DocumentText("Let $u = 1 + e^{-z}$.")
/// MathScanner(doc, format: .markdown).scan().regions.count   // 1
/// ```
public struct MathScanner {
    let doc: DocumentText
    let format: DocumentFormat
    var s: [Unicode.Scalar] { doc.scalars }

    /// The environments whose content is maths, starred or not.
    public static let environments: Set<String> = [
        "equation", "align", "aligned", "gather", "gathered", "multline", "split", "eqnarray", "alignat",
        "alignedat", "flalign", "displaymath", "math",
    ]

    public init(_ doc: DocumentText, format: DocumentFormat) {
        self.doc = doc
        self.format = format
    }

    /// The math regions and the comments, in document order.
    public func scan() -> (regions: [MathRegion], comments: [DocumentComment]) {
        var regions: [MathRegion] = []
        var comments: [DocumentComment] = []
        var i = 0
        if format == .latex, let body = find("\\begin{document}", from: 0) { i = body + "\\begin{document}".unicodeScalars.count }
        var lineStart = true
        while i < s.count {
            let c = s[i]
            if format == .markdown, lineStart, let fence = fenceAt(i) {
                // A fenced block: math when its info string says so, code otherwise.
                let (contentStart, info, marker) = fence
                let close = closingFence(marker, from: contentStart)
                if info == "math" {
                    regions.append(MathRegion(content: contentStart..<close.contentEnd, display: true, outer: i..<close.next))
                }
                i = close.next
                lineStart = true
                continue
            }
            lineStart = false
            if c == "\n" { lineStart = true; i += 1; continue }
            if format == .markdown, c == "`" {
                i = skipInlineCode(i)
                continue
            }
            if format == .markdown, doc.hasPrefix("<!--", at: i) {
                let end = find("-->", from: i + 4) ?? s.count
                comments.append(DocumentComment(content: (i + 4)..<end, outer: i..<min(s.count, end + 3)))
                i = min(s.count, end + 3)
                continue
            }
            if format == .latex, c == "%" {
                var end = i + 1
                while end < s.count, s[end] != "\n" { end += 1 }
                comments.append(DocumentComment(content: (i + 1)..<end, outer: i..<end))
                i = end
                continue
            }
            if c == "\\", i + 1 < s.count {
                let next = s[i + 1]
                if next == "$" || next == "\\" || next == "%" { i += 2; continue }
                if next == "(" || next == "[" {
                    let closer = next == "(" ? "\\)" : "\\]"
                    if let end = find(closer, from: i + 2) {
                        regions.append(MathRegion(content: (i + 2)..<end, display: next == "[", outer: i..<(end + 2)))
                        i = end + 2
                        continue
                    }
                }
                if doc.hasPrefix("\\begin{", at: i), let (name, after) = environmentName(at: i + 7),
                   MathScanner.environments.contains(name.hasSuffix("*") ? String(name.dropLast()) : name) {
                    let endMarker = "\\end{\(name)}"
                    let end = find(endMarker, from: after) ?? s.count
                    let stop = min(s.count, end + endMarker.unicodeScalars.count)
                    regions.append(MathRegion(content: i..<stop, display: true))
                    i = stop
                    continue
                }
                i += 2
                continue
            }
            if c == "$" {
                if i + 1 < s.count, s[i + 1] == "$" {
                    if let end = find("$$", from: i + 2) {
                        regions.append(MathRegion(content: (i + 2)..<end, display: true, outer: i..<(end + 2)))
                        i = end + 2
                    } else {
                        i += 2
                    }
                    continue
                }
                if let end = inlineEnd(from: i + 1) {
                    regions.append(MathRegion(content: (i + 1)..<end, display: false, outer: i..<(end + 1)))
                    i = end + 1
                    continue
                }
            }
            i += 1
        }
        return (regions, comments)
    }

    /// Where `pattern` next starts at or after `from` (escaped `\$` skipped for dollars).
    func find(_ pattern: String, from: Int) -> Int? {
        let p = Array(pattern.unicodeScalars)
        var i = from
        while i + p.count <= s.count {
            if s[i] == "\\", p[0] == "$" { i += 2; continue }
            if s[i] == p[0], doc.hasPrefix(pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// The closing `$` of inline maths opened just before `from`: the opener
    /// is not followed by a blank, the closer not preceded by one nor
    /// followed by a digit (so "$5 and $6" is prose), and no blank line between.
    func inlineEnd(from start: Int) -> Int? {
        guard start < s.count, s[start] != " ", s[start] != "\t", s[start] != "\n" else { return nil }
        var i = start
        while i < s.count {
            let c = s[i]
            if c == "\\" { i += 2; continue }
            if c == "\n", i + 1 < s.count, s[i + 1] == "\n" { return nil }
            if c == "$" {
                let before = s[i - 1]
                if before == " " || before == "\t" || before == "\n" { return nil }
                if i + 1 < s.count, s[i + 1].properties.numericType == .decimal { return nil }
                return i
            }
            i += 1
        }
        return nil
    }

    func environmentName(at i: Int) -> (String, Int)? {
        var j = i
        var name = ""
        while j < s.count, s[j] != "}", s[j] != "\n", name.unicodeScalars.count < 30 {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == "}" else { return nil }
        return (name, j + 1)
    }

    func skipInlineCode(_ start: Int) -> Int {
        var run = 0
        while start + run < s.count, s[start + run] == "`" { run += 1 }
        var i = start + run
        while i < s.count {
            if s[i] == "`" {
                var k = 0
                while i + k < s.count, s[i + k] == "`" { k += 1 }
                if k == run { return i + k }
                i += k
                continue
            }
            i += 1
        }
        return start + run
    }

    /// A fence line at `i`: where its content starts, its info string, its marker.
    func fenceAt(_ i: Int) -> (Int, String, String)? {
        var j = i
        while j < s.count, j - i < 3, s[j] == " " { j += 1 }
        guard j < s.count, s[j] == "`" || s[j] == "~" else { return nil }
        let mark = s[j]
        var count = 0
        while j < s.count, s[j] == mark { count += 1; j += 1 }
        guard count >= 3 else { return nil }
        var info = ""
        while j < s.count, s[j] != "\n" { info.unicodeScalars.append(s[j]); j += 1 }
        let word = info.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "\t" }).first.map(String.init) ?? ""
        return (min(s.count, j + 1), word.lowercased(), String(repeating: String(mark), count: count))
    }

    /// The end of a fenced block's content and where the text after its closing fence starts.
    func closingFence(_ marker: String, from start: Int) -> (contentEnd: Int, next: Int) {
        var i = start
        while i < s.count {
            var j = i
            while j < s.count, j - i < 3, s[j] == " " { j += 1 }
            if doc.hasPrefix(marker, at: j) {
                var end = j
                while end < s.count, s[end] != "\n" { end += 1 }
                return (i, min(s.count, end + 1))
            }
            while i < s.count, s[i] != "\n" { i += 1 }
            i += 1
        }
        return (s.count, s.count)
    }
}
