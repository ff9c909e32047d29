/// LaTeX in the style of SymPy's `latex()`: `\frac{e^{- z}}{\left(1 + e^{- z}\right)^{2}}`,
/// `\sigma{\left(z \right)}`, `W_{1}` for `W1`, `b_{1}` for `b_1`, `\alpha` for `alpha`.
///
/// Products print with spaces (`2 x y`) and `\cdot` between two numbers
/// (`2 \cdot 3^{x}`); negative powers become fractions; functions print from
/// their table entry's `latex` template, raised as `\tanh^{2}{\left(x \right)}`.
public struct LatexSyntax: InfixSyntax {
    public init() {}

    var openBracket: String { "\\left(" }
    var closeBracket: String { "\\right)" }

    public func layout(_ e: Expr) -> [LayoutPiece] {
        switch e.kind {
        case .symbol(let name): return [.text(LatexSyntax.symbol(name))]
        case .number(let n): return [.text(LatexSyntax.number(n))]
        case .add: return layoutSum(e)
        case .mul: return layoutProduct(e)
        case .pow: return layoutPower(e)
        case .apply(let f):
            if let u = f.undefined, u.isDerivative { return DerivativeLayout.latex(u, e.arguments) }
            return SplitTemplate.latex(f, e.arguments)
        }
    }

    // MARK: Sums and products

    func layoutProduct(_ e: Expr) -> [LayoutPiece] {
        let f = e.fraction
        var pieces: [LayoutPiece] = f.negative ? [.text("- ")] : []
        let showCoefficient = !f.coefficient.isOne || f.numerator.isEmpty
        let numerator = factors(coefficient: showCoefficient ? f.coefficient : nil, f.numerator)
        let denominatorCount = f.denominator.count + (f.denominatorCoefficient == 1 ? 0 : 1)
        if denominatorCount == 0 { return pieces + numerator }
        let denominator = factors(coefficient: f.denominatorCoefficient == 1 ? nil : Number(f.denominatorCoefficient),
                                  f.denominator)
        pieces.append(.text("\\frac{"))
        pieces += numerator
        pieces.append(.text("}{"))
        pieces += denominator
        pieces.append(.text("}"))
        return pieces
    }

    /// `2 x \left(y + 1\right)`: sums are bracketed only next to other factors.
    func factors(coefficient: Number?, _ list: [Expr]) -> [LayoutPiece] {
        let count = list.count + (coefficient == nil ? 0 : 1)
        var pieces: [LayoutPiece] = []
        var previousIsNumeric = false
        if let coefficient {
            pieces.append(.text(LatexSyntax.number(coefficient)))
            previousIsNumeric = true
        }
        for factor in list {
            if !pieces.isEmpty {
                // SymPy writes `\cdot` where juxtaposed digits would read as one number.
                pieces.append(.text(previousIsNumeric && startsWithDigit(factor) ? " \\cdot " : " "))
            }
            pieces += wrap(factor, when: count > 1 && precedence(factor) <= .mul)
            previousIsNumeric = factor.isNumber
        }
        return pieces
    }

    func startsWithDigit(_ e: Expr) -> Bool {
        if let n = e.numberValue { return !n.isNegative }
        if e.kind == .pow, let n = e.arguments[0].numberValue { return !n.isNegative && n.isInteger }
        return false
    }

    // MARK: Powers

    func layoutPower(_ e: Expr) -> [LayoutPiece] {
        let (base, exponent) = (e.arguments[0], e.arguments[1])
        switch powerForm(e) {
        case .fraction: return layoutProduct(e)
        case .squareRoot: return [.text("\\sqrt{"), .operand(base), .text("}")]
        case .power: break
        }
        if case .rational(let r)? = exponent.numberValue, r.numerator == 1, let root = r.denominator.asInt {
            return [.text("\\sqrt[\(root)]{"), .operand(base), .text("}")]
        }
        let raised: [LayoutPiece] = [.text("^{"), .operand(exponent), .text("}")]
        if base.function?.undefined?.isDerivative == true {
            return [.text("\\left("), .operand(base), .text("\\right)")] + raised
        }
        if let f = base.function {
            // SymPy raises a function's name: `\tanh^{2}{\left(x \right)}`; log is
            // the exception, `\log{\left(x \right)}^{2}`.
            let pieces = SplitTemplate.latex(f, base.arguments)
            if f != .log, case .text(let head)? = pieces.first, head.hasSuffix("{\\left(") {
                let name = String(head.dropLast("{\\left(".count))
                return [.text(name)] + raised + [.text("{\\left(")] + pieces.dropFirst()
            }
            return pieces + raised
        }
        return wrap(base, when: precedence(base) <= .pow || base.kind == .pow) + raised
    }

    // MARK: Helpers

