import SymDiff

/// How a batch runs a program: which values are the same for every sample,
/// which instructions merge into their user, and where each column lives.
///
/// - Uniform instructions (parameters, constants and anything computed from
///   them alone) are scalars, computed once per batch, never columns.
/// - A product read only by one sum is folded into that sum as a term, so
///   `b + Σ_k W_k·a_k` is one pass per term over one column, not a column
///   per product.
/// - Each output is summed over the batch as soon as it is computed, and
///   its column is then free for reuse. An output product nothing else
///   reads is summed directly (a dot product) without writing a column.
/// - A column is reused once the last step reading it has run, like a
///   register in a compiler: a network's forward values stay live until
///   the backward pass reads them, most others die at once, so the live
///   columns of a tile are few and stay in cache.
struct BatchPlan {
    /// Where an operand comes from.
    enum Operand: Equatable {
        /// A per-sample value: the column of this instruction.
        case column(Int)
        /// A value shared by all samples: the scalar of this instruction.
        case scalar(Int)
    }

    /// One step of the tile loop.
    enum Step {
        /// `result = Σ_terms Π_factors`, terms added in order.
        case combination(result: Int, terms: [[Operand]])
        case power(result: Int, base: Operand, exponent: Operand)
        case apply(result: Int, Function, [Operand])
        /// Adds Σ_samples of the instruction's column to these outputs' sums
        /// (and keeps the per-sample values of kept outputs).
        case reduce(instruction: Int, outputs: [Int])
        /// Adds Σ_samples Π factors to these outputs' sums, without a column.
        case reduceProduct(instruction: Int, outputs: [Int], factors: [Operand])
        /// Checks a column that a piecewise function reads.
        case probe(instruction: Int, output: Int)
    }

    let uniform: [Bool]
    /// Uniform instructions that compute something, in program order.
    let prologue: [Int]
    let steps: [Step]
    /// Column slot of each instruction that has a column (-1 otherwise).
    let columnSlot: [Int]
    let columnCount: Int
    /// Outputs that are uniform, as (instruction, outputs).
    let uniformOutputs: [(instruction: Int, outputs: [Int])]
    /// Guards on uniform instructions.
    let uniformGuards: [(instruction: Int, output: Int)]

    init(_ program: Program, kept: Set<Int>) {
        let ops = program.operations
        var uniform = [Bool](repeating: false, count: ops.count)
        for (i, op) in ops.enumerated() {
            switch op {
            case .parameter, .constant: uniform[i] = true
            case .input: uniform[i] = false
            default: uniform[i] = op.operands.allSatisfy { uniform[$0] }
            }
        }
        var outputsOf: [Int: [Int]] = [:]
        for (o, i) in program.outputs.enumerated() { outputsOf[i, default: []].append(o) }
        var guardOf: [Int: Int] = [:]
        for g in program.guards where guardOf[g.instruction] == nil { guardOf[g.instruction] = g.output }
        var users = [[Int]](repeating: [], count: ops.count)
        for (i, op) in ops.enumerated() { for a in Set(op.operands) { users[a].append(i) } }

        func operand(_ i: Int) -> Operand { uniform[i] ? .scalar(i) : .column(i) }
        func columnFactors(_ args: [Int]) -> Int { args.filter { !uniform[$0] }.count }
        let isKept = { (i: Int) in outputsOf[i]?.contains(where: kept.contains) ?? false }

        // Products folded into the one sum that reads them.
        var folded = Set<Int>()
        for (i, op) in ops.enumerated() where !uniform[i] {
            guard case .mul(let args) = op, users[i].count == 1, outputsOf[i] == nil, guardOf[i] == nil,
                  columnFactors(args) <= 3, case .add = ops[users[i][0]] else { continue }
            folded.insert(i)
        }

        var steps: [Step] = []
        var hasColumn = [Bool](repeating: false, count: ops.count)
        for (i, op) in ops.enumerated() {
            if uniform[i] || folded.contains(i) { continue }
            switch op {
            case .parameter, .constant: continue
            case .input:
                hasColumn[i] = true
            case .add(let args):
                let terms = args.map { a -> [Operand] in
                    if folded.contains(a), case .mul(let factors) = ops[a] { return factors.map(operand) }
                    return [operand(a)]
                }
                steps.append(.combination(result: i, terms: terms))
                hasColumn[i] = true
            case .mul(let args):
                if let outputs = outputsOf[i], users[i].isEmpty, guardOf[i] == nil, !isKept(i), columnFactors(args) <= 3 {
                    steps.append(.reduceProduct(instruction: i, outputs: outputs, factors: args.map(operand)))
                    continue
                }
                steps.append(.combination(result: i, terms: [args.map(operand)]))
                hasColumn[i] = true
            case .power(let b, let e):
                steps.append(.power(result: i, base: operand(b), exponent: operand(e)))
                hasColumn[i] = true
            case .apply(let f, let args):
                steps.append(.apply(result: i, f, args.map(operand)))
                hasColumn[i] = true
            }
            if hasColumn[i] {
                if let outputs = outputsOf[i] { steps.append(.reduce(instruction: i, outputs: outputs)) }
                if let output = guardOf[i] { steps.append(.probe(instruction: i, output: output)) }
            }
        }

        // Columns: inputs first (filled before the steps run), then results,
        // each freed after the last step that reads it.
        var lastRead = [Int](repeating: -1, count: ops.count)
        func reads(_ step: Step) -> [Int] {
            func columns(_ list: [Operand]) -> [Int] { list.compactMap { if case .column(let c) = $0 { return c } else { return nil } } }
            switch step {
            case .combination(_, let terms): return columns(terms.flatMap { $0 })
            case .power(_, let b, let e): return columns([b, e])
            case .apply(_, _, let args): return columns(args)
            case .reduce(let i, _), .probe(let i, _): return [i]
            case .reduceProduct(_, _, let factors): return columns(factors)
            }
        }
        func result(_ step: Step) -> Int? {
            switch step {
            case .combination(let r, _), .power(let r, _, _), .apply(let r, _, _): return r
            default: return nil
            }
        }
        for (s, step) in steps.enumerated() { for c in reads(step) { lastRead[c] = s } }
        var columnSlot = [Int](repeating: -1, count: ops.count)
        var free: [Int] = []
        var count = 0
        func fresh() -> Int {
            if let slot = free.popLast() { return slot }
            count += 1
            return count - 1
        }
        for (i, op) in ops.enumerated() where hasColumn[i] {
            if case .input = op { columnSlot[i] = fresh() }
        }
        for (s, step) in steps.enumerated() {
            if let r = result(step) {
                columnSlot[r] = fresh()
                if lastRead[r] < 0 { free.append(columnSlot[r]) }   // never read: scratch
            }
            for c in Set(reads(step)).sorted() where lastRead[c] == s {
                if case .input = ops[c] { continue }
                free.append(columnSlot[c])
            }
        }

        self.uniform = uniform
        prologue = ops.indices.filter { i in
            guard uniform[i] else { return false }
            switch ops[i] {
            case .parameter, .constant, .input: return false
            default: return true
            }
        }
        self.steps = steps
        self.columnSlot = columnSlot
        columnCount = count
        uniformOutputs = outputsOf.keys.sorted().filter { uniform[$0] }.map { ($0, outputsOf[$0]!) }
        uniformGuards = program.guards.filter { uniform[$0.instruction] }
    }
}
