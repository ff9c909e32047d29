import Foundation
import SymDiff

/// A matrix claim of a document, read and waiting for the checker: each
/// step is one `=` of the formula.
public struct MatrixClaim: Sendable {
    public enum Step: Sendable {
        /// `lhs = rhs`, both expanded down to declared names.
        case identity(MatrixExpr, MatrixExpr)
        /// `∂L/∂X = claimed` with X a declared (not defined) name.
        case gradient(loss: MatrixExpr, variable: MatrixExpr, claimed: MatrixExpr)
        /// A side that is no matrix at all: `\delta \mathbf{x}` of two column vectors.
        case malformed(String)
    }

    public let line: Int
    public let text: String
    public let steps: [Step]
}

/// The matrix side of the reader: declarations `\mathbf{W} \in
/// \mathbb{R}^{2 \times 3}`, definitions and claims of formulas that use a
/// shaped (declared, defined or bold) name. Each is read by
/// `MatrixFormulaReader`, never by the scalar reader, whose canonical form
/// would reorder the products.
extension ReadingState {
    /// Takes the formula when it is a matrix formula; false leaves it to the scalar reader.
    mutating func matrixFormula(_ formula: FoundFormula) -> Bool {
        guard case .sides(let f) = formula, !f.relations.isEmpty, !f.sides.indices.contains(where: { f.isEmpty($0) }) else { return false }
        var sides: [[LatexLexer.Token]] = []
        for k in f.sides.indices {
            guard let tokens = try? LatexLexer(f.row.keeping(f.sides[k]).string).tokens() else { return false }
            sides.append(tokens)
        }
        if f.relationTexts == ["\\in"] {
            return declare(f, sides)
        }
        guard f.relations.allSatisfy({ $0 == .equals }), sides.contains(where: mentionsShapedName) else { return false }
        let (line, _) = position(f)
        do {
            try matrixStatement(f, sides, line: line)
        } catch let error as MatrixReadError {
            let (line, column) = doc.position(of: f.row.start + error.offset)
            reading.errors.append(SourceError(message: error.message, line: line, column: column, sourceLine: doc.lineText(line)))
        } catch {
            reading.errors.append(side.located(error, in: f.row))
        }
        return true
    }

    /// Whether the tokens mention a bold name or one with a shape.
    func mentionsShapedName(_ tokens: [LatexLexer.Token]) -> Bool {
        var reader = MatrixFormulaReader(tokens, scope: matrices)
        while reader.kind != .end {
            if let (key, bold) = try? reader.name() {
                if bold || matrices.isShaped(key) { return true }
            } else {
                reader.i += 1
            }
        }
        return false
    }

    /// `NAME \in \mathbb{R}^{r \times c}` (or `^{n}`, or none for a scalar).
    mutating func declare(_ f: FormulaSides, _ sides: [[LatexLexer.Token]]) -> Bool {
        var reader = MatrixFormulaReader(sides[0], scope: matrices)
        guard let (key, _) = try? reader.name(), reader.kind == .end else { return false }
        var set = sides[1].filter { $0.kind != .open && $0.kind != .close }
        guard set.count >= 3, set[0].kind == .command("mathbb"), set[1].kind == .letter("R") else { return false }
        set.removeFirst(2)
        var dimensions: [SymDiff.Dimension] = []
        if set.first?.kind == .symbol("^") {
            var current = ""
            for token in set.dropFirst() {
                switch token.kind {
                case .command("times"), .letter("x") where !current.isEmpty && token.spaced:
                    dimensions.append(ReadingState.dimension(current))
                    current = ""
                case .end: break
                default: current += token.text.hasPrefix("\\") ? String(token.text.dropFirst()) : token.text
                }
            }
            if !current.isEmpty { dimensions.append(ReadingState.dimension(current)) }
        }
        let shape: Shape
        switch dimensions.count {
        case 0: shape = .scalar
        case 1: shape = .vector(dimensions[0])
        case 2: shape = Shape(rows: dimensions[0], columns: dimensions[1])
        default:
            skip(f, "a tensor of \(dimensions.count) dimensions: only scalars, vectors and matrices are supported")
            return true
        }
        matrices.declared[key] = shape
        let (line, _) = position(f)
        reading.notes.append(DocumentNote(line: line, text: "declares \(key) as \(shape.isScalar ? "a scalar" : shape.description)"))
        return true
    }

