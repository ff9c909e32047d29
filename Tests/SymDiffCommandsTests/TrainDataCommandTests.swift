import Foundation
import SymDiff
import Testing
@testable import SymDiffCommands

private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

/// Two noisy concentric circles as scikit-learn's `make_circles(shuffle=False,
/// noise=0.1, factor=0.5)` lays them out, drawn from `SplitMix64` so every
/// machine writes the same file: the first half on the unit circle (label 0),
/// the second half on the circle of radius 0.5 (label 1), each point at a
/// uniform angle, then Gaussian noise of standard deviation 0.1 added to each
/// coordinate. Sorted by class, as that call returns them. Six decimals;
/// the header is quoted, as spreadsheets write it.
///
/// No straight line separates the classes, and half the rows are of each, so
/// a classifier that guesses gets about 50 %.
func circlesCSV(count: Int = 400, seed: UInt64 = 2024) -> String {
    var rng = SplitMix64(seed: seed)
    var text = "\"x1\",\"x2\",\"label\"\n"
    for i in 0..<count {
        let inner = i >= count / 2
        let radius = inner ? 0.5 : 1.0
        let angle = 2 * Double.pi * rng.nextUniform()
        let x1 = radius * Foundation.cos(angle) + 0.1 * rng.nextGaussian()
        let x2 = radius * Foundation.sin(angle) + 0.1 * rng.nextGaussian()
        text += String(format: "%.6f,%.6f,%d\n", x1, x2, inner ? 1 : 0)
    }
    return text
}

/// A file in a fresh temporary directory, removed by `cleanUp`.
private struct Scratch {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-train-data-\(UUID().uuidString)")
    init() { try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) -> String {
        try! text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }
    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

private func object(_ output: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
}

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite("symdiff train --data and predict")
struct TrainDataCommandTests {
    static let network = ["--inputs", "x1,x2", "--targets", "label", "--layers", "2,10,1",
                          "--activations", "sigmoid,identity", "--loss", "mse"]

