import SymDiff

/// Seeded random expressions over `x`, `y`, `z` using every node kind and
/// every function of the table, for property tests. Generation recurses only
/// to the small `depth` asked for.
struct RandomExpressions {
    var rng: SplitMix64
    let symbols = Expr.symbols("x y z")
    /// Whether leaves may be floats (`0.25`) besides exact numbers.
    var floats = true

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    mutating func leaf() -> Expr {
        switch int(0...9) {
        case 0...5: return symbols[int(0...2)]
        case 6, 7: return .number(int(-4...5))
        case 8: return .rational(int(-5...5), int(2...7))
        default: return floats ? .number(Number((rng.nextUniform(in: -3...3) * 100).rounded() / 100)) : .number(int(1...3))
        }
    }

    mutating func expression(depth: Int) -> Expr {
        if depth == 0 || int(0...9) < 2 { return leaf() }
        let d = depth - 1
        switch int(0...19) {
        case 0, 1, 2: return expression(depth: d) + expression(depth: d)
        case 3: return expression(depth: d) - expression(depth: d)
        case 4, 5, 6: return expression(depth: d) * expression(depth: d)
        case 7: return expression(depth: d) / expression(depth: d)
        case 8: return .pow(expression(depth: d), .number(int(-3...4)))
        case 9: return .pow(expression(depth: d), .rational([1, 3, -1][int(0...2)], 2))
        case 10: return .pow(expression(depth: d), expression(depth: d))
        case 11: return exp(expression(depth: d))
        case 12: return log(expression(depth: d))
        case 13: return sigmoid(expression(depth: d))
        case 14: return tanh(expression(depth: d))
        case 15: return relu(expression(depth: d))
        case 16: return leakyRelu(expression(depth: d), slope: .rational(1, int(5...100)))
        case 17: return heaviside(expression(depth: d)) * expression(depth: d)
        case 18: return max(expression(depth: d), expression(depth: d))
        default: return abs(expression(depth: d))
        }
    }

    /// A point with every symbol in `range`.
    mutating func point(in range: ClosedRange<Double> = -2...2) -> [String: Double] {
        ["x": rng.nextUniform(in: range), "y": rng.nextUniform(in: range), "z": rng.nextUniform(in: range)]
    }
}
