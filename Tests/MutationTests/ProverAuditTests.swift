import Testing
import SymDiff
import MutationTesting

/// The false-"proved" audit of the prover (issue 17): random pairs (a, b)
/// where b is a rewritten by an identity that holds wherever both sides are
/// defined (so a == b) or by a mutation (so, almost always, a != b), over
/// polynomials, exp, log, sigmoid, tanh and the piecewise relu, heaviside,
/// Max, Abs and leaky_relu. `Expr.checkEquivalence` reads both as text.
///
/// - every "proved" must hold at 50 random rational points, judged by the
///   oracle (exact `ExactFraction` arithmetic where the values are rational,
///   double-double elsewhere), never by the prover;
/// - every "refuted" counterexample must really differ there (the double
///   coordinates taken exactly).
@Suite struct ProverAuditTests {
    static let pairs = 400

    @Test func everyProofHoldsAndEveryCounterexampleDiffers() throws {
        var rng = OracleRandom(seed: 2026)
        var tally: [String: Int] = [:]
        for _ in 0..<ProverAuditTests.pairs {
            let a = RandomFormula.make(&rng, depth: 3)
            let (b, equalByConstruction) = RandomFormula.rewrite(a, &rng)
            let ea = try Expr.parse(a.description)
            let eb = try Expr.parse(b.description)
            let check = Expr.checkEquivalence(ea, eb)
            tally["\(equalByConstruction ? "identity" : "mutation") \(check.verdict)", default: 0] += 1
            switch check.verdict {
            case .proved:
                var point = OracleRandom(seed: rng.next())
                var defined = 0
                for attempt in 0..<150 where defined < 50 {
                    let p = RandomFormula.point(&point, positive: attempt % 3 == 0)
                    guard let j = ClaimOracle.compare(a, b, at: p) else { continue }
                    defined += 1
                    #expect(j != .differ, "proved, but \(a) and \(b) differ at \(p)")
                    if j == .differ { break }
                }
            case .refuted:
                let c = try #require(check.counterexample)
                var p: [String: ExactFraction] = [:]
                // A symbol the canonical form cancelled (y in y - y) is absent from the point: any value will do.
                for name in RandomFormula.symbols { p[name] = try ExactFraction(1, 2) }
                for (name, value) in c.point { p[name] = try #require(ExactFraction(exactly: value)) }
                let j = ClaimOracle.compare(a, b, at: p)
                #expect(j == .differ, "refuted at \(c), but \(a) and \(b) agree there (\(String(describing: j)))")
            case .undecided:
                break
            }
        }
        // Both kinds of pair are exercised and most verdicts are decisive.
        #expect((tally["identity proved"] ?? 0) > ProverAuditTests.pairs / 6, "\(tally)")
        #expect((tally["mutation refuted"] ?? 0) > ProverAuditTests.pairs / 4, "\(tally)")
    }
}

/// Random formulas over x, y, z and the pairs built from them.
enum RandomFormula {
    static let symbols = ["x", "y", "z"]

    static func point(_ rng: inout OracleRandom, positive: Bool) -> [String: ExactFraction] {
        var out: [String: ExactFraction] = [:]
        for s in symbols {
            out[s] = try! ExactFraction(Int128(positive ? 1 + rng.below(160) : rng.below(321) - 160), 64)
        }
        return out
    }

    static func leaf(_ rng: inout OracleRandom) -> Formula {
        switch rng.below(6) {
        case 0: return .number(1 + rng.below(4))
        case 1: return .product([.init(divides: false, .number(1)), .init(divides: true, .number(2 + rng.below(3)))])
        default: return .symbol(symbols[rng.below(3)])
        }
    }

    static func make(_ rng: inout OracleRandom, depth: Int) -> Formula {
        if depth == 0 || rng.below(4) == 0 { return leaf(&rng) }
        let sub = { (r: inout OracleRandom) in make(&r, depth: depth - 1) }
        switch rng.below(12) {
        case 0, 1: return .sum([.init(negative: false, sub(&rng)), .init(negative: rng.below(2) == 0, sub(&rng))])
        case 2, 3: return .product([.init(divides: false, sub(&rng)), .init(divides: false, sub(&rng))])
        case 4: return .product([.init(divides: false, sub(&rng)), .init(divides: true, .sum([.init(negative: false, .number(1)), .init(negative: false, .power(sub(&rng), .number(2)))]))])
        case 5: return .power(sub(&rng), [.number(2), .number(3), .negate(.number(1))][rng.below(3)])
        default:
            let functions = ["exp", "log", "sigmoid", "tanh", "relu", "heaviside", "Abs", "Max", "leaky_relu"]
            let f = functions[rng.below(functions.count)]
            switch f {
            case "Max": return .call(f, [sub(&rng), sub(&rng)])
            case "leaky_relu": return .call(f, [sub(&rng), .product([.init(divides: false, .number(1)), .init(divides: true, .number(10))])])
            // exp of a small argument keeps values inside double range.
            case "exp": return .call(f, [.product([.init(divides: false, sub(&rng)), .init(divides: true, .number(4))])])
            default: return .call(f, [sub(&rng)])
            }
        }
    }

