import Foundation

// Undefined functions, as SymPy's `Function('f')`: a name applied to
// arguments that stands for every function at once. A derivative of one is
// another undefined function of the same arguments, with the orders of
// differentiation recorded (`f'(u)` is `f` differentiated once in its first
// argument, then applied to `u`), so the chain rule, the printers and the
// prover need nothing special: the prover treats `f(u)` and `f'(u)` as atoms,
// which is sound for every function.
//
// Numerically (the witness, `evaluate`, compiled code) an undefined function
// is one fixed smooth function chosen from its name,
// Σₖ aₖ·sin(Σᵢ bₖᵢ·xᵢ + cₖ), with its derivatives exact. A point where two
// sides differ is then a genuine counterexample: the claim is false for that
// concrete function (`Function.Undefined.concrete` says which).

extension Function {
    /// What an undefined function is: its name, and how often each argument
    /// has been differentiated (all zeros for `f` itself).
    public struct Undefined: Sendable, Hashable {
        public let name: String
        public let orders: [Int]

        public var arity: Int { orders.count }
        public var isDerivative: Bool { orders.contains { $0 > 0 } }

        /// The concrete function the numeric checks use for `name`, as text
        /// (`0.83*sin(1.21*x1 + 0.4) + ...`), for counterexample messages.
        public var concrete: String {
            let waves = RandomSmooth(name: name, arity: arity).waves
            let variables = arity == 1 ? ["x"] : (1...arity).map { "x\($0)" }
            return waves.map { w in
                let phase = zip(w.frequencies, variables).map { "\(Number.format($0))*\($1)" }.joined(separator: " + ")
                let shift = w.phase < 0 ? " - \(Number.format(-w.phase))" : " + \(Number.format(w.phase))"
                return "\(Number.format(w.amplitude))*sin(\(phase)\(shift))"
            }.joined(separator: " + ")
        }
    }

    /// The undefined function `name` of `arity` arguments, differentiated
    /// `orders[i]` times in argument `i` (default: not at all).
    ///
    /// ```swift
    /// let f = Function.undefined("f", arity: 1)
    /// let fx = Expr.apply(f, [x])
    /// try fx.diff(x)                  // Derivative(f(x), x)
    /// try Expr.apply(f, [2 * x]).diff(x)   // 2*Subs(Derivative(f(_xi_1), _xi_1), _xi_1, 2*x)
    /// ```
    public static func undefined(_ name: String, arity: Int, orders: [Int]? = nil) -> Function {
        let orders = orders ?? Array(repeating: 0, count: arity)
        precondition(orders.count == arity && arity > 0, "an undefined function takes at least one argument")
        let info = Undefined(name: name, orders: orders)
        // SymPy: `f{\left(x \right)}`, `\operatorname{activation}{\left(z \right)}`.
        let latexName = name.count == 1 ? name : "\\operatorname{\(name)}"
        let smooth = RandomSmooth(name: name, arity: arity)
        let numeric: Numeric
        switch arity {
        case 1: numeric = .unary { smooth.value([$0], orders: orders) }
        case 2: numeric = .binary { smooth.value([$0, $1], orders: orders) }
        default: numeric = .nary { smooth.value($0, orders: orders) }
        }
        // The key that makes each derivative a distinct function (equality is by name).
        let key = !info.isDerivative ? name
            : arity == 1 ? name + String(repeating: "'", count: orders[0])
            : name + "'" + orders.map(String.init).joined(separator: ",")
        return Function(
            name: key, arity: arity, numeric: numeric,
            partial: { args, index, _ in
                var next = orders
                next[index] += 1
                return Expr.apply(.undefined(name, arity: arity, orders: next), args)
            },
            latex: { "\(latexName){\\left(\($0.joined(separator: ",")) \\right)}" },
            swift: { "\(key.replacingOccurrences(of: "'", with: "_d").replacingOccurrences(of: ",", with: "_"))(\($0.joined(separator: ", ")))" },
            undefined: info)
    }
}

/// Σₖ aₖ·sin(bₖ·x + cₖ), parameters drawn from a hash of the name: smooth,
/// bounded, not a polynomial and not periodic along the diagonal in general,
/// so identities that hold only for special functions are caught.
struct RandomSmooth: Sendable {
    struct Wave: Sendable {
        let amplitude: Double
        let frequencies: [Double]
        let phase: Double
    }
    let waves: [Wave]

