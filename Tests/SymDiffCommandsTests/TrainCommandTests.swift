import Foundation
import Testing
@testable import SymDiffCommands

private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

@Suite("symdiff train")
struct TrainCommandTests {
    @Test("worked: seed 000 §6.3's two steps, each with its gradient and update")
    func worked() {
        let run = symdiff(["train", "--example", "worked"])
        #expect(run.status == 0)
        // Seed 000 §6.3: gradient (−0.28125, −0.225, −0.05625, −0.45), then W1 = 0.228125, ...
        #expect(run.output.contains("""
        step 1: (x = 5, target = 0.7)
          loss 0.10125
          gradient: dL/dW1 = -0.28125, dL/dW2 = -0.225, dL/db1 = -0.05625, dL/db2 = -0.45
          update: W1 = 0.228125, W2 = 0.5225, b1 = -0.994375, b2 = 0.045

        """))
        // The values after example 2.
        #expect(run.output.contains("  update: W1 = 0.229423, W2 = 0.523935, b1 = -0.993942, b2 = 0.0483923\n"))
    }

    @Test("batch: the averaged gradient and one step (W2 = 0.513243, not the seed's 0.5133)")
    func batch() {
        let run = symdiff(["train", "--example", "batch"])
        #expect(run.status == 0)
        #expect(run.output.contains("gradient (averaged): dL/dW1 = -0.158526, dL/dW2 = -0.132434, dL/db1 = -0.0340921, dL/db2 = -0.274672\n"))
        #expect(run.output.contains("update: W1 = 0.215853, W2 = 0.513243, b1 = -0.996591, b2 = 0.0274672\n"))
    }

    @Test("not a terminal: plain progress lines at the example's interval, then the summary")
    func progressLines() {
        let run = symdiff(["train", "--example", "circles", "--epochs", "20"])
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("epoch ") }.count == 2)   // epoch 1 and the last
        #expect(lines.contains { $0.hasPrefix("epoch 20/20  loss ") && $0.contains("tolerance rate") })
        #expect(!run.output.contains("\r"))
        #expect(lines.contains { $0.hasPrefix("final: loss ") })
    }

    @Test("JSON: per-epoch history and the final parameters by name")
    func json() throws {
        let run = symdiff(["train", "--example", "linear", "--epochs", "3", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["example"] as? String == "linear")
        let epochs = try #require(object["epochs"] as? [[String: Any]])
        #expect(epochs.map { $0["epoch"] as? Int } == [1, 2, 3])
        #expect(epochs.allSatisfy { $0["loss"] is Double && $0["toleranceRate"] is Double })
        let parameters = try #require(object["parameters"] as? [String: Double])
        #expect(parameters.count == 15)   // 2-2-2-1: 6 + 6 + 3
        #expect(parameters["W3_1_2"] != nil)
    }

    @Test("--plot writes an SVG with both curves, axes and labels")
    func plot() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-train-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = symdiff(["train", "--example", "logistic", "--epochs", "5", "--plot", file])
        #expect(run.status == 0)
        #expect(run.output.hasSuffix("plot written to \(file)\n"))
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(">Training loss<") && svg.contains(">Tolerance rate<") && svg.contains(">Epoch<"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
    }

    @Test("a plot that cannot be written is refused before training, exit 2")
    func unwritablePlot() {
        let run = symdiff(["train", "--example", "circles", "--plot", "/nonexistent-directory/plot.svg"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("cannot write the plot to '/nonexistent-directory/plot.svg'"))
    }

    @Test("a diverging learning rate: a clear message, exit 1")
    func divergence() {
        let run = symdiff(["train", "--example", "linear", "--lr", "50", "--epochs", "50"])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("symdiff train: training diverged in epoch "))
        #expect(run.errors.contains("try a smaller --lr"))
    }

    @Test("usage errors exit 2", arguments: [
        (["train"], "--example or --data is required"),
        (["train", "--example", "mnist"], "--example must be one of worked, batch, circles, linear, logistic, relu"),
        (["train", "--example", "worked", "--lr", "-1"], "--lr must be positive"),
        (["train", "--example", "worked", "--batch", "3"], "--batch expects an integer in 1...2"),
        (["train", "--example", "circles", "--epochs", "0"], "--epochs expects an integer in 1..."),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = symdiff(arguments)
        #expect(run.status == 2)
        #expect(run.errors.contains(message), "\(run.errors)")
    }
}
