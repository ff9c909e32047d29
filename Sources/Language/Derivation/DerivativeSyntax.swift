import SymDiff

/// Reads `d(F)/d(v)` and `d(F, v)` out of a piece of text before the
/// expression parser sees it.
///
/// Each derivative is replaced by a placeholder name padded with blanks to the
/// same length, so the parser's columns still match the file; F is parsed on
/// its own with its own column. Derivatives are found left to right (so a
/// `d(v)` denominator is never mistaken for a derivative of its own) and
/// replaced right to left (so a derivative nested in F is already a
/// placeholder when F is parsed). Nothing recurses.
package enum DerivativeSyntax {
    package static let placeholderPrefix = "__d"

    /// The text with placeholders, and the derivatives, inner ones first.
    package static func rewrite(_ span: SourceSpan) throws -> (text: String, derivatives: [DerivativeTerm]) {
        var scalars = Array(span.scalars)
        let base = span.startIndex
        let found = try locate(span)
        var terms: [DerivativeTerm] = []
        for (number, form) in found.sorted(by: { $0.start > $1.start }).enumerated() {
            let placeholder = "\(placeholderPrefix)\(number)"
            let length = form.end - form.start
            guard placeholder.unicodeScalars.count <= length else {
                throw span.error("too many derivatives on one line", at: form.start)
            }
            // F already holds the placeholders of the derivatives nested in it.
            let functionScalars = scalars[(form.function.lowerBound - base)..<(form.function.upperBound - base)]
            let functionSpan = SourceSpan(line: span.line, text: span.lineText).slice(form.function)
            let functionText = String(String.UnicodeScalarView(functionScalars))
            let function: Expr
            do {
                function = try Expr.parse(functionText, line: span.line, column: form.function.lowerBound + 1)
            } catch let error as SourceError {
                throw error.showing(sourceLine: span.lineText)
            }
            terms.append(DerivativeTerm(
                placeholder: .symbol(placeholder), function: function,
                functionText: functionSpan.text.trimmingBlanks(), variable: form.variable,
                line: span.line, column: form.start + 1, functionColumn: form.function.lowerBound + 1,
                variableColumn: form.variableColumn))
            let replacement = Array(placeholder.unicodeScalars)
                + Array(repeating: Unicode.Scalar(" "), count: length - placeholder.unicodeScalars.count)
            scalars.replaceSubrange((form.start - base)..<(form.end - base), with: replacement)
        }
        return (String(String.UnicodeScalarView(scalars)), terms)
    }

    /// Where one derivative is written: `start..<end` is the whole of
    /// `d(F)/d(v)`, `function` the text of F (trimmed).
    package struct Form {
        let start: Int
        let end: Int
        let function: Range<Int>
        let variable: String
        let variableColumn: Int
    }

    package static func locate(_ span: SourceSpan) throws -> [Form] {
        let s = span.scalars
        var forms: [Form] = []
        var denominators = Set<Int>()
        var i = span.startIndex
        while i < span.endIndex {
            guard s[i] == "d", i == span.startIndex || !SourceSpan.isIdentifierCharacter(s[i - 1]),
                  i + 1 == span.endIndex || !SourceSpan.isIdentifierCharacter(s[i + 1]),
                  let open = nextNonBlank(s, after: i), s[open] == "(", !denominators.contains(i) else {
                i += 1
                continue
            }
            guard let close = matchingParenthesis(s, open) else {
                throw span.error("this '(' is never closed", at: open)
            }
            let inner = span.slice((open + 1)..<close)
            let commas = inner.topLevelIndices(of: ",")
            if commas.count > 1 {
                throw span.error("d(F, v) takes two arguments, got \(commas.count + 1)", at: i)
            }
            let function: SourceSpan
            let variable: SourceSpan
            let end: Int
            if let comma = commas.first {
                function = span.slice((open + 1)..<comma).trimmed()
                variable = span.slice((comma + 1)..<close).trimmed()
                end = close + 1
            } else {
                function = inner.trimmed()
                guard let slash = nextNonBlank(s, after: close), s[slash] == "/",
                      let d = nextNonBlank(s, after: slash), s[d] == "d",
                      let dOpen = nextNonBlank(s, after: d), s[dOpen] == "(" else {
                    throw span.error("write a derivative as d(F)/d(v) or d(F, v)", at: i)
                }
                guard let dClose = matchingParenthesis(s, dOpen) else {
                    throw span.error("this '(' is never closed", at: dOpen)
                }
                denominators.insert(d)
                variable = span.slice((dOpen + 1)..<dClose).trimmed()
                end = dClose + 1
            }
            if function.isEmpty { throw span.error("d(F)/d(v) needs something to differentiate", at: i) }
            guard let name = variable.identifier else {
                let shown = variable.isEmpty ? "nothing" : "'\(variable.text)'"
                throw span.error("the variable in d(F)/d(v) must be a name, not \(shown)",
                                 at: variable.isEmpty ? i : variable.startIndex)
            }
            forms.append(Form(start: i, end: end, function: function.startIndex..<function.endIndex,
                              variable: name, variableColumn: variable.startIndex + 1))
            i = open + 1   // derivatives nested in F are found too
        }
        return forms
    }

    package static func nextNonBlank(_ s: ArraySlice<Unicode.Scalar>, after i: Int) -> Int? {
        var j = i + 1
        while j < s.endIndex, SourceSpan.isBlank(s[j]) { j += 1 }
        return j < s.endIndex ? j : nil
    }

    package static func matchingParenthesis(_ s: ArraySlice<Unicode.Scalar>, _ open: Int) -> Int? {
        var depth = 0
        for j in open..<s.endIndex {
            if s[j] == "(" { depth += 1 } else if s[j] == ")" {
                depth -= 1
                if depth == 0 { return j }
            }
        }
        return nil
    }

    /// Whether `name` is a placeholder this file format reserves.
    package static func isReserved(_ name: String) -> Bool { name.hasPrefix(placeholderPrefix) }
}

extension String {
    package func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
