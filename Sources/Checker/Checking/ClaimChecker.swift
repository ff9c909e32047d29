import Language
import SymDiff

/// Checks each kind of claim against the file's resolved definitions and
/// explains the verdict in plain words.
struct ClaimChecker {
    let scope: DerivationScope
    let options: CheckerOptions
    let clock: CheckClock

    /// The verdict; a `SourceError` when the claim cannot be checked at all.
    func check(_ claim: Claim) throws -> ClaimResult {
        switch claim.kind {
        case .equalities(let sides): return try checkEqualities(claim, sides)
        case .numeric(let numeric): return try checkNumeric(claim, numeric)
        case .update(let rule): return try checkUpdate(claim, rule)
        case .matrix(let matrix): return matrix.result()
        }
    }

    /// `, for every differentiable activation` when the proved sides hold
    /// undefined functions: the proof treats them as unknowns, so it holds
    /// whatever they are.
    static func generality(_ sides: [Expr]) -> String {
        let names = Set(Expr.postOrder(sides).compactMap { $0.function?.undefined?.name }).sorted()
        if names.isEmpty { return "" }
        return ", for every differentiable " + names.joined(separator: " and ")
    }

    // MARK: Equalities and chains

    func checkEqualities(_ claim: Claim, _ sides: [WrittenExpression]) throws -> ClaimResult {
        let staged = try sides.map { scope.fold(try scope.stage($0)) }
        let full = staged.map(scope.expand)
        var steps: [Comparison] = []
        for i in 0..<(sides.count - 1) {
            steps.append(Comparison.compare(stage: staged[i], staged[i + 1], full: full[i], full[i + 1],
                                            hasDerivatives: !sides[i].derivatives.isEmpty || !sides[i + 1].derivatives.isEmpty,
                                            options: options, clock: clock))
        }
        let isChain = sides.count > 2
        let marks = steps.enumerated().map { "\($0.offset + 1) \(mark($0.element.status))" }.joined(separator: ", ")

        if let k = steps.firstIndex(where: { $0.status == .refuted }) {
            // A step between plain expressions is measured against where the chain started,
            // when that is a derivative: it is what every step should equal.
            let plainStep = sides[k].derivatives.isEmpty && sides[k + 1].derivatives.isEmpty
            let reference: (WrittenExpression, Expr)? = plainStep
                ? (sides[0].derivatives.isEmpty ? nil : (sides[0], staged[0])) : nil
            let explanation = explainRefutation(steps[k], left: sides[k], right: sides[k + 1],
                                                stagedLeft: staged[k], stagedRight: staged[k + 1],
                                                fullLeft: full[k], fullRight: full[k + 1], reference: reference)
            var summary = explanation.summary
            var details = explanation.details
            if isChain {
                let reason = summary.hasPrefix("wrong: ") ? String(summary.dropFirst("wrong: ".count))
                    : summary.replacingOccurrences(of: "wrong on part of the domain: ", with: "it is wrong on part of the domain: ")
                summary = "step \(k + 1) of \(steps.count) is wrong (\(sides[k].text) == \(sides[k + 1].text)): " + reason
                details.append("steps: \(marks)")
            }
            details += unknownNameHints(in: [sides[k], sides[k + 1]], claimLine: claim.line)
            return ClaimResult(line: claim.line, text: claim.text, kind: .equality, status: .refuted, summary: summary,
                               details: details, counterexample: steps[k].evidence?.counterexample,
                               expected: explanation.expected, failedStep: isChain ? k + 1 : nil,
                               partiallyWrong: explanation.partial)
        }
        if let k = steps.firstIndex(where: { $0.status == .undecided }) {
            let undecided = steps.indices.filter { steps[$0].status == .undecided }.map { String($0 + 1) }
            var summary = "could not decide: " + steps[k].reason
            if isChain {
                summary = "step\(undecided.count == 1 ? "" : "s") \(undecided.joined(separator: ", ")) of \(steps.count) could not be decided; step \(k + 1): " + steps[k].reason
            }
            return ClaimResult(line: claim.line, text: claim.text, kind: .equality, status: .undecided, summary: summary,
                               details: (isChain ? ["steps: \(marks)"] : []) + unknownNameHints(in: sides, claimLine: claim.line),
                               counterexample: nil, expected: nil, failedStep: nil, partiallyWrong: false)
        }
        let summary = (isChain ? "holds: each of the \(steps.count) steps is proved" : "holds: " + steps[0].reason)
            + ClaimChecker.generality(full)
        let details = isChain ? steps.enumerated().map { "step \($0.offset + 1): \($0.element.reason)" } : []
        return ClaimResult(line: claim.line, text: claim.text, kind: .equality, status: .proved, summary: summary,
                           details: details, counterexample: nil, expected: nil, failedStep: nil, partiallyWrong: false)
    }

