import Foundation
import SymDiff
import Checker
import Language

/// The `Checker` module in a session: `claim` checks one line of derivation
/// syntax against the session's definitions, `check_file` a whole file.
///
/// ```text
/// claim d(L)/d(w12_2) == delta2_2*a2_1
/// claim w12_2_new = w12_2 - alpha*delta2_2*a2_1
/// claim L at x1=1, x2=2 ≈ 0.5
/// check_file("derivations/seed004-update-rules.txt")
/// ```
///
/// Derivation syntax is the Checker's: `d(f)/d(x)` derivatives, chains
/// `a == b == c`, numeric claims with `≈`, update rules `W_new = W - alpha*...`
/// (the loss is `L`, `loss`, `E` or `J`).
extension Session {
    /// Checks `claim`, read from `statement`, against the session's
    /// definitions and points handed over as values; the verdict as text.
    func claim(_ claim: Claim, in statement: String) throws -> String {
        let result: ClaimResult
        do {
            result = try DerivationChecker().check(claim, lineText: statement, given: checkerDefinitions())
        } catch let error as SourceError where error.line == claim.line && statement.contains("\n") {
            // The checker counts a claim continued over lines as one line; place its error by scalar.
            throw SourceText(statement, line: claim.line).error(at: error.column - 1, error.message)
        }
        return ([result.mark + " " + result.summary] + result.details.map { "  " + $0 }).joined(separator: "\n")
    }

    /// The session's definitions as the checker takes them: expressions, and
    /// the points whose every entry is a number.
    func checkerDefinitions() -> [GivenDefinition] {
        var given: [GivenDefinition] = []
        for name in environment.names {
            switch environment.value(name)! {
            case .expr(let e):
                given.append(.expression(name, e))
            case .record(let pairs):
                let values = pairs.compactMap { pair -> (name: String, value: Double)? in
                    pair.value.expr?.numberValue.map { (pair.name, $0.doubleValue) }
                }
                if values.count == pairs.count && !pairs.isEmpty { given.append(.point(name, values)) }
            default:
                break
            }
        }
        return given
    }
}

enum CheckerBuiltins {
    static let all: [Builtin] = [
        Builtin(name: "check_file", usage: "check_file(\"derivations/seed004-update-rules.txt\")",
                summary: "check a derivation file claim by claim (as symdiff check does)") { c in
            try c.expect(1...1, usage: "check_file(\"path\")")
            guard case .text(let path) = c.positional[0].value else {
                throw CallError("check_file needs a path in quotes", argument: c.positional[0].index)
            }
            let resolved = path.hasPrefix("/") || c.session.baseDirectory == nil
                ? path : URL(fileURLWithPath: c.session.baseDirectory!).appendingPathComponent(path).standardized.path
            let text: String
            do {
                text = try String(contentsOfFile: resolved, encoding: .utf8)
            } catch {
                throw CallError("cannot read \(path)", argument: c.positional[0].index)
            }
            let report = DerivationChecker().check(text)
            return .text(report.text(name: path).trimmingCharacters(in: .newlines))
        },
    ]
}
