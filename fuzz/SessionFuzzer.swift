// libFuzzer target for the session language (notebook cells, REPL lines).
//
// For every input, run as one chunk of session input in a fresh session:
// every error must point inside the text, and the output must render.
// Built-ins that read files or train are reached too; inputs are short
// (-max_len), so they stay within the documented limits.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let output = Session().run(text)
    for case .error(let error) in output.entries { requireInside(error, text) }
    _ = output.text
    return 0
}
