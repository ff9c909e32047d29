/// Presentation MathML, which browsers draw natively with no network or
/// script: from an expression (through the LaTeX printer, so both agree) or
/// from LaTeX as a document wrote it (`\frac`, scripts, `\hat`, `cases`, …).
/// It never fails: what it cannot lay out is shown as text.
///
/// ```swift
/// MathMLPrinter.print(try Expr.parse("x**2/2"))
/// // <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><msup><mi>x</mi><mn>2</mn></msup><mn>2</mn></mfrac></math>
/// MathMLPrinter.render(latex: "\\hat{y} - y", display: true)
/// ```
public enum MathMLPrinter {
    /// An expression as MathML.
    public static func print(_ e: Expr, display: Bool = false) -> String {
        render(latex: LatexPrinter.print(e), display: display)
    }

    /// LaTeX maths as a `<math>` element. Braces nested deeper than
    /// `depthLimit` (or a character LaTeX does not use) fall back to the
    /// source as text, so a hostile formula cannot exhaust the stack.
    public static func render(latex: String, display: Bool = false) -> String {
        let open = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"" + (display ? " display=\"block\">" : ">")
        guard let tokens = try? LatexLexer(latex).tokens() else {
            return open + "<mtext>\(escape(latex))</mtext></math>"
        }
        var converter = LatexToMathML(tokens: tokens, source: Array(latex.unicodeScalars))
        guard let body = try? converter.row(until: .end) else {
            return open + "<mtext>\(escape(latex))</mtext></math>"
        }
        return open + body + "</math>"
    }

    /// Nesting deeper than this renders as text.
    public static let depthLimit = 60

    /// `&`, `<`, `>` and `"` as XML entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Recursive descent over LaTeX tokens, depth-limited (see `MathMLPrinter.depthLimit`).
struct LatexToMathML {
    typealias Token = LatexLexer.Token
    let tokens: [Token]
    let source: [Unicode.Scalar]
    var index = 0
    var depth = 0

    init(tokens: [Token], source: [Unicode.Scalar]) {
        self.tokens = tokens
        self.source = source
    }

    struct TooDeep: Error {}

    enum Stop { case end, brace, right, environment, bracket }

    static let symbols: [String: String] = [
        "cdot": "⋅", "times": "×", "ast": "∗", "star": "⋆", "bullet": "∙", "div": "÷", "pm": "±", "mp": "∓",
        "partial": "∂", "nabla": "∇", "infty": "∞", "approx": "≈", "simeq": "≃", "leftarrow": "←", "gets": "←",
        "rightarrow": "→", "to": "→", "Rightarrow": "⇒", "Leftarrow": "⇐", "implies": "⇒", "iff": "⇔", "mapsto": "↦",
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "leqslant": "⩽", "geqslant": "⩾", "neq": "≠", "ne": "≠",
        "in": "∈", "notin": "∉", "propto": "∝", "sim": "∼", "equiv": "≡", "subset": "⊂", "subseteq": "⊆",
        "ll": "≪", "gg": "≫", "perp": "⊥", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "circ": "∘",
        "sum": "∑", "prod": "∏", "int": "∫", "ldots": "…", "cdots": "⋯", "dots": "…", "vdots": "⋮", "ddots": "⋱",
        "top": "⊤", "intercal": "⊺", "forall": "∀", "exists": "∃", "mid": "∣", "|": "‖", "{": "{", "}": "}",
        "langle": "⟨", "rangle": "⟩", "lvert": "|", "rvert": "|", "vert": "|", "Vert": "‖", "coloneqq": "≔",
        "longrightarrow": "⟶", "Longrightarrow": "⟹", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "#": "#", "%": "%", "&": "&", "_": "_", "$": "$",
    ]

    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "ell": "ℓ",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "bar": "¯", "overline": "¯", "tilde": "~", "widetilde": "~", "vec": "→",
        "dot": "˙", "ddot": "¨", "check": "ˇ", "breve": "˘",
    ]

    static let variants: [String: String] = [
        "mathbf": "bold", "boldsymbol": "bold-italic", "bm": "bold-italic", "mathcal": "script", "mathscr": "script",
        "mathbb": "double-struck", "mathfrak": "fraktur", "mathrm": "normal", "mathsf": "sans-serif",
        "mathtt": "monospace", "mathit": "italic",
    ]

    static let textCommands: Set<String> = ["text", "textrm", "textit", "textbf", "mbox", "textnormal", "textsf", "texttt"]
    static let functionNames: Set<String> = [
        "log", "ln", "exp", "tanh", "sinh", "cosh", "sin", "cos", "tan", "max", "min", "arg", "argmax", "argmin",
        "det", "lim", "sup", "inf", "sgn", "softmax",
    ]

