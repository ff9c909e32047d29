import Language
import SymDiff

/// Checks the maths of a Markdown or LaTeX document as published: each
/// formula is read into the derivation language (definitions, bindings of
/// the point, claims, chains, numeric steps, update rules) and checked by
/// the same checker as derivation files; positions point into the document.
///
/// ```swift
/// let report = DocumentChecker(format: .markdown).check("""
///     Let $z = wx + b$ and $\\hat{y} = \\sigma(z)$.
///     $$\\frac{\\partial \\hat{y}}{\\partial w} = \\hat{y}(1 - \\hat{y})\\,x$$
///     """)
/// report.derivation.claims.map(\\.status)   // [.proved]
/// ```
public struct DocumentChecker: Sendable {
    public var format: DocumentFormat
    public var options: CheckerOptions
    public var directives: DocumentDirectives

    public init(format: DocumentFormat, options: CheckerOptions = .init(), directives: DocumentDirectives = .init()) {
        self.format = format
        self.options = options
        self.directives = directives
    }

    public func check(_ text: String) -> DocumentReport {
        let reading = DocumentReader(format: format, directives: directives).read(text)
        let report = DerivationChecker(options: options).check(reading.statements, errors: reading.errors,
                                                               unparsedDefinitions: [:], lines: reading.lines)
        if reading.matrixClaims.isEmpty { return DocumentReport(derivation: report, reading: reading) }
        let claims = (report.claims + reading.matrixClaims.map { $0.result() }).enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        let merged = DerivationReport(claims: claims, errors: report.errors, statementCount: report.statementCount)
        return DocumentReport(derivation: merged, reading: reading)
    }
}

/// The verdicts on a document, with what was read, skipped and decided.
public struct DocumentReport: Sendable {
    /// The claims' verdicts and the errors (unreadable formulas among them).
    public let derivation: DerivationReport
    public let reading: DocumentReading

    /// Formulas skipped for a reason other than having no relation.
    public var skippedClaims: [SkippedFormula] {
        reading.skipped.filter { !$0.reason.hasPrefix("no relation") }
    }

    /// Every claim proved, no step undecided, nothing unreadable.
    public var allHold: Bool { derivation.allHold && reading.undecided.isEmpty }

    /// Each checked formula by document line with ✓ / ✗ / ?, the skipped
    /// ones with why, the reader's notes, then a coverage line.
    public func text(name: String? = nil) -> String {
        var entries: [(line: Int, order: Int, text: String)] = []
        var order = 0
        func add(_ line: Int, _ text: String) {
            entries.append((line, order, text))
            order += 1
        }
        for note in reading.notes { add(note.line, "· line \(note.line): \(note.text)\n") }
        let claims = derivation.claims
        for claim in claims {
            let shown = reading.names
            var text = "\(claim.mark) line \(claim.line): \(claim.text)\n    \(shown.shown(claim.summary))\n"
            for detail in claim.details { text += "    \(shown.shown(detail))\n" }
            if claim.status != .proved { for note in reading.claimNotes[claim.line] ?? [] { text += "    \(note)\n" } }
            if claim.text.hasPrefix("whole chain: "), claim.status == .refuted,
               claims.filter({ $0.line == claim.line && !$0.text.hasPrefix("whole chain: ") }).allSatisfy({ $0.status == .proved }) {
                text += "    each step holds to its rounding, but the chain from its first side to its last does not\n"
            }
            add(claim.line, text)
        }
        for step in reading.undecided { add(step.line, "? line \(step.line): \(step.text)\n    could not decide: \(step.reason)\n") }
        for skipped in skippedClaims { add(skipped.line, "- line \(skipped.line): \(skipped.text)\n    skipped: \(skipped.reason)\n") }
        for error in derivation.errors {
            let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
            var text = "\(lines[0])\n"
            for rest in lines.dropFirst() { text += "  \(rest)\n" }
            add(error.line, text)
        }
        var out = entries.sorted { ($0.line, $0.order) < ($1.line, $1.order) }.map(\.text).joined()
        if !out.isEmpty { out += "\n" }
        out += (name.map { "\($0): " } ?? "") + coverageLine + "\n"
        out += summaryLine + "\n"
        return out
    }

    /// "58 formulas: 30 checked, 20 skipped (18 without a relation, 2 ∈), 8 unreadable".
    public var coverageLine: String {
        let noRelation = reading.skipped.filter { $0.reason.hasPrefix("no relation") }.count
        let other = reading.skipped.count - noRelation
        var parts = ["\(reading.formulaCount) formula\(reading.formulaCount == 1 ? "" : "s") found"]
        if noRelation > 0 { parts.append("\(noRelation) without a relation") }
        if other > 0 { parts.append("\(other) skipped with a reason") }
        if !derivation.errors.isEmpty { parts.append("\(derivation.errors.count) could not be read") }
        return parts.joined(separator: ", ")
    }

    /// "12 checks: 10 hold, 1 wrong, 1 undecided".
    public var summaryLine: String {
        let undecided = derivation.undecided + reading.undecided.count
        let total = derivation.claims.count + reading.undecided.count
        if total == 0 { return "no claims to check" }
        return "\(total) check\(total == 1 ? "" : "s"): \(derivation.proved) hold, \(derivation.refuted) wrong, \(undecided) undecided"
    }
}
