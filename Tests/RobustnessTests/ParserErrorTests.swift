import Testing
import SymDiff

/// Bad expression text gets a `SourceError` that says what is wrong and
/// points at it (line, column, the line itself); odd but valid text parses
/// to what it says. Columns count Unicode scalars from 1.
@Suite("Parser errors are positioned")
struct ParserErrorTests {
    struct BadInput: CustomTestStringConvertible, Sendable {
        let text: String
        let line: Int
        let column: Int
        let says: String
        var testDescription: String { text.debugDescription }
    }

    // Expected positions counted by hand on the text.
    static let badInputs: [BadInput] = [
        BadInput(text: "", line: 1, column: 1, says: "found the end of the input"),
        BadInput(text: "   ", line: 1, column: 4, says: "found the end of the input"),
        BadInput(text: "x +", line: 1, column: 4, says: "found the end of the input"),
        BadInput(text: "x * (y + 1", line: 1, column: 5, says: "this '(' is never closed"),
        BadInput(text: "sigmoid(x", line: 1, column: 1, says: "the '(' of sigmoid(...) is never closed"),
        BadInput(text: "x + 1)", line: 1, column: 6, says: "unmatched ')'"),
        BadInput(text: ")", line: 1, column: 1, says: "expected a number, name or '('"),
        BadInput(text: "((((x)))", line: 1, column: 1, says: "never closed"),
        BadInput(text: "sigmod(x)", line: 1, column: 1, says: "unknown function 'sigmod' (did you mean 'sigmoid'?)"),
        BadInput(text: "x + tanhh(y)", line: 1, column: 5, says: "unknown function 'tanhh' (did you mean 'tanh'?); known: exp, log"),
        BadInput(text: "f'(x, y)", line: 1, column: 1, says: "f' is the derivative of a function of one argument"),
        BadInput(text: "f' + 1", line: 1, column: 1, says: "'f'' is a derivative: write f'(...)"),
        BadInput(text: "sigmoid + 1", line: 1, column: 1, says: "'sigmoid' is a function"),
        BadInput(text: "exp(x, y)", line: 1, column: 1, says: "exp takes 1 argument, got 2"),
        BadInput(text: "Max(x)", line: 1, column: 1, says: "Max takes 2 arguments, got 1"),
        BadInput(text: "pow(x, )", line: 1, column: 8, says: "found ')'"),
        BadInput(text: "exp()", line: 1, column: 5, says: "found ')'"),
        BadInput(text: "x, y", line: 1, column: 2, says: "',' outside a function call"),
        BadInput(text: "(x, y)", line: 1, column: 3, says: "',' outside a function call"),
        BadInput(text: "x y", line: 1, column: 3, says: "expected an operator or the end but found 'y'"),
        BadInput(text: "2x", line: 1, column: 2, says: "write '2*x' for a product"),
        BadInput(text: "x ** ** 2", line: 1, column: 6, says: "found '**'"),
        BadInput(text: "x $ y", line: 1, column: 3, says: "unexpected character '$'"),
        BadInput(text: "µ + 1", line: 1, column: 1, says: "U+B5"),
        BadInput(text: "∂L/∂w", line: 1, column: 1, says: "U+2202 (names are ASCII letters, digits and _)"),
        BadInput(text: "x + 😀", line: 1, column: 5, says: "U+1F600"),
        BadInput(text: "x\u{0}", line: 1, column: 2, says: "U+0"),
        BadInput(text: "x +\n  * y", line: 2, column: 3, says: "found '*'"),
        BadInput(text: "a +\nb *\n(c", line: 3, column: 1, says: "never closed"),
        BadInput(text: "1e999", line: 1, column: 1, says: "too large for a floating-point value"),
        BadInput(text: "x*1.5e400", line: 1, column: 3, says: "too large"),
        BadInput(text: "1e-999", line: 1, column: 1, says: "too small for a floating-point value"),
        BadInput(text: "0x10", line: 1, column: 2, says: "expected an operator after the number '0'"),
    ]

    @Test("each bad input gives a SourceError at the offending character", arguments: badInputs)
    func positioned(_ input: BadInput) {
        do {
            let e = try Expr.parse(input.text)
            Issue.record("parsed \(input.text.debugDescription) as \(e)")
        } catch let error as SourceError {
            #expect(error.line == input.line, "\(error)")
            #expect(error.column == input.column, "\(error)")
            #expect(error.message.contains(input.says), "\(error)")
        } catch {
            Issue.record("not a SourceError: \(error)")
        }
    }

