import Foundation
import Checker

/// One mutated claim: a derivation file whose only claim is a mutant of a
/// claim that holds, with the mutated line.
public struct Mutant: Sendable {
    public let subject: String
    public let kind: MutationKind
    /// The line as it was and as mutated (a claim, or a definition the claim uses).
    public let originalLine: String
    public let mutatedLine: String
    /// The claim's line in `text`.
    public let claimLine: Int
    /// The whole file: the subject's definitions, points and settings and this one claim.
    public let text: String
}

/// What became of one mutant.
public struct MutantOutcome: Sendable {
    public enum Category: String, Sendable {
        /// The mutant is still true: the checker may say anything but "wrong" is a (harmless) false refutation.
        case equivalent
        /// Not true, and the checker said wrong.
        case refuted
        /// Not true, and the checker could not decide.
        case undecided
        /// Not true, and the checker said it holds: the worst bug.
        case falseHold
        /// The checker reported an error for the mutated file (not a claim any more).
        case invalid
        /// The oracle could not decide (undefined at most points, or agreement only to rounding).
        case unknown
    }
    public let mutant: Mutant
    public let category: Category
    public let checkerStatus: ClaimResult.Status?
    public let note: String
    /// Time spent in the checker and in the oracle.
    public var checkerSeconds = 0.0, oracleSeconds = 0.0
}

/// Builds the mutants of every claim that holds, and judges each.
public struct MutationRunner: Sendable {
    public var options: CheckerOptions

    public init() {
        var o = CheckerOptions()
        // A mutant that needs a long proof is reported undecided sooner: the verdicts can only get safer.
        o.secondsPerCheck = 4
        options = o
    }

