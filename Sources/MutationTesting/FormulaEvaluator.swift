/// Evaluates formulas at a point, with the derivation file's definitions and
/// the checker's meaning of `d(F)/d(v)`: the derivative of F with respect to
/// v where v (a symbol or a defined name) is perturbed by its own
/// infinitesimal and nothing else is, so only the paths from F through v
/// count — the other stages' inputs are held fixed, as in backpropagation.
///
/// ```swift
/// let e = FormulaEvaluator<DoubleDouble>(definitions: ["z": try Formula.parse("w*x")],
///                                         point: ["w": DoubleDouble(2), "x": DoubleDouble(3)])
/// try e.value(try Formula.parse("d(z**2)/d(w)")).hi   // 36
/// ```
public final class FormulaEvaluator<C: OracleNumber> {
    public let definitions: [String: Formula]
    public let point: [String: C]
    /// The largest magnitude of any value met, which scales the tolerance.
    public private(set) var scale = 0.0

    final class Frame {
        let perturbed: [(name: String, bit: UInt16)]
        var memo: [String: Jet<C>] = [:]
        var visiting: Set<String> = []
        init(_ perturbed: [(name: String, bit: UInt16)]) { self.perturbed = perturbed }
    }

    public init(definitions: [String: Formula], point: [String: C]) {
        self.definitions = definitions
        self.point = point
    }

    /// The value (its primal part) of `f`.
    public func value(_ f: Formula) throws -> C {
        try evaluate(f, Frame([])).primal
    }

    func name(_ n: String, _ frame: Frame) throws -> Jet<C> {
        if let known = frame.memo[n] { return known }
        var v: Jet<C>
        if let definition = definitions[n] {
            guard frame.visiting.insert(n).inserted else { throw OracleError.unsupported("circular definition of \(n)") }
            v = try evaluate(definition, frame)
            frame.visiting.remove(n)
        } else if let p = point[n] {
            v = .constant(p)
        } else {
            throw OracleError.unsupported("no value for \(n)")
        }
        for (name, bit) in frame.perturbed where name == n {
            v.parts[bit] = try v.parts[bit].map { try $0 + .integer(1) } ?? .integer(1)
        }
        frame.memo[n] = v
        return v
    }

    func evaluate(_ f: Formula, _ frame: Frame) throws -> Jet<C> {
        let result = try evaluateNode(f, frame)
        let size = result.primal.doubleDouble.magnitude
        guard size.isFinite else { throw OracleError.domain("overflow") }
        scale = Swift.max(scale, size)
        return result
    }

    private func evaluateNode(_ f: Formula, _ frame: Frame) throws -> Jet<C> {
        switch f {
        case .number(let l): return .constant(try C.literal(l))
        case .symbol(let s): return try name(s, frame)
        case .negate(let x): return try evaluate(x, frame).negated()
        case .sum(let terms):
            var total = Jet<C>.constant(.integer(0))
            for t in terms {
                let v = try evaluate(t.value, frame)
                total = try total + (t.negative ? v.negated() : v)
            }
            return total
        case .product(let factors):
            var total = Jet<C>.constant(.integer(1))
            for factor in factors {
                let v = try evaluate(factor.value, frame)
                total = try total * (factor.divides ? v.reciprocal() : v)
            }
            return total
        case .power(let b, let e):
            return try evaluate(b, frame).power(try evaluate(e, frame))
        case .derivative(let g, let v):
            let bit = UInt16(1) << UInt16(frame.perturbed.count)
            guard frame.perturbed.count < 12 else { throw OracleError.unsupported("derivatives nested too deeply") }
            let inner = try evaluate(g, Frame(frame.perturbed + [(v, bit)]))
            var parts: [UInt16: C] = [0: .integer(0)]
            for (m, c) in inner.parts where m & bit != 0 { parts[m & ~bit] = c }
            return Jet(parts: parts)
        case .call(let name, let args):
            let values = try args.map { try evaluate($0, frame) }
            return try FormulaEvaluator.apply(name, values)
        }
    }

    /// The functions of the file format, with the engine's conventions at
    /// kinks (heaviside(0) = 0, relu'(0) = 0, both partials of Max zero where
    /// its arguments are equal, Abs'(0) = 0).
    static func apply(_ name: String, _ a: [Jet<C>]) throws -> Jet<C> {
        func arity(_ n: Int) throws { guard a.count == n else { throw OracleError.unsupported("\(name) takes \(n) arguments") } }
        let zero = Jet<C>.constant(.integer(0))
        let one = Jet<C>.constant(.integer(1))
        switch name {
        case "exp": try arity(1); return try a[0].exp()
        case "log", "ln": try arity(1); return try a[0].log()
        case "sqrt": try arity(1); return try a[0].power(.constant(try C.integer(2).reciprocal()))
        case "pow": try arity(2); return try a[0].power(a[1])
        case "sigmoid":
            try arity(1)
            return try (one + (try a[0].negated().exp())).reciprocal()
        case "tanh":
            try arity(1)
            let e = try (try a[0] * .constant(.integer(2))).exp()
            return try (e + .constant(.integer(-1))) * (try (e + one).reciprocal())
        case "relu", "ReLU": try arity(1); return a[0].primal.sign > 0 ? a[0] : zero
        case "heaviside", "Heaviside": try arity(1); return a[0].primal.sign > 0 ? one : zero
        case "leaky_relu": try arity(2); return a[0].primal.sign > 0 ? a[0] : try a[1] * a[0]
        case "Abs", "abs":
            try arity(1)
            switch a[0].primal.sign {
            case 1: return a[0]
            case -1: return try a[0].negated()
            default: return zero
            }
        case "Max", "max":
            try arity(2)
            let d = try a[0].primal + (try a[1].primal.negated())
            switch d.sign {
            case 1: return a[0]
            case -1: return a[1]
            default: return .constant(a[0].primal)
            }
        default:
            throw OracleError.unsupported("unknown function \(name)")
        }
    }
}
