import Evaluator
import Foundation
import Networks
import SymDiff

/// `symdiff train --data FILE.csv`: a network of your own on a CSV file's
/// columns, with an optional held-out set (`--test-split` or `--validation`)
/// and the trained parameters saved for `symdiff predict` (`--save`).
///
/// The file's columns are renamed to the network's symbols (inputs x1 ... xn,
/// targets t1 ... tm) so the network and its parameter names are the ones
/// every other command uses. The training rows are shuffled once with the
/// seed, then taken in that order every epoch, so a file sorted by class
/// still trains.
struct DataTraining {
    static let options = [
        OptionSpec("data", value: "FILE.csv", help: "train on your own data: a CSV file with a header line of column names"),
        OptionSpec("inputs", value: "C,C,...", help: "the input columns (default: every column but the last)"),
        OptionSpec("targets", value: "C,C,...", help: "the target columns (default: the last column)"),
    ] + NetworkOptions.specs.filter { $0.name != "activation" } + [
        OptionSpec("test-split", value: "F", help: "hold out this fraction of the rows (0 < F < 1) and report their loss"),
        OptionSpec("validation", value: "FILE.csv", help: "report the loss on this file's rows (same columns)"),
        OptionSpec("save", value: "FILE.json", help: "write the trained network for 'symdiff predict --params'"),
    ]
    /// The options that only make sense with `--data`.
    static let dataOnly = options.map(\.name).filter { $0 != "data" }

    let file: String
    let network: Network
    let inputColumns: [String]
    let targetColumns: [String]
    /// Columns named x1 ... xn, t1 ... tm.
    let training: Dataset
    let heldOut: Dataset?
    /// Where the held-out rows come from, for the header line.
    let heldOutSource: String?
    let save: String?
    let example: TrainingExample

