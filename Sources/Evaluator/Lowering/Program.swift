import SymDiff

/// Expressions lowered to a flat, topologically ordered program.
///
/// Each distinct node of the outputs' DAG becomes exactly one instruction, so
/// a subexpression shared by several outputs (the forward pass that a loss
/// and all its gradients have in common) is computed once. Operands always
/// refer to earlier instructions: running the instructions in order needs no
/// recursion and no look-ups. Symbols are bound by name, once, here: each
/// becomes a `.parameter` or an `.input` instruction reading a fixed position
/// of the arguments. A symbol that is neither is an error naming it.
///
/// Parameters are the values shared by every sample of a batch (weights,
/// biases); inputs are the per-sample values (features, targets). For a
/// single sample the distinction does not matter.
///
/// ```swift
/// let (w, x) = (Expr.symbol("w"), Expr.symbol("x"))
/// let loss = (w * x - 1) ** 2
/// let program = try Program(computing: [loss, try loss.diff(w)], parameters: [w], inputs: [x])
/// let f = CompiledFunction(program)
/// let out = try f(parameters: [0.5], inputs: [3])   // [0.25, 3.0]
/// ```
///
/// - Complexity: O(distinct nodes) to build.
public struct Program: Sendable, CustomStringConvertible {
    /// What one instruction computes; operands are indices of earlier instructions.
    public enum Operation: Sendable, Equatable {
        /// The parameter at this position of `parameters`.
        case parameter(Int)
        /// The per-sample input at this position of `inputs`.
        case input(Int)
        case constant(Double)
        /// Σ operands, added left to right (as `Expr.evaluate` does).
        case add([Int])
        /// Π operands, multiplied left to right.
        case mul([Int])
        /// base ** exponent with `RealPower`'s real-power semantics.
        case power(Int, Int)
        /// A function of the function table applied to operands.
        case apply(Function, [Int])

        /// The instructions this one reads.
        public var operands: [Int] {
            switch self {
            case .parameter, .input, .constant: return []
            case .add(let a), .mul(let a), .apply(_, let a): return a
            case .power(let b, let e): return [b, e]
            }
        }
    }

    /// Names of the parameters, in the order their values are passed.
    public let parameters: [String]
    /// Names of the per-sample inputs, in the order their values are passed.
    public let inputs: [String]
    /// The instructions, operands before their users.
    public let operations: [Operation]
    /// The expression each instruction computes (for messages and printing).
    public let nodes: [Expr]
    /// For each output, the instruction holding its value.
    public let outputs: [Int]
    /// For each output, the name used in messages.
    public let outputNames: [String]
    /// Instructions whose non-finite value could vanish before reaching an
    /// output (arguments of piecewise functions: `relu(nan)` is 0), each with
    /// the first output that depends on it. Checked like outputs.
    public let guards: [(instruction: Int, output: Int)]

    /// Lowers `outputs` together; shared subexpressions become one instruction.
    ///
    /// - Parameters:
    ///   - outputs: the expressions to compute.
    ///   - names: a name per output for messages (default `output 0`, `output 1`, ...).
    ///   - parameters: symbols shared by all samples of a batch.
    ///   - inputs: per-sample symbols.
    ///   - factorProducts: compute a product from another product of the
    ///     program that has all its factors but one, and a sum that is a
    ///     constant times another sum from that sum (see `ProductFactoring.swift`);
    ///     off, every value is bit-for-bit `Expr.evaluate`'s.
    /// - Throws: `EvaluatorError.unboundSymbol` naming the first symbol that is
    ///   neither a parameter nor an input; `.duplicateBinding` for a name given twice.
    public init(computing outputs: [Expr], names: [String]? = nil,
                parameters: [Expr] = [], inputs: [Expr] = [], factorProducts: Bool = true) throws {
        func name(_ e: Expr) throws -> String {
            guard let n = e.symbolName else { throw EvaluatorError.shapeMismatch("'\(e)' is not a symbol") }
            return n
        }
        try self.init(computing: outputs, names: names, parameterNames: parameters.map(name),
                      inputNames: inputs.map(name), factorProducts: factorProducts)
    }