    /// A root, `\\sqrt{x}` or `\\sqrt[3]{x}`, is an atom.
    func powerPrecedence(_ e: Expr) -> Precedence {
        if case .rational(let r)? = e.arguments[1].numberValue, r.numerator == 1 { return .atom }
        return .pow
    }

    /// `1.0 \\cdot 10^{-5}` is a product.
    func literalPrecedence(_ n: Number) -> Precedence {
        if case .float(let d) = n, LatexSyntax.float(d).contains("\\cdot") { return .mul }
        return .atom
    }

    // MARK: Leaves

    /// `W1` → `W_{1}`, `b_1` → `b_{1}`, `x_i_j` → `x_{i j}`, `alpha` → `\alpha`,
    /// `sigma1` → `\sigma_{1}`, as SymPy splits names into a base and subscripts;
    /// `w_11__1` → `w_{11}^{(1)}`, the name the LaTeX reader gives `w_{11}^{(1)}`.
    static func symbol(_ name: String) -> String {
        let pieces = name.components(separatedBy: "__")
        if pieces.count > 1, pieces.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("_") && !$0.hasSuffix("_") }) {
            return subscripted(pieces[0]) + pieces.dropFirst().map { "^{(" + subscripted($0) + ")}" }.joined()
        }
        return subscripted(name)
    }

    static func subscripted(_ name: String) -> String {
        var parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        // A leading or doubled underscore is part of the name, not a subscript marker.
        if parts.contains(where: \.isEmpty) { return escape(name) }
        var base = parts.removeFirst()
        var subscripts = parts
        if let split = base.firstIndex(where: \.isNumber), split != base.startIndex,
           base[split...].allSatisfy(\.isNumber), base[..<split].allSatisfy(\.isLetter) {
            subscripts.insert(String(base[split...]), at: 0)
            base = String(base[..<split])
        }
        let head = greek(base) ?? escape(base)
        if subscripts.isEmpty { return head }
        return head + "_{" + subscripts.map { greek($0) ?? escape($0) }.joined(separator: " ") + "}"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "_", with: "\\_")
    }

    /// The LaTeX command for a Greek letter's name (`alpha`, `Sigma`), as SymPy translates them.
    static func greek(_ name: String) -> String? {
        if lowercaseGreek.contains(name) { return "\\" + (name == "lamda" ? "lambda" : name) }
        let lower = name.lowercased()
        guard name.first?.isUppercase == true, lowercaseGreek.contains(lower) else { return nil }
        if let latin = latinCapitals[lower] { return latin }
        return "\\" + name
    }

    static let lowercaseGreek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "lamda",
        "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    ]
    /// Capital Greek letters that look like Latin ones print as the Latin letter.
    static let latinCapitals: [String: String] = [
        "alpha": "A", "beta": "B", "epsilon": "E", "zeta": "Z", "eta": "H", "iota": "I", "kappa": "K",
        "mu": "M", "nu": "N", "omicron": "O", "rho": "P", "tau": "T", "chi": "X",
    ]

    /// `3`, `-\frac{1}{2}`... for exact numbers; floats as SymPy writes them.
    static func number(_ n: Number) -> String {
        switch n {
        case .rational(let r):
            if r.isInteger { return r.numerator.description }
            let sign = r.isNegative ? "- " : ""
            return "\(sign)\\frac{\(r.numerator.magnitude)}{\(r.denominator)}"
        case .float(let d): return float(d)
        }
    }

    /// `0.5`, `1.0 \cdot 10^{-5}`, `\infty`.
    static func float(_ d: Double) -> String {
        if d.isNaN { return "\\text{NaN}" }
        if d.isInfinite { return d < 0 ? "-\\infty" : "\\infty" }
        let text = "\(d)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        var mantissa = String(text[..<e])
        if !mantissa.contains(".") { mantissa += ".0" }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return "\(mantissa) \\cdot 10^{\(exponent)}"
    }
}

/// Prints expressions as LaTeX.
///
/// ```swift
/// let z = Expr.symbol("z")
/// LatexPrinter.print(try sigmoid(z).diff(z))
/// // \left(1 - \sigma{\left(z \right)}\right) \sigma{\left(z \right)}
/// ```
public enum LatexPrinter {
    /// `e` as LaTeX math (without `$` delimiters).
    public static func print(_ e: Expr) -> String { Layout.render(e, LatexSyntax()) }

    /// A symbol name as LaTeX: `W1` → `W_{1}`, `alpha` → `\alpha`.
    public static func symbol(_ name: String) -> String { LatexSyntax.symbol(name) }
}

extension Expr {
    /// The expression as LaTeX, like SymPy's `latex(e)`.
    ///
    /// ```swift
    /// (Expr.symbol("x") / 2).latex   // \frac{x}{2}
    /// ```
    public var latex: String { LatexPrinter.print(self) }
}