    /// The mutants of a subject's claims that the checker proves, with the
    /// originals the oracle could not confirm (each would be a false "holds"
    /// already in the subject, or an oracle error).
    /// The mutants of many subjects, built on `workers` threads, in subject order.
    public func mutants(of subjects: [MutationSubject], workers: Int) throws -> (mutants: [Mutant], unconfirmed: [String]) {
        let box = ResultsBox<Result<(mutants: [Mutant], unconfirmed: [String]), any Error>>(count: subjects.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, workers)) { _ in
            while let i = next.take(below: subjects.count) {
                box.set(i, Result { try mutants(of: subjects[i]) })
            }
        }
        var all: [Mutant] = []
        var unconfirmed: [String] = []
        for r in box.all() {
            let (m, u) = try r.get()
            all += m
            unconfirmed += u
        }
        return (all, unconfirmed)
    }

    public func mutants(of subject: MutationSubject) throws -> (mutants: [Mutant], unconfirmed: [String]) {
        let model = try DerivationModel(text: subject.text)
        let report = DerivationChecker(options: options).check(subject.text)
        let proved = Set(report.claims.filter { $0.status == .proved }.map(\.line))
        let claimLines = Set(model.claims.map(\.line))
        var base = model.lines
        for n in claimLines { base[n - 1] = "" }
        let sigmoidNames = Set(model.definitions.filter { if case .call("sigmoid", _) = $0.value { return true } else { return false } }.keys)
        let mutator = Mutator(names: model.knownNames, sigmoidNames: sigmoidNames)
        let oracle = ClaimOracle(model: model)
        var out: [Mutant] = []
        var unconfirmed: [String] = []
        for claim in model.claims where proved.contains(claim.line) {
            let original = DerivationModel.strip(model.lines[claim.line - 1])
            let truth = oracle.truth(of: claim)
            if truth != .holds {
                unconfirmed.append("\(subject.name) line \(claim.line): \(original) (oracle: \(truth))")
                continue
            }
            func file(_ claimText: String, definition: (Int, String)? = nil) -> String {
                var lines = base
                lines[claim.line - 1] = claimText
                if let (n, text) = definition { lines[n - 1] = text }
                return lines.joined(separator: "\n")
            }
            for (text, kind) in MutationRunner.claimMutants(claim, original, mutator) {
                out.append(Mutant(subject: subject.name, kind: kind, originalLine: original, mutatedLine: text,
                                  claimLine: claim.line, text: file(text)))
            }
            // The definitions the claim names directly (a δ, say), mutated one at a time.
            for name in MutationRunner.names(in: claim).sorted() {
                guard let definition = model.definitions[name], let n = model.definitionLines[name],
                      !claimLines.contains(n) else { continue }
                let written = DerivationModel.strip(model.lines[n - 1])
                for (f, kind) in mutator.mutants(of: definition) {
                    let text = "\(name) = \(f)"
                    out.append(Mutant(subject: subject.name, kind: kind, originalLine: written, mutatedLine: text,
                                      claimLine: claim.line, text: file(original, definition: (n, text))))
                }
            }
        }
        return (out, unconfirmed)
    }

    static func names(in claim: DerivationModel.Claim) -> Set<String> {
        switch claim.kind {
        case .equalities(let sides): return sides.reduce(into: Set<String>()) { $0.formUnion($1.symbols) }
        case .numeric(let e, _, _, _): return e.symbols
        case .update(_, let r): return r.symbols
        }
    }

    /// The claim line with one of its formulas mutated.
    static func claimMutants(_ claim: DerivationModel.Claim, _ line: String, _ mutator: Mutator) -> [(String, MutationKind)] {
        switch claim.kind {
        case .equalities(let sides):
            return sides.indices.flatMap { i in
                mutator.mutants(of: sides[i]).map { f, kind in
                    (sides.replacing(i, with: f).map(\.description).joined(separator: " == "), kind)
                }
            }
        case .update(let parameter, let rule):
            let head = line.contains("<-") ? "\(parameter) <- " : (line.contains("←") ? "\(parameter) ← " : "\(parameter)_new = ")
            return mutator.mutants(of: rule).map { (head + $0.0.description, $0.1) }
        case .numeric(let expression, _, let value, _):
            let approx = line.range(of: "≈") ?? line.range(of: "~=")!
            let left = String(line[..<approx.lowerBound])
            var right = line[approx.upperBound...].trimmingCharacters(in: " \t")
            let at = DerivationModel.topLevelAt(left).map { String(left[$0.lowerBound...]) } ?? ""
            right = String(right.dropFirst(value.text.count))
            var out = mutator.mutants(of: expression).map { ("\($0.0) \(at)≈ \(value.text)\(right)", $0.1) }
            if !value.literal.isZero {
                let scaled = DerivationModel.SignedLiteral(negative: value.negative, literal: value.literal.timesOnePointZeroOne)
                out.append(("\(expression) \(at)≈ \(scaled.text)\(right)", .constant))
                out.append(("\(expression) \(at)≈ \(value.negative ? "" : "-")\(value.literal.text)\(right)", .flipSign))
            }
            return out
        }
    }

    /// Judges one mutant: the oracle says whether it is true, the checker what it thinks.
    public func judge(_ mutant: Mutant) -> MutantOutcome {
        let t0 = Date()
        let report = DerivationChecker(options: options).check(mutant.text)
        let t1 = Date()
        var outcome = judge(mutant, report)
        outcome.checkerSeconds = t1.timeIntervalSince(t0)
        outcome.oracleSeconds = Date().timeIntervalSince(t1)
        return outcome
    }

    func judge(_ mutant: Mutant, _ report: DerivationReport) -> MutantOutcome {
        guard report.errors.isEmpty, let result = report.claims.first(where: { $0.line == mutant.claimLine }) else {
            return MutantOutcome(mutant: mutant, category: .invalid, checkerStatus: nil,
                                 note: report.errors.first.map { "\($0.message)" } ?? "no claim")
        }
        let truth: ClaimOracle.Truth
        do {
            let model = try DerivationModel(text: mutant.text)
            guard let claim = model.claims.first(where: { $0.line == mutant.claimLine }) else {
                return MutantOutcome(mutant: mutant, category: .invalid, checkerStatus: result.status, note: "oracle: no claim")
            }
            truth = ClaimOracle(model: model).truth(of: claim)
        } catch {
            return MutantOutcome(mutant: mutant, category: .invalid, checkerStatus: result.status, note: "oracle: \(error)")
        }
        var truthHere = truth
        // Sampling can miss a small region (a kink moved a little): the checker's
        // counterexample, re-evaluated by the oracle at exactly that point, settles it.
        if truth != .fails, result.status == .refuted, let c = result.counterexample,
           let model = try? DerivationModel(text: mutant.text),
           let claim = model.claims.first(where: { $0.line == mutant.claimLine }),
           ClaimOracle(model: model).fails(claim, at: c.point) {
            truthHere = .fails
        }
        let category: MutantOutcome.Category
        switch (truthHere, result.status) {
        case (.unknown, _): category = .unknown
        case (.holds, _): category = .equivalent
        case (.fails, .proved): category = .falseHold
        case (.fails, .refuted): category = .refuted
        case (.fails, .undecided): category = .undecided
        }
        let note: String
        if case .unknown(let why) = truthHere { note = why } else { note = result.summary }
        return MutantOutcome(mutant: mutant, category: category, checkerStatus: result.status, note: note)
    }

    /// A fixed-seed sample of `count` mutants, taken round-robin over the kinds
    /// so that rare kinds (σ′ → σ) are represented.
    public static func sample(_ mutants: [Mutant], count: Int, seed: UInt64) -> [Mutant] {
        var rng = OracleRandom(seed: seed)
        var byKind: [MutationKind: [Mutant]] = [:]
        for m in mutants { byKind[m.kind, default: []].append(m) }
        var queues: [[Mutant]] = MutationKind.allCases.compactMap { byKind[$0] }.map { list in
            var l = list
            for i in stride(from: l.count - 1, to: 0, by: -1) { l.swapAt(i, rng.below(i + 1)) }
            return l
        }
        var out: [Mutant] = []
        while out.count < count, queues.contains(where: { !$0.isEmpty }) {
            for q in queues.indices where !queues[q].isEmpty && out.count < count { out.append(queues[q].removeLast()) }
        }
        return out
    }

    /// Judges every mutant on `workers` threads; outcomes in input order.
    public func judgeAll(_ mutants: [Mutant], workers: Int) -> [MutantOutcome] {
        let results = ResultsBox<MutantOutcome>(count: mutants.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, workers)) { _ in
            while let i = next.take(below: mutants.count) { results.set(i, judge(mutants[i])) }
        }
        return results.all()
    }
}

