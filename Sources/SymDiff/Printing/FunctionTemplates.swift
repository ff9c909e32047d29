/// A function's template (built by calling it with placeholder arguments)
/// split into text and argument slots, so table entries can print with
/// ordinary string interpolation. The table's templates are split once, so
/// printing a node does not rebuild and re-split its template every time.
struct SplitTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case argument(Int)
    }
    let parts: [Part]

    init(_ make: ([String]) -> String, arity: Int) {
        let filled = make((0..<arity).map { "\u{1}\($0)\u{1}" })
        var parts: [Part] = []
        // Pieces alternate: text, index, text, index, ..., text.
        for (i, piece) in filled.split(separator: "\u{1}", omittingEmptySubsequences: false).enumerated() {
            if i % 2 == 1, let index = Int(piece) {
                parts.append(.argument(index))
            } else if !piece.isEmpty {
                parts.append(.text(String(piece)))
            }
        }
        self.parts = parts
    }

    func pieces(_ arguments: [Expr]) -> [LayoutPiece] {
        parts.map { part in
            switch part {
            case .text(let t): return .text(t)
            case .argument(let i): return .operand(arguments[i])
            }
        }
    }

    static let latex = Dictionary(uniqueKeysWithValues: Function.all.map { ($0.name, SplitTemplate($0.latex, arity: $0.arity)) })
    static let swift = Dictionary(uniqueKeysWithValues: Function.all.map { ($0.name, SplitTemplate($0.swift, arity: $0.arity)) })

    /// The LaTeX pieces of `f(arguments)`; functions outside the table are split on the fly.
    static func latex(_ f: Function, _ arguments: [Expr]) -> [LayoutPiece] {
        latex[f.name]?.pieces(arguments) ?? SplitTemplate(f.latex, arity: arguments.count).pieces(arguments)
    }

    /// The Swift pieces of `f(arguments)`.
    static func swift(_ f: Function, _ arguments: [Expr]) -> [LayoutPiece] {
        swift[f.name]?.pieces(arguments) ?? SplitTemplate(f.swift, arity: arguments.count).pieces(arguments)
    }
}
