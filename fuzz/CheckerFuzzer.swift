// libFuzzer target for the derivation-file checker (`symdiff check FILE`).
//
// Compiled with the SymDiff, Language and Checker sources as one module (see
// run.sh). For every input, read as a derivation file:
//   1. check it; every reported error must point inside the text;
//   2. render the report as text (what `symdiff check` prints).
// Verdicts are not judged here (the mutation tests do that); traps, crashes
// and hangs are what libFuzzer reports.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let report = DerivationChecker().check(text)
    for error in report.errors { requireInside(error, text) }
    _ = report.text(name: "fuzz.txt")
    _ = report.summaryLine
    return 0
}
