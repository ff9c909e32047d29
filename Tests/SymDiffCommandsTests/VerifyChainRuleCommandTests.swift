import Foundation
import Testing
import SymDiff
import Networks
@testable import SymDiffCommands

private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

@Suite("symdiff verify-chain-rule")
struct VerifyChainRuleCommandTests {
    @Test("default: every chain-rule check and identity is proved, exit 0")
    func allProved() {
        let run = symdiff(["verify-chain-rule"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("Chain rule on f(x) = W2*sigmoid(W1*x + b1) + b2, loss mse (seed 000 C.4)\n"))
        // Seed 000 C.4's factors for W1, printed over the stages.
        #expect(run.output.contains("""
        dL/dW1: proved (identical canonical form)
          ∂L/∂y   = y - target
          ∂y/∂a1  = W2
          ∂a1/∂z1 = a1*(1 - a1)
          ∂z1/∂W1 = x

        """))
        #expect(run.output.contains("sigmoid'(z) = sigmoid(z)*(1 - sigmoid(z)): proved (normal form)\n"))
        #expect(run.output.contains("softmax + CE: dL/dz3 = yhat3 - y3: proved (normal form)\n"))
        #expect(run.output.hasSuffix("\nAll 12 checks proved.\n"))
    }

    @Test("JSON: checks with factors, manual, direct, equal, method; allEqual")
    func jsonShape() throws {
        let run = symdiff(["verify-chain-rule", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["allEqual"] as? Bool == true)
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.count == 12)
        #expect(checks.prefix(4).map { $0["name"] as? String } == ["dL/dW1", "dL/dW2", "dL/db1", "dL/db2"])
        for check in checks {
            for key in ["name", "factors", "manual", "direct", "equal", "method"] { #expect(check[key] != nil, "\(key)") }
            #expect(check["equal"] as? Bool == true)
        }
        let factors = try #require(checks[0]["factors"] as? [[String: String]])
        #expect(factors.map { $0["staged"] } == ["y - target", "W2", "a1*(1 - a1)", "x"])
    }

    @Test("other activations and losses of the seed network are proved too", arguments: [
        ["--activation", "tanh"], ["--activation", "relu"], ["--loss", "bce"], ["--activation", "leaky_relu", "--loss", "mse-mean"],
    ])
    func variants(arguments: [String]) {
        let run = symdiff(["verify-chain-rule"] + arguments)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.hasSuffix("All 12 checks proved.\n"))
    }

    @Test("--layers: the delta form is proved on seed 002's network")
    func generalNetwork() {
        let run = symdiff(["verify-chain-rule", "--layers", "2,2,1", "--activations", "relu,sigmoid", "--loss", "bce"])
        #expect(run.status == 0)
        #expect(run.output.contains("dL/dW1_1_2: proved (normal form, activations as atoms)\n  delta1_1 = W2_1_1*delta2_1*heaviside(z1_1)\n  x2       = x2\n"))
        #expect(run.output.hasSuffix("All 17 checks proved.\n"))   // 9 parameters + 8 identities
    }

    @Test("a wrong manual factor fails: exit 1, says which check and at what point")
    func wrongFactorFails() throws {
        let net = ThreeLayerNetwork()
        var factors = try net.chainRuleFactors(net.W1)
        factors[2] = ChainFactor(label: "∂a1/∂z1", staged: net.a1, expanded: sigmoid(net.W1 * net.x + net.b1))
        let wrong = ChainRuleCheck(name: "dL/dW1", factors: factors, direct: try net.derivative(net.W1))
        let console = Console.capturing()
        let status = VerifyChainRuleCommand.report(title: "test", sections: [("", [wrong] + (try ChainRuleCheck.chainRule(net)))],
                                                   format: "text", console: console)
        #expect(status == 1)
        #expect(console.output.contains("dL/dW1: REFUTED (numeric)\n"))
        #expect(console.output.contains("1 of 5 checks not proved:\n  dL/dW1: refuted at W1="))
        let json = Console.capturing()
        #expect(VerifyChainRuleCommand.report(title: "", sections: [("", [wrong])], format: "json", console: json) == 1)
        #expect(json.output.contains("\"allEqual\":false"))
        #expect(json.output.contains("\"counterexample\":{\"point\":{"))
    }

    @Test("usage errors exit 2")
    func usageErrors() {
        #expect(symdiff(["verify-chain-rule", "--loss", "hinge"]).status == 2)
        #expect(symdiff(["verify-chain-rule", "--layers", "0,1"]).status == 2)
        #expect(symdiff(["verify-chain-rule", "extra"]).status == 2)
    }
}
