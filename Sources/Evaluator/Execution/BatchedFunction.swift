import SymDiff

/// A `Program` made callable on a batch of samples stored as columns.
///
/// Values shared by every sample (parameters, constants and what is computed
/// from them alone) are scalars, computed once per call. Everything else is
/// a column: the batch runs in tiles (up to `tileSize` samples, sized so the
/// live columns stay in cache), and each step of the program is one closure
/// call per tile doing a tight loop over its column — dispatch is paid once
/// per instruction per tile, not once per sample. Each output is summed over
/// the batch (what a mini-batch gradient needs); outputs named in `keeping`
/// also keep their per-sample values. See `BatchPlan` for what is merged.
///
/// Not thread-safe (it owns its buffers): give each thread its own.
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
    /// Columns the tile loop needs at most at once (after reuse).
    public var columnCount: Int { plan.columnCount }
    /// Σ over the last run's samples of each output.
    public private(set) var sums: [Double]

    private let plan: BatchPlan
    private let scalars: UnsafeMutablePointer<Double>
    private let columns: UnsafeMutablePointer<Double>
    private let sumBuffer: UnsafeMutablePointer<Double>
    private let state: UnsafeMutablePointer<BatchState>
    private let prologue: KernelList
    private let steps: KernelList
    private let parameterScalars: [UnsafeMutablePointer<Double>?]
    private let inputColumns: [UnsafeMutablePointer<Double>?]
    private let keptOutputs: [Int]
    /// Per kept output, a cell holding the base of its per-sample values.
    private let keptBases: [UnsafeMutablePointer<UnsafeMutablePointer<Double>>]
    private var keptCapacity = 0
    private var lastParameters: [Double]? = nil
    private let extraScalarCount: Int

    /// - Parameters:
    ///   - keeping: outputs whose per-sample values `values(of:)` returns.
    ///   - fastExp: use `VectorExp` for `exp` and `sigmoid` (default); off,
    ///     exp is Foundation's, as in `CompiledFunction`.
    ///   - cacheBudget: bytes of live columns to aim for when choosing the tile size.
    public init(_ program: Program, keeping: [Int] = [], fastExp: Bool = true, cacheBudget: Int = 256 * 1024) {
        self.program = program
        let plan = BatchPlan(program, kept: Set(keeping))
        self.plan = plan
        let ops = program.operations
        var tile = 1024
        while tile > 16 && tile * Swift.max(plan.columnCount, 1) * 8 > cacheBudget { tile /= 2 }
        tileSize = tile

        // Scalars: one per instruction (only uniform ones used), then one per
        // term with several scalar factors.
        var extraScalars: [[Int]] = []
        for step in plan.steps {
            func collect(_ factors: [BatchPlan.Operand]) {
                let scalarFactors = factors.compactMap { if case .scalar(let i) = $0 { return i } else { return nil } }
                if scalarFactors.count > 1 { extraScalars.append(scalarFactors) }
            }
            switch step {
            case .combination(_, let terms): terms.forEach(collect)
            case .reduceProduct(_, _, let factors): collect(factors)
            default: break
            }
        }
        extraScalarCount = extraScalars.count
        scalars = .allocate(capacity: ops.count + extraScalars.count + 1)
        scalars.initialize(repeating: 0, count: ops.count + extraScalars.count + 1)
        columns = .allocate(capacity: Swift.max(plan.columnCount, 1) * tile)
        columns.initialize(repeating: 0, count: Swift.max(plan.columnCount, 1) * tile)
        sumBuffer = .allocate(capacity: Swift.max(program.outputs.count, 1))
        sumBuffer.initialize(repeating: 0, count: Swift.max(program.outputs.count, 1))
        state = .allocate(capacity: 1)
        state.initialize(to: BatchState())
        keptOutputs = keeping
        let keptBases = keeping.map { _ in
            let cell = UnsafeMutablePointer<UnsafeMutablePointer<Double>>.allocate(capacity: 1)
            cell.initialize(to: .allocate(capacity: 1))
            return cell
        }
        self.keptBases = keptBases
        sums = [Double](repeating: 0, count: program.outputs.count)

        let (scalarBase, columnBase) = (scalars, columns)
        func column(_ i: Int) -> UnsafeMutablePointer<Double> { columnBase + plan.columnSlot[i] * tile }
        var parameterScalars = [UnsafeMutablePointer<Double>?](repeating: nil, count: program.parameters.count)
        var inputColumns = [UnsafeMutablePointer<Double>?](repeating: nil, count: program.inputs.count)
        for (i, op) in ops.enumerated() {
            switch op {
            case .parameter(let p): parameterScalars[p] = scalarBase + i
            case .input(let k): if plan.columnSlot[i] >= 0 { inputColumns[k] = column(i) }
            case .constant(let c): scalarBase[i] = c
            default: break
            }
        }
        self.parameterScalars = parameterScalars
        self.inputColumns = inputColumns

        // Once per call: uniform instructions, then the multi-factor scales.
        var prologue: [Kernel] = []
        for i in plan.prologue {
            if let kernel = ScalarKernels.make(ops[i], result: scalarBase + i, operand: { scalarBase + $0 }, program: program) {
                prologue.append(kernel)
            }
        }
        for (j, factors) in extraScalars.enumerated() {
            let result = scalarBase + ops.count + j
            let pointers = ContiguousArray(factors.map { scalarBase + $0 })
            prologue.append(Kernel { _ in
                var c = 1.0
                for p in pointers { c *= p.pointee }
                result.pointee = c
            })
        }
        self.prologue = KernelList(prologue)

        // Per tile: the steps.
        var nextExtra = 0
        func term(_ factors: [BatchPlan.Operand]) -> (BatchKernels.Term, [UnsafeMutablePointer<Double>]) {
            let scalarFactors = factors.compactMap { if case .scalar(let i) = $0 { return i } else { return nil } }
            let columnFactors = factors.compactMap { if case .column(let i) = $0 { return column(i) } else { return nil } }
            var scale: UnsafeMutablePointer<Double>? = nil
            if scalarFactors.count == 1 { scale = scalarBase + scalarFactors[0] }
            if scalarFactors.count > 1 {
                scale = scalarBase + ops.count + nextExtra
                nextExtra += 1
            }
            let t = BatchKernels.Term(scalar: scale, a: columnFactors.first, b: columnFactors.count > 1 ? columnFactors[1] : nil)
            return (t, Array(columnFactors.dropFirst(2)))
        }
        /// A scalar operand made into a column, for the rare steps that need one.
        func materialised(_ operand: BatchPlan.Operand, _ scratch: inout [(UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)]) -> UnsafeMutablePointer<Double> {
            switch operand {
            case .column(let i): return column(i)
            case .scalar(let i):
                let buffer = UnsafeMutablePointer<Double>.allocate(capacity: tile)
                scratch.append((scalarBase + i, buffer))
                return buffer
            }
        }
        /// Kernels that broadcast scalars into scratch columns.
        func fills(_ scratch: [(UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)]) -> [Kernel] {
            scratch.map { source, buffer in Kernel { n in buffer.update(repeating: source.pointee, count: n) } }
        }
        var kernels: [Kernel] = []
        var scratchColumns: [UnsafeMutablePointer<Double>] = []
        let (sums, state) = (sumBuffer, state)
        for step in plan.steps {
            switch step {
            case .combination(let result, let terms):
                let built = terms.map(term)
                kernels.append(BatchKernels.combination(built.map(\.0), extra: built[0].1, into: column(result)))
            case .power(let result, let base, let exponent):
                var scratch: [(UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)] = []
                let b = materialised(base, &scratch)
                if case .scalar(let e) = exponent {
                    var constant: Double? = nil
                    if case .constant(let c) = ops[e] { constant = c }
                    kernels.append(contentsOf: fills(scratch))
                    kernels.append(BatchKernels.power(base: b, exponent: scalarBase + e, constant: constant, into: column(result)))
                } else {
                    let e = materialised(exponent, &scratch)
                    kernels.append(contentsOf: fills(scratch))
                    kernels.append(BatchKernels.power(base: b, exponent: e, into: column(result)))
                }
                scratchColumns += scratch.map(\.1)
            case .apply(let result, let f, let args):
                var scratch: [(UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)] = []
                let pointers = args.map { materialised($0, &scratch) }
                kernels.append(contentsOf: fills(scratch))
                kernels.append(BatchKernels.apply(f, pointers, into: column(result), fastExp: fastExp))
                scratchColumns += scratch.map(\.1)
            case .reduce(let i, let outputs):
                let kept = outputs.map { o in keeping.firstIndex(of: o).map { keptBases[$0] } }
                kernels.append(BatchKernels.reduce(column(i), outputs: outputs, kept: kept, sums: sums, state: state))
            case .reduceProduct(_, let outputs, let factors):
                kernels.append(BatchKernels.reduceProduct(term(factors).0, outputs: outputs, sums: sums, state: state))
            case .probe(let i, let output):
                kernels.append(BatchKernels.probe(column(i), instruction: i, output: output, state: state))
            }
        }
        self.steps = KernelList(kernels)
        self.scratchColumns = scratchColumns

    }

    private let scratchColumns: [UnsafeMutablePointer<Double>]

    deinit {
        scalars.deallocate()
        columns.deallocate()
        sumBuffer.deallocate()
        state.deallocate()
        for cell in keptBases {
            cell.pointee.deallocate()
            cell.deallocate()
        }
        for buffer in scratchColumns { buffer.deallocate() }
    }

    /// Runs the program on samples `range` of the input columns (one array per
    /// input, in the program's input order) and fills `sums` (and the kept values).
    ///
    /// - Throws: `EvaluatorError.nonFinite` naming the output and the sample
    ///   (its index in the columns); `.shapeMismatch` for wrong argument counts.
    public func run(parameters: [Double], inputs: [[Double]], range: Range<Int>) throws {
        guard parameters.count == parameterScalars.count, inputs.count == inputColumns.count else {
            throw EvaluatorError.shapeMismatch(
                "expected \(parameterScalars.count) parameters and \(inputColumns.count) input columns; got \(parameters.count) and \(inputs.count)")
        }
        for column in inputs where column.count < range.upperBound {
            throw EvaluatorError.shapeMismatch("an input column has \(column.count) samples, the range ends at \(range.upperBound)")
        }
        if parameters != lastParameters {
            for (p, scalar) in parameterScalars.enumerated() { scalar?.pointee = parameters[p] }
            prologue.run(1)
            lastParameters = parameters
        }
        if range.count > keptCapacity && !keptBases.isEmpty {
            for cell in keptBases {
                cell.pointee.deallocate()
                cell.pointee = .allocate(capacity: range.count)
            }
            keptCapacity = range.count
        }
        for o in 0..<program.outputs.count { sumBuffer[o] = 0 }
        state.pointee = BatchState()
        try uniformValues(range)

        var start = range.lowerBound
        while start < range.upperBound {
            let n = Swift.min(tileSize, range.upperBound - start)
            for (k, column) in inputColumns.enumerated() {
                guard let column else { continue }
                inputs[k].withUnsafeBufferPointer { source in
                    column.update(from: source.baseAddress! + start, count: n)
                }
            }
            // Kept values are written at tileStart, relative to the range.
            state.pointee.tileStart = start - range.lowerBound
            steps.run(n)
            if state.pointee.problemOutput >= 0 {
                state.pointee.problemSample += range.lowerBound
                throw problem()
            }
            start += n
        }
        for o in sums.indices { sums[o] = sumBuffer[o] }
        keptCount = range.count
    }

    private var keptCount = 0

    /// The per-sample values of a kept output from the last run.
    public func values(of output: Int) -> [Double] {
        guard let i = keptOutputs.firstIndex(of: output) else {
            preconditionFailure("output \(output) was not kept; pass it in `keeping:`")
        }
        return Array(UnsafeBufferPointer(start: keptBases[i].pointee, count: keptCount))
    }

    /// Outputs and guards that are the same for every sample.
    private func uniformValues(_ range: Range<Int>) throws {
        for g in plan.uniformGuards where !scalars[g.instruction].isFinite {
            throw EvaluatorError.nonFinite(NonFiniteValue(
                output: g.output, outputName: program.outputNames[g.output], sample: range.lowerBound,
                value: scalars[g.instruction], node: PlainPrinter.print(program.nodes[g.instruction], limit: 60)))
        }
        for (i, outputs) in plan.uniformOutputs {
            let v = scalars[i]
            guard v.isFinite else {
                throw EvaluatorError.nonFinite(NonFiniteValue(output: outputs[0], outputName: program.outputNames[outputs[0]],
                                                              sample: range.lowerBound, value: v))
            }
            for o in outputs {
                sumBuffer[o] = v * Double(range.count)
                if let k = keptOutputs.firstIndex(of: o) { keptBases[k].pointee.update(repeating: v, count: range.count) }
            }
        }
    }

    private func problem() -> EvaluatorError {
        let s = state.pointee
        let node = s.problemInstruction >= 0 ? PlainPrinter.print(program.nodes[s.problemInstruction], limit: 60) : nil
        return .nonFinite(NonFiniteValue(output: s.problemOutput, outputName: program.outputNames[s.problemOutput],
                                         sample: s.problemSample, value: s.problemValue, node: node))
    }
}