    /// Lowers `outputs` with symbols bound by name.
    public init(computing outputs: [Expr], names: [String]? = nil,
                parameterNames: [String], inputNames: [String], factorProducts: Bool = true) throws {
        if let names, names.count != outputs.count {
            throw EvaluatorError.shapeMismatch("\(names.count) names for \(outputs.count) outputs")
        }
        // The only dictionary look-ups by name happen here, once.
        var binding: [String: Operation] = [:]
        for (i, n) in parameterNames.enumerated() {
            guard binding.updateValue(.parameter(i), forKey: n) == nil else { throw EvaluatorError.duplicateBinding(n) }
        }
        for (i, n) in inputNames.enumerated() {
            guard binding.updateValue(.input(i), forKey: n) == nil else { throw EvaluatorError.duplicateBinding(n) }
        }

        var operations: [Operation] = []
        var nodes: [Expr] = []
        // Each distinct node becomes one instruction; the fold visits operands first.
        let index = try Expr.fold(outputs) { node, args -> Int in
            let operation: Operation
            switch node.kind {
            case .symbol(let n):
                guard let bound = binding[n] else { throw EvaluatorError.unboundSymbol(n) }
                operation = bound
            case .number(let value): operation = .constant(value.doubleValue)
            case .add: operation = .add(args)
            case .mul: operation = .mul(args)
            case .pow: operation = .power(args[0], args[1])
            case .apply(let f): operation = .apply(f, args)
            }
            operations.append(operation)
            nodes.append(node)
            return operations.count - 1
        }

        var newIndex = Array(operations.indices)
        if factorProducts { newIndex = Program.factorProducts(&operations, &nodes, outputs: index) }
        self.parameters = parameterNames
        self.inputs = inputNames
        self.operations = operations
        self.nodes = nodes
        self.outputs = index.map { newIndex[$0] }
        self.outputNames = names ?? outputs.indices.map { "output \($0)" }
        self.guards = Program.findGuards(operations, self.outputs)
    }

    /// The arguments of piecewise functions, with the lowest-numbered output
    /// that reads them (found by pushing output numbers down the DAG once).
    private static func findGuards(_ operations: [Operation], _ outputs: [Int]) -> [(instruction: Int, output: Int)] {
        var guarded = Set<Int>()
        for op in operations {
            if case .apply(let f, let args) = op, f.isPiecewise { guarded.formUnion(args) }
        }
        if guarded.isEmpty { return [] }
        var firstOutput = [Int](repeating: Int.max, count: operations.count)
        for (o, i) in outputs.enumerated() where o < firstOutput[i] { firstOutput[i] = o }
        for i in operations.indices.reversed() where firstOutput[i] != Int.max {
            for a in operations[i].operands where firstOutput[i] < firstOutput[a] { firstOutput[a] = firstOutput[i] }
        }
        return guarded.sorted().map { ($0, firstOutput[$0]) }
    }

    /// The number of instructions (distinct DAG nodes of all outputs).
    public var count: Int { operations.count }

    /// The program as text, one instruction per line:
    /// `%3 = mul %0 %2`, then the outputs.
    public var description: String {
        var lines: [String] = []
        for (i, op) in operations.enumerated() {
            let refs = { (a: [Int]) in a.map { "%\($0)" }.joined(separator: " ") }
            let text: String
            switch op {
            case .parameter(let p): text = "parameter \(parameters[p])"
            case .input(let k): text = "input \(inputs[k])"
            case .constant(let c): text = "constant \(c)"
            case .add(let a): text = "add \(refs(a))"
            case .mul(let a): text = "mul \(refs(a))"
            case .power(let b, let e): text = "pow %\(b) %\(e)"
            case .apply(let f, let a): text = "\(f.name) \(refs(a))"
            }
            lines.append("%\(i) = \(text)")
        }
        for (o, i) in outputs.enumerated() { lines.append("\(outputNames[o]) = %\(i)") }
        return lines.joined(separator: "\n")
    }
}
