/// The numeric witness: evaluates both sides at seeded random points.
struct NumericWitness {
    let a: Expr, b: Expr
    let options: EquivalenceOptions
    let symbols: [String]
    let kinks: [Expr]

    init(_ a: Expr, _ b: Expr, options: EquivalenceOptions) {
        self.a = a
        self.b = b
        self.options = options
        symbols = Expr.postOrder([a, b]).compactMap(\.symbolName).sorted()
        kinks = Expr.kinks(in: [a, b])
    }

    struct Result {
        var agreeing = 0
        var differing = 0
        var counterexample: Counterexample?
    }

    func run() -> Result {
        var result = Result()
        var rng = SplitMix64(seed: options.seed)
        var attempts = 0
        // Each kink's argument must be seen positive and negative.
        var kinkSides = Array(repeating: (positive: false, negative: false), count: kinks.count)
        let maxAttempts = options.samples * 25
        while attempts < maxAttempts {
            let enough = result.agreeing + result.differing >= options.samples
            let kinksCovered = kinkSides.allSatisfy { $0.positive && $0.negative }
            if enough && (kinksCovered || attempts > options.samples * 10) { break }
            let point = samplePoint(&rng, attempt: attempts)
            attempts += 1
            guard let comparison = compare(at: point) else { continue }
            // Points on a kink use the documented convention; they are not evidence either way.
            var onKink = false
            for (i, kink) in kinks.enumerated() {
                guard let v = try? kink.evaluateWithScale(at: point) else { onKink = true; continue }
                if Swift.abs(v.value) <= 1e-9 * Swift.max(1, v.scale) { onKink = true }
                if v.value > 0 { kinkSides[i].positive = true } else if v.value < 0 { kinkSides[i].negative = true }
            }
            if onKink { continue }
            if comparison.equal {
                result.agreeing += 1
            } else if confirm(point) {
                result.differing += 1
                if result.counterexample == nil {
                    result.counterexample = Counterexample(point: symbols.map { ($0, point[$0]!) },
                                                           lhs: comparison.lhs, rhs: comparison.rhs)
                }
            }
        }
        return result
    }

    /// Values from several scales and signs; every third point is all-positive
    /// so that expressions with logs and square roots get defined samples.
    func samplePoint(_ rng: inout SplitMix64, attempt: Int) -> [String: Double] {
        var point: [String: Double] = [:]
        for name in symbols {
            let value: Double
            switch attempt % 6 {
            case 0, 3: value = rng.nextUniform(in: 0.05...3)
            case 1: value = rng.nextUniform(in: -2...2)
            case 2: value = rng.nextUniform(in: -5...5)
            case 4: value = rng.nextUniform(in: -1...1)
            default: value = rng.nextUniform(in: -0.5...4)
            }
            // Round to a few digits so counterexamples are easy to read and re-enter.
            point[name] = (value * 1000).rounded() / 1000
        }
        return point
    }

    func compare(at point: [String: Double]) -> (equal: Bool, lhs: Double, rhs: Double)? {
        guard let x = try? a.evaluateWithScale(at: point), let y = try? b.evaluateWithScale(at: point) else { return nil }
        let scale = Swift.max(1e-300, x.scale, y.scale)
        let equal = Swift.abs(x.value - y.value) <= options.relativeTolerance * scale
        return (equal, x.value, y.value)
    }

    /// A difference counts only if it persists at a nearby point, so rounding
    /// noise at one unlucky point is not reported as a counterexample.
    func confirm(_ point: [String: Double]) -> Bool {
        var nearby = point
        for (name, value) in point { nearby[name] = value * (1 + 1e-7) + 1e-9 }
        guard let again = compare(at: nearby) else { return true }
        return !again.equal
    }
}

extension Expr {
    /// The value and the largest magnitude of any intermediate value, which
    /// scales the tolerance for comparing two evaluations.
    func evaluateWithScale(at point: [String: Double]) throws -> (value: Double, scale: Double) {
        var scale = 0.0
        let value = try fold { node, operands in
            let value = try Expr.evaluateNode(node, operands, point: point)
            guard value.isFinite else { throw SymDiffError.nonFinite("overflow") }
            scale = Swift.max(scale, Swift.abs(value))
            return value
        }
        return (value, scale)
    }
}
