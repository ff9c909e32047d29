import Foundation
import Testing
import SymDiff
@testable import SymDiffCommands

/// Runs `symdiff ARGS` in-process: (exit status, stdout, stderr).
private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

/// The JSON object a command printed.
private func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("symdiff print-gradients")
struct PrintGradientsCommandTests {
    @Test("default output: the seed network at the seed point (seed 000 §6.3)")
    func goldenDefault() {
        let run = symdiff(["print-gradients"])
        #expect(run.status == 0)
        #expect(run.errors.isEmpty)
        // Values: seed 000 §6.3 example 1. Layout: a header per parameter, aligned rows.
        #expect(run.output == """
        Gradients of f(x) = W2*sigmoid(W1*x + b1) + b2, loss mse

        Forward pass (stages)
          z1 = W1*x + b1
          a1 = sigmoid(z1)
          y  = W2*a1 + b2
          L  = (y - target)**2/2

        At the point
          x = 5, W1 = 0.2, W2 = 0.5, b1 = -1, b2 = 0, target = 0.7
          L = 0.10125

        ∂L/∂W1 = -0.28125
          derivative  W2*x*sigmoid(W1*x + b1)*(1 - sigmoid(W1*x + b1))*(W2*sigmoid(W1*x + b1) + b2 - target)
          backprop    (y - target)*W2*a1*(1 - a1)*x

        ∂L/∂W2 = -0.225
          derivative  sigmoid(W1*x + b1)*(W2*sigmoid(W1*x + b1) + b2 - target)
          backprop    (y - target)*a1

        ∂L/∂b1 = -0.05625
          derivative  W2*sigmoid(W1*x + b1)*(1 - sigmoid(W1*x + b1))*(W2*sigmoid(W1*x + b1) + b2 - target)
          backprop    (y - target)*W2*a1*(1 - a1)

        ∂L/∂b2 = -0.45
          derivative  W2*sigmoid(W1*x + b1) + b2 - target
          backprop    y - target

        Summary
          ∂L/∂W1  -0.28125
          ∂L/∂W2  -0.225
          ∂L/∂b1  -0.05625
          ∂L/∂b2  -0.45
          L        0.10125

        """)
    }

    @Test("JSON: point, loss and one entry per parameter at full precision")
    func jsonShape() throws {
        let run = symdiff(["print-gradients", "--format", "json"])
        #expect(run.status == 0)
        let object = try jsonObject(run.output)
        #expect(Set(object.keys) == ["point", "loss", "parameters"])
        let point = try #require(object["point"] as? [String: Double])
        #expect(point == ["x": 5, "W1": 0.2, "W2": 0.5, "b1": -1, "b2": 0, "target": 0.7])
        #expect(Swift.abs(try #require(object["loss"] as? Double) - 0.10125) < 1e-15)
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["W1", "W2", "b1", "b2"])
        // Seed 000 §6.3.
        let expected = [-0.28125, -0.225, -0.05625, -0.45]
        for (entry, value) in zip(parameters, expected) {
            #expect(Set(entry.keys) == ["name", "derivative", "backprop", "value"])
            #expect(Swift.abs(try #require(entry["value"] as? Double) - value) < 1e-15)
        }
        #expect(parameters[1]["backprop"] as? String == "(y - target)*a1")
        // The derivative string parses back to the expression diff gives.
        let derivative = try Expr.parse(try #require(parameters[3]["derivative"] as? String))
        #expect(derivative.description == "W2*sigmoid(W1*x + b1) + b2 - target")
    }

    @Test("--at changes the point: seed 000 appendix B example 2 at the initial parameters")
    func atPoint() throws {
        let run = symdiff(["print-gradients", "--at", "x=3,target=0.3", "--format", "json"])
        #expect(run.status == 0)
        let parameters = try #require(try jsonObject(run.output)["parameters"] as? [[String: Any]])
        // SymPy: diff(loss, p).subs(x=3, W1=0.2, W2=0.5, b1=-1, b2=0, target=0.3).
        let expected = [-0.03580263404119289, -0.03986790489325497, -0.011934211347064296, -0.09934383005622599]
        for (entry, value) in zip(parameters, expected) {
            #expect(Swift.abs(try #require(entry["value"] as? Double) - value) < 1e-15)
        }
    }

    @Test("unknown --at names are a usage error (exit 2) that lists the known names")
    func unknownPointName() {
        let run = symdiff(["print-gradients", "--at", "x=3,W3=1"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("unknown name W3"))
        #expect(run.errors.contains("x, W1, W2, b1, b2, target"))
    }

    @Test("usage errors exit 2 with a reason", arguments: [
        (["--at", "x"], "name=value"),
        (["--activation", "gelu"], "must be one of"),
        (["--activations", "relu"], "--activations needs --layers"),
        (["--loss", "ce"], "ce needs --layers"),
        (["--layers", "2,x,1"], "--layers expects sizes"),
        (["--layers", "2,2,1", "--activations", "softmax,sigmoid"], "only allowed on the output layer"),
        (["--layers", "2,2,1", "--activations", "relu"], "need 2 activations"),
        (["--layers", "2,2,1", "--activation", "relu"], "--activations"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = symdiff(["print-gradients"] + arguments)
        #expect(run.status == 2)
        #expect(run.errors.contains(message), "\(run.errors)")
        #expect(run.errors.contains("symdiff help print-gradients"))
    }

    @Test("--activation tanh: values match SymPy")
    func tanhActivation() throws {
        let run = symdiff(["print-gradients", "--activation", "tanh", "--format", "json"])
        let parameters = try #require(try jsonObject(run.output)["parameters"] as? [[String: Any]])
        // SymPy with tanh hidden at the seed point: z1 = 0, so tanh = 0, tanh' = 1.
        for (entry, value) in zip(parameters, [-1.75, 0.0, -0.35, -0.7]) {
            #expect(Swift.abs(try #require(entry["value"] as? Double) - value) < 1e-15)
        }
        #expect(parameters[0]["backprop"] as? String == "(y - target)*W2*(1 - a1**2)*x")
    }

    @Test("--loss bce reads y as a logit; ∂L/∂y shows as sigmoid(y) - target (seed 002 eq. 16)")
    func bceLoss() throws {
        let run = symdiff(["print-gradients", "--loss", "bce", "--format", "json"])
        let object = try jsonObject(run.output)
        // SymPy: -(t log σ(y) + (1 - t) log(1 - σ(y))) at the seed point.
        #expect(Swift.abs(try #require(object["loss"] as? Double) - 0.6509394198788436) < 1e-15)
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        for (entry, value) in zip(parameters, [-0.08613968694637618, -0.06891174955710093, -0.017227937389275232, -0.13782349911420186]) {
            #expect(Swift.abs(try #require(entry["value"] as? Double) - value) < 1e-14)
        }
        #expect(parameters[3]["backprop"] as? String == "sigmoid(y) - target")
    }

    @Test("--layers: seed 002 exercise 1 gives the issue's gradients")
    func generalNetwork() throws {
        let at = "x1=1,x2=2,t1=1,W1_1_1=0.5,W1_1_2=0.3,W1_2_1=0.2,W1_2_2=0.4,b1_1=0.1,b1_2=0.2,W2_1_1=0.6,W2_1_2=0.7,b2_1=0.3"
        let run = symdiff(["print-gradients", "--layers", "2,2,1", "--activations", "relu,sigmoid", "--loss", "bce",
                           "--at", at, "--format", "json"])
        #expect(run.status == 0)
        let parameters = try #require(try jsonObject(run.output)["parameters"] as? [[String: Any]])
        let values = try parameters.map { try #require($0["value"] as? Double) }
        // Issue / seed 002 §7.1: ∂L/∂W1 = [[−0.080822, −0.161644], [−0.094292, −0.188584]], ∂L/∂b = −0.134703.
        #expect(values.map { ($0 * 1e6).rounded() / 1e6 }[0..<4] == [-0.080822, -0.161644, -0.094292, -0.188584])
        #expect((values[8] * 1e6).rounded() / 1e6 == -0.134703)
        #expect(parameters.map { $0["backprop"] as? String }[0] == "delta1_1*x1")
    }

    @Test("--layers text shows stages and deltas")
    func generalNetworkText() {
        let run = symdiff(["print-gradients", "--layers", "2,2,1", "--activations", "relu,sigmoid", "--loss", "bce"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("Gradients of 2-2-1 network, activations relu, sigmoid, loss bce\n"))
        #expect(run.output.contains("  a1_1 = relu(z1_1)\n"))
        #expect(run.output.contains("Backward pass (deltas, dL/dz)\n  delta2_1 = a2_1 - t1\n  delta1_1 = W2_1_1*delta2_1*heaviside(z1_1)\n"))
        #expect(run.output.contains("∂L/∂W2_1_2 = "))
    }

    @Test("--cse names the shared subexpressions once")
    func cse() {
        let run = symdiff(["print-gradients", "--cse"])
        #expect(run.status == 0)
        #expect(run.output.contains("Shared subexpressions\n  s0 = sigmoid(W1*x + b1)\n"))
        #expect(run.output.contains("∂L/∂W2 = -0.225\n  derivative  s0*s2\n"))
    }

    @Test("--format latex: one aligned block with ∂L/∂θ in LaTeX")
    func latex() {
        let run = symdiff(["print-gradients", "--format", "latex"])
        #expect(run.status == 0)
        #expect(run.output.contains("\\begin{aligned}\n"))
        #expect(run.output.contains("a_{1} &= \\sigma{\\left(z_{1} \\right)} \\\\\n"))
        #expect(run.output.contains("&= \\left(y - target\\right) a_{1} = -0.225 \\\\\n"))
        #expect(run.output.hasSuffix("\\end{aligned}\n"))
    }

    @Test("help describes the seed network and the options")
    func help() {
        let run = symdiff(["help", "print-gradients"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("The seed network's gradients: expanded, in backprop form, and at a point.\n\nUsage: symdiff print-gradients"))
        for option in ["--at", "--activation", "--loss", "--layers", "--activations", "--cse", "--format"] {
            #expect(run.output.contains(option))
        }
    }
}
