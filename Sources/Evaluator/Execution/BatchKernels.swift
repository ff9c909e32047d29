import CKernels
import Foundation
import SymDiff

/// The loops a batch runs: one closure per step of a `BatchPlan`, each a
/// loop over the samples of a tile in the C kernels of a `VectorUnit`.
///
/// Sums add their terms left to right, as `Expr.evaluate` does; products
/// multiply the scalar factor first, then the columns. With `fused` (the
/// fast mode, on a unit with FMA) each added term's last multiplication is
/// fused with its addition. Powers follow `RealPower`; functions come from
/// the function table, except `exp` and `sigmoid`, which use the vector
/// exponential when `fastExp` is on.
enum BatchKernels {
    typealias Column = UnsafeMutablePointer<Double>
    typealias Loops = UnsafePointer<ck_kernels>

    /// A product term: an optional scalar factor (read when the kernel runs)
    /// times up to three columns. (Several scalar factors are multiplied
    /// once per batch into one; products of more columns take extra passes.)
    struct Term {
        let scalar: UnsafeMutablePointer<Double>?
        let a: Column?
        let b: Column?
        let c: Column?

        /// The C kernels' form: the scale is never null.
        var kernelTerm: ck_term { ck_term(scale: UnsafePointer(scalar) ?? ck_one(), a: a, b: b, c: c) }
    }

    /// The terms as C structs, in memory the kernel owns.
    private static func termList(_ terms: [Term]) -> UnsafeMutablePointer<ck_term> {
        let list = UnsafeMutablePointer<ck_term>.allocate(capacity: Swift.max(terms.count, 1))
        for (i, t) in terms.enumerated() { (list + i).initialize(to: t.kernelTerm) }
        return list
    }

    // MARK: Sums of products

    /// `o = Σ terms`, the first term assigned, the others added in order;
    /// `extra` columns multiply the (single) term in further passes.
    static func combination(_ terms: [Term], extra: [Column] = [], into o: Column, loops: Loops, fused: Bool) -> Kernel {
        let list = termList(terms)
        let (combine, multiply) = (loops.pointee.combine!, loops.pointee.multiply!)
        let (count, f) = (terms.count, Int32(fused ? 1 : 0))
        if extra.isEmpty { return Kernel(owning: list) { n in _ = combine(list, count, o, n, f, 0) } }
        let more = ContiguousArray(extra)
        return Kernel(owning: list) { n in
            _ = combine(list, count, o, n, f, 0)
            for x in more { multiply(o, x, n) }
        }
    }

    /// A combination of terms whose column is an output: computed and summed
    /// in one kernel call, while the column is in cache (the sum is `reduce`'s, bit for bit).
    static func reducedCombination(_ terms: [Term], into o: Column, outputs: [Int], kept: [UnsafeMutablePointer<UnsafeMutablePointer<Double>>?],
                                   sums: UnsafeMutablePointer<Double>, state: UnsafeMutablePointer<BatchState>,
                                   loops: Loops, fused: Bool) -> Kernel {
        let list = termList(terms)
        let combine = loops.pointee.combine!
        let (count, f) = (terms.count, Int32(fused ? 1 : 0))
        let outputs = ContiguousArray(outputs)
        let kept = ContiguousArray(kept)
        return Kernel(owning: list) { n in
            add(combine(list, count, o, n, f, 1), of: o, n, outputs: outputs, kept: kept, sums: sums, state: state)
        }
    }

    /// The value of `term` at sample `k` (for locating a non-finite sample).
    static func value(_ t: Term, at k: Int) -> Double {
        var v = t.scalar?.pointee ?? 1
        for column in [t.a, t.b, t.c] { if let column { v *= column[k] } }
        return v
    }

    // MARK: Powers and functions

    /// `o = b ** e` with `RealPower`'s semantics; `e` is a scalar here. A
    /// constant exponent picks its form's loop once.
    static func power(base b: Column, exponent e: UnsafeMutablePointer<Double>, constant: Double?, into o: Column,
                      loops: Loops) -> Kernel {
        if let c = constant {
            switch RealPower.Form(exponent: c) {
            case .reciprocal: return map(loops.pointee.reciprocal!, b, o)
            case .square: return map(loops.pointee.square!, b, o)
            case .squareRoot: return map(loops.pointee.square_root!, b, o)
            case .general: return Kernel { n in for k in 0..<n { o[k] = RealPower.general(b[k], c) } }
            }
        }
        return Kernel { n in
            let x = e.pointee
            for k in 0..<n { o[k] = RealPower.value(b[k], x) }
        }
    }

    private static func map(_ loop: @escaping @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void,
                            _ a: Column, _ o: Column) -> Kernel {
        Kernel { n in loop(a, o, n) }
    }

    /// `o = b ** e` with both operands columns.
    static func power(base b: Column, exponent e: Column, into o: Column) -> Kernel {
        Kernel { n in for k in 0..<n { o[k] = RealPower.value(b[k], e[k]) } }
    }

