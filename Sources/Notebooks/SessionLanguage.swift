import SymDiff

/// The session language's reference text, shown by `help` in a session and
/// by `symdiff help repl`, and kept in step with the README.
public enum SessionLanguage {
    /// The whole reference.
    public static var reference: String {
        var lines = [
            "One statement per line; a statement continues while brackets are open. # starts a comment.",
            "",
            "  z1 = W1*x + b1          define a name (or: let z1 = ...); later lines may use it",
            "  diff(f, x)              derivative; diff(f, x, 2), diff(f, x, y) for more",
            "  eval f at x=1, y=2      numeric value; also eval(f, x=1), eval(f, p) with p = {x: 1}",
            "  check a == b            True (proved), False (with a counterexample) or undecided",
            "  claim d(L)/d(w) == ...  one line of derivation syntax for the checker (also W_new = W - alpha*...,",
            "                          L at p ≈ 0.1), judged against the session's definitions",
            "  W1: 2x3, x: 3, W: n x m declare matrices and column vectors; lines about them are matrix",
            "                          expressions (* or @ the product, W.T, hadamard(a, b), sum, trace, ...):",
            "                          diff(L, W1) in matrix form, claim A == B checked entry by entry",
            "",
            "Expressions use SymPy syntax: + - * / ** (or ^), exact integers and fractions,",
            "decimals as floats, and the functions",
            "  \(functionNames).",
            "Lists are [a, b]; points are {x: 5, W1: 0.2}; p - 0.1*g updates the entries g names.",
            "Names you define stay names: derivatives come back in your names (backpropagation form);",
            "inline(e) gives the fully expanded form. Numbers print with 6 significant digits.",
            "",
            "Functions:",
        ]
        let width = Builtins.all.map(\.name.count).max() ?? 0
        for builtin in Builtins.all {
            lines.append("  " + builtin.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + builtin.summary)
        }
        lines.append("")
        lines.append("Type 'help NAME' for one function's usage.")
        return lines.joined(separator: "\n")
    }

    static let functionNames = "exp, log, sigmoid, tanh, relu, leaky_relu, heaviside, Max, Abs, sqrt, pow"

    /// Usage of one built-in.
    static func help(for name: String, at error: (String) -> SourceError) throws -> String {
        guard let builtin = Builtins.table[name] else {
            throw error("no function named '\(name)' (type 'help' for the list)")
        }
        return "\(builtin.usage)\n  \(builtin.summary)"
    }
}
