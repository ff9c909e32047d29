import Evaluator
import Foundation
import SymDiff

/// `symdiff predict --params FILE.json --data FILE.csv`: a network saved by
/// `train --save`, run on the rows of a CSV file.
struct PredictCommand: Command {
    static let name = "predict"
    static let abstract = "Run a network saved by 'train --save' on the rows of a CSV file."
    static let usage = "symdiff predict --params FILE.json --data FILE.csv [--format csv|json]"
    static let options = [
        OptionSpec("params", value: "FILE.json", help: "the network and its parameters, from 'symdiff train --save'"),
        OptionSpec("data", value: "FILE.csv", help: "rows with the network's input columns (a header line of names)"),
        OptionSpec.format(["csv", "json"]),
    ]
    static let discussion = """
        Prints the input columns and one prediction column per target (named
        TARGET_predicted) as CSV, every digit of each value. When the file also
        has the target columns they are printed too, and a last comment line
        gives the loss and the tolerance rate (the fraction of predictions
        within ±0.5 of their target) over the rows, as 'train' reports them at
        the final parameters: on the training file they reproduce its numbers.
        The output is itself a CSV file that 'train --data' can read (comment
        lines start with #).
        --format json prints {"params", "data", "rows", "inputs", "targets",
        "predictions": {TARGET: [...]}, "loss", "toleranceRate"} (null without targets).

          $ symdiff train --data circles.csv --targets y --save circles.json
          $ symdiff predict --params circles.json --data new-points.csv

        Exit status: 0 on success, 2 on bad usage or a file that cannot be used.
        """

    let paramsFile: String
    let dataFile: String
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        guard let params = arguments.value("params") else { throw UsageError("--params is required (a file from 'symdiff train --save')") }
        guard let data = arguments.value("data") else { throw UsageError("--data is required (a CSV file with the network's input columns)") }
        paramsFile = params
        dataFile = data
        json = arguments.value("format") == "json"
    }

    func run(_ console: Console) throws -> Int32 {
        let saved = try SavedNetwork(file: paramsFile)
        let file = try DataTraining.read(dataFile)
        guard file.count > 0 else { throw InputError("\(dataFile) has a header line but no rows of data") }
        let data = try DataTraining.networkColumns(file, file: dataFile, network: saved.network, inputs: saved.inputColumns,
                                                   targets: saved.targetColumns, targetsRequired: false)
        let evaluation: NetworkEvaluation
        do {
            evaluation = try NetworkEvaluator(saved.network, data: data).evaluate(parameters: saved.parameters)
        } catch let error as EvaluatorError {
            throw InputError("\(dataFile): \(error)")
        }
        let hasTargets = evaluation.loss != nil
        if json {
            console.print(JSON.object([
                ("params", .string(paramsFile)), ("data", .string(dataFile)), ("rows", .integer(data.count)),
                ("inputs", .array(saved.inputColumns.map(JSON.string))), ("targets", .array(saved.targetColumns.map(JSON.string))),
                ("predictions", .object(zip(saved.targetColumns, evaluation.predictions).map { ($0, .array($1.map(JSON.number))) })),
                ("loss", evaluation.loss.map(JSON.number) ?? .null),
                ("toleranceRate", evaluation.toleranceRate.map(JSON.number) ?? .null),
            ]).serialized())
            return 0
        }
        let header = saved.inputColumns + (hasTargets ? saved.targetColumns : []) + saved.targetColumns.map { "\($0)_predicted" }
        var out = header.map(Self.csvField).joined(separator: ",") + "\n"
        let given = data.columns
        for row in 0..<data.count {
            let values = given.map { $0[row] } + evaluation.predictions.map { $0[row] }
            out += values.map { NumberStyle.full.string($0) }.joined(separator: ",") + "\n"
        }
        if let loss = evaluation.loss, let rate = evaluation.toleranceRate {
            out += "# loss \(NumberStyle.short.string(loss)) (\(saved.network.lossFunction) over \(data.count) rows), "
                + "tolerance rate \(NumberStyle.short.string(rate))\n"
        }
        console.write(out)
        return 0
    }

    /// A column name quoted when CSV needs it.
    static func csvField(_ name: String) -> String {
        guard name.contains(where: { $0 == "," || $0 == "\"" || $0 == " " || $0 == "#" }) else { return name }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
