import SymDiff

extension ParsedArguments {
    /// The positional argument at `index` parsed as an expression: LaTeX
    /// when it holds a backslash (`\\frac{1}{1+e^{-z}}`), else SymPy syntax;
    /// pasted Unicode that SymPy syntax cannot read (`σ(z)·(1 − σ(z))`) is
    /// read as the LaTeX it stands for.
    public func expression(_ index: Int) throws -> Expr {
        let text = positionals[index]
        if text.contains("\\") { return try Expr.parseLatex(text) }
        do {
            return try Expr.parse(text)
        } catch {
            guard text.unicodeScalars.contains(where: { !$0.isASCII }), let read = try? Expr.parseLatex(text) else { throw error }
            return read
        }
    }

    /// A point `x=1,y=2.5` from an option such as `--at`.
    public func point(_ name: String = "at") throws -> [String: Double]? {
        guard let text = values[name] else { return nil }
        return try ParsedArguments.parsePoint(text, option: name)
    }

    static func parsePoint(_ text: String, option: String) throws -> [String: Double] {
        var point: [String: Double] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else {
                throw UsageError("--\(option) expects name=value pairs separated by commas, got '\(part)'")
            }
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            let valueText = pieces[1].trimmingCharacters(in: .whitespaces)
            guard isIdentifier(name) else { throw UsageError("--\(option): '\(name)' is not a symbol name") }
            let value = try parseValue(valueText, of: name, option: option)
            if point[name] != nil { throw UsageError("--\(option): \(name) given twice") }
            point[name] = value
        }
        return point
    }

    /// A value such as `0.5`, `1/2`, `-3`, `2**-3` or `pi/4`: an expression
    /// without symbols, in a double's range. `1e-400` (which would silently
    /// be 0) and `1e400` are errors, and so is `0x10`: hexadecimal is not
    /// SymPy syntax.
    static func parseValue(_ text: String, of name: String, option: String) throws -> Double {
        let problem = "--\(option): the value of \(name) must be a finite number"
        if let plain = Double(text), !text.lowercased().contains("x"), !text.lowercased().contains("n") {
            // Double(_:) reads "1e-400" as 0 and "1e400" as inf: say so instead.
            if plain.isInfinite { throw UsageError("--\(option): the value of \(name), \(text), overflows a double") }
            if plain == 0, text.contains(where: { ("1"..."9").contains($0) }) {
                throw UsageError("--\(option): the value of \(name), \(text), underflows a double to 0")
            }
            return plain
        }
        let expression: Expr
        do { expression = try Expr.parse(text) } catch { throw UsageError("\(problem), got '\(text)'") }
        guard expression.freeSymbols.isEmpty else {
            throw UsageError("\(problem), got '\(text)'")
        }
        if case .rational(let r)? = expression.numberValue {
            if r != Rational(0), r.doubleValue == 0 { throw UsageError("--\(option): the value of \(name), \(text), underflows a double to 0") }
            if !r.doubleValue.isFinite { throw UsageError("--\(option): the value of \(name), \(text), overflows a double") }
        }
        let value: Double
        do { value = try expression.evaluate(at: [String: Double]()) } catch { throw UsageError("\(problem), got '\(text)': \(error)") }
        guard value.isFinite else { throw UsageError("--\(option): the value of \(name), \(text), overflows a double") }
        return value
    }

    /// Symbols `x,y,z` from an option such as `--wrt`; `distinct` refuses a
    /// name given twice (a gradient has one partial per variable, while
    /// `diff --wrt x,x` rightly differentiates twice).
    public func symbolList(_ name: String, distinct: Bool = false) throws -> [Expr]? {
        guard let text = values[name] else { return nil }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        for n in names where !ParsedArguments.isIdentifier(n) {
            throw UsageError("--\(name) expects symbol names separated by commas, got '\(n)'")
        }
        if distinct {
            var seen: Set<String> = []
            for n in names where !seen.insert(n).inserted { throw UsageError("--\(name): \(n) given twice") }
        }
        return names.map { Expr.symbol($0) }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}

import Foundation
