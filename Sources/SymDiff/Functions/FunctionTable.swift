import Foundation

// The function table: one entry per elementary function. Each entry holds the
// function's value, domain, derivative, simplifications, printing and parsing.
//
// Conventions at kinks (one everywhere: diff, evaluate, compiled closures):
// heaviside(0) = 0, so relu'(0) = 0 as the seeds define ReLU' (0 for z ≤ 0);
// heaviside' = 0 (the derivative almost everywhere, as networks use it);
// ∂max(a, b)/∂a = heaviside(a - b); abs' = heaviside(x) - heaviside(-x).

extension Function {
    /// Every function the engine knows, in the order the documentation lists them.
    public static let all: [Function] = [.exp, .log, .sigmoid, .tanh, .relu, .leakyRelu, .heaviside, .max, .abs,
                                         .sin, .cos, .softplus, .silu, .erf, .gelu, .pi, .e]

    /// The natural exponential. `exp(0)` → `1`, `exp(log(x))` → `x`.
    public static let exp: Function = Function(
        name: "exp", arity: 1,
        numeric: .unary { Foundation.exp($0) },
        partial: { _, _, value in value },
        fold: { args in
            let u = args[0]
            if u.isZero { return .one }
            if u.function == Function.log { return u.arguments[0] }
            // exp(1000.0) stays unevaluated: a folded infinity would print as `oo`, a symbol.
            if case .float(let d)? = u.numberValue, Foundation.exp(d).isFinite { return Expr.number(Number(Foundation.exp(d))) }
            return nil
        },
        latex: { "e^{\($0[0])}" },
        swift: { "Foundation.exp(\($0[0]))" })

    /// The natural logarithm, real-valued: defined for positive arguments only.
    /// `log(1)` → `0`, `log(exp(x))` → `x` (symbols are real).
    public static let log: Function = Function(
        name: "log", aliases: ["ln"], arity: 1,
        numeric: .unary { Foundation.log($0) },
        domainError: { $0[0] > 0 ? nil : "log of a non-positive number (\(Number.format($0[0])))" },
        partial: { args, _, _ in Expr.pow(args[0], .minusOne) },
        fold: { args in
            let u = args[0]
            if u.isOne { return .zero }
            if u.function == Function.e { return .one }
            if u.function == Function.exp { return u.arguments[0] }
            if case .float(let d)? = u.numberValue, d > 0 { return Expr.number(Number(Foundation.log(d))) }
            return nil
        },
        latex: { "\\log{\\left(\($0[0]) \\right)}" },
        swift: { "Foundation.log(\($0[0]))" })

    /// The logistic sigmoid σ(z) = 1/(1 + e^(−z)); σ' = σ(1 − σ).
    public static let sigmoid: Function = Function(
        name: "sigmoid", arity: 1,
        numeric: .unary { 1 / (1 + Foundation.exp(-$0)) },
        partial: { _, _, s in s * (1 - s) },
        fold: { args in
            if args[0].isZero { return .rational(1, 2) }
            if case .float(let d)? = args[0].numberValue { return Expr.number(Number(1 / (1 + Foundation.exp(-d)))) }
            return nil
        },
        latex: { "\\sigma{\\left(\($0[0]) \\right)}" },
        swift: { "(1 / (1 + Foundation.exp(-(\($0[0])))))" },
        rewrite: { args in 1 / (1 + Expr.exp(-args[0])) })

    /// The hyperbolic tangent; tanh' = 1 − tanh².
    public static let tanh: Function = Function(
        name: "tanh", arity: 1,
        numeric: .unary { Foundation.tanh($0) },
        partial: { _, _, t in 1 - t ** 2 },
        fold: { args in
            if args[0].isZero { return .zero }
            if case .float(let d)? = args[0].numberValue { return Expr.number(Number(Foundation.tanh(d))) }
            return nil
        },
        latex: { "\\tanh{\\left(\($0[0]) \\right)}" },
        swift: { "Foundation.tanh(\($0[0]))" },
        rewrite: { args in
            let e = Expr.exp(2 * args[0])
            return (e - 1) / (e + 1)
        })

