import SymDiff

/// Products computed from other products.
///
/// Canonical products are flat, so a reverse-mode gradient cannot share a
/// layer's delta as a factor: ∂L/∂W_jk = δ_j·a_k is built as the flat product
/// of δ_j's own factors and a_k (`W3*s*(1 - s)*r*a`), and each of the width²
/// weights repeats δ_j's multiplications. Here a product whose factors are
/// those of another product of the program plus one more is rewritten as
/// that product times the extra factor — one multiplication, as hand-written
/// backpropagation does. (Bias gradients are exactly the deltas, so the
/// products to reuse are already in the program.)
///
/// Sums get the same treatment: canonical products distribute constants, so
/// the derivative of (y − t)² is not 2·(y − t) but the sum of y − t's terms
/// each doubled, and a network's output error repeats the whole output sum.
/// A sum whose terms are those of an earlier sum, each times the same
/// constant, is rewritten as that constant times the earlier sum.
///
/// Products and sums are reassociated, so values may differ from
/// `Expr.evaluate` in the last bits. Instructions no output reads any more
/// are dropped.
extension Program {
    /// Rewrites `operations` (and reorders them so operands still come first);
    /// returns the new index of every old instruction (-1 for dropped ones).
    static func factorProducts(_ operations: inout [Operation], _ nodes: inout [Expr], outputs: [Int]) -> [Int] {
        var changed = scaleSums(&operations, &nodes)
        var productsByFactors: [[Int]: Int] = [:]
        for (i, op) in operations.enumerated() {
            if case .mul(let args) = op { productsByFactors[args.sorted()] = i }
        }
        var rewritten = operations
        for (i, op) in operations.enumerated() {
            guard case .mul(let args) = op, args.count >= 3 else { continue }
            let sorted = args.sorted()
            for drop in sorted.indices {
                var rest = sorted
                let extra = rest.remove(at: drop)
                if let smaller = productsByFactors[rest], smaller != i {
                    rewritten[i] = .mul([smaller, extra])
                    changed = true
                    break
                }
            }
        }
        guard changed else { return Array(operations.indices) }

        // What the outputs still read.
        var live = [Bool](repeating: false, count: rewritten.count)
        var pending = outputs
        while let i = pending.popLast() {
            if live[i] { continue }
            live[i] = true
            pending += rewritten[i].operands.filter { !live[$0] }
        }
        // A product may now read one that came after it: order again, operands
        // first (iteratively, depth-first from each live instruction in old order).
        var newIndex = [Int](repeating: -1, count: rewritten.count)
        var order: [Int] = []
        order.reserveCapacity(rewritten.count)
        var stack: [(Int, Int)] = []
        for root in rewritten.indices where newIndex[root] < 0 && live[root] {
            stack.append((root, 0))
            while let (i, next) = stack.last {
                let operands = rewritten[i].operands
                if next < operands.count {
                    stack[stack.count - 1].1 += 1
                    if newIndex[operands[next]] < 0 { stack.append((operands[next], 0)) }
                } else {
                    stack.removeLast()
                    if newIndex[i] < 0 {
                        newIndex[i] = order.count
                        order.append(i)
                    }
                }
            }
        }
        func remap(_ op: Operation) -> Operation {
            switch op {
            case .parameter, .input, .constant: return op
            case .add(let a): return .add(a.map { newIndex[$0] })
            case .mul(let a): return .mul(a.map { newIndex[$0] })
            case .power(let b, let e): return .power(newIndex[b], newIndex[e])
            case .apply(let f, let a): return .apply(f, a.map { newIndex[$0] })
            }
        }
        operations = order.map { remap(rewritten[$0]) }
        nodes = order.map { nodes[$0] }
        return newIndex
    }

    /// Rewrites each sum that is a constant times an earlier sum as that
    /// product (the constant is a new instruction at the end); true when
    /// something changed.
    private static func scaleSums(_ operations: inout [Operation], _ nodes: inout [Expr]) -> Bool {
        func isConstant(_ i: Int) -> Bool { if case .constant = operations[i] { return true } else { return false } }
        // A term as its constant coefficient and the rest: c·x·y → (c, [x, y]), x → (1, [x]), c → (c, []).
        func split(_ i: Int) -> (coefficient: Expr, rest: [Int]) {
            switch operations[i] {
            case .constant: return (nodes[i], [])
            case .mul(let args):
                let constants = args.filter(isConstant)
                if constants.count == 1 { return (nodes[constants[0]], args.filter { $0 != constants[0] }.sorted()) }
                return constants.isEmpty ? (.one, args.sorted()) : (.one, [i])
            default: return (.one, [i])
            }
        }
        var sumsByRest: [[[Int]]: (sum: Int, coefficients: [[Int]: Expr])] = [:]
        var constants: [Expr: Int] = [:]
        var changed = false
        for i in operations.indices {
            guard case .add(let args) = operations[i] else { continue }
            let terms = args.map(split)
            let coefficients = Dictionary(terms.map { ($0.rest, $0.coefficient) }, uniquingKeysWith: { a, _ in a })
            guard coefficients.count == terms.count else { continue }   // a rest twice: not canonical, leave it
            let key = terms.map(\.rest).sorted { $0.lexicographicallyPrecedes($1) }
            guard let earlier = sumsByRest[key] else {
                sumsByRest[key] = (i, coefficients)
                continue
            }
            let ratios = Set(terms.map { $0.coefficient / earlier.coefficients[$0.rest]! })
            guard ratios.count == 1, let ratio = ratios.first, let value = ratio.numberValue?.doubleValue,
                  value.isFinite, value != 0 else { continue }
            let constant = constants[ratio] ?? {
                operations.append(.constant(value))
                nodes.append(ratio)
                constants[ratio] = operations.count - 1
                return operations.count - 1
            }()
            operations[i] = .mul([constant, earlier.sum])
            changed = true
        }
        return changed
    }
}