    @Test("circles: the loss falls, the held-out accuracy is far above guessing's 50 %, the plot has both curves on a log axis")
    func circles() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.write("circles.csv", circlesCSV()), svgFile = scratch.path("loss.svg")
        let run = symdiff(["train", "--data", file] + Self.network
                          + ["--epochs", "200", "--lr", "1", "--test-split", "0.25", "--seed", "7", "--plot", svgFile, "--format", "json"])
        #expect(run.status == 0, "\(run.errors)")
        let result = try object(run.output)
        let epochs = try #require(result["epochs"] as? [[String: Any]])
        #expect(epochs.count == 200)
        let first = try #require(epochs.first), last = try #require(epochs.last)
        let (loss1, lossN) = (try #require(first["loss"] as? Double), try #require(last["loss"] as? Double))
        #expect(lossN < loss1 / 3, "training loss \(loss1) -> \(lossN)")
        let (held1, heldN) = (try #require(first["heldOutLoss"] as? Double), try #require(last["heldOutLoss"] as? Double))
        #expect(heldN < held1 / 3, "held-out loss \(held1) -> \(heldN)")
        let heldOut = try #require(result["heldOut"] as? [String: Any])
        #expect(heldOut["rows"] as? Int == 100)
        // Labels 0/1 with tolerance 0.5: the tolerance rate is the accuracy. Guessing gets about 0.5.
        let accuracy = try #require(heldOut["toleranceRate"] as? Double)
        #expect(accuracy >= 0.85, "held-out accuracy \(accuracy)")
        let training = try #require(result["training"] as? [String: Any])
        #expect(training["rows"] as? Int == 300)
        // The best constant prediction, 0.5 for balanced 0/1 labels, has loss (0.5)²/2 = 0.125 on every row.
        let trainingLoss = try #require(training["loss"] as? Double), heldOutLoss = try #require(heldOut["loss"] as? Double)
        #expect(trainingLoss < 0.125 / 2 && heldOutLoss < 0.125 / 2, "\(trainingLoss), \(heldOutLoss)")

        let svg = try String(contentsOfFile: svgFile, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<polyline").count == 5)   // training and held-out, loss and rate
        #expect(svg.contains(">Loss (log scale)<") && svg.contains(">held-out<"))
    }

    @Test("--save, then predict on the training file: the final training loss again, and the loss the predictions give")
    func saveAndPredict() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let csv = circlesCSV(count: 200, seed: 11)
        let file = scratch.write("circles.csv", csv), params = scratch.path("params.json")
        let train = symdiff(["train", "--data", file] + Self.network
                            + ["--epochs", "30", "--lr", "0.5", "--save", params, "--format", "json"])
        #expect(train.status == 0, "\(train.errors)")
        let trained = try #require(try object(train.output)["training"] as? [String: Any])
        let trainingLoss = try #require(trained["loss"] as? Double)

        let predict = symdiff(["predict", "--params", params, "--data", file, "--format", "json"])
        #expect(predict.status == 0, "\(predict.errors)")
        let result = try object(predict.output)
        let loss = try #require(result["loss"] as? Double)
        // The same rows, summed in another order (training shuffled them): equal to rounding.
        #expect(Swift.abs(loss - trainingLoss) <= 1e-12 * trainingLoss, "\(loss) vs \(trainingLoss)")
        #expect(result["toleranceRate"] as? Double == trained["toleranceRate"] as? Double)
        // The loss worked out here from the printed predictions: mean of (ŷ - label)²/2 over the file's labels.
        let predictions = try #require((result["predictions"] as? [String: Any])?["label"] as? [Double])
        let labels = csv.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(predictions.count == labels.count)
        let recomputed = zip(predictions, labels).map { ($0 - $1) * ($0 - $1) / 2 }.reduce(0, +) / Double(labels.count)
        #expect(Swift.abs(recomputed - loss) <= 1e-12 * loss)

        // Text: the input columns, the target, the prediction, then the summary as a CSV comment.
        let text = symdiff(["predict", "--params", params, "--data", file])
        let lines = text.output.split(separator: "\n")
        #expect(lines.first == "x1,x2,label,label_predicted")
        #expect(lines.count == 202)
        #expect(lines.last?.hasPrefix("# loss \(NumberStyle.short.string(loss)) (mse over 200 rows), tolerance rate ") == true)
        // New points without labels: predictions only, columns found by name in any order.
        let new = scratch.write("new.csv", "x2,x1\n0,0\n0.1,1\n")
        let fresh = symdiff(["predict", "--params", params, "--data", new])
        #expect(fresh.status == 0)
        let freshLines = fresh.output.split(separator: "\n")
        #expect(freshLines.count == 3 && freshLines[0] == "x1,x2,label_predicted" && freshLines[2].hasPrefix("1,0.1,"))
    }

    @Test("text: held-out numbers on each progress line, then both sets at the final parameters")
    func textReport() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.write("circles.csv", circlesCSV(count: 100, seed: 3))
        let run = symdiff(["train", "--data", file, "--targets", "label", "--epochs", "3", "--test-split", "0.2"])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(file): 2-10-1 network (sigmoid, identity), loss mse: x1, x2 -> label (80 training rows, 20 of \(file)'s rows held out)")
        #expect(lines.filter { $0.hasPrefix("epoch ") }.count == 3)
        #expect(lines.filter { $0.hasPrefix("epoch ") }.allSatisfy { $0.contains("  held-out loss ") && $0.contains("  rate ") })
        #expect(lines.contains { $0.hasPrefix("at the final parameters: training loss ") && $0.contains(" (80 rows); held-out loss ") && $0.hasSuffix(" (20 rows)") })
    }

    @Test("the README's --data run prints what the README shows")
    func readme() throws {
        let text = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(text.range(of: "<!-- train-data-example -->\n```text\n"))
        let block = text[start.upperBound...]
        let end = try #require(block.range(of: "```"))
        let shown = block[..<end.lowerBound].split(separator: "\n").map(String.init)
        let command = try #require(shown.first?.dropFirst("$ symdiff ".count))
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        // Run from the repository, writing the saved network and the plot into the scratch directory.
        let arguments = shellWords(String(command)).map { word in
            word == "data/circles.csv" ? repository.appendingPathComponent(word).path
                : word.hasSuffix(".json") || word.hasSuffix(".svg") ? scratch.path(word) : word
        }
        let run = symdiff(arguments)
        #expect(run.status == 0, "\(run.errors)")
        let output = run.output.replacingOccurrences(of: repository.appendingPathComponent("data/circles.csv").path, with: "data/circles.csv")
            .split(separator: "\n").map(String.init)
        // The README stops at the parameters table ("...").
        let expected = Array(shown.dropFirst().prefix { $0 != "..." && $0 != "parameters" })
        #expect(Array(output.prefix(expected.count)) == expected)
    }

    @Test("--validation takes the held-out rows from a second file")
    func validation() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.write("train.csv", circlesCSV(count: 200, seed: 1))
        let validation = scratch.write("validation.csv", circlesCSV(count: 60, seed: 2))
        let run = symdiff(["train", "--data", file, "--validation", validation, "--targets", "label", "--epochs", "3", "--format", "json"])
        #expect(run.status == 0, "\(run.errors)")
        let result = try object(run.output)
        #expect((result["heldOut"] as? [String: Any])?["rows"] as? Int == 60)
        #expect((result["training"] as? [String: Any])?["rows"] as? Int == 200)
        // Defaults: every column but the target is an input, a 2-10-1 network.
        #expect((result["network"] as? [String: Any])?["layers"] as? [Int] == [2, 10, 1])
        #expect((result["network"] as? [String: Any])?["inputs"] as? [String] == ["x1", "x2"])
    }

