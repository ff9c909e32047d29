/// The kinds of mistakes the mutation test makes on purpose: the slips
/// people make when deriving backpropagation by hand.
public enum MutationKind: String, Sendable, CaseIterable, Comparable {
    case dropFactor = "drop a factor"
    case flipSign = "flip a sign"
    case swapIndices = "swap two indices (w12 ↔ w21)"
    case otherDelta = "another neuron's delta"
    case sigmaToOneMinusSigma = "σ → 1 − σ"
    case sigmaPrimeToSigma = "σ′ → σ"
    case exponent = "exponent ± 1"
    case scaleByTwo = "scale by 2"
    case scaleByHalf = "scale by ½"
    case constant = "constant × 1.01"
    case dropTerm = "drop a term of a sum"
    case shiftIndex = "a_{l−1} → a_l (neighbouring index)"

    public static func < (a: MutationKind, b: MutationKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Every single mutation of a formula, each a new formula and its kind.
///
/// ```swift
/// let f = try Formula.parse("(p - y)*x")
/// Mutator(names: ["p", "y", "x"], sigmoidNames: []).mutants(of: f).count   // > 5
/// ```
public struct Mutator: Sendable {
    /// Names the file knows (defined or used): index mutations only produce names from here.
    public let names: Set<String>
    /// Defined names whose definition is `sigmoid(...)` (an activation a = σ(z)).
    public let sigmoidNames: Set<String>

    public init(names: Set<String>, sigmoidNames: Set<String>) {
        self.names = names
        self.sigmoidNames = sigmoidNames
    }

    /// The mutants, in a fixed order, without duplicates or the unchanged formula.
    public func mutants(of formula: Formula) -> [(Formula, MutationKind)] {
        var out: [(Formula, MutationKind)] = []
        var seen: Set<Formula> = [formula]
        func add(_ f: Formula, _ kind: MutationKind) {
            if seen.insert(f).inserted { out.append((f, kind)) }
        }
        // The whole side.
        add(.negate(formula), .flipSign)
        add(.product([.init(divides: false, .number(2)), .init(divides: false, formula)]), .scaleByTwo)
        add(.product([.init(divides: false, formula), .init(divides: true, .number(2))]), .scaleByHalf)
        // Every node, by its path from the root.
        var stack: [[Int]] = [[]]
        while let path = stack.popLast() {
            let node = formula.node(at: path)
            for (i, _) in node.children.enumerated() { stack.append(path + [i]) }
            for (replacement, kind) in local(node) { add(formula.replacing(at: path, with: replacement), kind) }
        }
        return out
    }

    /// The mutations of one node.
    func local(_ node: Formula) -> [(Formula, MutationKind)] {
        var out: [(Formula, MutationKind)] = []
        switch node {
        case .number(let l):
            if !l.isZero { out.append((.number(l.timesOnePointZeroOne), .constant)) }
        case .symbol(let s):
            for n in swapped(s) { out.append((.symbol(n), .swapIndices)) }
            for n in neighbours(s) { out.append((.symbol(n), s.hasPrefix("delta") ? .otherDelta : .shiftIndex)) }
            if s.hasPrefix("delta") {
                for n in names.sorted() where n.hasPrefix("delta") && n != s && !neighbours(s).contains(n) {
                    out.append((.symbol(n), .otherDelta))
                }
            }
            if sigmoidNames.contains(s) { out.append((oneMinus(node), .sigmaToOneMinusSigma)) }
        case .call(let name, let args):
            if name == "sigmoid" { out.append((oneMinus(node), .sigmaToOneMinusSigma)) }
            _ = args
        case .derivative(let g, let v):
            for n in swapped(v) { out.append((.derivative(g, n), .swapIndices)) }
            for n in neighbours(v) { out.append((.derivative(g, n), .shiftIndex)) }
        case .negate(let x):
            out.append((x, .flipSign))
        case .power(let b, let e):
            if let n = e.integerLiteral {
                out.append((n + 1 == 1 ? b : .power(b, .number(n + 1)), .exponent))
                out.append((n - 1 == 0 ? .number(1) : (n - 1 == 1 ? b : .power(b, .number(n - 1))), .exponent))
            }
            // tanh' = 1 - tanh**2 → tanh: handled on the sum below.
        case .sum(let terms):
            for i in terms.indices {
                var flipped = terms
                flipped[i].negative.toggle()
                out.append((.sum(flipped), .flipSign))
                var dropped = terms
                dropped.remove(at: i)
                out.append((Formula.sumOf(dropped), .dropTerm))
                out.append((.sum(terms.replacing(i, with: .init(negative: terms[i].negative, .product([.init(divides: false, .number(2)), .init(divides: false, terms[i].value)])))), .scaleByTwo))
                out.append((.sum(terms.replacing(i, with: .init(negative: terms[i].negative, .product([.init(divides: false, terms[i].value), .init(divides: true, .number(2))])))), .scaleByHalf))
            }
            // 1 - t**2 (tanh') → t
            if terms.count == 2, terms[0].value.integerLiteral == 1, !terms[0].negative, terms[1].negative,
               case .power(let t, let e) = terms[1].value, e.integerLiteral == 2 {
                out.append((t, .sigmaPrimeToSigma))
            }
        case .product(let factors):
            for i in factors.indices {
                var dropped = factors
                dropped.remove(at: i)
                out.append((Formula.productOf(dropped), .dropFactor))
                if case .power = factors[i].value {} else {
                    out.append((.product(factors.replacing(i, with: .init(divides: factors[i].divides, .power(factors[i].value, .number(2))))), .exponent))
                }
                // σ' = s*(1 - s) → s: drop the (1 - s) factor when s is a factor too.
                if case .sum(let ts) = factors[i].value, ts.count == 2, ts[0].value.integerLiteral == 1, !ts[0].negative, ts[1].negative,
                   factors.contains(where: { $0.value == ts[1].value && !$0.divides }) {
                    out.append((Formula.productOf(dropped), .sigmaPrimeToSigma))
                }
            }
        }
        return out
    }

    func oneMinus(_ f: Formula) -> Formula { .sum([.init(negative: false, .number(1)), .init(negative: true, f)]) }

    /// `W12` → `W21`, `w12_2` → `w21_2`, `W1_1_2` → `W1_2_1`: two indices exchanged.
    func swapped(_ name: String) -> [String] {
        let (prefix, groups) = Mutator.indexGroups(name)
        guard !groups.isEmpty else { return [] }
        var out: [String] = []
        for (g, group) in groups.enumerated() where group.count == 2 {
            var copy = groups
            copy[g] = String(group.reversed())
            out.append(prefix + copy.joined(separator: "_"))
        }
        if groups.count >= 2 {
            for i in 0..<groups.count { for j in (i + 1)..<groups.count where groups[i] != groups[j] {
                var copy = groups
                copy.swapAt(i, j)
                out.append(prefix + copy.joined(separator: "_"))
            } }
        }
        return out.filter { $0 != name }
    }

    /// Names the file knows that differ from `name` by ±1 in one index.
    func neighbours(_ name: String) -> [String] {
        let (prefix, groups) = Mutator.indexGroups(name)
        var out: [String] = []
        for (g, group) in groups.enumerated() {
            guard let n = Int(group) else { continue }
            for m in [n - 1, n + 1] where m >= 0 {
                var copy = groups
                copy[g] = String(m)
                let candidate = prefix + copy.joined(separator: "_")
                if names.contains(candidate) && candidate != name { out.append(candidate) }
            }
        }
        return out
    }

    /// `w12_2` → ("w", ["12", "2"]); names without trailing digit groups give no groups.
    static func indexGroups(_ name: String) -> (String, [String]) {
        let scalars = Array(name.unicodeScalars)
        var start = scalars.count
        while start > 0, FormulaParser.isDigit(scalars[start - 1]) || scalars[start - 1] == "_" { start -= 1 }
        while start < scalars.count, scalars[start] == "_" { start += 1 }
        let prefix = String(String.UnicodeScalarView(scalars[..<start]))
        let rest = String(String.UnicodeScalarView(scalars[start...]))
        let groups = rest.split(separator: "_").map(String.init)
        guard !groups.isEmpty, groups.allSatisfy({ $0.allSatisfy(\.isNumber) }), !prefix.isEmpty else { return (name, []) }
        return (prefix, groups)
    }
}

extension Array {
    func replacing(_ i: Int, with e: Element) -> [Element] {
        var copy = self
        copy[i] = e
        return copy
    }
}

extension Formula {
    /// The operands, in order (a derivative's child is its F).
    public var children: [Formula] {
        switch self {
        case .number, .symbol: return []
        case .sum(let ts): return ts.map(\.value)
        case .product(let fs): return fs.map(\.value)
        case .negate(let x): return [x]
        case .power(let b, let e): return [b, e]
        case .call(_, let args): return args
        case .derivative(let g, _): return [g]
        }
    }

    func withChild(_ i: Int, _ c: Formula) -> Formula {
        switch self {
        case .number, .symbol: return self
        case .sum(var ts): ts[i].value = c; return .sum(ts)
        case .product(var fs): fs[i].value = c; return .product(fs)
        case .negate: return .negate(c)
        case .power(let b, let e): return i == 0 ? .power(c, e) : .power(b, c)
        case .call(let n, var args): args[i] = c; return .call(n, args)
        case .derivative(_, let v): return .derivative(c, v)
        }
    }

    /// The node reached by following child indices from the root.
    public func node(at path: [Int]) -> Formula {
        var f = self
        for i in path { f = f.children[i] }
        return f
    }

    /// The formula with the node at `path` replaced.
    public func replacing(at path: [Int], with replacement: Formula) -> Formula {
        guard let first = path.first else { return replacement }
        return withChild(first, children[first].replacing(at: Array(path.dropFirst()), with: replacement))
    }

    /// The integer a literal (or a negated literal) is, if it is one.
    var integerLiteral: Int? {
        switch self {
        case .number(let l): return l.isInteger ? Int(l.text) : nil
        case .negate(let x): return x.integerLiteral.map { -$0 }
        default: return nil
        }
    }

    static func sumOf(_ terms: [Term]) -> Formula {
        if terms.isEmpty { return .number(0) }
        if terms.count == 1 { return terms[0].negative ? .negate(terms[0].value) : terms[0].value }
        return .sum(terms)
    }

    static func productOf(_ factors: [Factor]) -> Formula {
        if factors.isEmpty { return .number(1) }
        if factors.count == 1 && !factors[0].divides { return factors[0].value }
        return .product(factors)
    }
}