    /// The rectifier max(z, 0); relu' = heaviside, 0 at 0.
    public static let relu: Function = Function(
        name: "relu", aliases: ["ReLU"], arity: 1,
        numeric: .unary { $0 > 0 ? $0 : 0 },
        partial: { args, _, _ in Expr.apply(.heaviside, args) },
        fold: { args in
            guard let n = args[0].numberValue else { return nil }
            return n.doubleValue > 0 ? args[0] : (n.isExact ? .zero : Expr.number(Number(0.0)))
        },
        latex: { "\\operatorname{ReLU}{\\left(\($0[0]) \\right)}" },
        swift: { "Swift.max(\($0[0]), 0)" },
        branches: { Function.Branches(kink: $0[0], positive: $0[0], negative: .zero, zero: .zero) })

    /// The leaky rectifier: `leaky_relu(z, a)` is z for z > 0 and a·z otherwise.
    public static let leakyRelu: Function = Function(
        name: "leaky_relu", arity: 2,
        numeric: .binary { z, a in z > 0 ? z : a * z },
        partial: { args, index, _ in
            let h = Expr.apply(.heaviside, [args[0]])
            return index == 0 ? args[1] + (1 - args[1]) * h : args[0] * (1 - h)
        },
        fold: { args in
            guard let z = args[0].numberValue, args[1].isNumber else { return nil }
            return z.doubleValue > 0 ? args[0] : args[1] * args[0]
        },
        latex: { "\\operatorname{LeakyReLU}_{\($0[1])}{\\left(\($0[0]) \\right)}" },
        swift: { "((\($0[0])) > 0 ? (\($0[0])) : (\($0[1])) * (\($0[0])))" },
        branches: { Function.Branches(kink: $0[0], positive: $0[0], negative: $0[1] * $0[0], zero: .zero) })

    /// The unit step with heaviside(0) = 0 (SymPy's `Heaviside(x, 0)`); its
    /// derivative is taken as 0, the derivative everywhere except at 0.
    public static let heaviside: Function = Function(
        name: "heaviside", aliases: ["Heaviside"], arity: 1,
        numeric: .unary { $0 > 0 ? 1 : 0 },
        partial: { _, _, _ in .zero },
        fold: { args in
            guard let n = args[0].numberValue else { return nil }
            return n.doubleValue > 0 ? .one : .zero
        },
        latex: { "\\theta\\left(\($0[0])\\right)" },
        swift: { "((\($0[0])) > 0 ? 1.0 : 0.0)" },
        branches: { Function.Branches(kink: $0[0], positive: .one, negative: .zero, zero: .zero) })

    /// The larger of two values; ∂/∂a = heaviside(a − b).
    public static let max: Function = Function(
        name: "Max", aliases: ["max"], arity: 2,
        numeric: .binary { Swift.max($0, $1) },
        partial: { args, index, _ in
            index == 0 ? Expr.apply(.heaviside, [args[0] - args[1]]) : Expr.apply(.heaviside, [args[1] - args[0]])
        },
        fold: { args in
            if args[0] == args[1] { return args[0] }
            if let a = args[0].numberValue, let b = args[1].numberValue {
                return a.doubleValue >= b.doubleValue ? args[0] : args[1]
            }
            return nil
        },
        latex: { "\\max\\left(\($0[0]), \($0[1])\\right)" },
        swift: { "Swift.max(\($0[0]), \($0[1]))" },
        branches: { Function.Branches(kink: $0[0] - $0[1], positive: $0[0], negative: $0[1], zero: $0[0]) })

