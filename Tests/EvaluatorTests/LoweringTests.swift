import Foundation
import SymDiff
import Testing
@testable import Evaluator

@Suite("Lowering: one instruction per distinct node, symbols bound once")
struct LoweringTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), w = Expr.symbol("w")

    @Test("subexpressions shared by several outputs become one instruction")
    func sharedSubexpressionsOnce() throws {
        let s = sigmoid(x * y)
        let program = try Program(computing: [s, s + 1, s * x], inputs: [x, y])
        // Counted by hand: x, y, x*y, sigmoid(x*y), 1, s + 1, s*x.
        #expect(program.count == 7)
        #expect(program.operations.filter { if case .apply = $0 { return true } else { return false } }.count == 1)
    }

    @Test("operands always refer to earlier instructions")
    func topologicalOrder() throws {
        var random = RandomExpressions(seed: 11)
        let program = try Program(computing: [random.expression(size: 40), random.expression(size: 40)],
                                  inputs: random.symbols)
        for (i, op) in program.operations.enumerated() {
            #expect(op.operands.allSatisfy { $0 < i })
        }
    }

    @Test("an unbound symbol is a compile-time error naming it")
    func unboundSymbol() {
        #expect(throws: EvaluatorError.unboundSymbol("y")) {
            try Program(computing: [x * y + w], parameters: [w], inputs: [x])
        }
        let message = EvaluatorError.unboundSymbol("y").description
        #expect(message.contains("'y'"))
    }

    @Test("a name bound twice is refused")
    func duplicateBinding() {
        #expect(throws: EvaluatorError.duplicateBinding("x")) {
            try Program(computing: [x], parameters: [x], inputs: [x])
        }
    }

    @Test("symbols the outputs do not use may still be bound")
    func unusedBindings() throws {
        let f = CompiledFunction(try Program(computing: [x + 1], parameters: [w], inputs: [x, y]))
        #expect(try f(parameters: [5], inputs: [2, 7]) == [3])
    }

    @Test("batch columns are reused once a value is dead; constants and parameters are scalars")
    func columnReuse() throws {
        // A chain of 400 steps: each intermediate is read once, right away.
        var e = x
        for i in 1...200 { e = sigmoid(w * e) + Expr.number(i) }
        let program = try Program(computing: [e, x * 2], parameters: [w], inputs: [x])
        let plan = BatchPlan(program, kept: [])
        #expect(program.count > 600)
        #expect(plan.columnCount <= 4)
        #expect(plan.uniform[program.operations.firstIndex(of: .parameter(0))!])
    }

    @Test("a product with all of another product's factors but one reuses it")
    func productFactoring() throws {
        let (a, b, c, d) = (Expr.symbol("a"), Expr.symbol("b"), Expr.symbol("c"), Expr.symbol("d"))
        let program = try Program(computing: [a * b * c, a * b * c * d], inputs: [a, b, c, d])
        let big = program.outputs[1]
        #expect(program.operations[big] == .mul([program.outputs[0], program.operations.firstIndex(of: .input(3))!]))
        let plain = try Program(computing: [a * b * c, a * b * c * d], inputs: [a, b, c, d], factorProducts: false)
        #expect(plain.operations[plain.outputs[1]].operands.count == 4)
        let values = try CompiledFunction(program)(inputs: [1.5, 2.5, 3.5, 4.5])
        #expect(values == [13.125, 59.0625])   // 1.5·2.5·3.5 and that times 4.5, exact in binary
    }

    @Test("a sum that is a constant times an earlier sum is computed from it, and dead terms are dropped")
    func sumScaling() throws {
        let (a, b, t) = (Expr.symbol("a"), Expr.symbol("b"), Expr.symbol("t"))
        // d/da (3a + b − t)² = 18a + 6b − 6t in canonical form (a number distributes over a sum): 6 times the inner terms.
        let loss = (3 * a + b - t) ** 2
        let program = try Program(computing: [loss, try loss.diff(a)], inputs: [a, b, t])
        let inner = try #require(program.operations.firstIndex { if case .add(let args) = $0 { return args.count == 3 } else { return false } })
        let gradient = program.operations[program.outputs[1]]
        #expect(gradient.operands.contains(inner), "\(program)")
        #expect(program.operations.filter { if case .add = $0 { return true } else { return false } }.count == 1)
        let plain = try Program(computing: [loss, try loss.diff(a)], inputs: [a, b, t], factorProducts: false)
        #expect(program.count < plain.count)
        // At a = 1, b = 2, t = 4: 3 + 2 − 4 = 1, so L = 1 and dL/da = 2·3·1 = 6 (SymPy: diff((3*a+b-t)**2, a) = 18*a + 6*b - 6*t).
        #expect(try CompiledFunction(program)(inputs: [1, 2, 4]) == [1, 6])
        #expect(try CompiledFunction(plain)(inputs: [1, 2, 4]) == [1, 6])
    }

    @Test("the program prints one instruction per line")
    func description() throws {
        let program = try Program(computing: [w * x + 1], names: ["f"], parameters: [w], inputs: [x])
        let text = program.description
        #expect(text.contains("parameter w"))
        #expect(text.contains("input x"))
        #expect(text.contains("mul %"))
        #expect(text.hasSuffix("f = %\(program.count - 1)"))
    }
}