    struct Explanation {
        var summary: String
        var details: [String]
        var expected: ClaimResult.Expected?
        var partial: Bool
    }

    /// Where `left == right` fails, and what the reference side really is:
    /// the side with a derivative when only one has one, else the left side.
    func explainRefutation(_ step: Comparison, left: WrittenExpression, right: WrittenExpression,
                           stagedLeft: Expr, stagedRight: Expr, fullLeft: Expr, fullRight: Expr,
                           reference chainStart: (WrittenExpression, Expr)? = nil,
                           phrase: (String, String) -> String = { "the left side is \($0) but the right side is \($1)" }) -> Explanation {
        let evidence = step.evidence
        // Smooth expressions that differ somewhere differ almost everywhere: agreement at a few
        // samples is rounding near saturation. Only piecewise ones can be wrong on part of the domain.
        let partial = (evidence?.samplesAgreeing ?? 0) > 0 && (evidence?.samplesDiffering ?? 0) > 0
            && ClaimChecker.mayBePiecewise(fullLeft, fullRight)
        var details: [String] = []
        var summary: String
        let at = evidence?.counterexample.map { VerdictText(style: .short).counterexample($0, separator: " ", phrase: phrase) }
            ?? "the two sides differ"
        if partial, let evidence {
            let total = evidence.samplesAgreeing + evidence.samplesDiffering
            summary = "wrong on part of the domain: the two sides agree at \(evidence.samplesAgreeing) of \(total) sample points but not everywhere"
            if let region = kinkRegion(evidence.counterexample, fullLeft, fullRight) { summary += "; it fails for example where \(region)" }
            details.append("for example, " + at)
        } else {
            summary = "wrong: " + at
        }
        let rightIsReference = !right.derivatives.isEmpty && left.derivatives.isEmpty
        let reference = rightIsReference ? stagedRight : stagedLeft
        let expected = scope.present(reference).simplify()
        // What the derivative really is, in the file's names; a plain expression needs no restating.
        if let (start, value) = chainStart {
            details.append("\(start.text) works out to: \(PlainPrinter.print(scope.present(value).simplify(), limit: 400))")
        } else if !(rightIsReference ? right : left).derivatives.isEmpty {
            details.append("\(rightIsReference ? right.text : left.text) works out to: \(PlainPrinter.print(expected, limit: 400))")
        }
        return Explanation(summary: summary, details: details, expected: .expression(expected), partial: partial)
    }

    /// Whether either side has a piecewise function (relu, heaviside, max,
    /// abs) or a fractional power (`sqrt(x**2)` is |x|).
    static func mayBePiecewise(_ a: Expr, _ b: Expr) -> Bool {
        Expr.postOrder([a, b]).contains { node in
            if let f = node.function { return f.isPiecewise }
            if node.isPow, let e = node.arguments[1].numberValue { return !e.isInteger }
            return node.isPow && !node.arguments[1].isNumber
        }
    }

    /// The signs of the kinks' arguments at the counterexample, in the file's
    /// names: "a1_1 > 0 and z2_2 < 0".
    func kinkRegion(_ counterexample: Counterexample?, _ a: Expr, _ b: Expr) -> String? {
        guard let point = counterexample?.pointDictionary else { return nil }
        var seen = Set<Expr>()
        var parts: [String] = []
        for kink in Expr.kinks(in: [a, b]) where seen.insert(kink).inserted {
            guard let value = try? kink.evaluate(at: point), value != 0 else { continue }
            let name = PlainPrinter.print(scope.foldFull(kink), limit: 40)
            parts.append("\(name) \(value > 0 ? ">" : "<") 0")
        }
        if parts.isEmpty { return nil }
        parts.sort()
        let shown = parts.prefix(6)
        return shown.joined(separator: " and ") + (parts.count > 6 ? " (and \(parts.count - 6) more)" : "")
    }