    static let spaces: [String: String] = [
        ",": "0.167em", ";": "0.278em", ":": "0.222em", " ": "0.25em", "quad": "1em", "qquad": "2em", "enspace": "0.5em",
    ]

    /// The source between tokens `range` (a group's content, spaces kept: `\text{if }`).
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let start = tokens[range.lowerBound].offset
        let end = range.upperBound < tokens.count ? tokens[range.upperBound].offset : source.count
        guard start <= end, end <= source.count else { return "" }
        return String(String.UnicodeScalarView(source[start..<end]))
    }

    /// Items up to the closer (not consumed), wrapped in one `<mrow>` when several.
    mutating func row(until stop: Stop) throws -> String {
        depth += 1
        defer { depth -= 1 }
        guard depth <= MathMLPrinter.depthLimit else { throw TooDeep() }
        var items: [String] = []
        while true {
            let t = tokens[index]
            switch (t.kind, stop) {
            case (.end, _): return LatexToMathML.wrap(items)
            case (.close, .brace): return LatexToMathML.wrap(items)
            case (.command("right"), .right): return LatexToMathML.wrap(items)
            case (.command("end"), .environment), (.command("\\"), .environment), (.symbol("&"), .environment):
                return LatexToMathML.wrap(items)
            case (.symbol("]"), .bracket): return LatexToMathML.wrap(items)
            case (.close, _):
                index += 1   // a stray '}': shown, not fatal
                items.append("<mo>}</mo>")
            default:
                if let item = try atomWithScripts() { items.append(item) }
            }
        }
    }

    static func wrap(_ items: [String]) -> String {
        items.count == 1 ? items[0] : "<mrow>" + items.joined() + "</mrow>"
    }

    /// One argument: a `{…}` group or one token.
    mutating func argument() throws -> String {
        while case .command(let c) = tokens[index].kind, LatexToMathML.spaces[c] != nil || c == "!" { index += 1 }
        switch tokens[index].kind {
        case .open:
            index += 1
            let inner = try row(until: .brace)
            if tokens[index].kind == .close { index += 1 }
            return inner
        case .end, .close:
            return "<mrow></mrow>"
        default:
            return try atom() ?? "<mrow></mrow>"
        }
    }

    /// The raw tokens of a `{…}` group (for `\text`, environment names).
    mutating func rawGroup() -> String {
        guard tokens[index].kind == .open else {
            if tokens[index].kind == .end { return "" }
            index += 1
            return tokens[index - 1].text
        }
        var level = 0
        let start = index
        while tokens[index].kind != .end {
            if tokens[index].kind == .open { level += 1 }
            if tokens[index].kind == .close {
                level -= 1
                if level == 0 { index += 1; return text((start + 1)..<(index - 1)) }
            }
            index += 1
        }
        return text((start + 1)..<index)
    }

    mutating func atomWithScripts() throws -> String? {
        guard var base = try atom() else { return nil }
        var sub: String?, sup: String?
        while true {
            if case .symbol("_") = tokens[index].kind, sub == nil {
                index += 1
                sub = try argument()
            } else if case .symbol("^") = tokens[index].kind, sup == nil {
                index += 1
                sup = try argument()
            } else if case .symbol("'") = tokens[index].kind, sup == nil {
                var primes = ""
                while case .symbol("'") = tokens[index].kind { primes += "′"; index += 1 }
                sup = "<mo>\(primes)</mo>"
            } else {
                break
            }
        }
        switch (sub, sup) {
        case let (s?, p?): base = "<msubsup>\(base)\(s)\(p)</msubsup>"
        case let (s?, nil): base = "<msub>\(base)\(s)</msub>"
        case let (nil, p?): base = "<msup>\(base)\(p)</msup>"
        case (nil, nil): break
        }
        return base
    }

    /// One token's worth of output (a command may read its arguments); nil
    /// for what only spaces or labels.
    mutating func atom() throws -> String? {
        let t = tokens[index]
        index += 1
        switch t.kind {
        case .number(let digits): return "<mn>\(digits)</mn>"
        case .letter(let c): return "<mi>\(MathMLPrinter.escape(String(c)))</mi>"
        case .open:
            let inner = try row(until: .brace)
            if tokens[index].kind == .close { index += 1 }
            return inner
        case .close, .end: return nil
        case .symbol(let c):
            switch c {
            case "'": return "<mo>′</mo>"
            case "-": return "<mo>−</mo>"
            case "^", "_": return "<mo>\(c)</mo>"
            case "&": return nil
            // Plain brackets keep their size; \left( \right) stretch.
            case "(", ")", "[", "]", "|": return "<mo stretchy=\"false\">\(c)</mo>"
            default: return "<mo>\(MathMLPrinter.escape(String(c)))</mo>"
            }
        case .command(let name):
            return try command(name, t)
        }
    }

    mutating func command(_ name: String, _ t: Token) throws -> String? {
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = try argument()
            let denominator = try argument()
            return "<mfrac>\(numerator)\(denominator)</mfrac>"
        case "sqrt":
            if case .symbol("[") = tokens[index].kind {
                index += 1
                let n = try row(until: .bracket)
                if case .symbol("]") = tokens[index].kind { index += 1 }
                return "<mroot>\(try argument())\(n)</mroot>"
            }
            return "<msqrt>\(try argument())</msqrt>"
        case "left", "right":
            if case .symbol(".") = tokens[index].kind { index += 1; return nil }
            return try atom().map {
                $0.replacingOccurrences(of: "<mo stretchy=\"false\">", with: "<mo stretchy=\"true\">")
                    .replacingOccurrences(of: "<mo>", with: "<mo stretchy=\"true\">")
            }
        case "begin":
            return try environment()
        case "end", "\\":
            return nil
        case "tag":
            return "<mtext>(\(MathMLPrinter.escape(rawGroup())))</mtext>"
        case "label", "hspace", "vspace", "phantom", "hphantom", "vphantom":
            _ = rawGroup()
            return nil
        case "operatorname":
            return "<mi>\(MathMLPrinter.escape(rawGroup()))</mi>"
        case "boxed":
            return "<menclose notation=\"box\">\(try argument())</menclose>"
        case "underbrace", "overbrace":
            return try argument()
        case "not":
            return "<mo>¬</mo>"
        default: break
        }
        if let width = LatexToMathML.spaces[name] { return "<mspace width=\"\(width)\"/>" }
        if name == "!" || LatexNames.spacing.contains(name) { return nil }
        if let g = LatexToMathML.greek[name] {
            return name.first!.isUppercase ? "<mi mathvariant=\"normal\">\(g)</mi>" : "<mi>\(g)</mi>"
        }
        if let s = LatexToMathML.symbols[name] { return "<mo>\(MathMLPrinter.escape(s))</mo>" }
        if let mark = LatexToMathML.accents[name] {
            return "<mover accent=\"true\">\(try argument())<mo>\(mark)</mo></mover>"
        }
        if let variant = LatexToMathML.variants[name] {
            let inner = try argument()
            return "<mstyle mathvariant=\"\(variant)\">\(inner.replacingOccurrences(of: "<mi>", with: "<mi mathvariant=\"\(variant)\">"))</mstyle>"
        }
        if LatexToMathML.textCommands.contains(name) {
            // No-break spaces: renderers trim the ends of <mtext>, and `\text{if }` means the space.
            return "<mtext>\(MathMLPrinter.escape(rawGroup()).replacingOccurrences(of: " ", with: "\u{00A0}"))</mtext>"
        }
        if LatexToMathML.functionNames.contains(name) { return "<mi>\(name)</mi>" }
        return "<mtext>\(MathMLPrinter.escape(t.text))</mtext>"
    }

    /// `\begin{cases}`, matrices and aligned blocks as an `<mtable>`.
    mutating func environment() throws -> String {
        let name = rawGroup()
        if name.hasPrefix("array") || name == "array" || name == "tabular" { _ = rawGroup() }
        var rows: [[String]] = [[]]
        while true {
            let cell = try row(until: .environment)
            rows[rows.count - 1].append(cell)
            switch tokens[index].kind {
            case .symbol("&"): index += 1
            case .command("\\"): index += 1; rows.append([])
            case .command("end"):
                index += 1
                _ = rawGroup()
                return LatexToMathML.table(name, rows)
            default:
                return LatexToMathML.table(name, rows)
            }
        }
    }

    static func table(_ name: String, _ rows: [[String]]) -> String {
        let kept = rows.filter { !($0.count == 1 && $0[0] == "<mrow></mrow>") }
        let body = kept.map { "<mtr>" + $0.map { "<mtd>\($0)</mtd>" }.joined() + "</mtr>" }.joined()
        let base = name.hasSuffix("*") ? String(name.dropLast()) : name
        switch base {
        case "cases", "dcases":
            return "<mrow><mo stretchy=\"true\">{</mo><mtable columnalign=\"left left\">\(body)</mtable></mrow>"
        case "rcases":
            return "<mrow><mtable columnalign=\"left left\">\(body)</mtable><mo stretchy=\"true\">}</mo></mrow>"
        case "pmatrix": return "<mrow><mo>(</mo><mtable>\(body)</mtable><mo>)</mo></mrow>"
        case "bmatrix": return "<mrow><mo>[</mo><mtable>\(body)</mtable><mo>]</mo></mrow>"
        case "vmatrix": return "<mrow><mo>|</mo><mtable>\(body)</mtable><mo>|</mo></mrow>"
        case "align", "aligned", "alignat", "split", "eqnarray":
            return "<mtable columnalign=\"right left\">\(body)</mtable>"
        default: return "<mtable>\(body)</mtable>"
        }
    }
}
