import Language
import SymDiff

/// Checks hand-written derivations claim by claim: which steps hold, which
/// are wrong (with a point where they fail and the correct value), and which
/// could not be decided. The file format is described in the README
/// (section "Checking derivations") and in `StatementParser`.
///
/// ```swift
/// let report = DerivationChecker().check("""
///     z = w*x + b
///     L = (sigmoid(z) - y)**2/2
///     d(L)/d(w) == (sigmoid(z) - y)*sigmoid(z)*(1 - sigmoid(z))*x
///     d(L)/d(b) == (sigmoid(z) - y)*x        # wrong: no x here
///     """)
/// report.claims.map(\.status)   // [.proved, .refuted]
/// print(report.text())
/// ```
public struct DerivationChecker: Sendable {
    public var options: CheckerOptions

    public init(options: CheckerOptions = .init()) {
        self.options = options
    }

    /// Checks every claim of a derivation file's text. Errors in some lines
    /// (with their line and column) do not stop the other lines being checked.
    public func check(_ text: String) -> DerivationReport {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var statements: [Statement] = []
        var errors: [SourceError] = []
        var unparsed: [String: Int] = [:]
        var matrices = MatrixStatements()
        for (index, line) in lines.enumerated() {
            do {
                statements += try StatementParser(line: index + 1, text: line).parse(matrices: &matrices)
            } catch let error as SourceError {
                errors.append(error)
                if let name = DerivationChecker.definedName(line), unparsed[name] == nil { unparsed[name] = index + 1 }
            } catch {
                errors.append(SourceError(message: "\(error)", line: index + 1, column: 1, sourceLine: line))
            }
        }
        return check(statements, errors: errors, unparsedDefinitions: unparsed, lines: lines)
    }

    /// Checks the claims among `statements`, read from `lines`, after
    /// `errors` found while reading them.
    func check(_ statements: [Statement], errors: [SourceError], unparsedDefinitions unparsed: [String: Int],
               lines: [String]) -> DerivationReport {
        var errors = errors
        let scope = DerivationScope(statements: statements, unparsedDefinitions: unparsed, lines: lines)
        errors += scope.errors
        let checker = ClaimChecker(scope: scope, options: options,
                                   clock: CheckClock(totalSeconds: options.secondsPerFile, perCheckSeconds: options.secondsPerCheck))
        var results: [ClaimResult] = []
        for case .claim(let claim) in statements {
            do {
                results.append(try checker.check(claim))
            } catch let error as SourceError {
                errors.append(error)
            } catch {
                errors.append(SourceError(message: "\(error)", line: claim.line, column: 1, sourceLine: lines[claim.line - 1]))
            }
        }
        errors.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return DerivationReport(claims: results, errors: errors, statementCount: statements.count)
    }

    /// Checks one claim, after the definitions it uses.
    ///
    /// ```swift
    /// let result = try DerivationChecker().check(claim: "d(L)/d(W2) == (y - t)*a1",
    ///                                            definitions: "a1 = sigmoid(W1*x + b1)\ny = W2*a1 + b2\nL = (y - t)**2/2")
    /// result.status   // .proved
    /// ```
    ///
    /// - Throws: `SourceError` when the claim or a definition cannot be
    ///   read, or the text holds no claim.
    public func check(claim: String, definitions: String = "") throws -> ClaimResult {
        let prefix = definitions.isEmpty ? "" : definitions + (definitions.hasSuffix("\n") ? "" : "\n")
        let report = check(prefix + claim)
        if let error = report.errors.first { throw error }
        let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).count
        guard let result = report.claims.last(where: { $0.line >= line }) else {
            throw SourceError(message: "not a claim: write 'A == B', 'E at x=1 ≈ 0.5' or 'W_new = ...'", line: line, column: 1, sourceLine: claim)
        }
        return result
    }

    /// The name a line was trying to define, so that uses of it can say its
    /// definition has an error instead of treating it as a free symbol.
    static func definedName(_ line: String) -> String? {
        let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !text.contains("=="), !text.contains("≈"), !text.contains("~="), let equals = text.firstIndex(of: "=") else { return nil }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard name.isName else { return nil }
        return name
    }
}

/// Everything `DerivationChecker.check` found, in file order.
public struct DerivationReport: Sendable {
    /// One result per claim, in file order.
    public let claims: [ClaimResult]
    /// Lines that could not be checked, in file order.
    public let errors: [SourceError]
    /// How many statements (definitions, points, settings, claims) were read.
    public let statementCount: Int

    public var proved: Int { claims.filter { $0.status == .proved }.count }
    public var refuted: Int { claims.filter { $0.status == .refuted }.count }
    public var undecided: Int { claims.filter { $0.status == .undecided }.count }
    /// Every claim proved and no line in error.
    public var allHold: Bool { errors.isEmpty && claims.allSatisfy { $0.status == .proved } }
    /// Nothing in the file could be read (every statement had an error).
    public var couldNotParse: Bool { statementCount == 0 && !errors.isEmpty }

    /// The report as a person reads it: each claim with ✓, ✗ or ? and why,
    /// each error with its line, column and a caret, then a count.
    public func text(name: String? = nil) -> String {
        var entries: [(line: Int, order: Int, text: String)] = []
        for (i, claim) in claims.enumerated() {
            var text = "\(claim.mark) line \(claim.line): \(claim.text)\n    \(claim.summary)\n"
            for detail in claim.details { text += "    \(detail)\n" }
            entries.append((claim.line, i, text))
        }
        for (i, error) in errors.enumerated() {
            let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
            var text = "\(lines[0])\n"
            for rest in lines.dropFirst() { text += "  \(rest)\n" }
            entries.append((error.line, claims.count + i, text))
        }
        var out = entries.sorted { ($0.line, $0.order) < ($1.line, $1.order) }.map(\.text).joined()
        if !out.isEmpty { out += "\n" }
        out += (name.map { "\($0): " } ?? "") + summaryLine + "\n"
        return out
    }

    /// "12 claims: 10 hold, 1 wrong, 1 undecided; 1 error".
    public var summaryLine: String {
        var text = claims.isEmpty ? "no claims to check"
            : "\(claims.count) claim\(claims.count == 1 ? "" : "s"): \(proved) hold, \(refuted) wrong, \(undecided) undecided"
        if !errors.isEmpty { text += "; \(errors.count) error\(errors.count == 1 ? "" : "s") in the file" }
        return text
    }
}
