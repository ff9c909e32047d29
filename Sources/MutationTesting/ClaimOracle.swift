import SymDiff  // SplitMix64 only: the oracle evaluates with its own arithmetic

/// Decides whether a claim of a derivation file is true, independently of the
/// Checker and of the engine's prover: both sides are evaluated by
/// `FormulaEvaluator` at random rational points, exactly (`ExactFraction`)
/// where every value is rational, else in double-double (about 32 digits).
///
/// "holds" needs agreement at every defined point (at least `minimumPoints`
/// of them); "fails" needs one point where the sides differ by far more than
/// double-double rounding; anything in between is "unknown".
///
/// ```swift
/// let model = try DerivationModel(text: "p = w*x\nd(p**2)/d(w) == 2*p*x")
/// ClaimOracle(model: model).truth(of: model.claims[0])   // .holds
/// ```
public struct ClaimOracle: Sendable {
    public enum Truth: Sendable, Equatable {
        case holds
        case fails
        case unknown(String)
    }

    public let model: DerivationModel
    public var points = 12
    public var minimumPoints = 6
    public var seed: UInt64 = 0x0DDB_A11

    public init(model: DerivationModel) { self.model = model }

    /// How two values compare: equal (exactly, or to far below double-double
    /// rounding), different beyond doubt, or too close to call.
    public enum Judgement: Sendable { case equal, differ, ambiguous }

    /// `a` against `b` at one point (exact values, so a double's value is
    /// used exactly); `nil` where either is undefined.
    ///
    /// ```swift
    /// ClaimOracle.compare(try Formula.parse("x*x"), try Formula.parse("x**2"), at: ["x": try ExactFraction(3, 4)])   // .equal
    /// ```
    public static func compare(_ a: Formula, _ b: Formula, definitions: [String: Formula] = [:],
                               at point: [String: ExactFraction]) -> Judgement? {
        let oracle = ClaimOracle(model: DerivationModel(definitions: definitions))
        let (values, scale) = oracle.evaluateAll([a, b], at: point)
        guard values.count == 2, let x = values[0], let y = values[1] else { return nil }
        if case .exact(let p) = x, case .exact(let q) = y { return p == q ? .equal : .differ }
        return judge(x.doubleDouble, y.doubleDouble, scale: scale)
    }

    /// Whether two values are the same, exactly or beyond doubt in double-double.
    public static func judge(_ a: DoubleDouble, _ b: DoubleDouble, scale: Double) -> Judgement {
        let difference = (a - b).magnitude
        let size = Swift.max(a.magnitude, b.magnitude)
        if difference <= 1e-12 * size + 1e-24 * scale { return .equal }
        if difference > 1e-9 * size + 1e-20 * scale { return .differ }
        return .ambiguous
    }

    public func truth(of claim: DerivationModel.Claim) -> Truth {
        switch claim.kind {
        case .equalities(let sides):
            return equalities(sides)
        case .update:
            guard let sides = comparedSides(claim) else { return .unknown("no loss or no rate") }
            return equalities(sides)
        case .numeric(let expression, let items, let value, let tolerance):
            return numeric(expression, items, value, tolerance)
        }
    }

    /// Whether the claim is false at this point (the doubles taken exactly;
    /// symbols the point leaves out get ½).
    public func fails(_ claim: DerivationModel.Claim, at point: [(name: String, value: Double)]) -> Bool {
        guard let sides = comparedSides(claim) else { return false }
        var p: [String: ExactFraction] = [:]
        for s in model.freeSymbols { p[s] = try! ExactFraction(1, 2) }
        for (name, value) in point {
            guard let v = ExactFraction(exactly: value) else { return false }
            p[name] = v
        }
        let values = evaluateAll(sides, at: p)
        for k in 0..<(sides.count - 1) {
            guard let a = values.values[k], let b = values.values[k + 1] else { continue }
            if case .exact(let x) = a, case .exact(let y) = b, x != y { return true }
            if ClaimOracle.judge(a.doubleDouble, b.doubleDouble, scale: values.scale) == .differ { return true }
        }
        return false
    }