    /// b from a: an identity at a random node (equal), or a random mutation.
    static func rewrite(_ a: Formula, _ rng: inout OracleRandom) -> (Formula, equal: Bool) {
        if rng.below(2) == 0 {
            let mutants = Mutator(names: Set(symbols), sigmoidNames: []).mutants(of: a)
            return (mutants[rng.below(mutants.count)].0, false)
        }
        let paths = a.paths
        for _ in 0..<8 {
            let path = paths[rng.below(paths.count)]
            if let replacement = identity(a.node(at: path), &rng) { return (a.replacing(at: path, with: replacement), true) }
        }
        return (identity(a, &rng, generic: true)!, true)
    }

    /// An equal form of `u` (wherever both are defined), or `nil` if none applies.
    static func identity(_ u: Formula, _ rng: inout OracleRandom, generic: Bool = false) -> Formula? {
        func p(_ fs: [Formula], over: [Formula] = []) -> Formula {
            .product(fs.map { .init(divides: false, $0) } + over.map { .init(divides: true, $0) })
        }
        func s(_ ts: [(Bool, Formula)]) -> Formula { .sum(ts.map { .init(negative: $0.0, $0.1) }) }
        let one = Formula.number(1), two = Formula.number(2)
        if !generic {
            switch u {
            case .call("sigmoid", let a):
                return [p([one], over: [s([(false, one), (false, .call("exp", [.negate(a[0])]))])]),
                        s([(false, one), (true, .call("sigmoid", [.negate(a[0])]))])][rng.below(2)]
            case .call("tanh", let a):
                return [s([(false, p([two, .call("sigmoid", [p([two, a[0]])])])), (true, one)]),
                        p([s([(false, .call("exp", [a[0]])), (true, .call("exp", [.negate(a[0])]))])],
                          over: [s([(false, .call("exp", [a[0]])), (false, .call("exp", [.negate(a[0])]))])])][rng.below(2)]
            case .call("relu", let a):
                return [p([s([(false, a[0]), (false, .call("Abs", [a[0]]))])], over: [two]), p([a[0], .call("heaviside", [a[0]])])][rng.below(2)]
            case .call("Abs", let a): return .call("Max", [a[0], .negate(a[0])])
            case .call("Max", let a):
                return p([s([(false, a[0]), (false, a[1]), (false, .call("Abs", [s([(false, a[0]), (true, a[1])])]))])], over: [two])
            case .call("heaviside", _): return .power(u, two)
            case .call("exp", let a):
                if case .sum(let ts) = a[0] { return p(ts.map { .call("exp", [$0.negative ? .negate($0.value) : $0.value]) }) }
                return .power(.call("exp", [p([a[0]], over: [two])]), two)
            case .call("log", let a):
                if case .product(let fs) = a[0], fs.allSatisfy({ !$0.divides }) { return s(fs.map { (false, .call("log", [$0.value])) }) }
                return nil
            case .product(let fs) where fs.count == 2 && !fs[0].divides && !fs[1].divides:
                if case .sum(let ts) = fs[1].value { return .sum(ts.map { .init(negative: $0.negative, p([fs[0].value, $0.value])) }) }
                return nil
            case .power(let b, .number(let l)) where l.text == "2": return p([b, b])
            default: return nil
            }
        }
        switch rng.below(3) {
        case 0: return p([s([(false, p([u, u])), (false, u)])], over: [s([(false, u), (false, one)])])   // (u² + u)/(u + 1)
        case 1: return .call("log", [.call("exp", [u])])
        default:
            let v = Formula.symbol(symbols[rng.below(3)])
            return p([u, .call("exp", [v]), .call("exp", [.negate(v)])])
        }
    }
}

extension Formula {
    /// Every node's path from the root.
    var paths: [[Int]] {
        var out: [[Int]] = []
        var stack: [[Int]] = [[]]
        while let path = stack.popLast() {
            out.append(path)
            for i in node(at: path).children.indices { stack.append(path + [i]) }
        }
        return out
    }
}
