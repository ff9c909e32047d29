/// One thread's share of a `BatchedFunction`: its own scalars, tile columns
/// and kernels, so threads share nothing they write except disjoint slices
/// of the kept values and of the per-tile sums.
///
/// A worker runs whole tiles; each tile's output sums start from zero, so a
/// tile's sums do not depend on which worker ran it or on what it ran before.
/// Everything a worker writes per tile (columns, sums, state) is in buffers
/// of whole cache lines, so two workers never write the same line.
final class BatchWorker {
    let scalars: UnsafeMutablePointer<Double>
    private let columns: UnsafeMutablePointer<Double>
    /// The current tile's sums (the reduction kernels add into it).
    private let tileSums: UnsafeMutablePointer<Double>
    private let outputCount: Int
    let state: UnsafeMutablePointer<BatchState>
    private let prologue: KernelList
    private let steps: KernelList
    private let parameterScalars: [UnsafeMutablePointer<Double>?]
    private let inputColumns: [UnsafeMutablePointer<Double>?]
    private let scratchColumns: [UnsafeMutablePointer<Double>]
    /// Whether parameters were loaded (a buffer, as `BatchedFunction.counts` explains).
    private let loaded: UnsafeMutablePointer<Bool>
    /// The tile (index in the run) where `state` recorded a problem, or -1.
    var problemTile: Int { state.pointee.problemTile }

    var parameterCount: Int { parameterScalars.count }
    var inputCount: Int { inputColumns.count }

