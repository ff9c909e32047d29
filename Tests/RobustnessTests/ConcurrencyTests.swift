import Foundation
import Testing
import SymDiff

/// Expressions are `Sendable` and the intern table is shared by every
/// thread: building, differentiating, simplifying and evaluating from
/// several tasks at once must give exactly the single-threaded results —
/// the very same nodes, since equal expressions are one node.
@Suite("Concurrency: 8 tasks share the intern table safely")
struct ConcurrencyTests {
    static let taskCount = 8

    /// One unit of work: a small network-like loss over names that overlap
    /// between tasks (`seed % 3`), its gradient, a simplification and values.
    struct Result: Sendable, Equatable {
        let loss: Expr
        let gradient: [Expr]
        let simplified: Expr
        let values: [Double]
    }

    static func work(_ seed: Int) throws -> Result {
        let k = seed % 3
        let x = Expr.symbol("x\(k)"), w1 = Expr.symbol("W1"), w2 = Expr.symbol("W2")
        let b1 = Expr.symbol("b1"), b2 = Expr.symbol("b2"), t = Expr.symbol("target")
        let hidden = [sigmoid(w1 * x + b1), tanh(w1 * x - b1), relu(w2 * x + b2)]
        var y: Expr = b2
        for (i, h) in hidden.enumerated() { y = y + Expr.rational(i + 1, 2) * w2 * h }
        let loss = (y - t) ** 2 / 2 + log(1 + exp(-(w2 * x))) + (try Expr.parse("Max(W1, W2)**2 - Abs(b1)"))
        let parameters = [w1, w2, b1, b2]
        let gradient = try loss.gradient(parameters)
        let forward = try parameters.map { try loss.diff($0) }
        guard forward.count == gradient.count else { throw SymDiffError.invalidVariable("count") }
        let point = ["x\(k)": 0.5 + Double(k), "W1": 0.2, "W2": -0.7, "b1": -1, "b2": 0.3, "target": 0.7]
        var values = try gradient.map { try $0.evaluate(at: point) }
        values += try forward.map { try $0.evaluate(at: point) }
        values.append(try loss.evaluate(at: point))
        return Result(loss: loss, gradient: gradient, simplified: loss.simplify(), values: values)
    }

    @Test("8 concurrent tasks build, differentiate, simplify and evaluate the single-threaded results")
    func sharedInternTable() async throws {
        let reference = try (0..<Self.taskCount * 2).map(Self.work)
        let results = await withTaskGroup(of: (Int, Result?).self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    // Each task runs every unit, starting at a different one, so the
                    // same nodes are created and looked up from all tasks at once.
                    var last: (Int, Result?) = (task, nil)
                    for step in 0..<Self.taskCount * 2 {
                        let unit = (task + step) % (Self.taskCount * 2)
                        let result = try? Self.work(unit)
                        if result != reference[unit] { return (unit, nil) }
                        last = (unit, result)
                    }
                    return last
                }
            }
            var all: [(Int, Result?)] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == Self.taskCount)
        for (unit, result) in results {
            #expect(result != nil, "unit \(unit) differed from the single-threaded result")
        }
    }

    @Test("8 tasks creating and dropping many temporary nodes while others keep theirs")
    func churn() async {
        // Well over 65,536 insertions in all, so the intern table's sweep of
        // unreferenced nodes runs while other tasks insert and look up.
        let kept = (0..<64).map { Expr.symbol("keep\($0)") * Expr.symbol("k") + 1 }
        let ok = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    var sum = 0.0
                    for i in 0..<2_000 {
                        let a = Expr.symbol("s\(i % 500)"), c = Expr.number(task * 100_000 + i)
                        let temporary = exp(a * c + a) - c * sigmoid(a - c)
                        sum += Double(temporary.nodeCount)
                        // Rebuilding a kept expression must find the very same node.
                        let j = i % 64
                        if Expr.symbol("keep\(j)") * Expr.symbol("k") + 1 != kept[j] { return false }
                    }
                    return sum > 0
                }
            }
            var all = true
            for await r in group { all = all && r }
            return all
        }
        #expect(ok)
    }

    @Test("deep chains built and released on 8 threads at once")
    func deepTeardown() async {
        let heights = await withTaskGroup(of: Int.self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    var e = Expr.symbol("d\(task % 2)")
                    for _ in 0..<20_000 { e = sigmoid(e) }
                    return e.height
                }
            }
            var all: [Int] = []
            for await h in group { all.append(h) }
            return all
        }
        #expect(heights == Array(repeating: 20_001, count: Self.taskCount))
    }
}
