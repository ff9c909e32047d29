import SymDiff

/// A `Program` made callable on a batch of samples stored as columns.
///
/// The slot buffer holds one column per slot. A call runs the program over
/// tiles of the batch (up to `tileSize` samples, sized so the live columns
/// stay in cache): each instruction is one closure call per tile doing a
/// tight loop over its column, so dispatch is paid once per instruction per
/// tile, not once per sample. Parameters are broadcast; inputs are read from
/// the caller's columns. Each output is summed over the batch (what a
/// mini-batch gradient needs); outputs named in `keeping` also keep their
/// per-sample values.
///
/// Not thread-safe (it owns its buffer): give each thread its own.
///
/// ```swift
/// let f = BatchedFunction(try Program(computing: [w * x], parameters: [w], inputs: [x]))
/// try f.run(parameters: [2], inputs: [[1, 2, 3]], range: 0..<3)
/// f.sums[0]   // 12.0
/// ```
public final class BatchedFunction {
    public let program: Program
    /// Samples per tile.
    public let tileSize: Int
    /// Σ over the last run's samples of each output.
    public private(set) var sums: [Double]
    private let keptOutputs: [Int]
    private var keptValues: [[Double]]

    private let buffer: UnsafeMutablePointer<Double>
    private let kernels: KernelList
    private let parameterColumns: [UnsafeMutablePointer<Double>?]
    private let inputColumns: [UnsafeMutablePointer<Double>?]
    private let outputColumns: [UnsafeMutablePointer<Double>]
    private let guardColumns: [(column: UnsafeMutablePointer<Double>, output: Int, instruction: Int)]
    private var broadcastParameters: [Double] = []

    /// - Parameters:
    ///   - keeping: outputs whose per-sample values `values(of:)` returns.
    ///   - fastExp: use `VectorExp` for `exp` and `sigmoid` (default); off,
    ///     every value is bit-for-bit `CompiledFunction`'s.
    ///   - cacheBudget: bytes of slot columns to aim for when choosing the tile size.
    public init(_ program: Program, keeping: [Int] = [], fastExp: Bool = true, cacheBudget: Int = 256 * 1024) {
        self.program = program
        let pinned = Set(program.outputs).union(program.guards.map(\.instruction))
        let slots = SlotAllocation(program, pinned: pinned)
        let slotCount = max(slots.slotCount, 1)
        // A power of two between 8 and 1,024 samples.
        var tile = 1024
        while tile > 8 && tile * slotCount * 8 > cacheBudget { tile /= 2 }
        tileSize = tile
        buffer = .allocate(capacity: slotCount * tile)
        buffer.initialize(repeating: 0, count: slotCount * tile)
        let base = buffer
        func column(_ instruction: Int) -> UnsafeMutablePointer<Double> { base + slots.slot[instruction] * tile }

        var parameterColumns = [UnsafeMutablePointer<Double>?](repeating: nil, count: program.parameters.count)
        var inputColumns = [UnsafeMutablePointer<Double>?](repeating: nil, count: program.inputs.count)
        var kernels: [Kernel] = []
        for (i, op) in program.operations.enumerated() {
            switch op {
            case .parameter(let p): parameterColumns[p] = column(i)
            case .input(let k): inputColumns[k] = column(i)
            case .constant(let c): column(i).update(repeating: c, count: tile)
            default: break
            }
            if let kernel = BatchKernels.make(op, result: column(i), operand: column, program: program, fastExp: fastExp) {
                kernels.append(kernel)
            }
        }
        self.kernels = KernelList(kernels)
        self.parameterColumns = parameterColumns
        self.inputColumns = inputColumns
        outputColumns = program.outputs.map(column)
        guardColumns = program.guards.map { (column($0.instruction), $0.output, $0.instruction) }
        sums = [Double](repeating: 0, count: program.outputs.count)
        keptOutputs = keeping
        keptValues = keeping.map { _ in [] }
    }

    deinit { buffer.deallocate() }

    /// Runs the program on samples `range` of the input columns (one array per
    /// input, in the program's input order) and fills `sums` (and the kept values).
    ///
    /// - Throws: `EvaluatorError.nonFinite` naming the output and the sample
    ///   (its index in `range`'s columns); `.shapeMismatch` for wrong argument counts.
    public func run(parameters: [Double], inputs: [[Double]], range: Range<Int>) throws {
        guard parameters.count == parameterColumns.count, inputs.count == inputColumns.count else {
            throw EvaluatorError.shapeMismatch(
                "expected \(parameterColumns.count) parameters and \(inputColumns.count) input columns; got \(parameters.count) and \(inputs.count)")
        }
        for column in inputs where column.count < range.upperBound {
            throw EvaluatorError.shapeMismatch("an input column has \(column.count) samples, the range ends at \(range.upperBound)")
        }
        broadcast(parameters, upTo: Swift.min(range.count, tileSize))
        for o in sums.indices { sums[o] = 0 }
        for i in keptValues.indices { keptValues[i].removeAll(keepingCapacity: true) }

        var start = range.lowerBound
        while start < range.upperBound {
            let n = Swift.min(tileSize, range.upperBound - start)
            for (k, column) in inputColumns.enumerated() {
                guard let column else { continue }
                inputs[k].withUnsafeBufferPointer { source in
                    column.update(from: source.baseAddress! + start, count: n)
                }
            }
            kernels.run(n)
            try collect(n, firstSample: start)
            start += n
        }
    }

    /// The per-sample values of a kept output from the last run.
    public func values(of output: Int) -> [Double] {
        guard let i = keptOutputs.firstIndex(of: output) else {
            preconditionFailure("output \(output) was not kept; pass it in `keeping:`")
        }
        return keptValues[i]
    }

    /// Fills the parameter columns, skipping the work when the values and the
    /// filled length are unchanged since the last call.
    private func broadcast(_ parameters: [Double], upTo n: Int) {
        if parameters == broadcastParameters && filledLength >= n { return }
        for (p, column) in parameterColumns.enumerated() {
            column?.update(repeating: parameters[p], count: n)
        }
        broadcastParameters = parameters
        filledLength = n
    }
    private var filledLength = 0

    private func collect(_ n: Int, firstSample: Int) throws {
        for (o, column) in outputColumns.enumerated() {
            let s = BatchKernels.columnSum(column, n)
            if !s.isFinite { try report(column, n, firstSample, output: o, instruction: nil, partialSum: s) }
            sums[o] += s
        }
        for g in guardColumns where !BatchKernels.nonFiniteProbe(g.column, n).isFinite {
            try report(g.column, n, firstSample, output: g.output, instruction: g.instruction, partialSum: .nan)
        }
        for (i, o) in keptOutputs.enumerated() {
            keptValues[i].append(contentsOf: UnsafeBufferPointer(start: outputColumns[o], count: n))
        }
    }

    private func report(_ column: UnsafeMutablePointer<Double>, _ n: Int, _ firstSample: Int,
                        output: Int, instruction: Int?, partialSum: Double) throws {
        let node = instruction.map { PlainPrinter.print(program.nodes[$0], limit: 60) }
        for k in 0..<n where !column[k].isFinite {
            throw EvaluatorError.nonFinite(NonFiniteValue(output: output, outputName: program.outputNames[output],
                                                          sample: firstSample + k, value: column[k], node: node))
        }
        // Every value is finite but their sum overflows.
        throw EvaluatorError.nonFinite(NonFiniteValue(output: output, outputName: "sum of " + program.outputNames[output],
                                                      sample: firstSample + n - 1, value: partialSum, node: node))
    }
}