    /// `o = f(arguments)` with every argument a column.
    static func apply(_ f: Function, _ args: [Column], into o: Column, fastExp: Bool, loops: Loops) -> Kernel {
        if fastExp && f == .exp { return map(loops.pointee.exp!, args[0], o) }
        if fastExp && f == .sigmoid { return map(loops.pointee.sigmoid!, args[0], o) }
        switch f.numeric {
        case .unary(let g):
            let a = args[0]
            return Kernel { n in for k in 0..<n { o[k] = g(a[k]) } }
        case .binary(let g):
            let (a, b) = (args[0], args[1])
            return Kernel { n in for k in 0..<n { o[k] = g(a[k], b[k]) } }
        case .nary(let g):
            return Kernel { n in for k in 0..<n { o[k] = g(args.map { $0[k] }) } }
        }
    }
}

/// What the reduction kernels of one batch run share: where the current
/// tile starts, the output sums, kept per-sample values, and the first
/// non-finite value found (kernels cannot throw; the run loop checks this
/// after each tile and throws).
struct BatchState {
    var tileStart = 0
    var problemOutput = -1
    var problemSample = 0
    var problemValue = 0.0
    /// The instruction where the problem was caught when it is not the output itself.
    var problemInstruction = -1
    /// The tile (index in the run) where the problem was found.
    var problemTile = -1

    mutating func report(output: Int, sample: Int, value: Double, instruction: Int = -1) {
        guard problemOutput < 0 else { return }
        problemOutput = output
        problemSample = sample
        problemValue = value
        problemInstruction = instruction
    }
}

extension BatchKernels {
    /// Adds Σ column to each output's sum; copies kept values; records the
    /// first non-finite sample.
    static func reduce(_ column: Column, outputs: [Int], kept: [UnsafeMutablePointer<UnsafeMutablePointer<Double>>?],
                       sums: UnsafeMutablePointer<Double>, state: UnsafeMutablePointer<BatchState>, loops: Loops) -> Kernel {
        let outputs = ContiguousArray(outputs)
        let kept = ContiguousArray(kept)
        let columnSum = loops.pointee.column_sum!
        return Kernel { n in
            add(columnSum(column, n), of: column, n, outputs: outputs, kept: kept, sums: sums, state: state)
        }
    }

    /// Adds a column's sum `s` to its outputs' sums, keeps its values, and
    /// records its first non-finite sample.
    @inline(__always)
    private static func add(_ s: Double, of column: Column, _ n: Int, outputs: ContiguousArray<Int>,
                            kept: ContiguousArray<UnsafeMutablePointer<UnsafeMutablePointer<Double>>?>,
                            sums: UnsafeMutablePointer<Double>, state: UnsafeMutablePointer<BatchState>) {
        if !s.isFinite { locate(column, n, output: outputs[0], state: state, partialSum: s) }
        for (j, o) in outputs.enumerated() {
            sums[o] += s
            if let base = kept[j] { (base.pointee + state.pointee.tileStart).update(from: column, count: n) }
        }
    }

    /// Adds Σ term to each output's sum without materialising the column.
    static func reduceProduct(_ term: Term, outputs: [Int], sums: UnsafeMutablePointer<Double>,
                              state: UnsafeMutablePointer<BatchState>, loops: Loops, fused: Bool) -> Kernel {
        let outputs = ContiguousArray(outputs)
        let (productSum, f) = (loops.pointee.product_sum!, Int32(fused ? 1 : 0))
        let list = termList([term])
        return Kernel(owning: list) { n in
            let s = productSum(list, n, f)
            if !s.isFinite {
                for k in 0..<n where !value(term, at: k).isFinite {
                    state.pointee.report(output: outputs[0], sample: state.pointee.tileStart + k, value: value(term, at: k))
                    break
                }
                state.pointee.report(output: outputs[0], sample: state.pointee.tileStart + n - 1, value: s)
            }
            for o in outputs { sums[o] += s }
        }
    }

    /// Records the first non-finite value of a column a piecewise function reads.
    static func probe(_ column: Column, instruction: Int, output: Int, state: UnsafeMutablePointer<BatchState>,
                      loops: Loops) -> Kernel {
        let nonFiniteProbe = loops.pointee.nonfinite_probe!
        return Kernel { n in
            if !nonFiniteProbe(column, n).isFinite {
                for k in 0..<n where !column[k].isFinite {
                    state.pointee.report(output: output, sample: state.pointee.tileStart + k, value: column[k], instruction: instruction)
                    return
                }
            }
        }
    }

    private static func locate(_ column: Column, _ n: Int, output: Int, state: UnsafeMutablePointer<BatchState>, partialSum: Double) {
        for k in 0..<n where !column[k].isFinite {
            state.pointee.report(output: output, sample: state.pointee.tileStart + k, value: column[k])
            return
        }
        // Every value is finite but their sum overflows.
        state.pointee.report(output: output, sample: state.pointee.tileStart + n - 1, value: partialSum)
    }
}
