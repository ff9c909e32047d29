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
/// Products are reassociated, so values may differ from `Expr.evaluate` in
/// the last bits; sums keep their order.
extension Program {
    /// Rewrites `operations` (and reorders them so operands still come first);
    /// returns the new index of every old instruction.
    static func factorProducts(_ operations: inout [Operation], _ nodes: inout [Expr]) -> [Int] {
        var productsByFactors: [[Int]: Int] = [:]
        for (i, op) in operations.enumerated() {
            if case .mul(let args) = op { productsByFactors[args.sorted()] = i }
        }
        var rewritten = operations
        var changed = false
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

        // A product may now read one that came after it: order again, operands
        // first (iteratively, depth-first from each instruction in old order).
        var newIndex = [Int](repeating: -1, count: rewritten.count)
        var order: [Int] = []
        order.reserveCapacity(rewritten.count)
        var stack: [(Int, Int)] = []
        for root in rewritten.indices where newIndex[root] < 0 {
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
}
