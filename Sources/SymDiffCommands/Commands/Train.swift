import Evaluator
import Foundation
import SymDiff

/// `symdiff train --example NAME`: trains one of the seeds' networks with
/// compiled gradients; `symdiff train --data FILE.csv`: a network of your own
/// on your data (see `DataTraining`).
struct TrainCommand: Command {
    static let name = "train"
    static let abstract = "Train the seeds' networks, or one of your own on a CSV file, by gradient descent."
    static let usage = """
        symdiff train --example NAME [--epochs N] [--lr A] [--batch B] [--seed S] [--plot FILE.svg] [--format FORMAT]
               symdiff train --data FILE.csv [--inputs C,C] [--targets C] [--layers N,N,N] [--activations A,A] [--loss L]
                             [--test-split F | --validation FILE.csv] [--save FILE.json] [--epochs N] [--lr A] [--batch B] ...
        """
    static let options = [
        OptionSpec("example", value: "NAME", choices: TrainingExample.names, help: "which run"),
        OptionSpec("epochs", value: "N", help: "passes over the data (default: the example's)"),
        OptionSpec("lr", value: "A", help: "learning rate α (default: the example's)"),
        OptionSpec("batch", value: "B", help: "samples per step; 1 is plain SGD (default: the example's)"),
        OptionSpec("seed", value: "S", help: "seed for the data and the initial values (default 42)"),
        OptionSpec("plot", value: "FILE", help: "write the loss and tolerance-rate curves as SVG"),
        OptionSpec.format(["text", "json"]),
    ] + DataTraining.options
    static let discussion = """
        The loss and its gradient with respect to every parameter (reverse mode over
        the expression DAG) are compiled together into closures; each step evaluates
        them on a batch and moves the parameters along the averaged gradient,
        θ ← θ − α·(1/B)·Σ ∂L_i/∂θ. Batches are taken in data order; a last partial
        batch is dropped (as seed 000 appendix D does).

        Examples:
          worked    seed 000 §6.3: the network W2·σ(W1·x + b1) + b2, examples (5, 0.7)
                    and (3, 0.3) one at a time, α = 0.1; prints every step
          batch     seed 000 appendix B: the same two examples as one batch
          circles   seed 000 appendix D: 2-10-1 sigmoid network, 1,000 noisy circle
                    points (targets ±2), MSE, α = 0.1, batch 32, 1,000 epochs
          linear    seed 004: 2-2-2-1 network learning t = 2·x1 + 3·x2 + 10
          logistic  seed 002: logistic regression with binary cross-entropy
          relu      seed 002: the 2-2-1 ReLU/sigmoid network with binary cross-entropy

        The tolerance rate is the fraction of predictions within ±0.5 of their
        target (for 0/1 targets, the accuracy). On a terminal one progress line
        updates in place; otherwise a line is printed every few epochs.
        --format json prints {"example", "epochs": [{"epoch", "loss", "toleranceRate"}],
        "parameters": {name: value}} (worked and batch add "steps").

          $ symdiff train --example circles --plot circles.svg
          $ symdiff train --example worked

        Your own data: --data reads a CSV file with a header line (quoted fields,
        blank lines and # comments allowed). --inputs and --targets pick its
        columns (default: the last column is the target); --layers, --activations
        and --loss build the network as print-gradients does (default layers
        INPUTS,10,TARGETS, sigmoid hidden units, loss mse = (y - target)**2/2).
        The rows are shuffled once with --seed; defaults: 100 epochs, α = 0.1,
        batches of 32. --test-split 0.2 holds out a fifth of the rows (drawn
        with --seed), --validation FILE.csv takes them from another file: their
        loss and tolerance rate are reported every epoch and plotted as a second
        curve. After training, both sets are evaluated at the final parameters.
        --save writes the network and its parameters as JSON for 'symdiff
        predict --params FILE.json --data NEW.csv'. JSON output adds "data",
        "network", "training", "heldOut" and per-epoch "heldOutLoss".

          $ symdiff train --data data/circles.csv --inputs x1,x2 --targets label \\
                --layers 2,10,1 --activations sigmoid,identity --loss mse --epochs 200 \\
                --lr 1 --test-split 0.25 --save circles.json --plot circles.svg
          $ symdiff predict --params circles.json --data new-points.csv

        Exit status: 0 when training finished, 1 when it diverged, 2 on bad usage.
        """

