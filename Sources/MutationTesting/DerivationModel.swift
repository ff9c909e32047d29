/// A derivation file read by the oracle, independently of the Checker's
/// parser: definitions, named points, `loss:`/`rate:` settings, and claims.
///
/// ```swift
/// let model = try DerivationModel(text: "p = w*x\nd(p)/d(w) == x")
/// model.claims.count   // 1
/// ```
public struct DerivationModel: Sendable {
    public enum ClaimKind: Sendable, Hashable {
        /// `A == B == ...`.
        case equalities([Formula])
        /// `E at items ≈ value [± tolerance[%]]`.
        case numeric(expression: Formula, at: [PointItem], value: SignedLiteral, tolerance: Tolerance)
        /// `P_new = rule` (or `P <- rule`).
        case update(parameter: String, rule: Formula)
    }

    public enum PointItem: Sendable, Hashable {
        case reference(String)
        case value(String, Formula)
    }

    public struct SignedLiteral: Sendable, Hashable {
        public var negative: Bool
        public var literal: Formula.Literal
        public var text: String { (negative ? "-" : "") + literal.text }
    }

    public enum Tolerance: Sendable, Hashable {
        case digits
        case absolute(Formula.Literal)
        case percent(Formula.Literal)
    }

    public struct Claim: Sendable, Hashable {
        /// Line number, from 1.
        public var line: Int
        public var kind: ClaimKind
    }

    public private(set) var definitions: [String: Formula] = [:]
    /// The line each definition is on.
    public private(set) var definitionLines: [String: Int] = [:]
    public private(set) var points: [String: [PointItem]] = [:]
    public private(set) var lossSetting: Formula?
    public private(set) var rateSetting: Formula?
    public private(set) var claims: [Claim] = []
    /// The file's lines.
    public let lines: [String]

    /// A model with definitions only (no file).
    public init(definitions: [String: Formula]) {
        lines = []
        self.definitions = definitions
    }

