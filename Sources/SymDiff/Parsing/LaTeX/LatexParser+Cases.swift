/// `\begin{cases} … \end{cases}`: a piecewise function, read into the
/// engine's step function so the prover and the kink sampler know it.
///
/// Every condition compares the same quantity u with a sign (`z > 0`,
/// `z \leq 0`, `0 < z`, `\text{otherwise}`); each case covers some of the
/// three regions u < 0, u = 0, u > 0, the cases must not overlap and must
/// cover both sides. With H the unit step (H(0) = 0), the value is
/// Σ valueᵢ · 1[regionsᵢ], where 1[u > 0] = H(u), 1[u < 0] = H(−u) and
/// 1[u = 0] = 1 − H(u) − H(−u):
///
/// ```swift
/// try Expr.parseLatex("\\begin{cases} 1 & z > 0 \\\\ 0 & z \\leq 0 \\end{cases}")   // heaviside(z)
/// ```
///
/// Conditions symdiff cannot read this way (`i = j`, `i \neq j`, two
/// different quantities) are a positioned error: never a guess.
extension LatexParser {
    /// The regions a condition covers, relative to its quantity.
    struct Regions: OptionSet, Sendable {
        let rawValue: Int
        static let negative = Regions(rawValue: 1)
        static let zero = Regions(rawValue: 2)
        static let positive = Regions(rawValue: 4)
        static let all: Regions = [.negative, .zero, .positive]

        /// The same set seen from −u.
        var flipped: Regions {
            var out: Regions = intersection(.zero)
            if contains(.negative) { out.insert(.positive) }
            if contains(.positive) { out.insert(.negative) }
            return out
        }
    }

    /// How deep `cases` may nest inside `cases` (each level is one sub-reader).
    static let casesDepthLimit = 8

    /// Reads from `\begin` at `index`; delivers the piecewise value.
    mutating func readEnvironment(_ token: Token) throws(LatexError) {
        let begin = index
        let (nameRange, afterName) = try argumentRange(at: index + 1)
        let name = tokens[nameRange].map(\.text).joined()
        guard LatexLexer.casesEnvironments.contains(name) else {
            throw error("the environment \\begin{\(name)} is not supported inside an expression", at: begin)
        }
        guard casesDepth < LatexParser.casesDepthLimit else {
            throw error("cases nested more than \(LatexParser.casesDepthLimit) deep", at: begin)
        }
        // The matching \end, and the rows (split at `\\`) and cells (split at `&`) on the way.
        var depth = 0
        var rows: [[Range<Int>]] = [[]]
        var cellStart = afterName
        var end: Int?
        var i = afterName
        while i < tokens.count, end == nil {
            switch tokens[i].kind {
            case .command("begin"): depth += 1
            case .command("end"):
                if depth == 0 {
                    end = i
                    rows[rows.count - 1].append(cellStart..<i)
                } else {
                    depth -= 1
                }
            case .command("\\") where depth == 0:
                rows[rows.count - 1].append(cellStart..<i)
                rows.append([])
                cellStart = i + 1
            case .symbol("&") where depth == 0:
                rows[rows.count - 1].append(cellStart..<i)
                cellStart = i + 1
            case .end:
                throw error("this \\begin{\(name)} is never closed by \\end{\(name)}", at: begin)
            default: break
            }
            i += 1
        }
        let close = end!
        let (endNameRange, afterEnd) = try argumentRange(at: close + 1)
        let endName = tokens[endNameRange].map(\.text).joined()
        guard endName == name else { throw error("\\begin{\(name)} is closed by \\end{\(endName)}", at: close) }

        var cases: [(value: Expr, quantity: Expr?, regions: Regions, at: Int)] = []
        for row in rows {
            let cells = row.filter { !$0.isEmpty }
            if cells.isEmpty { continue }
            guard cells.count == 2 else {
                throw error("a row of \(name) needs a value and a condition separated by &", at: row.first?.lowerBound ?? begin)
            }
            let value = try subexpression(cells[0])
            let (quantity, regions) = try condition(cells[1])
            cases.append((value, quantity, regions, cells[1].lowerBound))
        }
        guard !cases.isEmpty else { throw error("an empty \(name) environment", at: begin) }

        // Everything relative to the first quantity written.
        guard let reference = cases.compactMap(\.quantity).first else {
            throw error("every case says 'otherwise': there is nothing to tell them apart", at: begin)
        }
        var covered: Regions = []
        var resolved: [(value: Expr, regions: Regions?, at: Int)] = []
        for c in cases {
            guard let q = c.quantity else {
                resolved.append((c.value, nil, c.at))
                continue
            }
            let regions: Regions
            if q == reference {
                regions = c.regions
            } else if q == -reference {
                regions = c.regions.flipped
            } else {
                throw error("the conditions compare different quantities; only cases split on one quantity are read", at: c.at)
            }
            guard covered.isDisjoint(with: regions) else { throw error("this condition overlaps an earlier one", at: c.at) }
            covered.formUnion(regions)
            resolved.append((c.value, regions, c.at))
        }
        let others = resolved.filter { $0.regions == nil }
        if others.count > 1 { throw error("more than one 'otherwise'", at: others[1].at) }
        let rest = Regions.all.subtracting(covered)
        var total = Expr.zero
        for c in resolved {
            total = total + c.value * LatexParser.indicator(c.regions ?? rest, of: reference)
        }
        let union = covered.union(others.isEmpty ? [] : rest)
        guard union.contains(.negative), union.contains(.positive) else {
            throw error("the cases leave values of the quantity uncovered", at: begin)
        }
        index = afterEnd
        try deliver(total)
    }

