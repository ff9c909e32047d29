import Dispatch
import Synchronization
import Foundation
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
/// A batch of several tiles is split over `threads` threads (one worker
/// each, with its own buffers, taking tiles from a shared counter); the tiles and the tree their sums are added
/// in are fixed by the batch alone, so `sums` are bit-identical for any
/// thread count. Calls to `run` must not overlap: give each caller its own.
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
    /// Threads a large batch is split over (at most; small batches use fewer).
    public let threads: Int
    /// Columns the tile loop needs at most at once (after reuse).
    public var columnCount: Int { plan.columnCount }
    /// Σ over the last run's samples of each output.
    public var sums: [Double] { Array(UnsafeBufferPointer(sumsBuffer)) }
    /// The sums where `run` writes them, for callers that read them every step.
    let sumsBuffer: UnsafeMutableBufferPointer<Double>

    private let plan: BatchPlan
    private let fastExp: Bool
    /// The vector unit the loops run on.
    public let vectorUnit: VectorUnit
    /// The worker every run uses; the others are made on first use, so a
    /// function that only sees small batches builds one.
    private let first: BatchWorker
    private var others: [BatchWorker] = []
    private let keptOutputs: [Int]
    /// Per kept output, a cell holding the base of its per-sample values.
    private let keptBases: [UnsafeMutablePointer<UnsafeMutablePointer<Double>>]
    /// Samples the kept buffers hold, and samples of the last run. (In a
    /// buffer, not stored properties: a training step runs small batches,
    /// and a class's stored `var`s are checked for exclusive access at run time.)
    private let counts: UnsafeMutablePointer<(capacity: Int, kept: Int)>
    /// Tiles whose sums are reduced as one tree; depends on the program only,
    /// never on `threads`, so the tree (and every rounding) is the same for any thread count.
    private let groupTiles: Int
    /// `groupTiles` rows of per-output tile sums.
    private let tileRows: UnsafeMutablePointer<Double>

    /// - Parameters:
    ///   - keeping: outputs whose per-sample values `values(of:)` returns.
    ///   - fastExp: use the vector exponential for `exp` and `sigmoid`, and
    ///     fused multiply-adds where the unit has them (default); off, exp is
    ///     Foundation's and every per-sample value is `CompiledFunction`'s, bit for bit.
    ///   - cacheBudget: bytes of live columns to aim for when choosing the tile
    ///     size (tiles of 1,024 samples measured best on a Zen 4 core, whose 1 MB
    ///     level-2 cache keeps up; smaller tiles pay the per-step dispatch more often).
    ///   - threads: how many threads a batch of several tiles is split over;
    ///     all active cores when nil. The sums are bit-identical for any value.
    ///   - vectorUnit: the unit the loops run on (the CPU's widest by default;
    ///     one the CPU lacks falls back to `.portable`).
    public init(_ program: Program, keeping: [Int] = [], fastExp: Bool = true, cacheBudget: Int = 256 * 1024,
                threads: Int? = nil, vectorUnit: VectorUnit = .best) {
        self.program = program
        let plan = BatchPlan(program, kept: Set(keeping))
        self.plan = plan
        self.fastExp = fastExp
        self.vectorUnit = vectorUnit.isAvailable ? vectorUnit : .portable
        self.threads = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var tile = 1024
        while tile > 16 && tile * Swift.max(plan.columnCount, 1) * 8 > cacheBudget { tile /= 2 }
        tileSize = tile
        keptOutputs = keeping
        keptBases = keeping.map { _ in
            let cell = UnsafeMutablePointer<UnsafeMutablePointer<Double>>.allocate(capacity: 1)
            cell.initialize(to: .allocate(capacity: 1))
            return cell
        }
        sumsBuffer = .allocate(capacity: program.outputs.count)
        sumsBuffer.initialize(repeating: 0)
        counts = .allocate(capacity: 1)
        counts.initialize(to: (0, 0))
        // About 1 MB of tile sums per group, between 16 and 4,096 tiles.
        let outputs = Swift.max(program.outputs.count, 1)
        var group = 4096
        while group > 16 && group * outputs * 8 > 1 << 20 { group /= 2 }
        groupTiles = group
        tileRows = .allocate(capacity: group * outputs)
        tileRows.initialize(repeating: 0, count: group * outputs)
        first = BatchWorker(program, plan: plan, tile: tileSize, keeping: keeping, keptBases: keptBases,
                            fastExp: fastExp, unit: self.vectorUnit)
    }

    deinit {
        sumsBuffer.deallocate()
        counts.deallocate()
        for cell in keptBases {
            cell.pointee.deallocate()
            cell.deallocate()
        }
        tileRows.deallocate()
    }

    private func worker(_ i: Int) -> BatchWorker {
        if i == 0 { return first }
        while others.count < i {
            others.append(BatchWorker(program, plan: plan, tile: tileSize, keeping: keptOutputs,
                                      keptBases: keptBases, fastExp: fastExp, unit: vectorUnit))
        }
        return others[i - 1]
    }

    /// Runs the program on samples `range` of the input columns (one array per
    /// input, in the program's input order) and fills `sums` (and the kept values).
    ///
    /// Tile t holds samples `range.lowerBound + t·tileSize` onwards; each
    /// tile is summed on its own, and the tiles' sums are added pairwise in a
    /// fixed tree (groups of tiles, left to right), whichever thread ran them.
    ///
    /// - Throws: `EvaluatorError.nonFinite` naming the output and the sample
    ///   (its index in the columns); `.shapeMismatch` for wrong argument counts.
    public func run(parameters: [Double], inputs: [[Double]], range: Range<Int>) throws {
        let sums = sumsBuffer
        guard parameters.count == first.parameterCount, inputs.count == first.inputCount else {
            throw EvaluatorError.shapeMismatch(
                "expected \(first.parameterCount) parameters and \(first.inputCount) input columns; got \(parameters.count) and \(inputs.count)")
        }
        for column in inputs where column.count < range.upperBound {
            throw EvaluatorError.shapeMismatch("an input column has \(column.count) samples, the range ends at \(range.upperBound)")
        }
        first.load(parameters)
        if range.count > counts.pointee.capacity && !keptBases.isEmpty {
            for cell in keptBases {
                cell.pointee.deallocate()
                cell.pointee = .allocate(capacity: range.count)
            }
            counts.pointee.capacity = range.count
        }
        let outputCount = program.outputs.count
        try uniformValues(range, scalars: first.scalars)

        let tileCount = (range.count + tileSize - 1) / tileSize
        if tileCount == 0 { for o in 0..<outputCount { sums[o] = 0 } }
        var groupStart = 0
        while groupStart < tileCount {
            let tiles = Swift.min(groupTiles, tileCount - groupStart)
            let used = Swift.min(threads, tiles)
            if used == 1 {
                // Inline, allocating nothing: a training step's batch is usually one tile.
                var next = groupStart
                let end = groupStart + tiles
                first.run(tiles: { () -> Int? in
                    guard next < end else { return nil }
                    next += 1
                    return next - 1
                }, base: groupStart, tileSize: tileSize, range: range, inputs: inputs, rows: tileRows)
                if first.problemTile >= 0 { throw problem(first.state.pointee) }
            } else {
                try runShared(tiles: groupStart ..< groupStart + tiles, workers: used, parameters: parameters, range: range, inputs: inputs)
            }
            Self.reducePairwise(rows: tileRows, count: tiles, width: outputCount)
            for o in 0..<outputCount { sums[o] = groupStart == 0 ? tileRows[o] : sums[o] + tileRows[o] }
            groupStart += tiles
        }
        for (i, outputs) in plan.uniformOutputs {
            for o in outputs { sums[o] = first.scalars[i] * Double(range.count) }
        }
        counts.pointee.kept = range.count
    }

    /// Runs a group's tiles on `count` workers and throws the first bad
    /// tile's problem in sample order, as one thread would find it.
    ///
    /// Workers take the next tile from a shared counter, so a worker whose
    /// core is busy with another process takes fewer tiles instead of making
    /// the others wait. Which worker runs a tile changes nothing: its sums go
    /// to its own row. Tiles are handed out in increasing order and a worker
    /// stops at its first bad tile, so the earliest bad tile of the group is
    /// always run and is the least of the workers' bad tiles.
    private func runShared(tiles: Range<Int>, workers count: Int, parameters: [Double], range: Range<Int>,
                           inputs: [[Double]]) throws {
        for w in 0..<count { worker(w).load(parameters) }
        let tileSize = tileSize
        let team = (0..<count).map(worker)
        let shared = UncheckedSendable((team, inputs, tileRows))
        let counter = TileCounter(tiles.lowerBound)
        DispatchQueue.concurrentPerform(iterations: count) { w in
            let (team, inputs, rows) = shared.value
            team[w].run(tiles: { counter.next(below: tiles.upperBound) }, base: tiles.lowerBound, tileSize: tileSize,
                        range: range, inputs: inputs, rows: rows)
        }
        if let bad = team.filter({ $0.problemTile >= 0 }).min(by: { $0.problemTile < $1.problemTile }) {
            throw problem(bad.state.pointee)
        }
    }

    /// Adds rows 1..<count into row 0 as a balanced tree: at stride s, row i
    /// (a multiple of 2s) gains row i + s. The order depends on `count` alone.
    static func reducePairwise(rows: UnsafeMutablePointer<Double>, count: Int, width: Int) {
        var stride = 1
        while stride < count {
            var i = 0
            while i + stride < count {
                let (a, b) = (rows + i * width, rows + (i + stride) * width)
                for o in 0..<width { a[o] = a[o] + b[o] }
                i += 2 * stride
            }
            stride *= 2
        }
    }

    /// The per-sample values of a kept output from the last run.
    public func values(of output: Int) -> [Double] {
        guard let i = keptOutputs.firstIndex(of: output) else {
            preconditionFailure("output \(output) was not kept; pass it in `keeping:`")
        }
        return Array(keptValues(i))
    }

    /// The per-sample values of kept output number `i` (in `keeping` order)
    /// from the last run, valid until the next run.
    func keptValues(_ i: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: keptBases[i].pointee, count: counts.pointee.kept)
    }

    /// Checks the outputs and guards that are the same for every sample, and fills their kept values.
    private func uniformValues(_ range: Range<Int>, scalars: UnsafeMutablePointer<Double>) throws {
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
                if let k = keptOutputs.firstIndex(of: o) { keptBases[k].pointee.update(repeating: v, count: range.count) }
            }
        }
    }

    private func problem(_ s: BatchState) -> EvaluatorError {
        let node = s.problemInstruction >= 0 ? PlainPrinter.print(program.nodes[s.problemInstruction], limit: 60) : nil
        return .nonFinite(NonFiniteValue(output: s.problemOutput, outputName: program.outputNames[s.problemOutput],
                                         sample: s.problemSample, value: s.problemValue, node: node))
    }
}

/// The next tile of a group, shared by its workers.
private final class TileCounter: Sendable {
    private let value: Atomic<Int>
    init(_ first: Int) { value = Atomic(first) }

    /// A tile not handed out before, or nil once `end` is reached.
    func next(below end: Int) -> Int? {
        let t = value.wrappingAdd(1, ordering: .relaxed).oldValue
        return t < end ? t : nil
    }
}

/// Hands values to `concurrentPerform`'s iterations, each of which touches
/// only its own worker and its own rows.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
