// libFuzzer target for the LaTeX expression reader (`Expr.parseLatex`).
//
// For every input:
//   1. read it as LaTeX; a SourceError must point inside the text;
//   2. on success, print the expression as LaTeX and read that back: it must
//      print the same again (the printer writes `W1` as SymPy does, `W_{1}`,
//      which the reader names `W_1`, so the expressions may differ by such
//      renamings, but printing then reading is the identity on printed LaTeX);
//      and print it in SymPy syntax, which must parse back to the same
//      expression (hash-consed, so `==` is identity).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let e: Expr
    do {
        e = try Expr.parseLatex(text)
    } catch let error as SourceError {
        requireInside(error, text)
        return 0
    } catch {
        fail("parseLatex threw a non-SourceError: \(error)", text)
    }
    let latex = LatexPrinter.print(e)
    do {
        let again = LatexPrinter.print(try Expr.parseLatex(latex))
        if again != latex { fail("latex(parseLatex(latex(e))) != latex(e): \(latex.debugDescription), then \(again.debugDescription)", text) }
    } catch {
        fail("printed LaTeX does not read back: \(latex.debugDescription): \(error)", text)
    }
    do {
        if try Expr.parse(e.description) != e { fail("parse(print(e)) != e for \(e.description.debugDescription)", text) }
    } catch {
        fail("printed form does not parse: \(e.description.debugDescription): \(error)", text)
    }
    return 0
}
