import Testing
import SymDiff

/// The parser's contract over many generated inputs: every text either
/// parses, and then prints to text that parses back to the same expression,
/// or throws a `SourceError` that points inside the text. Nothing else
/// (another error, a trap) is allowed.
///
/// Inputs are valid expressions printed by the engine and then mutated
/// (truncated, characters deleted, inserted, swapped or duplicated, stray
/// Unicode, unknown functions, huge numbers), from a fixed `SplitMix64` seed.
@Suite("Parser property: a correct parse or a positioned error")
struct ParserPropertyTests {
    static let inputCount = 100_000

    @Test("100,000 mutated expressions parse correctly or fail with a positioned SourceError")
    func mutatedExpressions() {
        var rng = SplitMix64(seed: 0x5EED_0008)
        // A pool of valid printed expressions; each is mutated many times.
        var pool: [String] = []
        for _ in 0..<2_000 { pool.append(ExpressionGenerator.expression(&rng, depth: 3).description) }

        var outcome = Outcome()
        for i in 0..<Self.inputCount {
            let base = pool[i % pool.count]
            let text = Mutator.mutate(base, &rng)
            outcome.check(text)
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures.prefix(5).joined(separator: "\n"))")
        // The mix exercises both outcomes in earnest (guards against a generator that only makes garbage).
        #expect(outcome.parsed > Self.inputCount / 10)
        #expect(outcome.rejected > Self.inputCount / 10)
    }

    @Test("the printed form of every generated expression parses back to it")
    func printedRoundTrip() throws {
        var rng = SplitMix64(seed: 8)
        for _ in 0..<3_000 {
            let e = ExpressionGenerator.expression(&rng, depth: 5)
            let text = e.description
            let back = try Expr.parse(text)
            #expect(back == e, "\(text) read back as \(back)")
        }
    }
}

/// Checks one text against the contract and counts the outcomes.
struct Outcome {
    var parsed = 0
    var rejected = 0
    var failures: [String] = []

    mutating func check(_ text: String) {
        do {
            let e = try Expr.parse(text)
            parsed += 1
            let printed = e.description
            do {
                let again = try Expr.parse(printed)
                if again != e { failures.append("\(text.debugDescription): printed \(printed), read back \(again)") }
            } catch {
                failures.append("\(text.debugDescription): printed \(printed.debugDescription) does not parse: \(error)")
            }
        } catch let error as SourceError {
            rejected += 1
            // Lines and columns count Unicode scalars ("\r\n" is one Character but two scalars).
            let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            let lineLength = error.line >= 1 && error.line <= lines.count ? lines[error.line - 1].count : -1
            if lineLength < 0 || error.column < 1 || error.column > lineLength + 1 || error.message.isEmpty {
                failures.append("\(text.debugDescription): error outside the text: \(error)")
            }
        } catch {
            failures.append("\(text.debugDescription): not a SourceError: \(error)")
        }
    }
}

/// Random expressions built with the engine's constructors.
enum ExpressionGenerator {
    static let names = ["x", "y", "z", "W1", "b_2", "target", "a1"]

    static func leaf(_ rng: inout SplitMix64) -> Expr {
        switch rng.next() % 20 {
        case 0...9: return .symbol(names[Int(rng.next() % UInt64(names.count))])
        case 10...13: return .number(Int(rng.next() % 25) - 5)
        case 14, 15: return .rational(Int(rng.next() % 9) + 1, Int(rng.next() % 7) + 2)
        case 16...18: return .number(Number([0.5, 1e-3, 2.5e10, 0.2, 3.75][Int(rng.next() % 5)]))
        default: return .number(Number(BigInt(3).power(Int(rng.next() % 10) + 40)))   // beyond Int
        }
    }

    static func expression(_ rng: inout SplitMix64, depth: Int) -> Expr {
        if depth == 0 || rng.next() % 4 == 0 { return leaf(&rng) }
        let a = expression(&rng, depth: depth - 1)
        switch rng.next() % 11 {
        case 0: return a + expression(&rng, depth: depth - 1)
        case 1: return a - expression(&rng, depth: depth - 1)
        case 2: return a * expression(&rng, depth: depth - 1)
        case 3: return a / expression(&rng, depth: depth - 1)
        case 4: return a ** .number(Int(rng.next() % 7) - 3)
        case 5: return a ** expression(&rng, depth: 1)
        case 6: return sqrt(a)
        case 7: return -a
        // n-ary constructors, as diff and gradient build them (not only binary operators)
        case 8: return .mul([.number(Int(rng.next() % 5) + 2), a, expression(&rng, depth: depth - 1), expression(&rng, depth: 1)])
        case 9: return .add([a, expression(&rng, depth: depth - 1), expression(&rng, depth: 1)])
        default:
            // Constants (E, pi: no arguments) are leaves, not applications of `a`.
            let applied = Function.all.filter { $0.arity > 0 }
            let f = applied[Int(rng.next() % UInt64(applied.count))]
            let args = [a] + (1..<f.arity).map { _ in expression(&rng, depth: depth - 1) }
            return .apply(f, args)
        }
    }
}

/// Damage to valid text, one or a few edits at random places.
enum Mutator {
    static let insertions = [
        "x", "y", "1", "0", ".", "e", "E", "+", "-", "*", "/", "^", "**", "(", ")", ",", " ", "\n", "\t",
        "µ", "∂", "😀", "é", "\u{0}", "\u{200B}", "$", "_", "sigmoid(", "foo(", "Max(", "pow(", "sqrt",
        "1e999", "1e-999", "1e308", "99999999999999999999999999999", "0**-1", "/0", "oo", "nan",
        String(repeating: "q", count: 300),
    ]

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        let edits = 1 + Int(rng.next() % 3)
        for _ in 0..<edits {
            let position = scalars.isEmpty ? 0 : Int(rng.next() % UInt64(scalars.count + 1))
            switch rng.next() % 7 {
            case 0:   // truncate
                scalars.removeSubrange(position...)
            case 1, 2:   // delete one or a few characters
                if position < scalars.count {
                    scalars.removeSubrange(position..<min(scalars.count, position + 1 + Int(rng.next() % 3)))
                }
            case 3, 4:   // insert a token
                let piece = insertions[Int(rng.next() % UInt64(insertions.count))]
                scalars.insert(contentsOf: piece.unicodeScalars, at: position)
            case 5:   // swap two characters
                if scalars.count >= 2 {
                    let other = Int(rng.next() % UInt64(scalars.count))
                    scalars.swapAt(min(position, scalars.count - 1), other)
                }
            default:   // duplicate a slice
                if position < scalars.count {
                    let end = min(scalars.count, position + 1 + Int(rng.next() % 12))
                    scalars.insert(contentsOf: scalars[position..<end], at: end)
                }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
