import Foundation
import SymDiff

/// One side of a formula read as the statement language's written
/// expression: names renamed to the version in force (a redefined `\hat{y}`
/// is another symbol), each derivative a placeholder with its term, and
/// positions in the document.
struct ReadSide {
    var written: WrittenExpression
    /// LaTeX of each symbol (internal name → `\hat{y}`).
    var notation: [String: String]
    var readings: [String]
    /// A number with no name in it (`0.450 \times 0.248`), and how far its
    /// written decimals let it range.
    var number: Double?
    var radius: Double = 0
    /// The decimals written in it.
    var decimals: [String]

    var isNumber: Bool { number != nil }
    /// The side is a lone symbol: a name.
    var name: String? { written.derivatives.isEmpty ? written.expr.symbolName : nil }
}

/// Records `\frac{\partial F}{\partial v}` as placeholders while the LaTeX
/// parser reads a side (the parser's derivative hook).
final class DerivativeRecorder: @unchecked Sendable {
    var terms: [DerivativeTerm] = []
    var next: Int
    let line: Int
    let column: Int
    let rename: [String: String]

    init(first: Int, line: Int, column: Int, rename: [String: String]) {
        next = first
        self.line = line
        self.column = column
        self.rename = rename
    }

    func record(_ function: Expr, _ variables: [String]) -> Expr {
        var current = Naming.renamed(function, rename)
        // A second derivative is d/dv of the first one's placeholder; its text
        // names what is differentiated (`L`), which the checker validates.
        let text = current.symbolName ?? PlainPrinter.print(current, limit: 200)
        for v in variables {
            let placeholder = Expr.symbol("\(DerivativeSyntax.placeholderPrefix)\(next)")
            next += 1
            terms.append(DerivativeTerm(placeholder: placeholder, function: current, functionText: text,
                                        variable: rename[v] ?? v, line: line, column: column,
                                        functionColumn: column, variableColumn: column))
            current = placeholder
        }
        return current
    }
}

enum Naming {
    static func renamed(_ e: Expr, _ map: [String: String]) -> Expr {
        if map.isEmpty { return e }
        var substitution: [Expr: Expr] = [:]
        for s in e.freeSymbols {
            if let name = s.symbolName, let to = map[name] { substitution[s] = .symbol(to) }
        }
        return substitution.isEmpty ? e : e.substituting(substitution)
    }
}

/// Reads formula sides in a document.
struct LatexSideReader {
    let doc: DocumentText
    var knownNames: Set<String>?
    var macros: [String: LatexMacro] = [:]

    /// The side `range` of `sides.row`; `firstPlaceholder` keeps placeholders
    /// of one row distinct.
    func read(_ sides: FormulaSides, _ k: Int, rename: [String: String], firstPlaceholder: Int = 0) throws -> ReadSide {
        let row = sides.row.keeping(sides.sides[k])
        let first = row.firstVisible ?? 0
        let (line, column) = doc.position(of: row.start + first)
        let recorder = DerivativeRecorder(first: firstPlaceholder, line: line, column: column, rename: rename)
        var context = LatexContext(knownNames: knownNames)
        context.macros = macros
        context.derivative = { function, variables in recorder.record(function, variables) }
        let read: LatexExpression
        do {
            read = try LatexExpression.read(row.string, context: context)
        } catch {
            throw located(error, in: row)
        }
        let expr = Naming.renamed(read.expr, rename)
        var names: [String: Int] = [:]
        for s in expr.freeSymbols {
            guard let name = s.symbolName, !DerivativeSyntax.isReserved(name) else { continue }
            names[name] = column
        }
        for term in recorder.terms {
            for s in term.function.freeSymbols where !DerivativeSyntax.isReserved(s.symbolName!) { names[s.symbolName!] = names[s.symbolName!] ?? column }
        }
        let written = WrittenExpression(expr: expr, derivatives: recorder.terms, text: row.text, line: line, column: column,
                                        names: names, lineText: doc.lineText(line))
        var notation: [String: String] = [:]
        for (name, latex) in read.notation { notation[rename[name] ?? name] = latex }
        var side = ReadSide(written: written, notation: notation, readings: read.readings, number: nil, decimals: read.decimals)
        if recorder.terms.isEmpty, expr.freeSymbols.isEmpty, let value = try? expr.evaluate(at: [String: Double]()), value.isFinite {
            side.number = value
            side.radius = radius(of: row, context: context, value: value)
        }
        return side
    }

    func located(_ error: Error, in row: FormulaRow) -> SourceError {
        if let latex = error as? LatexError {
            let offset = min(max(0, latex.offset), max(0, row.scalars.count - 1))
            let (line, column) = doc.position(of: row.start + offset)
            return SourceError(message: latex.message, line: line, column: column, sourceLine: doc.lineText(line))
        }
        if let source = error as? SourceError { return source }
        let (line, column) = doc.position(of: row.start + (row.firstVisible ?? 0))
        return SourceError(message: "\(error)", line: line, column: column, sourceLine: doc.lineText(line))
    }

    /// How far a number written with rounded decimals can range: each decimal
    /// stands for ±½ unit in its last digit; the effects add (first order,
    /// each measured by moving that decimal to both ends of its interval).
    func radius(of row: FormulaRow, context: LatexContext, value: Double) -> Double {
        guard let tokens = try? LatexLexer(row.string).tokens() else { return 0 }
        var total = 0.0
        for token in tokens {
            guard case .number(let digits) = token.kind, let dot = digits.firstIndex(of: ".") else { continue }
            let places = digits.distance(from: dot, to: digits.endIndex) - 1
            guard let written = Double(digits) else { continue }
            let half = 0.5 * Foundation.pow(10, Double(-places))
            var ends: [Double] = []
            for shifted in [written - half, written + half] {
                var scalars = row.scalars
                let replacement = Array(String(format: "%.*f", places + 2, max(0, shifted)).unicodeScalars)
                scalars.replaceSubrange(token.offset..<(token.offset + digits.unicodeScalars.count), with: replacement)
                guard let e = try? LatexExpression.read(String(String.UnicodeScalarView(scalars)), context: context).expr,
                      let v = try? e.evaluate(at: [String: Double]()), v.isFinite else { return .infinity }
                ends.append(v)
            }
            total += Swift.abs(ends[1] - ends[0]) / 2
        }
        return total
    }
}