    init(_ arguments: ParsedArguments, file: String, seed: UInt64) throws {
        self.file = file
        let data = try Self.read(file)
        guard data.count > 0 else { throw InputError("\(file) has a header line but no rows of data") }
        guard data.names.count >= 2 || (arguments.value("inputs") != nil && arguments.value("targets") != nil) else {
            throw InputError("\(file) has one column (\(data.names[0])): training needs input and target columns")
        }
        inputColumns = try Self.columnList(arguments.value("inputs"), option: "inputs") ?? Array(data.names.dropLast())
        targetColumns = try Self.columnList(arguments.value("targets"), option: "targets") ?? [data.names.last!]
        if let both = inputColumns.first(where: targetColumns.contains) {
            throw UsageError("column '\(both)' is in both --inputs and --targets")
        }
        let loss = try arguments.value("loss").map(NetworkOptions.loss) ?? .halfSquaredError
        let sizes = try arguments.value("layers").map(NetworkOptions.layerSizes) ?? [inputColumns.count, 10, targetColumns.count]
        guard sizes.count >= 2 else { throw UsageError("--layers needs at least an input size and an output size, got '\(arguments.value("layers")!)'") }
        guard sizes[0] == inputColumns.count else {
            throw UsageError("--layers starts with \(sizes[0]) input\(sizes[0] == 1 ? "" : "s"), but the inputs are \(inputColumns.count) column\(inputColumns.count == 1 ? "" : "s") (\(inputColumns.joined(separator: ", ")))")
        }
        guard sizes.last! == targetColumns.count else {
            throw UsageError("--layers ends with \(sizes.last!) output\(sizes.last! == 1 ? "" : "s"), but the targets are \(targetColumns.count) column\(targetColumns.count == 1 ? "" : "s") (\(targetColumns.joined(separator: ", ")))")
        }
        let activations = try NetworkOptions.activations(arguments.value("activations"), layers: sizes.count, loss: loss)
        if let problem = Network.problem(layerSizes: sizes, activations: activations, loss: loss) { throw UsageError(problem) }
        network = Network(layerSizes: sizes, activations: activations, loss: loss)

        let all = try Self.networkColumns(data, file: file, network: network, inputs: inputColumns, targets: targetColumns)
        if arguments.value("test-split") != nil && arguments.value("validation") != nil {
            throw UsageError("give --test-split or --validation, not both")
        }
        if let text = arguments.value("test-split") {
            guard let fraction = Double(text), fraction > 0, fraction < 1 else {
                throw UsageError("--test-split expects a fraction between 0 and 1 (exclusive), got '\(text)'")
            }
            guard all.count >= 2 else { throw InputError("\(file) has one row: nothing is left to hold out") }
            // The split's own stream, apart from the initial values' (seed + 1).
            (training, heldOut) = all.split(heldOut: fraction, seed: seed &+ 2)
            heldOutSource = "\(heldOut!.count) of \(file)'s rows held out"
        } else {
            training = all.rows(all.shuffledRows(seed: seed &+ 2))
            if let validation = arguments.value("validation") {
                let rows = try Self.networkColumns(try Self.read(validation), file: validation, network: network,
                                                   inputs: inputColumns, targets: targetColumns)
                guard rows.count > 0 else { throw InputError("\(validation) has a header line but no rows of data") }
                heldOut = rows
                heldOutSource = "\(rows.count) rows of \(validation) held out"
            } else {
                heldOut = nil
                heldOutSource = nil
            }
        }
        save = arguments.value("save")
        if let save, save.isEmpty { throw UsageError("--save needs a file name") }

        let epochs = try arguments.integer("epochs", default: 100, range: 1...10_000_000)
        let describe = "\(sizes.map(String.init).joined(separator: "-")) network (\(activations.map(\.description).joined(separator: ", "))), loss \(loss)"
            + ": \(inputColumns.joined(separator: ", ")) -> \(targetColumns.joined(separator: ", "))"
        example = TrainingExample(
            name: file, summary: describe,
            source: "\(training.count) training rows" + (heldOutSource.map { ", \($0)" } ?? ""),
            problem: TrainingProblem(network: network), data: training,
            initialParameters: TrainingExample.linearLayerInitialisation(network, seed: seed &+ 1),
            epochs: epochs, learningRate: 0.1, batchSize: Swift.min(32, training.count), tolerance: 0.5,
            reportEvery: Swift.max(1, epochs / 10))
    }

    /// `x1,x2`: column names, none repeated.
    static func columnList(_ text: String?, option: String) throws -> [String]? {
        guard let text else { return nil }
        let names = try Dataset.fields(of: text, line: 1).map(\.text)
        if let empty = names.firstIndex(where: \.isEmpty) {
            throw UsageError("--\(option): column \(empty + 1) of '\(text)' has no name")
        }
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw UsageError("--\(option) names column '\(twice)' twice")
        }
        return names
    }

    /// A CSV file, its errors prefixed with its name.
    static func read(_ file: String) throws -> Dataset {
        let text = try readTextFile(file)
        do {
            return try Dataset(csv: text)
        } catch let error as DatasetError {
            throw InputError("\(file): \(error.message)")
        }
    }

    /// The file's input and target columns under the network's names
    /// (targets only when the file has them all, for `predict`).
    static func networkColumns(_ data: Dataset, file: String, network: Network, inputs: [String], targets: [String],
                               targetsRequired: Bool = true) throws -> Dataset {
        let withTargets = targetsRequired || targets.allSatisfy(data.names.contains)
        let names = inputs + (withTargets ? targets : [])
        let symbols = network.inputs + (withTargets ? network.targets : [])
        do {
            return try data.selecting(names, as: symbols.map(\.description))
        } catch let error as DatasetError {
            throw InputError("\(file): \(error.message)")
        }
    }

    /// The trained network at `parameters`, as `--save` writes it.
    func saved(_ parameters: [Double]) -> SavedNetwork {
        SavedNetwork(network: network, parameters: parameters, inputColumns: inputColumns, targetColumns: targetColumns)
    }
}
