import Foundation
import Testing
import SymDiff
@testable import Notebooks

/// Issue 17's differential suite: random session programs written by
/// `Tests/Differential/generate.py` with SymPy's answers (run by hand; the
/// test needs no Python). Each query's printed result must agree with SymPy's
/// value at the program's point, and each `check` must never contradict
/// SymPy's verdict: a rewrite SymPy says is equal is never refuted, a mutant
/// that differs at a point never holds.
@Suite("Session programs agree with SymPy")
struct DifferentialTests {
    static let programs: [Program] = {
        let url = packageRoot.appendingPathComponent("Tests/Differential/programs.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Program.parse(text)
    }()

    @Test("the fixture holds at least 500 programs")
    func fixture() {
        #expect(Self.programs.count >= 500)
    }

    /// Four slices, so the programs run on every core.
    @Test("every query's result has SymPy's value, every check keeps SymPy's verdict", arguments: 0..<4)
    func replay(slice: Int) {
        var failures: [String] = []
        var proved = 0, refuted = 0
        let mine = Self.programs.indices.filter { $0 % 4 == slice }.map { Self.programs[$0] }
        for program in mine {
            failures += program.replay(proved: &proved, refuted: &refuted)
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements, the first: \(failures.prefix(12).joined(separator: "\n"))")
        // Not a soundness bound, a sign the suite exercises the prover at all.
        #expect(proved > mine.count / 4 && refuted > mine.count / 4, "proved \(proved), refuted \(refuted)")
    }
}

/// One generated program: a point, definitions, queries with SymPy's values
/// and checks with SymPy's verdicts.
struct Program {
    var number = 0
    var point: [String: Double] = [:]
    var definitions: [String] = []
    var queries: [(line: String, value: Double)] = []
    var checks: [(line: String, equal: Bool)] = []

    static func parse(_ text: String) -> [Program] {
        var programs: [Program] = []
        var pendingQuery: String?
        var pendingCheck: String?
        for raw in text.split(separator: "\n") where !raw.hasPrefix("#") {
            let line = String(raw)
            func rest(_ prefix: String) -> String? {
                line.hasPrefix(prefix + " ") ? String(line.dropFirst(prefix.count + 1)) : nil
            }
            if let n = rest("program") {
                programs.append(Program(number: Int(n) ?? 0))
            } else if let p = rest("point") {
                for item in p.split(separator: ",") {
                    let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                    programs[programs.count - 1].point[parts[0]] = fraction(parts[1])
                }
            } else if let d = rest("define") {
                programs[programs.count - 1].definitions.append(d)
            } else if let q = rest("query") {
                pendingQuery = q
            } else if let v = rest("value"), let q = pendingQuery {
                programs[programs.count - 1].queries.append((q, Double(v) ?? .nan))
                pendingQuery = nil
            } else if let c = rest("check") {
                pendingCheck = c
            } else if let v = rest("verdict"), let c = pendingCheck {
                programs[programs.count - 1].checks.append((c, v == "equal"))
                pendingCheck = nil
            }
        }
        return programs
    }

    private static func fraction(_ text: String) -> Double {
        let parts = text.split(separator: "/")
        if parts.count == 2, let n = Double(parts[0]), let d = Double(parts[1]) { return n / d }
        return Double(text) ?? .nan
    }

    /// Runs the program in a fresh session; what disagrees with SymPy.
    func replay(proved: inout Int, refuted: inout Int) -> [String] {
        let session = Session()
        var failures: [String] = []
        func fail(_ what: String) { failures.append("program \(number): \(what)") }
        for definition in definitions {
            if let entry = session.execute(definition) { fail("\(definition) printed \(entry.text)") }
        }
        for query in queries {
            guard case .output(let shown)? = session.execute(query.line) else {
                fail("\(query.line) gave no result"); continue
            }
            if let number = Double(shown) {
                // eval prints six significant digits
                if !close(number, query.value, tolerance: 1e-5) { fail("\(query.line) = \(shown), SymPy \(query.value)") }
                continue
            }
            // The result may be written in the session's names: inline it, then evaluate it here.
            guard case .output(let inlined)? = session.execute("inline(\(shown))"),
                  let value = try? Expr.parse(inlined).evaluate(at: point) else {
                fail("\(query.line) = \(shown) could not be evaluated"); continue
            }
            if !close(value, query.value, tolerance: 1e-8) {
                fail("\(query.line) = \(shown) is \(value) at the point, SymPy \(query.value)")
            }
        }
        for check in checks {
            let shown = session.execute("check \(check.line)")?.text ?? ""
            if shown.hasPrefix("True") { proved += 1 }
            if shown.hasPrefix("False") { refuted += 1 }
            if check.equal && shown.hasPrefix("False") { fail("check \(check.line) refuted a SymPy rewrite: \(shown)") }
            if !check.equal && shown.hasPrefix("True") { fail("check \(check.line) holds for a mutant: \(shown)") }
        }
        return failures
    }

    private func close(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }
}