    /// The formulas a claim says are equal (an update rule and its gradient step).
    func comparedSides(_ claim: DerivationModel.Claim) -> [Formula]? {
        switch claim.kind {
        case .equalities(let sides): return sides
        case .update(let parameter, let rule):
            guard let loss = model.loss else { return nil }
            let written = rule.replacingSymbol("\(parameter)_old", with: .symbol(parameter))
            guard let rate = model.rate(of: written) else { return nil }
            return [written, .sum([.init(negative: false, .symbol(parameter)),
                                   .init(negative: true, .product([.init(divides: false, rate),
                                                                   .init(divides: false, .derivative(loss, parameter))]))])]
        case .numeric: return nil
        }
    }

    /// Each adjacent pair must be equal wherever both are defined. Piecewise
    /// formulas get five times the points: a kink moved a little changes a small region.
    func equalities(_ sides: [Formula]) -> Truth {
        let symbols = model.freeSymbols.sorted()
        let points = isPiecewise(sides) ? self.points * 5 : self.points
        var rng = OracleRandom(seed: seed)
        var valid = Array(repeating: 0, count: sides.count - 1)
        var ambiguous = Array(repeating: false, count: sides.count - 1)
        var attempts = 0
        while attempts < points * 3, valid.min()! < points {
            let point = OracleRandom.point(symbols, &rng, positive: attempts % 3 == 0)
            attempts += 1
            let values = evaluateAll(sides, at: point)
            for k in 0..<(sides.count - 1) {
                guard let a = values.values[k], let b = values.values[k + 1] else { continue }
                valid[k] += 1
                let j: Judgement
                switch (a, b) {
                case (.exact(let x), .exact(let y)): j = x == y ? .equal : .differ
                default: j = ClaimOracle.judge(a.doubleDouble, b.doubleDouble, scale: values.scale)
                }
                if j == .differ { return .fails }
                if j == .ambiguous { ambiguous[k] = true }
            }
        }
        if let k = ambiguous.firstIndex(of: true) { return .unknown("step \(k + 1) agrees only to rounding") }
        if valid.min()! < minimumPoints { return .unknown("too few points where both sides are defined") }
        return .holds
    }

    /// Whether a piecewise function appears in the sides or in the definitions they reach.
    func isPiecewise(_ sides: [Formula]) -> Bool {
        var seen = Set<String>()
        var stack = sides
        while let f = stack.popLast() {
            switch f {
            case .call(let name, let args):
                if ["relu", "ReLU", "heaviside", "Heaviside", "Max", "max", "Abs", "abs", "leaky_relu"].contains(name) { return true }
                stack += args
            case .symbol(let s):
                if let d = model.definitions[s], seen.insert(s).inserted { stack.append(d) }
            default: stack += f.children
            }
        }
        return false
    }

    enum Value {
        case exact(ExactFraction)
        case approximate(DoubleDouble)
        var doubleDouble: DoubleDouble {
            switch self {
            case .exact(let f): return f.doubleDouble
            case .approximate(let d): return d
            }
        }
    }

    /// Every side at one point: exactly if all of them are rational there,
    /// else all in double-double. `nil` where a side is undefined.
    func evaluateAll(_ sides: [Formula], at point: [String: ExactFraction]) -> (values: [Value?], scale: Double) {
        let exact = FormulaEvaluator<ExactFraction>(definitions: model.definitions, point: point)
        var values: [Value?] = []
        var inexact = false
        for side in sides {
            do { values.append(.exact(try exact.value(side))) } catch OracleError.inexact {
                inexact = true
                break
            } catch { values.append(nil) }
        }
        if !inexact { return (values, 0) }
        let approximate = FormulaEvaluator<DoubleDouble>(definitions: model.definitions, point: point.mapValues(\.doubleDouble))
        values = sides.map { side in (try? approximate.value(side)).map { .approximate($0) } }
        return (values, approximate.scale)
    }

