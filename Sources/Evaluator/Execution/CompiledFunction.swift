import SymDiff

/// A `Program` made callable for one sample at a time.
///
/// Built once: a slot buffer is allocated and every instruction becomes a
/// closure over fixed addresses in it (a two-factor product read only by a
/// sum is computed inside the sum's closure). A call copies the arguments into their
/// slots, runs the closures in order and copies the outputs out — no
/// allocation, no dictionary look-up and no string work per call. Values are
/// bit-for-bit those of `Expr.evaluate`.
///
/// Not thread-safe (it owns its buffer): give each thread its own.
///
/// ```swift
/// let (w, x) = (Expr.symbol("w"), Expr.symbol("x"))
/// let f = CompiledFunction(try Program(computing: [sigmoid(w * x)], parameters: [w], inputs: [x]))
/// var out = [0.0]
/// try f.evaluate(parameters: [2], inputs: [0], into: &out)   // out == [0.5]
/// ```
public final class CompiledFunction {
    public let program: Program
    private let buffer: UnsafeMutablePointer<Double>
    private let kernels: KernelList
    /// Slot of each parameter and input (-1 when the outputs do not use it).
    private let parameterSlots: [Int]
    private let inputSlots: [Int]
    private let outputSlots: [Int]
    private let guardSlots: [(slot: Int, output: Int, instruction: Int)]

    public init(_ program: Program) {
        self.program = program
        // One slot per instruction (8 bytes each: the buffer stays in cache),
        // plus a cell holding 1 for sums' unfolded terms.
        let ops = program.operations
        buffer = .allocate(capacity: ops.count + 1)
        buffer.initialize(repeating: 0, count: ops.count + 1)
        let base = buffer, one = buffer + ops.count
        one.pointee = 1

        // A two-factor product read only by one sum is computed inside that sum.
        var users = [Int](repeating: 0, count: ops.count)
        var soleUser = [Int](repeating: -1, count: ops.count)
        for (i, op) in ops.enumerated() {
            for a in Set(op.operands) {
                users[a] += 1
                soleUser[a] = i
            }
        }
        let watched = Set(program.outputs).union(program.guards.map(\.instruction))
        var folded = Set<Int>()
        for (i, op) in ops.enumerated() {
            guard case .mul(let args) = op, args.count == 2, users[i] == 1, !watched.contains(i),
                  case .add = ops[soleUser[i]] else { continue }
            folded.insert(i)
        }

        var parameterSlots = [Int](repeating: -1, count: program.parameters.count)
        var inputSlots = [Int](repeating: -1, count: program.inputs.count)
        var kernels: [Kernel] = []
        for (i, op) in ops.enumerated() {
            switch op {
            case .parameter(let p): parameterSlots[p] = i
            case .input(let k): inputSlots[k] = i
            case .constant(let c): base[i] = c
            case .add(let args) where args.contains(where: folded.contains):
                let terms = args.map { a -> (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) in
                    if folded.contains(a), case .mul(let factors) = ops[a] { return (base + factors[0], base + factors[1]) }
                    return (base + a, one)
                }
                kernels.append(ScalarKernels.sumOfProducts(terms, into: base + i))
                continue
            default: break
            }
            if folded.contains(i) { continue }
            if let kernel = ScalarKernels.make(op, result: base + i, operand: { base + $0 }, program: program) {
                kernels.append(kernel)
            }
        }
        self.kernels = KernelList(kernels)
        self.parameterSlots = parameterSlots
        self.inputSlots = inputSlots
        outputSlots = program.outputs
        guardSlots = program.guards.map { ($0.instruction, $0.output, $0.instruction) }
    }

    deinit { buffer.deallocate() }

    /// Computes every output for one sample into `outputs` (which must hold
    /// at least one value per output).
    ///
    /// - Parameter sample: the index reported if a value is non-finite.
    /// - Throws: `EvaluatorError.nonFinite` naming the output and sample;
    ///   `.shapeMismatch` for argument arrays of the wrong length.
    public func evaluate(parameters: [Double], inputs: [Double], into outputs: inout [Double], sample: Int = 0) throws {
        guard parameters.count == parameterSlots.count, inputs.count == inputSlots.count,
              outputs.count >= outputSlots.count else {
            throw EvaluatorError.shapeMismatch(
                "expected \(parameterSlots.count) parameters, \(inputSlots.count) inputs and room for \(outputSlots.count) outputs; got \(parameters.count), \(inputs.count), \(outputs.count)")
        }
        let b = buffer
        for (p, s) in parameterSlots.enumerated() where s >= 0 { b[s] = parameters[p] }
        for (k, s) in inputSlots.enumerated() where s >= 0 { b[s] = inputs[k] }
        run()
        try check(sample: sample)
        for (o, s) in outputSlots.enumerated() { outputs[o] = b[s] }
    }

    /// The outputs for one sample, as a new array.
    public func callAsFunction(parameters: [Double] = [], inputs: [Double] = []) throws -> [Double] {
        var out = [Double](repeating: 0, count: outputSlots.count)
        try evaluate(parameters: parameters, inputs: inputs, into: &out)
        return out
    }

    @inline(__always)
    private func run() {
        kernels.run(1)
    }

    private func check(sample: Int) throws {
        let b = buffer
        for (o, s) in outputSlots.enumerated() where !b[s].isFinite {
            throw EvaluatorError.nonFinite(NonFiniteValue(output: o, outputName: program.outputNames[o],
                                                          sample: sample, value: b[s]))
        }
        for g in guardSlots where !b[g.slot].isFinite {
            throw EvaluatorError.nonFinite(NonFiniteValue(
                output: g.output, outputName: program.outputNames[g.output], sample: sample, value: b[g.slot],
                node: PlainPrinter.print(program.nodes[g.instruction], limit: 60)))
        }
    }
}
