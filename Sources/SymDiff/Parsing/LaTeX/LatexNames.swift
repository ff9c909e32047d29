/// The vocabulary of LaTeX math that symdiff reads: which commands are
/// names, which are functions, which only decorate or space, and what pasted
/// Unicode stands for. Functions come from the function table (`\tanh`,
/// `\exp`, `\log`, `\ln`, `\max`, `\text{ReLU}` are its names and aliases);
/// only the spellings LaTeX adds are listed here.
enum LatexNames {
    /// Greek letters (and `\ell`), read as names: `\alpha` is the symbol `alpha`.
    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
        "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma",
        "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell",
    ]

    /// Accents that become part of a name: `\hat{y}` is `y_hat`.
    static let accents: [String: String] = [
        "hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
        "widetilde": "tilde", "dot": "dot", "ddot": "ddot", "check": "check", "breve": "breve",
    ]

    /// Font commands that keep the name they style: `\mathbf{x}` is `x`,
    /// `\text{ReLU}` is `ReLU`. `\mathcal` marks its letter (`\mathcal{L}` is
    /// `L_cal`), because documents use `L` beside `\mathcal{L}` for another thing.
    static let fonts: [String: String] = [
        "mathbf": "", "boldsymbol": "", "bm": "", "mathrm": "", "text": "", "textrm": "", "textit": "",
        "mathit": "", "operatorname": "", "mathsf": "", "mathtt": "", "vec": "", "mathcal": "cal",
        "mathscr": "scr", "mathfrak": "frak", "mathbb": "bb",
    ]

    /// Commands that only space or size: skipped.
    static let spacing: Set<String> = [
        ",", ";", ":", "!", " ", "quad", "qquad", "displaystyle", "textstyle", "scriptstyle", "nonumber",
        "notag", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl",
        "Biggr", "middle", "limits", "thinspace", "medspace", "thickspace", "enspace",
    ]

    /// Commands whose one group argument is dropped entirely.
    static let dropped: Set<String> = ["tag", "label", "hspace", "vspace", "phantom", "hphantom", "vphantom"]

    /// Commands that wrap an expression without changing it.
    static let wrappers: Set<String> = ["boxed", "underbrace", "overbrace", "mathstrut"]

    /// Binary operators of multiplication.
    static let products: Set<String> = ["cdot", "times", "ast", "star", "bullet"]

    /// Relations a formula is split at: `=`, `\approx`, `\leftarrow`, ...
    static let relations: [String: LatexRelation] = [
        "approx": .approximately, "simeq": .approximately, "thickapprox": .approximately,
        "leftarrow": .assignment, "gets": .assignment, "coloneqq": .assignment, "Leftarrow": .assignment,
        "neq": .other("≠"), "ne": .other("≠"), "leq": .other("≤"), "le": .other("≤"), "geq": .other("≥"),
        "ge": .other("≥"), "in": .other("∈"), "notin": .other("∉"), "propto": .other("∝"), "sim": .other("∼"),
        "equiv": .other("≡"), "to": .other("→"), "rightarrow": .other("→"), "Rightarrow": .other("⇒"),
        "implies": .other("⇒"), "iff": .other("⇔"), "mapsto": .other("↦"), "subset": .other("⊂"),
        "subseteq": .other("⊆"), "ll": .other("≪"), "gg": .other("≫"), "perp": .other("⊥"),
        "longrightarrow": .other("→"), "Longrightarrow": .other("⇒"),
    ]

    /// Pasted Unicode and the LaTeX it stands for.
    static let unicode: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [
            "·": "\\cdot ", "×": "\\times ", "∗": "\\ast ", "−": "-", "–": "-", "²": "^2", "³": "^3",
            "⁻": "^{-1}", "≈": "\\approx ", "←": "\\leftarrow ", "≠": "\\neq ", "≤": "\\leq ", "≥": "\\geq ",
            "∈": "\\in ", "∝": "\\propto ", "→": "\\to ", "∂": "\\partial ", "∇": "\\nabla ", "√": "\\sqrt ",
            "ŷ": "\\hat{y}", "ȳ": "\\bar{y}", "ℓ": "\\ell ", "∞": "\\infty ", "⋅": "\\cdot ", "⊙": "\\odot ",
            "Σ": "\\Sigma ", "∑": "\\sum ", "…": "\\ldots ", "⋯": "\\cdots ", "′": "'", "\u{00A0}": " ",
        ]
        let lower = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
                     "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon",
                     "phi", "chi", "psi", "omega"]
        for (i, name) in lower.enumerated() where name != "omicron" {
            table[Unicode.Scalar(0x03B1 + UInt32(i))!] = "\\\(name) "
        }
        for (scalar, name) in [(0x0393, "Gamma"), (0x0394, "Delta"), (0x0398, "Theta"), (0x039B, "Lambda"),
                               (0x03A0, "Pi"), (0x03A6, "Phi"), (0x03A8, "Psi"), (0x03A9, "Omega")] {
            table[Unicode.Scalar(UInt32(scalar))!] = "\\\(name) "
        }
        table["ε"] = "\\varepsilon "
        return table
    }()

    /// The function a command or written name stands for: the function
    /// table's names and aliases, and `\sigma` for the sigmoid.
    static func function(_ name: String) -> Function? {
        if name == "sigma" { return .sigmoid }
        if name == "relu" || name == "ReLU" || name == "Relu" { return .relu }
        return Function.named(name)
    }
}

/// How the two sides of a formula are related.
public enum LatexRelation: Equatable, Sendable {
    /// `=`
    case equals
    /// `\approx`, `≈`
    case approximately
    /// `\leftarrow`, `:=`, `\gets`: an update or an assignment.
    case assignment
    /// Anything else (`\neq`, `<`, `\in`, `\propto`), with its symbol.
    case other(String)
}

extension LatexRelation {
    /// The relation a LaTeX command stands for (`approx` → `.approximately`,
    /// `neq` → `.other("≠")`), or nil when the command is not a relation.
    ///
    /// ```swift
    /// LatexRelation(command: "leftarrow")   // .assignment
    /// ```
    public init?(command: String) {
        guard let relation = LatexNames.relations[command] else { return nil }
        self = relation
    }
}