    public init(text: String) throws {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, raw) in lines.enumerated() {
            let line = DerivationModel.strip(raw)
            if line.isEmpty { continue }
            try read(line, number: index + 1)
        }
    }

    static func strip(_ raw: String) -> String {
        let noComment = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return noComment.trimmingCharacters(in: " \t\r")
    }

    private mutating func read(_ line: String, number: Int) throws {
        if line.hasPrefix("point ") {
            let rest = line.dropFirst(6)
            guard let colon = rest.firstIndex(of: ":") else { throw OracleError.unsupported("bad point") }
            let name = rest[..<colon].trimmingCharacters(in: " \t")
            points[name] = try DerivationModel.items(String(rest[rest.index(after: colon)...]))
            return
        }
        if line.hasPrefix("loss:") { lossSetting = try Formula.parse(String(line.dropFirst(5))); return }
        if line.hasPrefix("rate:") { rateSetting = try Formula.parse(String(line.dropFirst(5))); return }
        if let approx = line.range(of: "≈") ?? line.range(of: "~=") {
            let left = String(line[..<approx.lowerBound])
            let right = line[approx.upperBound...].trimmingCharacters(in: " \t")
            var expressionText = left
            var items: [PointItem] = []
            if let at = DerivationModel.topLevelAt(left) {
                expressionText = String(left[..<at.lowerBound])
                items = try DerivationModel.items(String(left[at.upperBound...]))
            }
            var valueText = right
            var tolerance = Tolerance.digits
            for separator in ["±", "+/-", "+-"] {
                if let r = right.range(of: separator) {
                    valueText = right[..<r.lowerBound].trimmingCharacters(in: " \t")
                    var t = right[r.upperBound...].trimmingCharacters(in: " \t")
                    let percent = t.hasSuffix("%")
                    if percent { t = String(t.dropLast()).trimmingCharacters(in: " \t") }
                    guard case .number(let l) = try Formula.parse(t) else { throw OracleError.unsupported("bad tolerance") }
                    tolerance = percent ? .percent(l) : .absolute(l)
                    break
                }
            }
            let negative = valueText.hasPrefix("-") || valueText.hasPrefix("−")
            if negative { valueText = String(valueText.dropFirst()) }
            guard case .number(let literal) = try Formula.parse(valueText) else { throw OracleError.unsupported("bad value") }
            claims.append(Claim(line: number, kind: .numeric(expression: try Formula.parse(expressionText), at: items,
                                                             value: SignedLiteral(negative: negative, literal: literal),
                                                             tolerance: tolerance)))
            return
        }
        if line.contains("==") {
            let sides = try line.components(separatedBy: "==").map { try Formula.parse($0) }
            claims.append(Claim(line: number, kind: .equalities(sides)))
            return
        }
        if let arrow = line.range(of: "<-") ?? line.range(of: "←") {
            let parameter = line[..<arrow.lowerBound].trimmingCharacters(in: " \t")
            claims.append(Claim(line: number, kind: .update(parameter: parameter,
                                                            rule: try Formula.parse(String(line[arrow.upperBound...])))))
            return
        }
        guard let equals = line.firstIndex(of: "=") else { throw OracleError.unsupported("unreadable line \(number)") }
        let name = line[..<equals].trimmingCharacters(in: " \t")
        let value = try Formula.parse(String(line[line.index(after: equals)...]))
        if name.hasSuffix("_new"), name.count > 4 {
            claims.append(Claim(line: number, kind: .update(parameter: String(name.dropLast(4)), rule: value)))
        }
        definitions[name] = value
        definitionLines[name] = number
    }

    static func items(_ text: String) throws -> [PointItem] {
        try text.split(separator: ",").map { piece in
            let item = piece.trimmingCharacters(in: " \t")
            if let eq = item.firstIndex(of: "=") {
                return .value(item[..<eq].trimmingCharacters(in: " \t"), try Formula.parse(String(item[item.index(after: eq)...])))
            }
            return .reference(item)
        }
    }

    /// The word `at` outside parentheses.
    static func topLevelAt(_ s: String) -> Range<String.Index>? {
        var depth = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if depth == 0, s[i...].hasPrefix("at"), i == s.startIndex || !FormulaParser.isNameChar(s.unicodeScalars[s.index(before: i)]) {
                let end = s.index(i, offsetBy: 2)
                if end == s.endIndex || !FormulaParser.isNameChar(s.unicodeScalars[end]) { return i..<end }
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// Every symbol the file uses that it does not define.
    public var freeSymbols: Set<String> {
        var names = Set<String>()
        for f in definitions.values { names.formUnion(f.symbols) }
        for c in claims {
            switch c.kind {
            case .equalities(let sides): for s in sides { names.formUnion(s.symbols); names.formUnion(s.derivativeVariables) }
            case .numeric(let e, _, _, _): names.formUnion(e.symbols); names.formUnion(e.derivativeVariables)
            case .update(let p, let r): names.insert(p); names.formUnion(r.symbols)
            }
        }
        for f in definitions.values { names.formUnion(f.derivativeVariables) }
        if let l = lossSetting { names.formUnion(l.symbols) }
        if let r = rateSetting { names.formUnion(r.symbols) }
        return names.subtracting(definitions.keys)
    }

    /// Every name the file writes: defined names and free symbols.
    public var knownNames: Set<String> { freeSymbols.union(definitions.keys) }

    /// The loss update rules descend, as the checker chooses it.
    public var loss: Formula? {
        if let lossSetting { return lossSetting }
        return ["L", "loss", "E", "J"].first { definitions[$0] != nil }.map { .symbol($0) }
    }

    /// The learning rate of an update rule, as the checker chooses it.
    public func rate(of rule: Formula) -> Formula? {
        if let rateSetting { return rateSetting }
        let names = rule.symbols.union(rule.derivativeVariables)
        return ["alpha", "lr", "eta", "learning_rate", "rate"].first { names.contains($0) }.map { .symbol($0) }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}

extension Formula {
    /// The variables of every `d(F)/d(v)` written.
    public var derivativeVariables: Set<String> {
        var out = Set<String>()
        _ = contains { f in
            if case .derivative(_, let v) = f { out.insert(v) }
            return false
        }
        return out
    }
}
