import Language
import SymDiff

/// A checked copy of a document as one self-contained HTML page (no
/// network, no script): headings, paragraphs, lists, tables and code kept;
/// every formula drawn as MathML with its marks beside it (✓ holds, ✗ wrong,
/// ? undecided, – skipped or unreadable) and the explanations under it;
/// wrong formulas highlighted. The page is well-formed XML.
///
/// ```swift
/// let report = DocumentChecker(format: .markdown).check(text)
/// let page = DocumentHTML.page(text, format: .markdown, report: report, title: "notes.md")
/// ```
public enum DocumentHTML {
    /// One verdict to show beside a formula.
    struct Mark {
        let line: Int
        let symbol: String
        let kind: String   // ok, wrong, undecided, skipped
        let text: String
        let explanation: [String]
    }

    public static func page(_ text: String, format: DocumentFormat, report: DocumentReport, title: String) -> String {
        let doc = DocumentText(text)
        let (regions, comments) = MathScanner(doc, format: format).scan()
        let marks = assign(marks(report), to: regions, in: doc)
        // The prose with each formula replaced by a placeholder (private-use
        // scalars), so block structure is found on lines without breaking a
        // formula that spans several.
        var cuts: [(range: Range<Int>, region: Int?)] = regions.indices.map { (regions[$0].outer, $0) }
        cuts += comments.map { ($0.outer, nil) }
        cuts.sort { $0.range.lowerBound < $1.range.lowerBound }
        var prose = String.UnicodeScalarView()
        // A LaTeX document's preamble is not shown (the scanner starts after it too).
        var at = format == .latex ? find("\\begin{document}", in: doc.scalars) ?? 0 : 0
        for cut in cuts where cut.range.lowerBound >= at {
            prose.append(contentsOf: doc.scalars[at..<cut.range.lowerBound])
            if let k = cut.region { prose.append(contentsOf: placeholder(k).unicodeScalars) }
            at = cut.range.upperBound
        }
        if at < doc.scalars.count { prose.append(contentsOf: doc.scalars[at...]) }
        var formulas: [String] = []
        for (k, region) in regions.enumerated() {
            formulas.append(formula(String(String.UnicodeScalarView(doc.scalars[region.content])), display: region.display, marks: marks[k] ?? []))
        }
        let body = blocks(String(prose), format: format, formulas: formulas)
        let summary = "<p class=\"summary\">\(escape(report.coverageLine)). \(escape(report.summaryLine)).</p>"
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>\(escape(title)) — checked by symdiff</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <header><p class="checked">Checked by symdiff: \(escape(title))</p>\(summary)</header>
            \(body)
            </body>
            </html>

            """
    }

    static let style = """
        body { font-family: Georgia, serif; max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
        header { border-bottom: 1px solid #ccc; margin-bottom: 1.5em; }
        .checked { font-family: sans-serif; font-size: 0.9em; color: #555; }
        .summary { font-family: sans-serif; font-size: 0.9em; }
        math[display="block"] { margin: 0.4em 0; }
        .formula { display: block; margin: 0.8em 0; padding: 0.2em 0.8em; border-left: 4px solid #ddd; }
        .formula.ok { border-left-color: #2a8a2a; }
        .formula.wrong { border-left-color: #c62828; background: #fdecea; }
        .formula.undecided { border-left-color: #d9a400; }
        .inline.wrong { background: #fdecea; outline: 1px solid #c62828; }
        .mark { font-family: sans-serif; font-weight: bold; margin-left: 0.3em; }
        .mark.ok { color: #2a8a2a; } .mark.wrong { color: #c62828; } .mark.undecided { color: #b08800; } .mark.skipped { color: #888; }
        .notes { font-family: sans-serif; font-size: 0.85em; color: #444; }
        .formula .notes { display: block; margin: 0.2em 0 0.4em 0; }
        .note { display: block; margin: 0.1em 0; } .note.wrong { color: #a01c1c; }
        .notes .explanation { display: block; margin-left: 1.5em; color: #555; white-space: pre-wrap; }
        pre { background: #f5f5f5; padding: 0.6em; overflow-x: auto; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; }
        """

    // MARK: Marks

    static func marks(_ report: DocumentReport) -> [Mark] {
        var out: [Mark] = []
        let names = report.reading.names
        for claim in report.derivation.claims {
            let kind = claim.status == .proved ? "ok" : claim.status == .refuted ? "wrong" : "undecided"
            out.append(Mark(line: claim.line, symbol: claim.mark, kind: kind, text: claim.text,
                            explanation: [names.shown(claim.summary)] + claim.details.map(names.shown)))
        }
        for step in report.reading.undecided {
            out.append(Mark(line: step.line, symbol: "?", kind: "undecided", text: step.text, explanation: ["could not decide: \(step.reason)"]))
        }
        for skipped in report.skippedClaims {
            out.append(Mark(line: skipped.line, symbol: "–", kind: "skipped", text: skipped.text, explanation: ["skipped: \(skipped.reason)"]))
        }
        for error in report.derivation.errors {
            out.append(Mark(line: error.line, symbol: "–", kind: "skipped", text: "", explanation: ["could not be read (column \(error.column)): \(error.message)"]))
        }
        return out
    }

    /// Each mark goes to the formula on its line whose text holds the mark's
    /// first side (else the first formula on that line).
    static func assign(_ marks: [Mark], to regions: [MathRegion], in doc: DocumentText) -> [Int: [Mark]] {
        var byLine: [Int: [Int]] = [:]
        for (k, region) in regions.enumerated() {
            let first = doc.position(of: region.content.lowerBound).line
            let last = doc.position(of: max(region.content.lowerBound, region.content.upperBound - 1)).line
            for line in first...max(first, last) { byLine[line, default: []].append(k) }
        }
        var out: [Int: [Mark]] = [:]
        for mark in marks {
            guard let candidates = byLine[mark.line], !candidates.isEmpty else { continue }
            let side = squeezed(String(mark.text.replacingOccurrences(of: "whole chain: ", with: "").split(separator: "=").first ?? ""))
            let k = candidates.first { side.isEmpty ? false : squeezed(String(String.UnicodeScalarView(doc.scalars[regions[$0].content]))).contains(side) }
                ?? candidates[0]
            out[k, default: []].append(mark)
        }
        return out
    }

    static func squeezed(_ s: String) -> String { String(s.unicodeScalars.filter { $0 != " " && $0 != "\n" && $0 != "\t" }.map(Character.init)) }

    // MARK: Formulas

    static func placeholder(_ k: Int) -> String { "\u{E000}\(k)\u{E001}" }

    static func formula(_ latex: String, display: Bool, marks: [Mark]) -> String {
        let math = MathMLPrinter.render(latex: latex, display: display)
        let worst = ["wrong", "undecided", "ok", "skipped"].first { kind in marks.contains { $0.kind == kind } }
        let symbols = marks.map { "<span class=\"mark \($0.kind)\" title=\"\(escape($0.explanation.joined(separator: "\n")))\">\(escape($0.symbol))</span>" }.joined()
        if display {
            // Spans with display: block, so a formula is valid inside a paragraph, list item or cell.
            var notes = ""
            let shown = marks.filter { $0.kind != "ok" || marks.count > 1 }
            if !shown.isEmpty {
                notes = "<span class=\"notes\">" + shown.map { mark in
                    let label = mark.text.isEmpty ? "" : " " + shownFormula(mark.text)
                    return "<span class=\"note \(mark.kind)\">\(escape(mark.symbol))\(label)<span class=\"explanation\">\(escape(mark.explanation.joined(separator: "\n")))</span></span>"
                }.joined() + "</span>"
            }
            return "<span class=\"formula \(worst ?? "none")\">\(math)\(symbols)\(notes)</span>"
        }
        let notes = marks.filter { $0.kind == "wrong" || $0.kind == "undecided" }
            .map { "<span class=\"notes \($0.kind)\"> (\(escape($0.explanation.first ?? "")))</span>" }.joined()
        return "<span class=\"inline \(worst ?? "none")\">\(math)\(symbols)</span>\(notes)"
    }

    // MARK: Prose

    /// Markdown blocks (or LaTeX paragraphs and sections) as HTML, with the
    /// formulas put back in place of their placeholders.
    static func blocks(_ prose: String, format: DocumentFormat, formulas: [String]) -> String {
        var html: [String] = []
        var paragraph: [String] = []
        var list: (tag: String, items: [String])?
        var table: [[String]] = []
        var code: [String]?
        func flush() {
            if !paragraph.isEmpty { html.append("<p>" + paragraph.joined(separator: "\n") + "</p>"); paragraph = [] }
            if let l = list { html.append("<\(l.tag)>" + l.items.map { "<li>\($0)</li>" }.joined() + "</\(l.tag)>"); list = nil }
            if !table.isEmpty {
                let rows = table.filter { !$0.allSatisfy { $0.allSatisfy { $0 == "-" || $0 == ":" || $0 == " " } } }
                html.append("<table>" + rows.map { "<tr>" + $0.map { "<td>\(inline($0, format, formulas))</td>" }.joined() + "</tr>" }.joined() + "</table>")
                table = []
            }
        }
        for raw in prose.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingBlanks()
            if var c = code {
                if trimmed.hasPrefix("```") {
                    html.append("<pre><code>" + escape(c.joined(separator: "\n")) + "</code></pre>")
                    code = nil
                } else {
                    c.append(line)
                    code = c
                }
                continue
            }
            if format == .markdown, trimmed.hasPrefix("```") { flush(); code = []; continue }
            if trimmed.isEmpty { flush(); continue }
            if let (level, title) = heading(trimmed, format) {
                flush()
                html.append("<h\(level)>\(inline(title, format, formulas))</h\(level)>")
                continue
            }
            if format == .latex, trimmed.hasPrefix("\\begin{document}") || trimmed.hasPrefix("\\end{document}") || trimmed.hasPrefix("\\maketitle") { continue }
            if format == .markdown, trimmed.hasPrefix("|") {
                if !paragraph.isEmpty || list != nil { flush() }
                var cells = trimmed.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingBlanks() }
                if cells.first == "" { cells.removeFirst() }
                if cells.last == "" { cells.removeLast() }
                table.append(cells)
                continue
            }
            if !table.isEmpty { flush() }
            if format == .markdown, let (tag, item) = listItem(trimmed) {
                if !paragraph.isEmpty { flush() }
                if list?.tag != tag { if list != nil { flush() }; list = (tag, []) }
                list!.items.append(inline(item, format, formulas))
                continue
            }
            if let l = list, line.hasPrefix("  ") || line.hasPrefix("\t") {
                var items = l.items
                items[items.count - 1] += "\n" + inline(trimmed, format, formulas)
                list = (l.tag, items)
                continue
            }
            if list != nil { flush() }
            if let k = onlyPlaceholder(trimmed), k < formulas.count, formulas[k].hasPrefix("<span class=\"formula") {
                flush()
                html.append("<div>" + formulas[k] + "</div>")
                continue
            }
            paragraph.append(inline(trimmed, format, formulas))
        }
        if let c = code { html.append("<pre><code>" + escape(c.joined(separator: "\n")) + "</code></pre>") }
        flush()
        return html.joined(separator: "\n")
    }

    static func heading(_ line: String, _ format: DocumentFormat) -> (Int, String)? {
        if format == .markdown {
            let hashes = line.prefix { $0 == "#" }.count
            guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
            return (hashes, String(line.dropFirst(hashes + 1)))
        }
        for (command, level) in [("\\section", 2), ("\\subsection", 3), ("\\subsubsection", 4), ("\\title", 1), ("\\paragraph", 5)] {
            for star in ["*{", "{"] where line.hasPrefix(command + star) && line.hasSuffix("}") {
                return (level, String(line.dropFirst(command.count + star.count).dropLast()))
            }
        }
        return nil
    }

    static func listItem(_ line: String) -> (String, String)? {
        for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) { return ("ul", String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return ("ol", String(line.dropFirst(digits.count + 2))) }
        return nil
    }

    static func onlyPlaceholder(_ line: String) -> Int? {
        let s = Array(line.unicodeScalars)
        guard s.count >= 3, s.first == "\u{E000}", s.last == "\u{E001}" else { return nil }
        return Int(String(String.UnicodeScalarView(s[1..<(s.count - 1)])))
    }

    /// A line of prose: escaped, `**bold**` and `` `code` `` kept in
    /// Markdown, placeholders replaced by their formulas.
    static func inline(_ text: String, _ format: DocumentFormat, _ formulas: [String]) -> String {
        var out = ""
        var s = Array(text.unicodeScalars)
        if format == .latex {
            // \textbf{…}, \emph{…}: the words; other commands stay as written.
            s = Array(text.replacingOccurrences(of: "\\textbf{", with: "{").replacingOccurrences(of: "\\emph{", with: "{")
                .replacingOccurrences(of: "\\textit{", with: "{").unicodeScalars.filter { $0 != "{" && $0 != "}" })
        }
        var i = 0
        var bold = false
        while i < s.count {
            let c = s[i]
            if c == "\u{E000}", let end = s[i...].firstIndex(of: "\u{E001}"), let k = Int(String(String.UnicodeScalarView(s[(i + 1)..<end]))), k < formulas.count {
                out += formulas[k]
                i = end + 1
                continue
            }
            if format == .markdown, c == "*", i + 1 < s.count, s[i + 1] == "*" {
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
                i += 2
                continue
            }
            if format == .markdown, c == "`", let end = s[(i + 1)...].firstIndex(of: "`") {
                out += "<code>" + escape(String(String.UnicodeScalarView(s[(i + 1)..<end]))) + "</code>"
                i = end + 1
                continue
            }
            out += escape(String(c))
            i += 1
        }
        if bold { out += "</strong>" }
        return out
    }

    static func escape(_ s: String) -> String { MathMLPrinter.escape(s) }

    /// A claim's text (LaTeX, perhaps after "whole chain: ") drawn as inline MathML.
    static func shownFormula(_ text: String) -> String {
        let prefix = "whole chain: "
        if text.hasPrefix(prefix) { return escape(prefix) + MathMLPrinter.render(latex: String(text.dropFirst(prefix.count))) }
        return MathMLPrinter.render(latex: text)
    }

    static func find(_ pattern: String, in scalars: [Unicode.Scalar]) -> Int? {
        let p = Array(pattern.unicodeScalars)
        guard !p.isEmpty, scalars.count >= p.count else { return nil }
        var i = 0
        while i + p.count <= scalars.count {
            if scalars[i] == p[0], Array(scalars[i..<(i + p.count)]) == p { return i + p.count }
            i += 1
        }
        return nil
    }
}
