import Foundation
import SymDiff
import Evaluator

/// Session built-ins for the `Evaluator` module: the seeds' training runs
/// with compiled gradients, deterministic for a given seed.
///
/// ```text
/// run = train("circles", epochs=200, every=50)
/// run.loss, run.tolerance_rate, run.parameters
/// ```
enum TrainingBuiltins {
    static let usage = "train(\"circles\", epochs=200, lr=0.1, batch=32, seed=42, every=50)"

    static let all: [Builtin] = [
        Builtin(name: "train", usage: usage,
                summary: "train one of the seeds' examples (\(TrainingExample.names.joined(separator: ", "))) with compiled gradients") { c in
            try c.expect(1...1, keywords: ["epochs", "lr", "batch", "seed", "every"], usage: usage)
            guard case .text(let name) = c.positional[0].value else {
                throw CallError("train needs an example name in quotes: \(TrainingExample.names.joined(separator: ", "))", argument: c.positional[0].index)
            }
            let seed = try c.integer("seed", default: 42, range: 0...Int(Int32.max))
            guard let example = TrainingExample.named(name, seed: UInt64(seed)) else {
                throw CallError("no training example '\(name)' (\(TrainingExample.names.joined(separator: ", ")))", argument: c.positional[0].index)
            }
            let epochs = try c.integer("epochs", default: example.epochs, range: 1...100_000)
            let batch = try c.integer("batch", default: example.batchSize, range: 1...example.data.count)
            let every = try c.integer("every", default: max(1, epochs / 10), range: 1...100_000)
            let learningRate = try c.number("lr", default: example.learningRate)
            guard learningRate > 0, learningRate.isFinite else {
                throw CallError("lr= expects a positive number", argument: c.keywordIndex("lr"))
            }
            return try run(example, epochs: epochs, learningRate: learningRate, batchSize: batch, every: every)
        },
    ]

    /// Trains and reports the loss and tolerance rate every `every` epochs and at the end.
    static func run(_ example: TrainingExample, epochs: Int, learningRate: Double, batchSize: Int, every: Int) throws -> Value {
        let trainer: Trainer
        do {
            trainer = try example.makeTrainer()
        } catch {
            throw CallError("cannot set up '\(example.name)': \(error)")
        }
        let samples = example.data.count
        var lines = ["\(example.name): \(example.summary)",
                     "\(samples) samples, batch \(batchSize), lr \(NumberStyle.short.string(learningRate)), \(epochs) epoch\(epochs == 1 ? "" : "s")"]
        let width = String(epochs).count
        func line(_ r: EpochRecord) -> String {
            var text = "epoch \(String(repeating: " ", count: width - String(r.epoch).count))\(r.epoch)  loss \(NumberStyle.short.string(r.loss))"
            if let rate = r.toleranceRate { text += "  tolerance rate \(NumberStyle.short.string(rate))" }
            return text
        }
        let history: [EpochRecord]
        do {
            history = try trainer.train(epochs: epochs, learningRate: learningRate, batchSize: batchSize,
                                        tolerance: example.tolerance) { record in
                if record.epoch == 1 || record.epoch % every == 0 || record.epoch == epochs { lines.append(line(record)) }
            }
        } catch let error as TrainingError {
            throw CallError(error.description.replacingOccurrences(of: "try a smaller --lr", with: "try a smaller lr="))
        }
        let last = history.last!
        let parameters = zip(example.problem.parameterNames, trainer.parameters).map { ($0, Value.expr(.number(Number($1)))) }
        var result: [(name: String, value: Value)] = [("epochs", .expr(.number(epochs))), ("loss", .expr(.number(Number(last.loss))))]
        if let rate = last.toleranceRate { result.append(("tolerance_rate", .expr(.number(Number(rate))))) }
        result.append(("parameters", .record(parameters)))
        return .report(lines.joined(separator: "\n"), .record(result))
    }
}