    func numeric(_ expression: Formula, _ items: [DerivationModel.PointItem], _ written: DerivationModel.SignedLiteral,
                 _ tolerance: DerivationModel.Tolerance) -> Truth {
        guard let point = resolve(items, depth: 0) else { return .unknown("a point cannot be resolved") }
        let values = evaluateAll([expression], at: point)
        guard let computed = values.values[0]?.doubleDouble else { return .unknown("undefined at the point") }
        let target = (try? DoubleDouble.literal(written.literal)).map { written.negative ? -$0 : $0 } ?? .zero
        let allowed: DoubleDouble
        switch tolerance {
        case .digits: allowed = DoubleDouble(0.5) * DoubleDouble.decimal(digits: "1", exponent: written.literal.unit)
        case .absolute(let l): allowed = DoubleDouble.decimal(digits: l.digits, exponent: l.exponent)
        case .percent(let l):
            allowed = DoubleDouble(target.magnitude) * DoubleDouble.decimal(digits: l.digits, exponent: l.exponent) / DoubleDouble(100)
        }
        let off = (computed - target).magnitude
        if off <= allowed.doubleValue * (1 - 1e-15) { return .holds }
        // The checker allows a little slack for rounding; within it a claim is on the edge, not wrong.
        let slack = 2e-9 * allowed.doubleValue + 2e-12 * Swift.max(1, computed.magnitude)
        return off > allowed.doubleValue + slack ? .fails : .unknown("on the edge of the tolerance")
    }

    func resolve(_ items: [DerivationModel.PointItem], depth: Int) -> [String: ExactFraction]? {
        guard depth < 20 else { return nil }
        var out: [String: ExactFraction] = [:]
        for item in items {
            switch item {
            case .reference(let name):
                guard let p = model.points[name], let values = resolve(p, depth: depth + 1) else { return nil }
                out.merge(values) { $1 }
            case .value(let name, let f):
                guard model.definitions[name] == nil,
                      let v = try? FormulaEvaluator<ExactFraction>(definitions: [:], point: [:]).value(f) else { return nil }
                out[name] = v
            }
        }
        return out
    }
}

/// The oracle's seeded random points. The generator is the project's one
/// SplitMix64 (a fixed, published sequence, so sharing it makes the oracle
/// owe nothing to the engine's algebra); the points it draws are the oracle's own.
public struct OracleRandom: Sendable {
    var generator: SplitMix64
    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    public mutating func next() -> UInt64 { generator.next() }
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Values k/64 in [-2.5, 2.5] (or (0, 2.5] when `positive`), exact in binary and decimal.
    static func point(_ symbols: [String], _ rng: inout OracleRandom, positive: Bool) -> [String: ExactFraction] {
        var out: [String: ExactFraction] = [:]
        for s in symbols {
            let k = positive ? 1 + rng.below(160) : rng.below(321) - 160
            out[s] = try! ExactFraction(Int128(k), 64)
        }
        return out
    }
}

extension Formula {
    /// The formula with every occurrence of a symbol replaced.
    public func replacingSymbol(_ name: String, with value: Formula) -> Formula {
        switch self {
        case .symbol(let s): return s == name ? value : self
        case .number: return self
        case .sum(let ts): return .sum(ts.map { .init(negative: $0.negative, $0.value.replacingSymbol(name, with: value)) })
        case .product(let fs): return .product(fs.map { .init(divides: $0.divides, $0.value.replacingSymbol(name, with: value)) })
        case .negate(let x): return .negate(x.replacingSymbol(name, with: value))
        case .power(let b, let e): return .power(b.replacingSymbol(name, with: value), e.replacingSymbol(name, with: value))
        case .call(let f, let args): return .call(f, args.map { $0.replacingSymbol(name, with: value) })
        case .derivative(let g, let v):
            let variable = (v == name) ? (value.symbolName ?? v) : v
            return .derivative(g.replacingSymbol(name, with: value), variable)
        }
    }

    var symbolName: String? { if case .symbol(let s) = self { return s } else { return nil } }
}
