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
        // A restatement of a name the scalar reader defined stays a scalar claim.
        var first = MatrixFormulaReader(sides[0], scope: matrices)
        if let (key, _) = try? first.name(), first.kind == .end, defined[current[key] ?? key] != nil { return false }
        // The document's notation, for the report (`x` is shown as `\mathbf{x}`).
        for k in f.sides.indices {
            guard let read = try? side.read(f, k, rename: current) else { continue }
            for (name, latex) in read.notation where notation[name] == nil { notation[name] = latex }
        }
        let (line, _) = position(f)
        let saved = matrices
        matrices.scalarsUsed = []
        do {
            try matrixStatement(f, sides, line: line)
            // `w_1 h_1^{(1)}` beside a vector w: entries written as names, which the matrix
            // reader would take for unrelated scalars. The scalar reader reads it as before.
            if writesEntries() {
                matrices = saved
                if reading.matrixClaims.last?.line == line { reading.matrixClaims.removeLast() }
                reading.notes.removeAll { $0.line == line && ($0.text.hasPrefix("defines ") || $0.text.hasPrefix("redefines ")) }
                return false
            }
        } catch let error as MatrixReadError where !error.message.hasPrefix("shape error") {
            // A construct the matrix reader does not know: the scalar reader reads it as before.
            return false
        } catch let error as MatrixReadError {
            let (line, column) = doc.position(of: f.row.start + error.offset)
            reading.errors.append(SourceError(message: error.message, line: line, column: column, sourceLine: doc.lineText(line)))
        } catch {
            reading.errors.append(side.located(error, in: f.row))
        }
        return true
    }

    /// Whether a scalar name of the formula read last looks like an entry of a shaped one.
    func writesEntries() -> Bool {
        func stem(_ name: String) -> Substring { name.prefix { $0 != "_" && $0 != "^" } }
        let shaped = Set((matrices.declared.keys.filter(matrices.isShaped) + matrices.definitions.map(\.name).filter(matrices.isShaped)).map(stem))
        return matrices.scalarsUsed.contains { $0.contains("_") && shaped.contains(stem($0)) }
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
        guard let (key, bold) = try? reader.name(), reader.kind == .end else { return false }
        var set = sides[1].filter { $0.kind != .open && $0.kind != .close }
        guard set.count >= 3, set[0].kind == .command("mathbb"), set[1].kind == .letter("R") else { return false }
        set.removeFirst(2)
        var dimensions: [SymDiff.Dimension] = []
        if set.first?.kind == .symbol("^") {
            // Only the superscript: `\mathbb{R}^{2} \quad (2 \text{ parameters})` declares a 2-vector.
            let sup = sides[1].drop { $0.kind != .symbol("^") }.dropFirst()
            var tokens: [LatexLexer.Token] = []
            if sup.first?.kind == .open {
                var level = 0
                for t in sup {
                    if t.kind == .open { level += 1 } else if t.kind == .close { level -= 1 }
                    if level == 0 { break }
                    if !(t.kind == .open && level == 1) { tokens.append(t) }
                }
            } else if let t = sup.first {
                tokens = [t]
            }
            var current = ""
            for (k, token) in tokens.enumerated() {
                let cut = token.kind == .command("times") || token.kind == .letter("x") && !current.isEmpty && token.spaced
                if !cut, token.kind != .open, token.kind != .close {
                    current += token.text.hasPrefix("\\") ? String(token.text.dropFirst()) : token.text
                }
                if cut || k == tokens.count - 1 {
                    guard let d = ReadingState.dimension(current) else { return false }
                    dimensions.append(d)
                    current = ""
                }
            }
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
        if bold { matrices.bold.insert(key) } else { matrices.bold.remove(key) }
        let (line, _) = position(f)
        reading.notes.append(DocumentNote(line: line, text: "declares \(key) as \(shape.isScalar ? "a scalar" : shape.description)"))
        return true
    }

    /// A size: a number or a plain name (`d`, `n_l`); nil for anything else (`|V|`).
    static func dimension(_ text: String) -> SymDiff.Dimension? {
        if let n = Int(text) { return n > 0 ? .fixed(n) : nil }
        guard let first = text.first, first.isLetter, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return .named(text)
    }

    /// A definition `NAME = …`, then claims between neighbouring sides.
    mutating func matrixStatement(_ f: FormulaSides, _ sides: [[LatexLexer.Token]], line: Int) throws {
        var start = 0
        var nameReader = MatrixFormulaReader(sides[0], scope: matrices)
        // As in the scalar reader, `NAME = …` (re)defines NAME; a later use means the latest definition.
        if let (key, bold) = try nameReader.name(), nameReader.kind == .end {
            let value = try readMatrix(sides[1])
            if let declared = matrices.declared[key], matrices.resolve(declared) != value.shape {
                throw MatrixReadError(message: "\(key) is declared \(matrices.resolve(declared)) but defined as \(value.shape)", offset: sides[1].first?.offset ?? 0)
            }
            let verb = matrices.definition(key) == nil ? "defines" : "redefines"
            matrices.definitions.append((key, value, sides[1]))
            if bold { matrices.bold.insert(key) } else { matrices.bold.remove(key) }
            // The reading shows the product order; a derivative is shown as written.
            let shown = value.description.contains("diff(") ? f.text(1).trimmingCharacters(in: .whitespaces) : value.description
            reading.notes.append(DocumentNote(line: line, text: "\(verb) \(key) (\(value.shape.isScalar ? "a scalar" : value.shape.description)) = \(shown)"))
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
