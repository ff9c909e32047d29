import Testing
import SymDiff
import Evaluator
import SymDiffCommands

/// Training never continues on garbage: a learning rate that diverges stops
/// with a message naming the epoch, what overflowed and what to do; data
/// with NaN or infinite values is refused when loaded, naming where.
@Suite("Training: divergence stops with a message, bad data refused at load")
struct TrainingRobustnessTests {
    @Test("a diverging learning rate stops training with TrainingError.diverged")
    func divergence() throws {
        // Least squares on y = w*x with x = 10: each step multiplies the error by (1 - lr*x²);
        // at lr = 1 that is -99, so w overflows within a few hundred steps.
        let (w, x, t) = (Expr.symbol("w"), Expr.symbol("x"), Expr.symbol("t"))
        let problem = TrainingProblem(loss: (w * x - t) ** 2 / 2, parameters: [w], inputs: [x, t])
        let data = try Dataset(columns: [("x", [10]), ("t", [1])])
        let trainer = try Trainer(problem, data: data, parameters: [0])
        let error = try #require(throws: TrainingError.self) {
            try trainer.train(epochs: 10_000, learningRate: 1, batchSize: 1)
        }
        guard case .diverged(let epoch, _, _, let value, let rate, _) = error else { Issue.record("\(error)"); return }
        #expect(epoch < 1_000)
        #expect(!value.isFinite)
        #expect(rate == 1)
        #expect(error.description.contains("training diverged in epoch \(epoch)"))
        #expect(error.description.contains("try a smaller --lr"))
    }

    @Test("symdiff train with a huge learning rate exits 1 with the divergence message, no stack trace")
    func divergenceCommand() {
        let console = Console.capturing()
        let status = SymDiffCLI.run(["train", "--example", "worked", "--lr", "1e300", "--epochs", "50"], console: console)
        #expect(status == 1)
        #expect(console.errors.contains("training diverged"), "\(console.errors)")
        #expect(console.errors.contains("smaller --lr"), "\(console.errors)")
        #expect(!console.errors.contains("Fatal error"))
    }

    @Test("NaN or infinite values in columns are refused, naming the column and row", arguments: [
        (Double.nan, "column 'x', row 2 is nan"),
        (Double.infinity, "column 'x', row 2 is inf"),
        (-Double.infinity, "column 'x', row 2 is -inf"),
    ])
    func columns(_ bad: Double, _ message: String) {
        let error = #expect(throws: DatasetError.self) { try Dataset(columns: [("x", [1, bad, 3]), ("t", [0, 1, 0])]) }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test("NaN, infinite or unreadable values in CSV are refused, naming the line and column", arguments: [
        ("x,t\n1,2\nnan,3\n", "line 3, column 'x' is nan"),
        ("x,t\n1,2\n3,inf\n", "line 3, column 't' is inf"),
        ("x,t\n1,2\n3,1e999\n", "line 3, column 't' is 1e999"),
        ("x,t\n1,2\n3,abc\n", "line 3, column 't': 'abc' is not a number"),
        ("x,t\n1,2\n3\n", "line 3: 1 fields, the header has 2"),
        ("x,t\n1,2\n3,\n", "line 3, column 't': '' is not a number"),
        ("", "the data set is empty"),
        ("x,x\n1,2\n", "column 'x' appears twice"),
    ])
    func csv(_ text: String, _ message: String) {
        let error = #expect(throws: DatasetError.self) { try Dataset(csv: text) }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test("a trainer refuses a data set without the columns it reads, or the wrong number of initial values")
    func setup() throws {
        let (w, x) = (Expr.symbol("w"), Expr.symbol("x"))
        let problem = TrainingProblem(loss: (w * x) ** 2, parameters: [w], inputs: [x])
        let data = try Dataset(columns: [("y", [1])])
        #expect(throws: TrainingError.self) { try Trainer(problem, data: data, parameters: [0]) }
        let good = try Dataset(columns: [("x", [1])])
        #expect(throws: TrainingError.invalidSetup("2 initial values for 1 parameters")) {
            try Trainer(problem, data: good, parameters: [0, 1])
        }
        #expect(throws: TrainingError.self) { try Trainer(problem, data: good, parameters: [0]).train(epochs: 1, learningRate: 0.1, batchSize: 5) }
    }

    @Test("compiled evaluation reports a non-finite value instead of returning it")
    func compiledNonFinite() throws {
        let x = Expr.symbol("x")
        let f = CompiledFunction(try Program(computing: [exp(x)], inputs: [x]))
        #expect(try f(inputs: [1]) == [Foundation_exp(1)])
        #expect(throws: EvaluatorError.self) { try f(inputs: [1000]) }
        // A NaN that a piecewise function would hide (relu(nan) is 0) is still caught.
        let g = CompiledFunction(try Program(computing: [relu(x * exp(x) - exp(x))], inputs: [x]))
        #expect(throws: EvaluatorError.self) { try g(inputs: [1000]) }
    }
}

import Foundation
private func Foundation_exp(_ x: Double) -> Double { Foundation.exp(x) }