    let example: TrainingExample
    /// `--data`: the file, network and held-out rows.
    let dataTraining: DataTraining?
    let epochs: Int
    let learningRate: Double
    let batchSize: Int
    let plot: String?
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        let seed = try arguments.integer("seed", default: 42, range: 0...Int.max)
        if let file = arguments.value("data") {
            if arguments.value("example") != nil { throw UsageError("give --example or --data, not both") }
            let run = try DataTraining(arguments, file: file, seed: UInt64(seed))
            dataTraining = run
            example = run.example
        } else {
            guard let name = arguments.value("example") else {
                throw UsageError("--example or --data is required (examples: \(TrainingExample.names.joined(separator: ", ")))")
            }
            if let option = DataTraining.dataOnly.first(where: { arguments.value($0) != nil }) {
                throw UsageError("--\(option) goes with --data, not --example")
            }
            dataTraining = nil
            example = TrainingExample.named(name, seed: UInt64(seed))!
        }
        epochs = try arguments.integer("epochs", default: example.epochs, range: 1...10_000_000)
        learningRate = try arguments.double("lr", default: example.learningRate)
        guard learningRate > 0 else { throw UsageError("--lr must be positive, got \(learningRate)") }
        batchSize = try arguments.integer("batch", default: example.batchSize, range: 1...example.data.count)
        plot = arguments.value("plot")
        if let plot, plot.isEmpty { throw UsageError("--plot needs a file name") }
        // The plot is SVG; a .png name would get SVG bytes a viewer cannot open.
        if let plot, !plot.lowercased().hasSuffix(".svg") {
            throw UsageError("--plot writes SVG: give a file name ending in .svg, got '\(plot)'")
        }
        json = arguments.value("format") == "json"
    }

    func run(_ console: Console) throws -> Int32 {
        // Find out now, not after a long run, that the plot or the parameters cannot be written.
        for (path, what) in [(plot, "the plot"), (dataTraining?.save, "the parameters")] {
            if let path, !FileManager.default.createFile(atPath: path, contents: nil) {
                throw InputError("cannot write \(what) to '\(path)': check that its directory exists and is writable")
            }
        }
        let trainer = try example.makeTrainer()
        let heldOut = try dataTraining?.heldOut.map { try NetworkEvaluator(dataTraining!.network, data: $0) }
        let names = example.problem.parameterNames
        let batches = example.data.count / batchSize
        if !json {
            console.print("\(example.name): \(example.summary) (\(example.source))")
            console.print("compiled: \(trainer.program.count) instructions for the loss, \(names.count) gradients and the prediction; "
                          + "\(example.data.count) samples, \(batches) batch\(batches == 1 ? "" : "es") of \(batchSize) per epoch, α = \(learningRate)")
        }
        var steps: [JSON] = []
        var history: [EpochRecord] = []
        var heldOutHistory: [EpochRecord] = []
        do {
            if dataTraining == nil && (example.name == "worked" || example.name == "batch") {
                (steps, history) = try stepByStep(trainer, console: console)
            } else {
                (history, heldOutHistory) = try train(trainer, heldOut: heldOut, console: console)
            }
        } catch let error as TrainingError {
            if json {
                console.print(JSON.object([("example", .string(example.name)), ("error", .string(error.description))]).serialized())
            } else {
                if console.isTerminal { console.write("\n") }
                console.printError("symdiff train: \(error)")
            }
            return 1
        }
        if let plot {
            let title = "\(example.name): \(example.summary)"
            do {
                try TrainingPlot.svg(history, title: title, heldOut: heldOutHistory).write(toFile: plot, atomically: true, encoding: .utf8)
            } catch {
                throw InputError("cannot write the plot to '\(plot)': \(error.localizedDescription)")
            }
        }
        // Both sets at the final parameters: the training loss `predict` reproduces.
        let final = try dataTraining.map { run in
            (training: try NetworkEvaluator(run.network, data: run.training).evaluate(parameters: trainer.parameters),
             heldOut: try heldOut?.evaluate(parameters: trainer.parameters))
        }
        if let run = dataTraining, let save = run.save {
            do {
                try (run.saved(trainer.parameters).json().serialized() + "\n").write(toFile: save, atomically: true, encoding: .utf8)
            } catch {
                throw InputError("cannot write the parameters to '\(save)': \(error.localizedDescription)")
            }
        }
        if json {
            var fields: [(String, JSON)] = dataTraining.map { run in
                [("data", .string(run.file)), ("network", run.saved(trainer.parameters).networkJSON())]
            } ?? [("example", .string(example.name))]
            fields += [("learningRate", .number(learningRate)), ("batchSize", .integer(batchSize))]
            if !steps.isEmpty { fields.append(("steps", .array(steps))) }
            fields.append(("epochs", .array(zip(history.indices, history).map { i, record in
                Self.json(record, heldOut: i < heldOutHistory.count ? heldOutHistory[i] : nil)
            })))
            if let run = dataTraining, let final {
                fields.append(("training", Self.json(final.training, rows: run.training.count)))
                if let evaluation = final.heldOut, let rows = run.heldOut?.count { fields.append(("heldOut", Self.json(evaluation, rows: rows))) }
            }
            fields.append(("parameters", Self.json(names, trainer.parameters)))
            console.print(JSON.object(fields).serialized())
            return 0
        }
        if let first = history.first, let last = history.last, history.count > 1 {
            var line = "final: loss \(Self.number(last.loss)) (epoch 1: \(Self.number(first.loss)))"
            if let rate = last.toleranceRate { line += ", tolerance rate \(Self.number(rate))" }
            console.print(line)
        }
        if let run = dataTraining, let final {
            var line = "at the final parameters: training " + Self.summary(final.training, rows: run.training.count)
            if let evaluation = final.heldOut, let rows = run.heldOut?.count { line += "; held-out " + Self.summary(evaluation, rows: rows) }
            console.print(line)
        }
        console.write("parameters\n" + TextColumns.alignedNumbers(zip(names, trainer.parameters).map { ($0, Self.number($1)) }, indent: 2))
        if let save = dataTraining?.save { console.print("parameters saved to \(save)") }
        if let plot { console.print("plot written to \(plot)") }
        return 0
    }

    /// Epoch after epoch, with a progress line; with held-out data, its loss
    /// and tolerance rate after each epoch (the second array).
    private func train(_ trainer: Trainer, heldOut: NetworkEvaluator?, console: Console) throws -> ([EpochRecord], [EpochRecord]) {
        var lastUpdate = 0.0
        var heldOutHistory: [EpochRecord] = []
        var heldOutError: Error? = nil
        let history = try trainer.train(epochs: epochs, learningRate: learningRate, batchSize: batchSize,
                                        tolerance: example.tolerance) { record in
            if let heldOut, heldOutError == nil {
                do {
                    let evaluation = try heldOut.evaluate(parameters: trainer.parameters, tolerance: example.tolerance)
                    heldOutHistory.append(.measured(epoch: record.epoch, loss: evaluation.loss!, toleranceRate: evaluation.toleranceRate))
                } catch {
                    heldOutError = error
                }
            }
            guard !json else { return }
            let line = Self.progress(record, of: epochs, heldOut: heldOutHistory.last.flatMap { $0.epoch == record.epoch ? $0 : nil })
            if console.isTerminal {
                // One line, rewritten at most ten times a second and at the end.
                let now = Date().timeIntervalSince1970
                if now - lastUpdate >= 0.1 || record.epoch == epochs {
                    console.write("\r" + line + "\u{1B}[K")
                    lastUpdate = now
                }
                if record.epoch == epochs { console.write("\n") }
            } else if record.epoch % example.reportEvery == 0 || record.epoch == epochs || record.epoch == 1 {
                console.print(line)
            }
        }
        if let heldOutError { throw InputError("the held-out rows: \(heldOutError)") }
        return (history, heldOutHistory)
    }

    /// The worked and batch examples: each step's gradient and new parameters.
    private func stepByStep(_ trainer: Trainer, console: Console) throws -> ([JSON], [EpochRecord]) {
        let names = example.problem.parameterNames
        let data = example.data
        var steps: [JSON] = []
        var history: [EpochRecord] = []
        for _ in 0..<epochs {
            let record = try trainer.epoch(learningRate: learningRate, batchSize: batchSize, tolerance: example.tolerance) { rows, result in
                let samples = rows.map { i in zip(data.names, data.columns).map { "\($0) = \(Self.number($1[i]))" }.joined(separator: ", ") }
                if !json {
                    console.print("step \(steps.count + 1): \(samples.map { "(\($0))" }.joined(separator: " and "))")
                    console.print("  loss \(Self.number(result.loss))" + (rows.count > 1 ? " (mean)" : ""))
                    console.print("  gradient" + (rows.count > 1 ? " (averaged)" : "") + ": "
                                  + zip(names, result.gradient).map { "dL/d\($0) = \(Self.number($1))" }.joined(separator: ", "))
                    console.print("  update: " + zip(names, trainer.parameters).map { "\($0) = \(Self.number($1))" }.joined(separator: ", "))
                }
                steps.append(.object([
                    ("rows", .array(rows.map { .integer($0) })), ("loss", .number(result.loss)),
                    ("gradient", Self.json(names, result.gradient)), ("parameters", Self.json(names, trainer.parameters)),
                ]))
            }
            history.append(record)
        }
        return (steps, history)
    }

    static func progress(_ record: EpochRecord, of epochs: Int, heldOut: EpochRecord? = nil) -> String {
        let width = String(epochs).count
        let epoch = String(repeating: " ", count: Swift.max(0, width - String(record.epoch).count)) + String(record.epoch)
        var line = "epoch \(epoch)/\(epochs)  loss \(number(record.loss))"
        if let rate = record.toleranceRate { line += "  tolerance rate \(Self.number(rate))" }
        if let heldOut {
            line += "  held-out loss \(number(heldOut.loss))"
            if let rate = heldOut.toleranceRate { line += "  rate \(Self.number(rate))" }
        }
        return line
    }

    static func json(_ record: EpochRecord, heldOut: EpochRecord? = nil) -> JSON {
        var fields: [(String, JSON)] = [("epoch", .integer(record.epoch)), ("loss", .number(record.loss)),
                                        ("toleranceRate", record.toleranceRate.map(JSON.number) ?? .null)]
        if let heldOut {
            fields += [("heldOutLoss", .number(heldOut.loss)), ("heldOutToleranceRate", heldOut.toleranceRate.map(JSON.number) ?? .null)]
        }
        return .object(fields)
    }

    /// `{"rows", "loss", "toleranceRate"}` of a set at the final parameters.
    static func json(_ evaluation: NetworkEvaluation, rows: Int) -> JSON {
        .object([("rows", .integer(rows)), ("loss", evaluation.loss.map(JSON.number) ?? .null),
                 ("toleranceRate", evaluation.toleranceRate.map(JSON.number) ?? .null)])
    }

    /// "loss 0.0412, tolerance rate 0.97 (800 rows)".
    static func summary(_ evaluation: NetworkEvaluation, rows: Int) -> String {
        "loss \(number(evaluation.loss ?? .nan))" + (evaluation.toleranceRate.map { ", tolerance rate \(number($0))" } ?? "") + " (\(rows) rows)"
    }

    static func json(_ names: [String], _ values: [Double]) -> JSON {
        .object(zip(names, values).map { ($0, .number($1)) })
    }

    static func number(_ x: Double) -> String { NumberStyle.short.string(x) }
}