    /// The absolute value; abs' = heaviside(x) − heaviside(−x), 0 at 0.
    public static let abs: Function = Function(
        name: "Abs", aliases: ["abs"], arity: 1,
        numeric: .unary { Swift.abs($0) },
        partial: { args, _, _ in Expr.apply(.heaviside, [args[0]]) - Expr.apply(.heaviside, [-args[0]]) },
        fold: { args in
            if let n = args[0].numberValue { return Expr.number(n.isNegative ? -n : n) }
            if args[0].function == Function.abs { return args[0] }
            return nil
        },
        latex: { "\\left|{\($0[0])}\\right|" },
        swift: { "Swift.abs(\($0[0]))" },
        branches: { Function.Branches(kink: $0[0], positive: $0[0], negative: -$0[0], zero: .zero) })
}

// MARK: - Trigonometric, smooth activations, constants

/// A fold for a one-argument function that evaluates float arguments and
/// maps exact zero to `atZero` (`sin(0)` → `0`).
private func unaryFold(_ f: @escaping @Sendable (Double) -> Double, atZero: Expr?) -> @Sendable ([Expr]) -> Expr? {
    { args in
        if args[0].isZero, let atZero { return atZero }
        if case .float(let d)? = args[0].numberValue, f(d).isFinite { return Expr.number(Number(f(d))) }
        return nil
    }
}

extension Function {
    /// The sine; sin' = cos.
    public static let sin: Function = Function(
        name: "sin", arity: 1,
        numeric: .unary { Foundation.sin($0) },
        partial: { args, _, _ in Expr.apply(.cos, args) },
        fold: unaryFold({ Foundation.sin($0) }, atZero: .zero),
        latex: { "\\sin{\\left(\($0[0]) \\right)}" },
        swift: { "Foundation.sin(\($0[0]))" })

    /// The cosine; cos' = −sin.
    public static let cos: Function = Function(
        name: "cos", arity: 1,
        numeric: .unary { Foundation.cos($0) },
        partial: { args, _, _ in -Expr.apply(.sin, args) },
        fold: unaryFold({ Foundation.cos($0) }, atZero: .one),
        latex: { "\\cos{\\left(\($0[0]) \\right)}" },
        swift: { "Foundation.cos(\($0[0]))" })

