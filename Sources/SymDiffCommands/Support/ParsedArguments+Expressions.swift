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
            guard let value = Double(valueText), value.isFinite else {
                throw UsageError("--\(option): the value of \(name) must be a finite number, got '\(valueText)'")
            }
            if point[name] != nil { throw UsageError("--\(option): \(name) given twice") }
            point[name] = value
        }
        return point
    }

    /// Symbols `x,y,z` from an option such as `--wrt`.
    public func symbolList(_ name: String) throws -> [Expr]? {
        guard let text = values[name] else { return nil }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        for n in names where !ParsedArguments.isIdentifier(n) {
            throw UsageError("--\(name) expects symbol names separated by commas, got '\(n)'")
        }
        return names.map { Expr.symbol($0) }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}

import Foundation
