import Foundation
import SymDiff

/// The seeds' data sets, generated from `SplitMix64` so every machine gets
/// the same numbers for the same seed.
extension Dataset {
    /// Two noisy concentric circles, like scikit-learn's `make_circles`
    /// (seed 000 appendix D): half the points on the unit circle (target
    /// `outerTarget`), half on a circle of radius `factor` (target
    /// `innerTarget`), evenly spaced in angle, shuffled, then moved by
    /// Gaussian noise of standard deviation `noise`. Columns `x1`, `x2`, `t1`.
    ///
    /// ```swift
    /// let data = Dataset.circles(count: 1000, noise: 0.1, factor: 0.3, seed: 42)   // targets ±2
    /// ```
    public static func circles(count: Int, noise: Double, factor: Double, seed: UInt64,
                               outerTarget: Double = -2, innerTarget: Double = 2) -> Dataset {
        var rng = SplitMix64(seed: seed)
        let outer = count / 2, inner = count - outer
        var points: [(Double, Double, Double)] = []
        points.reserveCapacity(count)
        for i in 0..<outer {
            let angle = 2 * Double.pi * Double(i) / Double(outer)
            points.append((Foundation.cos(angle), Foundation.sin(angle), outerTarget))
        }
        for i in 0..<inner {
            let angle = 2 * Double.pi * Double(i) / Double(inner)
            points.append((factor * Foundation.cos(angle), factor * Foundation.sin(angle), innerTarget))
        }
        shuffle(&points, &rng)
        let x1 = points.map { $0.0 + noise * rng.nextGaussian() }
        let x2 = points.map { $0.1 + noise * rng.nextGaussian() }
        return try! Dataset(columns: [("x1", x1), ("x2", x2), ("t1", points.map(\.2))])
    }

    /// Seed 004's target function t = 2·x1 + 3·x2 + 10 at points uniform in
    /// [0, 1]². Columns `x1`, `x2`, `t1`.
    public static func linear(count: Int, seed: UInt64) -> Dataset {
        var rng = SplitMix64(seed: seed)
        let x1 = (0..<count).map { _ in rng.nextUniform() }
        let x2 = (0..<count).map { _ in rng.nextUniform() }
        let t = zip(x1, x2).map { 2 * $0 + 3 * $1 + 10 }
        return try! Dataset(columns: [("x1", x1), ("x2", x2), ("t1", t)])
    }

    /// Two overlapping Gaussian clouds for binary classification (seed 002):
    /// class 0 around (−1, −1), class 1 around (1, 1), standard deviation
    /// `spread`, alternating classes. Columns `x1`, `x2`, `t1` (0 or 1).
    public static func blobs(count: Int, spread: Double = 1, seed: UInt64) -> Dataset {
        var rng = SplitMix64(seed: seed)
        var x1: [Double] = [], x2: [Double] = [], t: [Double] = []
        for i in 0..<count {
            let label = Double(i % 2)
            let centre = label == 1 ? 1.0 : -1.0
            x1.append(centre + spread * rng.nextGaussian())
            x2.append(centre + spread * rng.nextGaussian())
            t.append(label)
        }
        return try! Dataset(columns: [("x1", x1), ("x2", x2), ("t1", t)])
    }

    /// Fisher–Yates with the seeded generator (the index draw by remainder has
    /// a bias below 2⁻⁵⁰ for these sizes).
    static func shuffle<T>(_ items: inout [T], _ rng: inout SplitMix64) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }
}