    /// softplus(x) = log(1 + eˣ), PyTorch's `Softplus` with β = 1; softplus' = σ.
    public static let softplus: Function = Function(
        name: "softplus", arity: 1,
        // max(x, 0) + log1p(e^(−|x|)): no overflow for large x.
        numeric: .unary { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) },
        partial: { args, _, _ in Expr.apply(.sigmoid, args) },
        fold: unaryFold({ Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }, atZero: nil),
        latex: { "\\operatorname{softplus}{\\left(\($0[0]) \\right)}" },
        swift: { "(Swift.max(\($0[0]), 0) + Foundation.log1p(Foundation.exp(-Swift.abs(\($0[0])))))" },
        rewrite: { args in Expr.log(1 + Expr.exp(args[0])) })

    /// silu(x) = x·σ(x) (also called swish); silu' = σ(x)·(1 + x·(1 − σ(x))).
    public static let silu: Function = Function(
        name: "silu", aliases: ["swish", "SiLU"], arity: 1,
        numeric: .unary { $0 / (1 + Foundation.exp(-$0)) },
        partial: { args, _, _ in
            let s = Expr.apply(.sigmoid, args)
            return s * (1 + args[0] * (1 - s))
        },
        fold: unaryFold({ $0 / (1 + Foundation.exp(-$0)) }, atZero: .zero),
        latex: { "\\operatorname{SiLU}{\\left(\($0[0]) \\right)}" },
        swift: { "((\($0[0])) / (1 + Foundation.exp(-(\($0[0])))))" },
        rewrite: { args in args[0] / (1 + Expr.exp(-args[0])) })

    /// The error function; erf' = 2·e^(−x²)/√π.
    public static let erf: Function = Function(
        name: "erf", arity: 1,
        numeric: .unary { Foundation.erf($0) },
        partial: { args, _, _ in 2 * Expr.exp(-(args[0] ** 2)) / sqrt(Expr.apply(.pi, [])) },
        fold: unaryFold({ Foundation.erf($0) }, atZero: .zero),
        latex: { "\\operatorname{erf}{\\left(\($0[0]) \\right)}" },
        swift: { "Foundation.erf(\($0[0]))" })

    /// The exact GELU, x·Φ(x) = x/2·(1 + erf(x/√2)) (PyTorch's default).
    public static let gelu: Function = Function(
        name: "gelu", aliases: ["GELU"], arity: 1,
        numeric: .unary { $0 / 2 * (1 + Foundation.erf($0 / 2.0.squareRoot())) },
        partial: { args, _, _ in
            let x = args[0]
            // Written as SymPy writes it (√2·x/2, √2/(2√π)), so the two compare term by term.
            let root2 = sqrt(Expr(2))
            return (1 + Expr.apply(.erf, [root2 * x / 2])) / 2 + root2 * x * Expr.exp(-(x ** 2) / 2) / (2 * sqrt(Expr.apply(.pi, [])))
        },
        fold: unaryFold({ $0 / 2 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }, atZero: .zero),
        latex: { "\\operatorname{GELU}{\\left(\($0[0]) \\right)}" },
        swift: { "((\($0[0])) / 2 * (1 + Foundation.erf((\($0[0])) / 2.0.squareRoot())))" },
        rewrite: { args in args[0] / 2 * (1 + Expr.apply(.erf, [sqrt(Expr(2)) * args[0] / 2])) })

    /// π, exact: a function of no arguments, so it is an atom to the prover
    /// and its double value to evaluation. Written `pi`.
    public static let pi: Function = Function(
        name: "pi", arity: 0,
        numeric: .nary { _ in Double.pi },
        partial: { _, _, _ in .zero },
        latex: { _ in "\\pi" },
        swift: { _ in "Double.pi" })

    /// Euler's number e, exact. Written `E`, as in SymPy; `E**x` is `exp(x)`
    /// (so `E` itself is `exp(1)` once raised), `log(E)` is 1.
    public static let e: Function = Function(
        name: "E", arity: 0,
        numeric: .nary { _ in M_E },
        partial: { _, _, _ in .zero },
        latex: { _ in "e" },
        swift: { _ in "M_E" })
}

// MARK: - Free functions, as in SymPy

extension Expr {
    public static func exp(_ x: Expr) -> Expr { apply(.exp, [x]) }
    public static func log(_ x: Expr) -> Expr { apply(.log, [x]) }
}

/// `e**x`.
public func exp(_ x: Expr) -> Expr { Expr.apply(.exp, [x]) }
/// The natural logarithm.
public func log(_ x: Expr) -> Expr { Expr.apply(.log, [x]) }
/// The logistic sigmoid 1/(1 + e^(−x)).
public func sigmoid(_ x: Expr) -> Expr { Expr.apply(.sigmoid, [x]) }
/// The hyperbolic tangent.
public func tanh(_ x: Expr) -> Expr { Expr.apply(.tanh, [x]) }
/// max(x, 0).
public func relu(_ x: Expr) -> Expr { Expr.apply(.relu, [x]) }
/// x for x > 0, slope·x otherwise.
public func leakyRelu(_ x: Expr, slope: Expr) -> Expr { Expr.apply(.leakyRelu, [x, slope]) }
/// The unit step, 0 at 0.
public func heaviside(_ x: Expr) -> Expr { Expr.apply(.heaviside, [x]) }
/// The larger of `a` and `b`.
public func max(_ a: Expr, _ b: Expr) -> Expr { Expr.apply(.max, [a, b]) }
/// The absolute value.
public func abs(_ x: Expr) -> Expr { Expr.apply(.abs, [x]) }
