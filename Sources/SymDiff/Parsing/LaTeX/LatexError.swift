/// A problem in a LaTeX formula at a scalar offset into it; the caller turns
/// it into a positioned error with the formula's place in its document.
///
/// ```swift
/// do { _ = try Expr.parseLatex("\\foo x") } catch { print(error) }
/// // error at line 1, column 1: unknown LaTeX command \foo
/// ```
public struct LatexError: Error, Equatable, Sendable {
    /// Index of the scalar the error is at (the text's length means its end).
    public let offset: Int
    public let message: String

    public init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }
}
