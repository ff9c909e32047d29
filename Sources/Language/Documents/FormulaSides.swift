import SymDiff

/// A row cut at its relations: `A = B \approx C` is three sides and two
/// relations. Relations inside braces, parentheses or inner environments
/// (`\sum_{k=1}`, `\begin{cases} … z > 0 …`) are part of a side.
struct FormulaSides {
    var row: FormulaRow
    /// Row offsets of each side.
    var sides: [Range<Int>]
    var relations: [LatexRelation]
    /// The relation as written, for skip reasons (`\in`, `<`).
    var relationTexts: [String]
    /// The row it came from: the pieces of a list share it, and a row is
    /// read whole or not at all.
    var group = 0

    /// The rows a row stands for: itself, or one per entry of a list such as
    /// `x = 0.5, w = 1.2, b = -0.8`.
    static func split(_ row: FormulaRow) throws(LatexError) -> [FormulaSides] {
        let tokens = try LatexLexer(row.string).tokens()
        var commas: [Int] = []
        var braces = 0, parens = 0, environments = 0
        var cuts: [(start: Int, end: Int, relation: LatexRelation, text: String)] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            switch t.kind {
            case .open: braces += 1
            case .close: braces -= 1
            case .command("begin"): environments += 1
            case .command("end"): environments -= 1
            case .command("left"):
                parens += 1
                i += 1
            case .command("right"):
                parens -= 1
                i += 1
            case .symbol("("), .symbol("["): parens += 1
            case .symbol(")"), .symbol("]"): parens -= 1
            default: break
            }
            let top = braces == 0 && environments == 0
            if top, parens <= 0 {
                switch t.kind {
                case .symbol(","):
                    commas.append(t.offset)
                case .symbol(":") where tokens[i + 1].kind == .symbol("="):
                    cuts.append((t.offset, tokens[i + 1].offset + 1, .assignment, ":="))
                    i += 1
                case .symbol("="):
                    cuts.append((t.offset, t.offset + 1, .equals, "="))
                case .symbol("<"), .symbol(">"):
                    cuts.append((t.offset, t.offset + 1, .other(t.text), t.text))
                case .command(let name):
                    if let relation = LatexRelation(command: name) {
                        cuts.append((t.offset, t.offset + t.text.unicodeScalars.count, relation, t.text))
                    }
                default: break
                }
            }
            i += 1
        }
        let whole = FormulaSides.make(row, cuts, within: 0..<row.scalars.count)
        guard !commas.isEmpty, cuts.count >= 2 else { return [whole] }
        // A list (`x = 0.5, w = 1.2` or `z = 0, \quad a = 0.5`): every piece between commas holds a relation.
        var pieces: [FormulaSides] = []
        var start = 0
        for end in commas + [row.scalars.count] {
            let inside = cuts.filter { $0.start >= start && $0.start < end }
            guard !inside.isEmpty else { return [whole] }
            pieces.append(FormulaSides.make(row.keeping(start..<end), inside, within: start..<end))
            start = end + 1
        }
        return pieces
    }

    static func make(_ row: FormulaRow, _ cuts: [(start: Int, end: Int, relation: LatexRelation, text: String)],
                     within range: Range<Int>) -> FormulaSides {
        var sides: [Range<Int>] = []
        var start = range.lowerBound
        for cut in cuts {
            sides.append(start..<cut.start)
            start = cut.end
        }
        sides.append(start..<range.upperBound)
        return FormulaSides(row: row, sides: sides, relations: cuts.map(\.relation), relationTexts: cuts.map(\.text), group: 0)
    }

    /// The visible text of side `k`.
    func text(_ k: Int) -> String { row.keeping(sides[k]).text }
    func isEmpty(_ k: Int) -> Bool { row.keeping(sides[k]).isBlank }
}