    /// 1 on `regions` of u, 0 elsewhere, with the engine's step H (H(0) = 0).
    static func indicator(_ regions: Regions, of u: Expr) -> Expr {
        let up = Expr.apply(.heaviside, [u])
        let down = Expr.apply(.heaviside, [-u])
        var out = Expr.zero
        if regions.contains(.positive) { out = out + up }
        if regions.contains(.negative) { out = out + down }
        if regions.contains(.zero) { out = out + 1 - up - down }
        return out
    }

    /// Reads tokens `range` as a formula of their own.
    mutating func subexpression(_ range: Range<Int>) throws(LatexError) -> Expr {
        let endToken = Token(kind: .end, offset: tokens[range.upperBound].offset, text: "", spaced: false)
        var sub = LatexParser(tokens: Array(tokens[range]) + [endToken], context: context)
        sub.casesDepth = casesDepth + 1
        let read = try sub.parse()
        for (name, display) in read.notation where notation[name] == nil { notation[name] = display }
        readings += read.readings
        decimals += read.decimals
        return read.expr
    }

    /// A case's condition: `z > 0`, `\text{if } z \leq 0`, `0 < z`,
    /// `\text{otherwise}` (quantity nil).
    mutating func condition(_ range: Range<Int>) throws(LatexError) -> (Expr?, Regions) {
        var i = range.lowerBound
        // Leading words: `\text{if }`, `\mathrm{for}`, `,`; `otherwise` ends the condition.
        while i < range.upperBound {
            if case .symbol(",") = tokens[i].kind { i += 1; continue }
            if case .command(let c) = tokens[i].kind, LatexNames.spacing.contains(c) { i += 1; continue }
            guard case .command(let c) = tokens[i].kind, ["text", "textrm", "mathrm", "mbox", "textit", "textnormal"].contains(c),
                  let (content, next) = try? argumentRange(at: i + 1) else { break }
            let word = tokens[content].map(\.text).joined().lowercased()
            if ["otherwise", "else", "elsewhere", "o.w."].contains(word) {
                guard tokens[next..<range.upperBound].allSatisfy({ if case .symbol(let s) = $0.kind { return s == "." || s == "," } else { return false } }) else {
                    throw error("nothing can follow 'otherwise' in a condition", at: next)
                }
                return (nil, [])
            }
            guard ["if", "for", "when", "where", ""].contains(word) else {
                throw error("a condition written in words ('\(word)') cannot be read", at: i)
            }
            i = next
        }
        var upper = range.upperBound
        while upper > i, case .symbol(let s) = tokens[upper - 1].kind, s == "," || s == "." || s == ";" { upper -= 1 }
        let range = range.lowerBound..<upper
        var cut: (at: Int, regions: Regions)?
        var braces = 0
        for j in i..<range.upperBound {
            let regions: Regions?
            switch tokens[j].kind {
            case .open: braces += 1; regions = nil
            case .close: braces -= 1; regions = nil
            case .symbol(">"): regions = .positive
            case .symbol("<"): regions = .negative
            case .command("geq"), .command("ge"), .command("geqslant"): regions = [.positive, .zero]
            case .command("leq"), .command("le"), .command("leqslant"): regions = [.negative, .zero]
            case .symbol("="), .command("neq"), .command("ne"):
                throw error("a condition with \(tokens[j].text) (an index or a single point) is not supported in cases", at: j)
            default: regions = nil
            }
            guard braces == 0, let regions else { continue }
            if cut != nil { throw error("a condition with two comparisons is not supported in cases", at: j) }
            cut = (j, regions)
        }
        guard let cut, cut.at > i, cut.at + 1 < range.upperBound else {
            throw error("a condition needs a comparison such as z > 0", at: i < range.upperBound ? i : range.lowerBound)
        }
        let left = try subexpression(i..<cut.at)
        let right = try subexpression((cut.at + 1)..<range.upperBound)
        return (left - right, cut.regions)
    }
}