    /// Names in a claim that appear nowhere else in the file: most likely typos.
    func unknownNameHints(in sides: [WrittenExpression], claimLine: Int) -> [String] {
        var hints: [String] = []
        // Without definitions every name is a free symbol on purpose.
        if scope.definitions.isEmpty { return [] }
        let variables = Set(sides.flatMap { $0.derivatives.map(\.variable) })
        for side in sides {
            // A name on several sides of the claim is its variable, not a typo.
            for (name, _) in side.names.sorted(by: { $0.value < $1.value })
            where !scope.isDefined(name) && scope.symbolLines[name] == [claimLine] && !DerivativeSyntax.isReserved(name)
                && !variables.contains(name)
                && sides.filter({ $0.names[name] != nil }).count == 1 {
                let hint = "note: '\(name)' is not defined and appears nowhere else in the file, so it is a free symbol"
                    + scope.suggestion(for: name, among: Array(scope.definitions.keys))
                if !hints.contains(hint) { hints.append(hint) }
            }
        }
        return hints
    }

    func mark(_ status: ClaimResult.Status) -> String {
        switch status {
        case .proved: return "✓"
        case .refuted: return "✗"
        case .undecided: return "?"
        }
    }

    // MARK: Numeric claims

    func checkNumeric(_ claim: Claim, _ numeric: NumericClaim) throws -> ClaimResult {
        let value = scope.expand(try scope.stage(numeric.expression))
        let point = try scope.resolvePoint(numeric.point, in: numeric.expression)
        let missing = value.freeSymbols.compactMap(\.symbolName).filter { point[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw numeric.expression.error("no value for \(list): add \(missing.count == 1 ? "it" : "them") after 'at', as in 'at \(missing.map { "\($0)=..." }.joined(separator: ", "))'")
        }
        let allowed = numeric.toleranceWritten
            ? "within ±\(NumberStyle.positional(numeric.tolerance, significantDigits: 2))"
            : "to the digits written (±\(NumberStyle.positional(numeric.tolerance, significantDigits: 2)))"
        let computed: Double
        do {
            computed = try value.evaluate(at: point)
        } catch {
            return ClaimResult(line: claim.line, text: claim.text, kind: .numeric, status: .refuted,
                               summary: "wrong: the expression has no value at this point (\(error))",
                               details: [], counterexample: nil, expected: nil, failedStep: nil, partiallyWrong: false)
        }
        let difference = Swift.abs(computed - numeric.value)
        // A tie (exactly half a unit off) counts as right: either rounding is allowed.
        let slack = numeric.tolerance * 1e-9 + 1e-12 * Swift.max(1, Swift.abs(computed))
        let shown = NumberStyle.short.string(computed, decimals: numeric.decimals + 2)
        if difference <= numeric.tolerance + slack {
            return ClaimResult(line: claim.line, text: claim.text, kind: .numeric, status: .proved,
                               summary: "holds: the value is \(shown), which is \(numeric.writtenValue.components(separatedBy: " ± ")[0]) \(allowed)",
                               details: [], counterexample: nil, expected: .number(computed), failedStep: nil, partiallyWrong: false)
        }
        return ClaimResult(line: claim.line, text: claim.text, kind: .numeric, status: .refuted,
                           summary: "wrong: the value is \(shown), not \(numeric.writtenValue.components(separatedBy: " ± ")[0]) (\(numeric.toleranceWritten ? "the tolerance allows" : "the digits written allow") ±\(NumberStyle.positional(numeric.tolerance, significantDigits: 2)); it is off by \(NumberStyle.positional(difference, significantDigits: 3)))",
                           details: [], counterexample: nil, expected: .number(computed), failedStep: nil, partiallyWrong: false)
    }

    // MARK: Update rules

    func checkUpdate(_ claim: Claim, _ update: UpdateRule) throws -> ClaimResult {
        let w = update.rule
        let parameter = update.parameter
        if let d = scope.definitions[parameter] {
            throw w.error("'\(parameter)' is defined on line \(d.line); an update rule changes a parameter (a free symbol of the loss)",
                          column: update.parameterColumn)
        }
        guard let loss = scope.lossName else {
            throw w.error("which loss does this step descend? define 'L = ...' or write 'loss: NAME' on its own line",
                          column: update.parameterColumn)
        }
        let rate: Expr
        if let setting = scope.rateSetting {
            rate = try scope.stage(setting)
        } else if let name = ["alpha", "lr", "eta", "learning_rate", "rate"].first(where: { w.names[$0] != nil }) {
            rate = .symbol(name)
        } else {
            throw w.error("which symbol is the learning rate? write 'rate: alpha' on its own line (alpha, lr and eta are found by themselves)")
        }
        let stagedLoss: Expr
        if let setting = scope.lossSetting { stagedLoss = try scope.stage(setting) } else {
            if let reason = scope.broken[loss.symbolName ?? ""] {
                throw w.error("the loss '\(loss)' cannot be used: \(reason)", column: update.parameterColumn)
            }
            stagedLoss = loss
        }
        let lossSymbols = scope.expand(stagedLoss).freeSymbols.compactMap(\.symbolName)
        guard lossSymbols.contains(parameter) else {
            throw w.error("'\(parameter)' is not a parameter of the loss \(loss) (its symbols are \(lossSymbols.joined(separator: ", ")))"
                          + scope.suggestion(for: parameter, among: lossSymbols), column: update.parameterColumn)
        }
        let gradient = try scope.derivative(stagedLoss, withRespectTo: parameter)
        let p = Expr.symbol(parameter)
        let step = p - rate * gradient
        let rule = scope.fold(try scope.stage(w))
        let comparison = Comparison.compare(stage: rule, step, full: scope.expand(rule), scope.expand(step),
                                            hasDerivatives: true, options: options, clock: clock)
        let stepText = "\(parameter) - \(rate)*d(\(loss))/d(\(parameter))"
        switch comparison.status {
        case .proved:
            return ClaimResult(line: claim.line, text: claim.text, kind: .update, status: .proved,
                               summary: "holds: this is the gradient step \(stepText) (\(comparison.reason))"
                                   + ClaimChecker.generality([scope.expand(rule), scope.expand(step)]),
                               details: [], counterexample: nil, expected: nil, failedStep: nil, partiallyWrong: false)
        case .undecided:
            return ClaimResult(line: claim.line, text: claim.text, kind: .update, status: .undecided,
                               summary: "could not decide whether this is the gradient step \(stepText): \(comparison.reason)",
                               details: [], counterexample: nil, expected: nil, failedStep: nil, partiallyWrong: false)
        case .refuted:
            let stepWritten = WrittenExpression(expr: step, derivatives: [], text: stepText, line: w.line, column: w.column,
                                                names: [:], lineText: w.lineText)
            var explanation = explainRefutation(comparison, left: w, right: stepWritten, stagedLeft: rule, stagedRight: step,
                                                fullLeft: scope.expand(rule), fullRight: scope.expand(step),
                                                phrase: { "the rule gives \($0) but the gradient step gives \($1)" })
            let correctGradient = PlainPrinter.print(scope.present(gradient).simplify(), limit: 400)
            let correctRule = scope.present(step).simplify()
            explanation.details = explanation.details.filter { !$0.hasPrefix(w.text) }
            explanation.details.append("d(\(loss))/d(\(parameter)) works out to \(correctGradient), so the rule should be: \(parameter)_new = \(PlainPrinter.print(correctRule, limit: 400))")
            let summary = explanation.summary
                .replacingOccurrences(of: "wrong: at ", with: "wrong: this is not the gradient step \(stepText); at ")
            let details = explanation.details
            return ClaimResult(line: claim.line, text: claim.text, kind: .update, status: .refuted, summary: summary,
                               details: details + unknownNameHints(in: [w], claimLine: claim.line)
                                .filter { !$0.contains("'\(rate)'") },
                               counterexample: comparison.evidence?.counterexample, expected: .expression(correctRule),
                               failedStep: nil, partiallyWrong: explanation.partial)
        }
    }
}
