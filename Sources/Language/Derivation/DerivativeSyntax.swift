import SymDiff

/// Reads `d(F)/d(v)` and `d(F, v)` out of a statement's tokens before the
/// expression parser sees them.
///
/// Each derivative's tokens are replaced by one placeholder name at the `d`'s
/// offset, so the parser's errors still point into the file; F is parsed on
/// its own. Derivatives are found left to right (so a `d(v)` denominator is
/// never mistaken for a derivative of its own) and replaced right to left
/// (so a derivative nested in F is already a placeholder when F is parsed).
/// Nothing recurses.
package enum DerivativeSyntax {
    package static let placeholderPrefix = "__d"

    /// The tokens of `range` with placeholders, and the derivatives, inner ones first.
    package static func rewrite(_ t: StatementTokens, _ range: Range<Int>) throws -> (tokens: [Lexer.Token], derivatives: [DerivativeTerm]) {
        let found = try locate(t, range)
        // Start index of each replaced derivative: its placeholder and the index after it.
        var replaced: [Int: (token: Lexer.Token, end: Int)] = [:]
        func tokens(_ r: Range<Int>) -> [Lexer.Token] {
            var out: [Lexer.Token] = []
            var j = r.lowerBound
            while j < r.upperBound {
                if let (token, end) = replaced[j] { out.append(token); j = end; continue }
                out.append(t[j])
                j += 1
            }
            return out
        }
        var terms: [DerivativeTerm] = []
        for (number, form) in found.sorted(by: { $0.start > $1.start }).enumerated() {
            let placeholder = "\(placeholderPrefix)\(number)"
            // F already holds the placeholders of the derivatives nested in it.
            let function = try t.parse(form.function, replaced: tokens(form.function))
            terms.append(DerivativeTerm(
                placeholder: .symbol(placeholder), function: function,
                functionText: t.text(form.function), variable: form.variable,
                line: t.line, column: t[form.start].offset + 1, functionColumn: t[form.function.lowerBound].offset + 1,
                variableColumn: form.variableColumn))
            replaced[form.start] = (Lexer.Token(kind: .identifier(placeholder), offset: t[form.start].offset, text: placeholder),
                                    form.end)
        }
        return (tokens(range), terms)
    }

    /// Where one derivative is written: tokens `start..<end` are the whole of
    /// `d(F)/d(v)`, `function` the tokens of F.
    package struct Form {
        let start: Int
        let end: Int
        let function: Range<Int>
        let variable: String
        let variableColumn: Int
    }

    package static func locate(_ t: StatementTokens, _ range: Range<Int>) throws -> [Form] {
        var forms: [Form] = []
        var denominators = Set<Int>()
        var i = range.lowerBound
        while i < range.upperBound {
            guard t[i].kind == .identifier("d"), i + 1 < range.upperBound, t[i + 1].kind == .open("("),
                  !denominators.contains(i) else {
                i += 1
                continue
            }
            let open = i + 1
            let at = t[i].offset
            guard let close = t.matching(open, in: range) else {
                throw t.error("this '(' is never closed", at: t[open].offset)
            }
            let commas = t.topLevel((open + 1)..<close) { $0 == .op(",") }
            if commas.count > 1 {
                throw t.error("d(F, v) takes two arguments, got \(commas.count + 1)", at: at)
            }
            let function: Range<Int>
            let variable: Range<Int>
            let end: Int
            if let comma = commas.first {
                function = (open + 1)..<comma
                variable = (comma + 1)..<close
                end = close + 1
            } else {
                function = (open + 1)..<close
                let dOpen = close + 3
                guard dOpen < range.upperBound, t[close + 1].kind == .op("/"), t[close + 2].kind == .identifier("d"),
                      t[dOpen].kind == .open("(") else {
                    throw t.error("write a derivative as d(F)/d(v) or d(F, v)", at: at)
                }
                guard let dClose = t.matching(dOpen, in: range) else {
                    throw t.error("this '(' is never closed", at: t[dOpen].offset)
                }
                denominators.insert(close + 2)
                variable = (dOpen + 1)..<dClose
                end = dClose + 1
            }
            if function.isEmpty { throw t.error("d(F)/d(v) needs something to differentiate", at: at) }
            guard let name = t.identifier(variable) else {
                let shown = variable.isEmpty ? "nothing" : "'\(t.text(variable))'"
                throw t.error("the variable in d(F)/d(v) must be a name, not \(shown)", at: t.start(variable, otherwise: at))
            }
            forms.append(Form(start: i, end: end, function: function, variable: name,
                              variableColumn: t[variable.lowerBound].offset + 1))
            i = open + 1   // derivatives nested in F are found too
        }
        return forms
    }

    /// Whether `name` is a placeholder this file format reserves.
    package static func isReserved(_ name: String) -> Bool { name.hasPrefix(placeholderPrefix) }
}
