import Testing
import SymDiff

/// The documented result or error of each classic edge case (README,
/// "Limits and errors"), and non-finite values during evaluation reported
/// as errors, never returned.
@Suite("Numeric edge cases have one documented outcome")
struct NumericEdgeCaseTests {
    enum Outcome: Sendable, CustomStringConvertible {
        /// Builds to this expression text; evaluating gives this value.
        case value(String, Double)
        /// Builds to this text (kept unevaluated); evaluating throws `.domain` saying this.
        case domainError(String, String)
        /// Builds to the undefined constant `nan`; evaluating throws `.nonFinite`.
        case undefined
        var description: String {
            switch self {
            case .value(let t, let v): return "\(t) = \(v)"
            case .domainError(let t, let m): return "\(t): \(m)"
            case .undefined: return "nan"
            }
        }
    }

    // SymPy for comparison: 1/S(0) → zoo, log(0) → zoo, log(-1) → I*pi, S(0)**0 → 1,
    // S(0)**-1 → zoo. symdiff is real-valued: it keeps the undefined ones
    // unevaluated and refuses to evaluate them.
    static let cases: [(String, Outcome)] = [
        ("1/0", .domainError("0**(-1)", "division by zero")),
        ("0**-1", .domainError("0**(-1)", "division by zero")),
        ("x/0", .domainError("0**(-1)*x", "division by zero")),
        ("1/0.0", .domainError("0.0**(-1)", "division by zero")),
        ("log(0)", .domainError("log(0)", "log of a non-positive number (0.0)")),
        ("log(-1)", .domainError("log(-1)", "log of a non-positive number (-1.0)")),
        ("log(0.0)", .domainError("log(0.0)", "log of a non-positive number")),
        ("sqrt(-1)", .domainError("sqrt(-1)", "fractional power of a negative number")),
        ("(-8)**(1/3)", .domainError("(-8)**(1/3)", "fractional power of a negative number")),
        ("0/0", .undefined),                 // SymPy: nan
        ("0*(1/0)", .undefined),
        ("(x - x)/(x - x)", .undefined),
        ("0**0", .value("1", 1)),            // SymPy: 1
        ("0.0**0", .value("1", 1)),          // x**0 is 1 for every x, as SymPy
        ("0**(1/2)", .value("sqrt(0)", 0)),
        ("(-8)**(1/3)*0 + 2", .value("2", 2)),
        ("(-1)**(10**30)", .value("(-1)**1000000000000000000000000000000", 1)),
    ]

    @Test("edge case", arguments: cases)
    func edgeCase(_ text: String, _ outcome: Outcome) throws {
        let e = try Expr.parse(text)
        switch outcome {
        case .value(let printed, let value):
            #expect(e.description == printed)
            #expect(try e.evaluate(at: [String: Double]()) == value)
        case .domainError(let printed, let message):
            #expect(e.description == printed)
            let error = try #require(throws: SymDiffError.self) { try e.evaluate(at: ["x": 1]) }
            guard case .domain(let text) = error else { Issue.record("expected a domain error, got \(error)"); return }
            #expect(text.contains(message), "\(text)")
        case .undefined:
            #expect(e.description == "nan")
            let error = try #require(throws: SymDiffError.self) { try e.evaluate(at: ["x": 1]) }
            guard case .nonFinite = error else { Issue.record("expected a non-finite error, got \(error)"); return }
        }
    }

    @Test("a symbolic division by zero is an error only where it happens")
    func divisionAtAPoint() throws {
        let e = try Expr.parse("1/(x - 1)")
        #expect(try e.evaluate(at: ["x": 3]) == 0.5)
        let error = try #require(throws: SymDiffError.self) { try e.evaluate(at: ["x": 1]) }
        #expect(error == .domain("division by zero in 1/(x - 1)"))
        let logError = try #require(throws: SymDiffError.self) { try log(Expr.symbol("x")).evaluate(at: ["x": -2]) }
        #expect(logError == .domain("log of a non-positive number (-2.0) in log(x)"))
    }

    @Test("floats overflowing to infinity during evaluation are reported with the node", arguments: [
        ("exp(x)", ["x": 1000.0], "exp(x) evaluates to oo"),
        ("x*y", ["x": 1e200, "y": 1e200], "x*y evaluates to oo"),
        ("x**y", ["x": 10, "y": 400], "x**y evaluates to oo"),
        ("x + y", ["x": 1.7e308, "y": 1.7e308], "x + y evaluates to oo"),
        ("1 - exp(x)", ["x": 800], "exp(x) evaluates to oo"),   // the first node that overflows
    ])
    func overflow(_ text: String, _ point: [String: Double], _ message: String) throws {
        let error = try #require(throws: SymDiffError.self) { try Expr.parse(text).evaluate(at: point) }
        #expect(error == .nonFinite(message))
    }

    @Test("an infinite intermediate value is reported even when the final value would be finite")
    func hiddenOverflow() throws {
        // exp(x)/exp(x) is 1 symbolically, but sigmoid-free forms such as
        // 1/(1 + exp(x)) pass through inf at x = 1000; the engine reports it
        // instead of returning 0 silently.
        let error = try #require(throws: SymDiffError.self) { try Expr.parse("1/(1 + exp(x))").evaluate(at: ["x": 1000]) }
        guard case .nonFinite = error else { Issue.record("\(error)"); return }
        // The library's sigmoid is evaluated stably: 1/(1 + e^(-x)) at -1000 is 0 without overflow.
        #expect(try sigmoid(Expr.symbol("x")).evaluate(at: ["x": -1000]) == 0)
    }

    @Test("non-finite or missing inputs are errors naming the symbol")
    func badPoint() throws {
        let e = try Expr.parse("x + y")
        #expect(throws: SymDiffError.unboundSymbol("y")) { try e.evaluate(at: ["x": 1]) }
        let error = try #require(throws: SymDiffError.self) { try e.evaluate(at: ["x": .nan, "y": 1]) }
        guard case .nonFinite(let message) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("x"))
    }
}
