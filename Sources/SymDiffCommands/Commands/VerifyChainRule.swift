import Foundation
import SymDiff
import Networks

/// `symdiff verify-chain-rule`: the manual chain-rule product for every
/// parameter against the direct derivative, and the derivative identities
/// the seeds rely on, each proved by normal form and spot-checked numerically.
struct VerifyChainRuleCommand: Command {
    static let name = "verify-chain-rule"
    static let abstract = "Prove the chain rule and the seeds' derivative identities on the seed network."
    static let usage = "symdiff verify-chain-rule [--activation A] [--loss L] [--layers N,N,... --activations A,A,...] [--format text|json]"
    static let discussion = """
    For each parameter θ of seed 000's network, the product of the chain-rule
    factors dL/dy * dy/da1 * da1/dz1 * dz1/dθ (seed 000 C.4; each factor is diff of a
    stage with respect to the stage before it) is compared with diff(L, θ).
    Then the identities: sigmoid' = sigmoid*(1 - sigmoid), tanh' = 1 - tanh**2,
    relu' = heaviside, leaky_relu', sigmoid + BCE gives dL/dz = yhat - y (seed 002
    eq. 16), softmax + cross-entropy gives dL/dz_k = yhat_k - y_k (seed 003, 3 classes).

    A check holds when equality is proved by the normal form (a numeric spot check
    at random points confirms it). Exit status: 0 when every check is proved, 1 when
    one is refuted (the point is printed) or could not be proved.

    With --layers the chain rule is checked in delta form on that network:
    dL/dWl_i_j = deltal_i * a(l-1)_j against the reverse-mode gradient. Both write
    each activation's derivative from the same activation node, so the proof first
    treats every activation application as an independent symbol ("activations as
    atoms": sound, since an identity in free symbols survives any substitution, and
    fast, since the lower layers disappear into the atoms); when that fails it
    works on the full expressions.

    Examples:
      symdiff verify-chain-rule
      symdiff verify-chain-rule --activation tanh --loss bce
      symdiff verify-chain-rule --layers 2,2,1 --activations relu,sigmoid --loss bce --format json
    """
    static let options: [OptionSpec] = NetworkOptions.specs + [.format(["text", "json"])]

    let network: NetworkOptions
    let format: String

    init(_ arguments: ParsedArguments) throws {
        network = try NetworkOptions(arguments)
        format = arguments.value("format") ?? "text"
    }

    func run(_ console: Console) throws -> Int32 {
        let title: String
        let chain: [ChainRuleCheck]
        switch network.choice {
        case .seed(let net):
            title = "Chain rule on f(x) = W2*\(net.activation)(W1*x + b1) + b2, loss \(net.lossFunction) (seed 000 C.4)"
            chain = try ChainRuleCheck.chainRule(net)
        case .general(let net):
            let sizes = net.layerSizes.map(String.init).joined(separator: "-")
            title = "Backpropagation (delta form) on the \(sizes) network, activations \(net.layers.map(\.activation.description).joined(separator: ", ")), loss \(net.lossFunction)"
            chain = try ChainRuleCheck.backpropagation(net)
        }
        return Self.report(title: title, sections: [("", chain), ("Identities", ChainRuleCheck.identities())],
                           format: format, console: console)
    }

    /// Prints the checks and returns the exit status (0 all proved, 1 otherwise).
    static func report(title: String, sections: [(String, [ChainRuleCheck])], format: String, console: Console) -> Int32 {
        let all = sections.flatMap(\.1)
        let allProved = all.allSatisfy(\.holds)
        if format == "json" {
            console.print(json(all, allEqual: allProved).serialized())
            return allProved ? 0 : 1
        }
        console.print(title)
        for (heading, checks) in sections {
            if !heading.isEmpty { console.print("\n\(heading)") }
            for check in checks { console.write("\n" + text(check)) }
        }
        console.print("")
        let failed = all.filter { !$0.holds }
        if failed.isEmpty {
            console.print("All \(all.count) checks proved.")
            return 0
        }
        console.print("\(failed.count) of \(all.count) check\(all.count == 1 ? "" : "s") not proved:")
        for check in failed { console.print("  \(check.name): \(summary(check.result))") }
        return 1
    }

    static func text(_ check: ChainRuleCheck) -> String {
        var out = "\(check.name): \(status(check.result))\n"
        var rows = check.factors.map { ($0.label, PrintGradientsCommand.abbreviated($0.staged)) }
        rows.append(("manual", PrintGradientsCommand.abbreviated(check.manual)))
        rows.append(("direct", PrintGradientsCommand.abbreviated(check.direct)))
        out += TextColumns.aligned(rows, indent: 2, separator: " = ")
        if let counterexample = check.result.counterexample {
            out += "  differ \(counterexample)\n"
        } else if !check.holds {
            out += "  note   \(VerdictText(style: .full).evidence(check.result))\n"
        }
        return out
    }

    static func status(_ result: EquivalenceCheck) -> String {
        switch result.verdict {
        case .proved: return "proved (\(result.method))"
        case .refuted: return "REFUTED (\(result.method))"
        case .undecided: return "NOT PROVED (\(result.method))"
        }
    }

    static func summary(_ result: EquivalenceCheck) -> String {
        if let counterexample = result.counterexample { return "refuted \(counterexample)" }
        return "not proved: \(VerdictText(style: .full).evidence(result))"
    }

    static func json(_ checks: [ChainRuleCheck], allEqual: Bool) -> JSON {
        .object([
            ("checks", .array(checks.map { check in
                var fields: [(String, JSON)] = [
                    ("name", .string(check.name)),
                    ("factors", .array(check.factors.map { f in
                        .object([("label", .string(f.label)), ("staged", .string(f.staged.description)),
                                 ("expanded", .string(f.expanded.description))])
                    })),
                    ("manual", .string(check.manual.description)),
                    ("direct", .string(check.direct.description)),
                    ("equal", .bool(check.holds)),
                    ("status", .string(check.result.verdict.rawValue)),
                    ("method", .string(check.result.method)),
                ]
                if let c = check.result.counterexample {
                    fields.append(("counterexample", .object([
                        ("point", .object(c.point.map { ($0.name, .number($0.value)) })),
                        ("lhs", .number(c.lhs)), ("rhs", .number(c.rhs)),
                    ])))
                }
                return .object(fields)
            })),
            ("allEqual", .bool(allEqual)),
        ])
    }
}
