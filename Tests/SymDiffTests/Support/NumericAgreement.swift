import Foundation
import SymDiff

/// Helpers shared by the tests: seeded sample points and numeric comparison.
enum Numeric {
    /// Whether `a` and `b` agree to a relative tolerance (absolute near zero).
    static func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
    }

    /// Seeded points for `symbols`, each coordinate in `range`.
    static func points(_ symbols: [String], count: Int, seed: UInt64 = 42,
                       range: ClosedRange<Double> = 0.2...2.5) -> [[String: Double]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            Dictionary(uniqueKeysWithValues: symbols.map { ($0, rng.nextUniform(in: range)) })
        }
    }

    /// The points (of `count` tried) where both sides are defined, and the first
    /// one where they differ, if any.
    static func compare(_ a: Expr, _ b: Expr, count: Int = 8, seed: UInt64 = 42,
                        range: ClosedRange<Double> = 0.2...2.5, tolerance: Double = 1e-9)
        -> (defined: Int, difference: (point: [String: Double], lhs: Double, rhs: Double)?) {
        let symbols = Expr.postOrder([a, b]).compactMap(\.symbolName).sorted()
        var defined = 0
        for point in points(symbols, count: count, seed: seed, range: range) {
            guard let u = try? a.evaluate(at: point), let v = try? b.evaluate(at: point) else { continue }
            defined += 1
            if !close(u, v, tolerance: tolerance) { return (defined, (point, u, v)) }
        }
        return (defined, nil)
    }
}
