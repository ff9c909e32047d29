import Foundation
import Testing
import SymDiff

/// Properties that must hold for every expression, checked on seeded random
/// expressions (`RandomExpressions`) so failures reproduce.
@Suite("Properties of random expressions")
struct PropertyTests {
    /// The central difference (f(x + h) - f(x - h)) / 2h at `point`, or `nil`
    /// when f is undefined near the point.
    static func centralDifference(_ f: Expr, _ point: [String: Double], h: Double) -> Double? {
        var plus = point, minus = point
        plus["x"]! += h
        minus["x"]! -= h
        guard let up = try? f.evaluate(at: plus), let down = try? f.evaluate(at: minus) else { return nil }
        return (up - down) / (2 * h)
    }

    /// Whether the point is within `margin` of a kink of relu, heaviside, max or abs.
    static func nearKink(_ f: Expr, _ point: [String: Double], margin: Double = 1e-3) -> Bool {
        for node in f.postOrder() {
            guard let kinks = node.function?.kinks else { continue }
            for kink in kinks(node.arguments) {
                guard let value = try? kink.evaluate(at: point) else { return true }
                if Swift.abs(value) < margin { return true }
            }
        }
        return false
    }

    @Test("diff agrees with a central finite difference on 1,000 random expressions")
    func derivativeMatchesFiniteDifference() throws {
        var generator = RandomExpressions(seed: 0xD1FF)
        var checked = 0, candidates = 0
        while checked < 1000 {
            candidates += 1
            try #require(candidates < 5000, "too few expressions had a point inside their domain")
            let f = generator.expression(depth: 4)
            guard f.contains(.symbol("x")) else { continue }
            let derivative = try f.diff(.symbol("x"))
            var passed = false
            for _ in 0..<4 where !passed {
                let point = generator.point()
                guard let exact = try? derivative.evaluate(at: point), let value = try? f.evaluate(at: point),
                      Swift.abs(value) < 1e6, !Self.nearKink(f, point) else { continue }
                let h = 1e-5 * Swift.max(1, Swift.abs(point["x"]!))
                // Two step sizes must agree first; otherwise f is too curved or
                // too close to a singularity here for a finite difference to judge.
                guard let coarse = Self.centralDifference(f, point, h: 2 * h),
                      let fine = Self.centralDifference(f, point, h: h),
                      Numeric.close(coarse, fine, tolerance: 1e-5 * Swift.max(1, Swift.abs(value) / h * 1e-10)) else { continue }
                let tolerance = 1e-5 * Swift.max(1, Swift.abs(value))
                #expect(Numeric.close(exact, fine, tolerance: tolerance),
                        "d/dx \(f) = \(derivative) at \(point): \(exact), finite difference \(fine)")
                passed = true
            }
            if passed { checked += 1 }
        }
    }

    @Test("printing and parsing back gives the same expression, for 2,000 random expressions")
    func printParseRoundTrip() throws {
        var generator = RandomExpressions(seed: 0x9A55)
        for _ in 0..<2000 {
            let e = generator.expression(depth: 5)
            let text = e.description
            let parsed = try Expr.parse(text)
            #expect(parsed == e, "\(text) parsed back as \(parsed)")
        }
    }

    @Test("simplify preserves the value at random points, for 500 random expressions")
    func simplifyPreservesValue() throws {
        var generator = RandomExpressions(seed: 0x5119)
        var compared = 0
        for _ in 0..<500 {
            let e = generator.expression(depth: 3)
            let simple = e.simplify()
            for _ in 0..<3 {
                let point = generator.point()
                guard let before = try? e.evaluate(at: point), let after = try? simple.evaluate(at: point),
                      !Self.nearKink(e, point, margin: 1e-9) else { continue }
                compared += 1
                #expect(Numeric.close(before, after, tolerance: 1e-8), "simplify(\(e)) = \(simple) at \(point)")
            }
        }
        #expect(compared > 500)
    }

    @Test("reverse-mode gradient equals per-variable diff on 300 random expressions")
    func gradientMatchesDiff() throws {
        var generator = RandomExpressions(seed: 0x64AD)
        let variables = Expr.symbols("x y z")
        var compared = 0
        for _ in 0..<300 {
            let f = generator.expression(depth: 4)
            let gradient = try f.gradient(variables)
            let forward = try variables.map { try f.diff($0) }
            for _ in 0..<2 {
                let point = generator.point()
                for (g, d) in zip(gradient, forward) {
                    guard let u = try? g.evaluate(at: point), let v = try? d.evaluate(at: point) else { continue }
                    compared += 1
                    #expect(Numeric.close(u, v, tolerance: 1e-8), "\(f): reverse \(g) vs forward \(d) at \(point)")
                }
            }
        }
        #expect(compared > 500)
    }
}