/// The totals the bench prints and the README reports.
public struct MutationSummary: Sendable {
    public var mutants = 0, equivalent = 0, refuted = 0, undecided = 0, falseHolds = 0, invalid = 0, unknown = 0
    public var falseRefutations = 0
    public var undecidedByKind: [MutationKind: Int] = [:]

    public init(_ outcomes: [MutantOutcome]) {
        for o in outcomes {
            switch o.category {
            case .equivalent:
                equivalent += 1
                if o.checkerStatus == .refuted { falseRefutations += 1 }
            case .refuted: refuted += 1
            case .undecided: undecided += 1; undecidedByKind[o.mutant.kind, default: 0] += 1
            case .falseHold: falseHolds += 1
            case .invalid: invalid += 1
            case .unknown: unknown += 1
            }
        }
        mutants = equivalent + refuted + undecided + falseHolds
    }

    /// refuted / non-equivalent.
    public var score: Double {
        let nonEquivalent = refuted + undecided + falseHolds
        return nonEquivalent == 0 ? 1 : Double(refuted) / Double(nonEquivalent)
    }

    public var json: String {
        let s = String(format: "%.4f", score)
        return "{\"mutants\":\(mutants),\"equivalent\":\(equivalent),\"refuted\":\(refuted),\"undecided\":\(undecided),\"falseHolds\":\(falseHolds),\"score\":\(s),\"invalid\":\(invalid),\"oracleUnknown\":\(unknown),\"falseRefutations\":\(falseRefutations)}"
    }
}

final class ResultsBox<T>: @unchecked Sendable {
    private var values: [T?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.lock(); values[i] = v; lock.unlock() }
    func all() -> [T] { lock.lock(); defer { lock.unlock() }; return values.map { $0! } }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below n: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < n else { return nil }
        value += 1
        return value - 1
    }
}