    @Test("bad data files: the file, the line and the column, exit 2", arguments: [
        ("x1,x2,label\n1,2,0\n3,abc,1\n", [String](), "bad.csv: line 3, column 'x2': 'abc' is not a number (character 3)"),
        ("x1,x2,label\n1,2,0\n3,1\n", [], "bad.csv: line 3: 2 fields, the header has 3"),
        ("", [], "bad.csv: the data set is empty: expected a header line of column names"),
        ("x1,x2,label\n", [], "bad.csv has a header line but no rows of data"),
        ("x1,x2,label\n\"1,2,0\n", [], "bad.csv: line 2, character 1: the quote that opens this field is not closed"),
        ("x1,x2,label\n1,2,0\n", ["--inputs", "x1,x3"], "bad.csv: no column 'x3' (did you mean 'x1'? columns: x1, x2, label)"),
        ("x1,x2,label\n1,2,0\n", ["--targets", "lable"], "bad.csv: no column 'lable' (did you mean 'label'? columns: x1, x2, label)"),
    ])
    func badData(text: String, options: [String], message: String) {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.write("bad.csv", text)
        let run = symdiff(["train", "--data", file] + options)
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors == "symdiff train: \(scratch.directory.path)/\(message)\n", "\(run.errors)")
    }

    @Test("usage errors with --data exit 2 before training", arguments: [
        (["--layers", "3,10,1"], "--layers starts with 3 inputs, but the inputs are 2 columns (x1, x2)"),
        (["--layers", "2,10,2"], "--layers ends with 2 outputs, but the targets are 1 column (label)"),
        (["--test-split", "1"], "--test-split expects a fraction between 0 and 1 (exclusive), got '1'"),
        (["--test-split", "0.2", "--validation", "v.csv"], "give --test-split or --validation, not both"),
        (["--inputs", "x1,label"], "column 'label' is in both --inputs and --targets"),
        (["--inputs", "x1,x1"], "--inputs names column 'x1' twice"),
        (["--activations", "sigmod,identity"], "unknown activation 'sigmod' (did you mean 'sigmoid'?)"),
        (["--example", "circles"], "give --example or --data, not both"),
        (["--save", ""], "--save needs a file name"),
        (["--tset-split", "0.2"], "unknown option '--tset-split' (did you mean '--test-split'?)"),
    ])
    func usage(options: [String], message: String) {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.write("d.csv", "x1,x2,label\n1,2,0\n3,4,1\n")
        let run = symdiff(["train", "--data", file] + options)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("symdiff train: \(message)"), "\(run.errors)")
    }

    @Test("--data's options are refused with --example", arguments: ["--save", "--inputs", "--test-split", "--validation"])
    func dataOnly(option: String) {
        let run = symdiff(["train", "--example", "worked", option, "x"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("symdiff train: \(option) goes with --data, not --example"), "\(run.errors)")
    }

    @Test("a saved network that cannot be used is refused, naming the file and what is wrong", arguments: [
        (#"{"format":"#, "not valid JSON"),
        (#"[1, 2]"#, "expected a JSON object with the saved network"),
        (#"{"layers":[1,1]}"#, #"not a saved network: expected "format": "symdiff-parameters""#),
        (#"{"format":"symdiff-parameters","version":2}"#, "version 2; this symdiff reads version 1"),
        (#"{"format":"symdiff-parameters","version":1,"layers":[1,1.5],"activations":["identity"],"loss":"mse","inputs":["x"],"targets":["y"],"parameters":{}}"#,
         #""layers" must be a list of layer sizes from 1 to 64"#),
        (#"{"format":"symdiff-parameters","version":1,"layers":[1,1],"activations":["identity","identity"],"loss":"mse","inputs":["x"],"targets":["y"],"parameters":{}}"#,
         "2 layer sizes need 1 activation"),
        (#"{"format":"symdiff-parameters","version":1,"layers":[1,1],"activations":["identity"],"loss":"mae","inputs":["x"],"targets":["y"],"parameters":{}}"#,
         "unknown loss 'mae'"),
        (#"{"format":"symdiff-parameters","version":1,"layers":[1,1],"activations":["identity"],"loss":"mse","inputs":["x","z"],"targets":["y"],"parameters":{}}"#,
         #""inputs" names 2 columns for 1 network inputs"#),
        (#"{"format":"symdiff-parameters","version":1,"layers":[1,1],"activations":["identity"],"loss":"mse","inputs":["x"],"targets":["y"],"parameters":{"W1_1_1":2}}"#,
         "parameter 'b1_1' is missing (2 expected)"),
        (#"{"format":"symdiff-parameters","version":1,"layers":[1,1],"activations":["identity"],"loss":"mse","inputs":["x"],"targets":["y"],"parameters":{"W1_1_1":2,"b1_1":1,"b1_2":0}}"#,
         "unknown parameter 'b1_2'"),
        (#"{"format":"symdiff-parameters","version":1,"layers":[1,1],"activations":["identity"],"loss":"mse","inputs":["x"],"targets":["y"],"parameters":{"W1_1_1":"2","b1_1":1}}"#,
         "parameter 'W1_1_1' must be a finite number, got 2"),
    ])
    func badParameters(json: String, message: String) {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let params = scratch.write("p.json", json), data = scratch.write("d.csv", "x,y\n1,2\n")
        let run = symdiff(["predict", "--params", params, "--data", data])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.hasPrefix("symdiff predict: \(params): \(message)"), "\(run.errors)")
    }

    @Test("a hand-written saved network predicts what its formula gives: ŷ = 2x + 1")
    func handWritten() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let params = scratch.write("p.json", #"{"format":"symdiff-parameters","version":1,"layers":[1,1],"activations":["identity"],"loss":"mse","inputs":["x"],"targets":["y"],"parameters":{"W1_1_1":2,"b1_1":1}}"#)
        let data = scratch.write("d.csv", "x,y\n1,3\n2,4\n3,8\n")
        let run = symdiff(["predict", "--params", params, "--data", data])
        #expect(run.status == 0, "\(run.errors)")
        // Losses (3-3)²/2, (5-4)²/2, (7-8)²/2: mean 1/3; only the first is within 0.5.
        #expect(run.output == "x,y,y_predicted\n1,3,3\n2,4,5\n3,8,7\n# loss 0.333333 (mse over 3 rows), tolerance rate 0.333333\n")
    }

    @Test("data/circles.csv, the README's example, is this generator's output")
    func committedExample() throws {
        let committed = try String(contentsOf: repository.appendingPathComponent("data/circles.csv"), encoding: .utf8)
        #expect(committed == circlesCSV())
    }
}