    init(name: String, arity: Int) {
        var rng = SplitMix64(seed: Node.fnv(name))
        // Two decimals each, so the function quoted in a message is the one used.
        func draw(_ range: ClosedRange<Double>) -> Double {
            (rng.nextUniform(in: range) * 100).rounded() / 100
        }
        waves = (0..<3).map { _ in
            Wave(amplitude: draw(0.5...1.5), frequencies: (0..<arity).map { _ in draw(0.3...1.7) }, phase: draw(-1...1))
        }
    }

    /// The value of ∂^(Σ orders) / ∂x₀^orders[0]⋯ at `x`: each derivative of
    /// sin shifts the phase by π/2 and multiplies by the frequency.
    func value(_ x: [Double], orders: [Int]) -> Double {
        let total = orders.reduce(0, +)
        var sum = 0.0
        for w in waves {
            var factor = w.amplitude
            var phase = w.phase + Double(total) * Double.pi / 2
            for (i, b) in w.frequencies.enumerated() {
                phase += b * x[i]
                for _ in 0..<orders[i] { factor *= b }
            }
            sum += factor * Foundation.sin(phase)
        }
        return sum
    }
}

/// Replacing an undefined function by a concrete one.
extension Expr {
    /// Every application of the undefined function `name` (and of its
    /// derivatives) replaced by `body`, a function of `parameters`; each
    /// derivative `f'(u)` becomes `body`'s derivative evaluated at `u`.
    ///
    /// ```swift
    /// let e = try Expr.parse("f(2*x)").diff(x)          // 2*Subs(Derivative(f(_xi_1), _xi_1), _xi_1, 2*x)
    /// try e.replacingFunction("f", with: sigmoid(z), of: [z])
    /// // 2*sigmoid(2*x)*(1 - sigmoid(2*x))
    /// ```
    public func replacingFunction(_ name: String, with body: Expr, of parameters: [Expr]) throws -> Expr {
        var derivatives: [[Int]: Expr] = [:]
        func derivative(_ orders: [Int]) throws -> Expr {
            if let known = derivatives[orders] { return known }
            var d = body
            for (i, n) in orders.enumerated() where n > 0 { d = try d.diff(parameters[i], order: n) }
            derivatives[orders] = d
            return d
        }
        return try fold { (node: Expr, args: [Expr]) throws -> Expr in
            if let u = node.function?.undefined, u.name == name {
                guard u.arity == parameters.count else {
                    throw SymDiffError.invalidArgument("\(name) takes \(u.arity) argument\(u.arity == 1 ? "" : "s") but the replacement has \(parameters.count) parameter\(parameters.count == 1 ? "" : "s")")
                }
                return try derivative(u.orders).substituting(Dictionary(uniqueKeysWithValues: zip(parameters, args)))
            }
            return node.rebuilt(with: args)
        }
    }

    /// Every application of the undefined function `name` replaced by the
    /// table function `f` (`subs(f, sigmoid)`).
    ///
    /// ```swift
    /// try Expr.parse("f'(z)").replacingFunction("f", with: .sigmoid)   // sigmoid(z)*(1 - sigmoid(z))
    /// ```
    public func replacingFunction(_ name: String, with f: Function) throws -> Expr {
        let parameters = (1...f.arity).map { Expr.symbol("_xi_\($0)") }
        return try replacingFunction(name, with: .apply(f, parameters), of: parameters)
    }
}
