import SymDiff

/// Random expressions over a few symbols, for checking compiled code against
/// `Expr.evaluate` (fuzzing, as SymbolicUtils does): every node kind and
/// every function of the table appears, and subexpressions are reused so
/// the DAG shares nodes.
struct RandomExpressions {
    var rng: SplitMix64
    let symbols = Expr.symbols("x y z")

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    /// An expression built from `size` random operations.
    mutating func expression(size: Int) -> Expr {
        var pool: [Expr] = symbols + [Expr.number(2), Expr.rational(1, 3), Expr.number(Number(0.75))]
        for _ in 0..<size {
            let a = pool[int(pool.count)], b = pool[int(pool.count)]
            let e: Expr
            switch int(14) {
            case 0, 1: e = a + b
            case 2, 3: e = a * b
            case 4: e = a - b
            case 5: e = a / (b * b + 1)
            case 6: e = a ** Expr.number(int(4) - 1)
            case 7: e = exp(a / 4)
            case 8: e = log(a * a + 1)
            case 9: e = sigmoid(a)
            case 10: e = tanh(a)
            case 11: e = [relu(a), heaviside(a), abs(a)][int(3)]
            case 12: e = int(2) == 0 ? max(a, b) : leakyRelu(a, slope: Expr.number(Number(0.01)))
            default: e = sqrt(a * a + b * b + 1)
            }
            pool.append(e)
        }
        return pool[pool.count - 1]
    }

    /// A point with each symbol in [-2, 2].
    mutating func point() -> [Double] { symbols.map { _ in rng.nextUniform(in: -2...2) } }
}
