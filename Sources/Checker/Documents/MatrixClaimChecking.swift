import Foundation
import Language
import SymDiff

/// A document's matrix claim judged entry by entry (`MatrixExpr.checkIdentity`
/// and `checkGradient`), as a claim result beside the scalar ones.
///
/// Only a claim whose sizes are all concrete is proved. One that holds at
/// the symbolic sizes tried is undecided (`?`), saying where it holds: a
/// check at two sizes is evidence, not a proof for every size, and the status
/// (counted in "N hold", `allHold` and the JSON) must not claim more.
extension MatrixClaim {
    package func result() -> ClaimResult {
        var checks: [MatrixCheck] = []
        let stepName = { (k: Int) in self.steps.count > 1 ? "step \(k + 1): " : "" }
        for (k, step) in steps.enumerated() {
            let check: MatrixCheck
            switch step {
            case .identity(let lhs, let rhs): check = MatrixExpr.checkIdentity(lhs, rhs)
            case .gradient(let loss, let variable, let claimed): check = MatrixExpr.checkGradient(of: loss, wrt: variable, claimed: claimed)
            case .malformed(let why): return make(.refuted, "wrong: \(stepName(k))\(why)", [])
            }
            checks.append(check)
        }
        if let k = checks.firstIndex(where: { $0.verdict == .refuted || $0.verdict == .shapeMismatch }) {
            let c = checks[k]
            let summary = c.verdict == .shapeMismatch ? "wrong: \(stepName(k))shape mismatch: \(c)" : "wrong: \(stepName(k))\(c)"
            return make(.refuted, summary, [])
        }
        if let k = checks.firstIndex(where: { $0.verdict == .undecided }) {
            return make(.undecided, "\(stepName(k))\(checks[k])", [])
        }
        if checks.allSatisfy({ $0.verdict == .proved }) {
            return make(.proved, "proved at the declared sizes: every entry is equal", [])
        }
        let symbolic = checks.first { $0.verdict == .holdsAtSizesTried }!
        return make(.undecided, symbolic.description, [])
    }

    private func make(_ status: ClaimResult.Status, _ summary: String, _ details: [String]) -> ClaimResult {
        // "n x 1" would have its x shown as the document's \mathbf{x}.
        let summary = summary.replacingOccurrences(of: " x ", with: " × ")
        return ClaimResult(line: line, text: text, kind: .equality, status: status, summary: summary, details: details,
                    counterexample: nil, expected: nil, failedStep: nil, partiallyWrong: false)
    }
}