    /// - Parameter keptBases: per kept output (in `keeping` order), the cell
    ///   holding the base of its per-sample values; shared by all workers.
    init(_ program: Program, plan: BatchPlan, tile: Int, keeping: [Int],
         keptBases: [UnsafeMutablePointer<UnsafeMutablePointer<Double>>], fastExp: Bool, unit: VectorUnit) {
        let loops = unit.kernels
        // Fused multiply-adds only in the fast mode: without it every value is the scalar code's.
        let fused = fastExp && loops.pointee.has_fma != 0
        let ops = program.operations
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
        scalars = Self.lines(ops.count + extraScalars.count + 1)
        columns = Self.lines(Swift.max(plan.columnCount, 1) * tile)
        outputCount = program.outputs.count
        tileSums = Self.lines(Swift.max(outputCount, 1))
        state = UnsafeMutableRawPointer.allocate(byteCount: Self.roundedToLines(MemoryLayout<BatchState>.stride), alignment: 64)
            .bindMemory(to: BatchState.self, capacity: 1)
        state.initialize(to: BatchState())
        loaded = .allocate(capacity: 1)
        loaded.initialize(to: false)

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
            let t = BatchKernels.Term(scalar: scale, a: columnFactors.first, b: columnFactors.count > 1 ? columnFactors[1] : nil,
                                      c: columnFactors.count > 2 ? columnFactors[2] : nil)
            return (t, Array(columnFactors.dropFirst(3)))
        }
        /// A scalar operand made into a column, for the rare steps that need one.
        func materialised(_ operand: BatchPlan.Operand, _ scratch: inout [(UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)]) -> UnsafeMutablePointer<Double> {
            switch operand {
            case .column(let i): return column(i)
            case .scalar(let i):
                let buffer = Self.lines(tile)
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
        let (sums, state) = (tileSums, state)
        func keptBase(_ outputs: [Int]) -> [UnsafeMutablePointer<UnsafeMutablePointer<Double>>?] {
            outputs.map { o in keeping.firstIndex(of: o).map { keptBases[$0] } }
        }
        var fusedReduction = false
        for (s, step) in plan.steps.enumerated() {
            if fusedReduction {
                fusedReduction = false
                continue
            }
            switch step {
            case .combination(let result, let terms):
                let built = terms.map(term)
                // An output's sum taken in the same pass when the next step would re-read the column for it.
                if built[0].1.isEmpty, s + 1 < plan.steps.count, case .reduce(result, let outputs) = plan.steps[s + 1] {
                    kernels.append(BatchKernels.reducedCombination(built.map(\.0), into: column(result), outputs: outputs,
                                                                   kept: keptBase(outputs), sums: sums, state: state,
                                                                   loops: loops, fused: fused))
                    fusedReduction = true
                    continue
                }
                kernels.append(BatchKernels.combination(built.map(\.0), extra: built[0].1, into: column(result), loops: loops, fused: fused))
            case .power(let result, let base, let exponent):
                var scratch: [(UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)] = []
                let b = materialised(base, &scratch)
                if case .scalar(let e) = exponent {
                    var constant: Double? = nil
                    if case .constant(let c) = ops[e] { constant = c }
                    kernels.append(contentsOf: fills(scratch))
                    kernels.append(BatchKernels.power(base: b, exponent: scalarBase + e, constant: constant, into: column(result), loops: loops))
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
                kernels.append(BatchKernels.apply(f, pointers, into: column(result), fastExp: fastExp, loops: loops))
                scratchColumns += scratch.map(\.1)
            case .reduce(let i, let outputs):
                kernels.append(BatchKernels.reduce(column(i), outputs: outputs, kept: keptBase(outputs), sums: sums, state: state, loops: loops))
            case .reduceProduct(_, let outputs, let factors):
                kernels.append(BatchKernels.reduceProduct(term(factors).0, outputs: outputs, sums: sums, state: state, loops: loops, fused: fused))
            case .probe(let i, let output):
                kernels.append(BatchKernels.probe(column(i), instruction: i, output: output, state: state, loops: loops))
            }
        }
        self.steps = KernelList(kernels)
        self.scratchColumns = scratchColumns
    }

    deinit {
        for buffer in [scalars, columns, tileSums] + scratchColumns { UnsafeMutableRawPointer(buffer).deallocate() }
        UnsafeMutableRawPointer(state).deallocate()
        loaded.deallocate()
    }

    private static func roundedToLines(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }

    /// `count` zeros in whole cache lines of their own.
    private static func lines(_ count: Int) -> UnsafeMutablePointer<Double> {
        let bytes = roundedToLines(count * MemoryLayout<Double>.stride)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
            .bindMemory(to: Double.self, capacity: bytes / MemoryLayout<Double>.stride)
        buffer.initialize(repeating: 0, count: bytes / MemoryLayout<Double>.stride)
        return buffer
    }

    /// Loads the parameters and recomputes the uniform scalars when they changed.
    ///
    /// (Compared with the scalars already loaded, bit for bit: keeping the
    /// caller's array instead would make its next update copy it.)
    func load(_ parameters: [Double]) {
        var changed = !loaded.pointee
        for (p, scalar) in parameterScalars.enumerated() {
            guard let scalar, scalar.pointee.bitPattern != parameters[p].bitPattern else { continue }
            scalar.pointee = parameters[p]
            changed = true
        }
        if changed { prologue.run(1) }
        loaded.pointee = true
    }

    /// Runs the tiles `next` hands out, in the order it hands them out
    /// (increasing), over samples `range` (tile t covers
    /// `range.lowerBound + t·tileSize` onwards), writing tile t's sums to row
    /// `t − base` of `rows`; stops at the first tile with a non-finite value.
    func run(tiles next: () -> Int?, base: Int, tileSize: Int, range: Range<Int>, inputs: [[Double]],
             rows: UnsafeMutablePointer<Double>) {
        state.pointee = BatchState()
        while let t = next() {
            let start = range.lowerBound + t * tileSize
            let n = Swift.min(tileSize, range.upperBound - start)
            for (k, column) in inputColumns.enumerated() {
                guard let column else { continue }
                inputs[k].withUnsafeBufferPointer { source in
                    column.update(from: source.baseAddress! + start, count: n)
                }
            }
            tileSums.update(repeating: 0, count: outputCount)
            // Kept values are written at tileStart, relative to the range.
            state.pointee.tileStart = start - range.lowerBound
            steps.run(n)
            if state.pointee.problemOutput >= 0 {
                state.pointee.problemSample += range.lowerBound
                state.pointee.problemTile = t
                return
            }
            (rows + (t - base) * outputCount).update(from: tileSums, count: outputCount)
        }
    }
}
