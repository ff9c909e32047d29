import Foundation
import SymDiff
import Checker

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
    /// The keyword that starts a claim statement.
    static let claimKeyword = "claim"

    /// The claim text if `statement` is `claim ...`, with its offset in the statement.
    static func claimText(_ statement: String) -> (text: String, offset: Int)? {
        let scalars = Array(statement.unicodeScalars)
        var i = 0
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        let keyword = Array(claimKeyword.unicodeScalars)
        guard scalars.count > i + keyword.count, Array(scalars[i..<(i + keyword.count)]) == keyword,
              scalars[i + keyword.count] == " " || scalars[i + keyword.count] == "\t" else { return nil }
        i += keyword.count
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        return (String(String.UnicodeScalarView(scalars[i...])), i)
    }

    /// Checks one claim after the session's definitions; the verdict as text.
    func claim(_ text: String, offset: Int, source: SourceText) throws -> String {
        let (definitions, count) = checkerDefinitions()
        let result: ClaimResult
        do {
            result = try DerivationChecker().check(claim: text, definitions: definitions)
        } catch let error as SourceError {
            if error.line > count {
                throw source.error(at: offset + max(0, error.column - 1), error.message)
            }
            throw source.error(at: offset, "the checker could not read the session's definitions (\(error.message)); check them with inline(...)")
        }
        return ([result.mark + " " + result.summary] + result.details.map { "  " + $0 }).joined(separator: "\n")
    }

    /// The session's definitions in derivation syntax: expressions as
    /// `name = ...`, all-numeric points as `point name: x=1, ...`.
    func checkerDefinitions() -> (text: String, lines: Int) {
        var lines: [String] = []
        for name in environment.names {
            switch environment.value(name)! {
            case .expr(let e):
                lines.append("\(name) = \(e.description)")
            case .record(let pairs):
                let values = pairs.compactMap { pair -> String? in
                    guard let n = pair.value.expr?.numberValue else { return nil }
                    return "\(pair.name)=\(n.description)"
                }
                if values.count == pairs.count && !pairs.isEmpty { lines.append("point \(name): " + values.joined(separator: ", ")) }
            default:
                break
            }
        }
        return (lines.joined(separator: "\n"), lines.count)
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