    @Test("the error's description shows the line and a caret under the column")
    func caret() throws {
        let error = try #require(throws: SourceError.self) { try Expr.parse("x + * y") }
        #expect(error.description == """
            error at line 1, column 5: expected a number, name or '(' but found '*'
              x + * y
                  ^
            """)
    }

    @Test("an expression embedded in a file reports the file's line and column")
    func offset() throws {
        let error = try #require(throws: SourceError.self) { try Expr.parse("x +", line: 7, column: 10) }
        #expect((error.line, error.column) == (7, 13))
        let second = try #require(throws: SourceError.self) { try Expr.parse("x +\n)", line: 7, column: 10) }
        #expect((second.line, second.column) == (8, 1))   // later lines start at column 1
    }

    @Test("an error far into a very long line is shown cut around the caret")
    func longLine() throws {
        let text = String(repeating: "x + ", count: 5_000) + "$"
        let error = try #require(throws: SourceError.self) { try Expr.parse(text) }
        #expect(error.column == 20_001)
        let shown = error.description.split(separator: "\n")
        #expect(shown.count == 3)
        #expect(shown[1].count < 120)
        // The caret sits under the '$'.
        let caretColumn = shown[2].firstIndex(of: "^").map { shown[2].distance(from: shown[2].startIndex, to: $0) }
        let dollarColumn = shown[1].firstIndex(of: "$").map { shown[1].distance(from: shown[1].startIndex, to: $0) }
        #expect(caretColumn != nil && caretColumn == dollarColumn)
    }

    @Test("a very long function name is cut in the message")
    func longUnknownName() throws {
        let name = String(repeating: "f", count: 100_000)
        let error = try #require(throws: SourceError.self) { try Expr.parse(name + "'(x, y)") }
        #expect(error.message.count < 300)
        #expect(error.column == 1)
    }
}

@Suite("Odd but valid input parses to what it says")
struct ParserEdgeCaseTests {
    @Test("a 100,000-character identifier is one symbol and prints back")
    func longIdentifier() throws {
        let name = "w" + String(repeating: "a1_", count: 33_333)
        let e = try Expr.parse("2*\(name) + 1")
        #expect(e.freeSymbols == [Expr.symbol(name)])
        #expect(try Expr.parse(e.description) == e)
    }

    @Test("integers with thousands of digits stay exact")
    func hugeInteger() throws {
        // 10**4999 + 7 has 5000 digits; subtracting 10**4999 (built by the engine's exact power) leaves 7.
        let text = "1" + String(repeating: "0", count: 4_994) + "00007"
        let e = try Expr.parse(text)
        #expect(e.description == text)
        #expect(try Expr.parse("\(text) - 10**4999") == Expr.number(7))
        #expect(try Expr.parse("\(text)/\(text)") == Expr.one)
        // Evaluating it overflows a double, which is reported, not returned as inf.
        #expect(throws: SymDiffError.self) { try e.evaluate(at: [String: Double]()) }
    }

    @Test("decimal forms: 1., .5, 1.e5, 007, 1e-300, 5e-324")
    func decimals() throws {
        #expect(try Expr.parse("1.") == Expr.number(Number(1.0)))
        #expect(try Expr.parse(".5") == Expr.number(Number(0.5)))
        #expect(try Expr.parse("1.e5") == Expr.number(Number(100_000.0)))
        #expect(try Expr.parse("007") == Expr.number(7))
        #expect(try Expr.parse("1e-300").numberValue == Number(1e-300))
        // The smallest subnormal double still parses; only a literal that rounds to 0 is refused.
        #expect(try Expr.parse("5e-324").numberValue == Number(Double.leastNonzeroMagnitude))
        #expect(try Expr.parse("0e-999") == Expr.number(Number(0.0)))
        #expect(try Expr.parse("0.000") == Expr.number(Number(0.0)))
    }

    @Test("whitespace of every kind between tokens, and none at all")
    func whitespace() throws {
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        #expect(try Expr.parse(" \t x\r\n*\ty \n") == x * y)
        #expect(try Expr.parse("x*y") == x * y)
        #expect(try Expr.parse("-x**2") == -(x ** 2))             // SymPy: -x**2 is -(x**2)
        #expect(try Expr.parse("2**-x*y") == (2 ** -x) * y)       // SymPy: 2**(-x)*y
        #expect(try Expr.parse("x^y^2") == x ** (y ** 2))         // right-associative
        #expect(try Expr.parse("--+-x") == -x)
    }

    @Test("oo and nan, how non-finite float constants print, parse back")
    func nonFiniteNames() throws {
        let big = try Expr.parse("1e308*10")                     // overflows to a float infinity
        #expect(big.description == "oo")
        #expect(try Expr.parse(big.description) == big)
        let nan = try Expr.parse("1e308*10 - 1e308*10")          // oo - oo
        #expect(nan.description == "nan")
        #expect(try Expr.parse(nan.description) == nan)
        #expect(try Expr.parse("-oo") == Expr.number(Number(-Double.infinity)))
        // Evaluating either is a non-finite error, never a value.
        #expect(throws: SymDiffError.self) { try big.evaluate(at: [String: Double]()) }
        #expect(throws: SymDiffError.self) { try nan.evaluate(at: [String: Double]()) }
    }
}
