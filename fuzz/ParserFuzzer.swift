// libFuzzer target for the expression parser and what follows a parse.
//
// Compiled together with the SymDiff sources (see run.sh), so it calls the
// engine directly. For every input:
//   1. parse it; a SourceError is a fine outcome, and must point inside the text;
//   2. on success, print it and parse the printout: it must give the same
//      expression (hash-consed, so `==` is identity);
//   3. differentiate with respect to its first free symbol (or a stand-in);
//   4. evaluate the expression and the derivative at a fixed point.
// Thrown errors are fine; traps, crashes, hangs and leaks are what libFuzzer reports.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    checkParser(text)
    return 0
}

func checkParser(_ text: String) {
    let e: Expr
    do {
        e = try Expr.parse(text)
    } catch let error as SourceError {
        requireInside(error, text)
        return
    } catch {
        fail("parse threw a non-SourceError: \(error)", text)
    }
    let printed = e.description
    do {
        let again = try Expr.parse(printed)
        if again != e { fail("parse(print(e)) != e; printed \(printed.debugDescription), reparsed \(again)", text) }
    } catch {
        fail("printed form does not parse: \(printed.debugDescription): \(error)", text)
    }
    _ = PlainPrinter.print(e, limit: 80)
    _ = LatexPrinter.print(e)
    _ = e.simplify()
    do { _ = try e.expand(termLimit: 10_000) } catch let error as SymDiffError { _ = error.description } catch {
        fail("expand threw a non-SymDiffError: \(error)", text)
    }
    let symbols = e.freeSymbols
    let variable = symbols.first ?? Expr.symbol("x")
    var point: [String: Double] = [:]
    for (i, s) in symbols.enumerated() { point[s.symbolName!] = 0.75 + 0.5 * Double(i % 5) - Double(i % 2) }
    var derivative: Expr?
    do {
        derivative = try e.diff(variable)
        _ = derivative!.description
        _ = try e.gradient(symbols)
    } catch let error as SymDiffError {
        _ = error.description
    } catch {
        fail("diff threw a non-SymDiffError: \(error)", text)
    }
    for f in [e, derivative].compactMap({ $0 }) {
        do {
            let value = try f.evaluate(at: point)
            if !value.isFinite { fail("evaluate returned \(value)", text) }
        } catch let error as SymDiffError {
            _ = error.description
        } catch {
            fail("evaluate threw a non-SymDiffError: \(error)", text)
        }
    }
}