    static func dimension(_ text: String) -> SymDiff.Dimension {
        Int(text).map(SymDiff.Dimension.fixed) ?? .named(text)
    }

    /// A definition `NAME = …` of a name not yet defined, then claims between neighbouring sides.
    mutating func matrixStatement(_ f: FormulaSides, _ sides: [[LatexLexer.Token]], line: Int) throws {
        var start = 0
        var nameReader = MatrixFormulaReader(sides[0], scope: matrices)
        if let (key, _) = try nameReader.name(), nameReader.kind == .end, matrices.definition(key) == nil {
            let value = try readMatrix(sides[1])
            if let declared = matrices.declared[key], matrices.resolve(declared) != value.shape {
                throw MatrixReadError(message: "\(key) is declared \(matrices.resolve(declared)) but defined as \(value.shape)", offset: sides[1].first?.offset ?? 0)
            }
            matrices.definitions.append((key, value, sides[1]))
            // The reading shows the product order; a derivative is shown as written.
            let shown = value.description.contains("diff(") ? f.text(1).trimmingCharacters(in: .whitespaces) : value.description
            reading.notes.append(DocumentNote(line: line, text: "defines \(key) (\(value.shape.isScalar ? "a scalar" : value.shape.description)) = \(shown)"))
            start = 1
        }
        guard start + 1 < sides.count else { return }
        var steps: [MatrixClaim.Step] = []
        for k in start..<(sides.count - 1) {
            steps.append(try matrixStep(sides[k], sides[k + 1]))
        }
        let text = (start..<sides.count).map { f.text($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " = ")
        reading.matrixClaims.append(MatrixClaim(line: line, text: text, steps: steps))
    }

    mutating func matrixStep(_ left: [LatexLexer.Token], _ right: [LatexLexer.Token]) throws -> MatrixClaim.Step {
        // Both sides first, so a size fixed by the right side is fixed on the left too.
        _ = try? readMatrix(left)
        let rhs: MatrixExpr
        do {
            rhs = try matrices.expand(try readMatrix(right))
        } catch let error as MatrixReadError where error.message.hasPrefix("shape error") {
            return .malformed("the right side is not a matrix: \(error.message)")
        }
        if let (loss, variable) = gradientSide(left), matrices.definition(variable) == nil, let l = matrices.definition(loss) {
            var reader = MatrixFormulaReader(left, scope: matrices)
            let x = reader.leaf(variable, bold: true)
            matrices = reader.scope
            return .gradient(loss: try matrices.expand(.symbol(loss, shape: l.shape)), variable: x, claimed: rhs)
        }
        return .identity(try matrices.expand(try readMatrix(left)), rhs)
    }

    /// `\frac{\partial L}{\partial X}` alone on a side: (L, X).
    func gradientSide(_ tokens: [LatexLexer.Token]) -> (String, String)? {
        guard tokens.count > 3, tokens[0].kind == .command("frac"), tokens[2].kind == .command("partial") else { return nil }
        var reader = MatrixFormulaReader(tokens, scope: matrices)
        reader.i = 3
        guard let (loss, _) = try? reader.name(), reader.kind == .close else { return nil }
        reader.i += 1
        guard reader.kind == .open, reader.i + 1 < reader.tokens.count, reader.tokens[reader.i + 1].kind == .command("partial") else { return nil }
        reader.i += 2
        guard let (variable, _) = try? reader.name(), reader.kind == .close, reader.i + 2 == reader.tokens.count else { return nil }
        return (loss, variable)
    }

    /// Reads a side, again after each free size it fixes (a bounded number of times: each pass fixes one more).
    mutating func readMatrix(_ tokens: [LatexLexer.Token]) throws -> MatrixExpr {
        while true {
            var reader = MatrixFormulaReader(tokens, scope: matrices)
            do {
                let e = try reader.side()
                matrices = reader.scope
                return e
            } catch is MatrixSizesChanged {
                matrices = reader.scope
                try rereadDefinitions()
            }
        }
    }

    /// After a free size is fixed, the definitions built with it are read again.
    mutating func rereadDefinitions() throws {
        var reread: [(name: String, value: MatrixExpr, tokens: [LatexLexer.Token])] = []
        let all = matrices.definitions
        for d in all {
            matrices.definitions = reread
            reread.append((d.name, try readMatrix(d.tokens), d.tokens))
        }
        matrices.definitions = reread
    }
}
