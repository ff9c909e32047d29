/// How a document writes its maths: a derivation file (one statement a
/// line), Markdown with `$…$` math, or LaTeX.
///
/// ```swift
/// DocumentFormat(path: "notes/backprop.md")   // .markdown
/// DocumentFormat(path: "proof.tex")           // .latex
/// DocumentFormat(path: "steps.txt")           // .text
/// ```
public enum DocumentFormat: String, CaseIterable, Sendable {
    case text, markdown, latex

    /// The format a file's extension says; derivation files otherwise.
    public init(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower.hasSuffix(".mdown") {
            self = .markdown
        } else if lower.hasSuffix(".tex") || lower.hasSuffix(".latex") {
            self = .latex
        } else {
            self = .text
        }
    }
}
