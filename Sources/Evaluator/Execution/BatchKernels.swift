import Foundation
import SymDiff

/// The loops a batch runs: one closure per step of a `BatchPlan`, each a
/// tight loop over the samples of a tile that the compiler vectorises.
///
/// Sums add their terms left to right, as `Expr.evaluate` does; products
/// multiply the scalar factors first, then the columns. Powers follow
/// `RealPower`; functions come from the function table, except `exp` and
/// `sigmoid`, which use `VectorExp` when `fastExp` is on.
enum BatchKernels {
    typealias Column = UnsafeMutablePointer<Double>

    /// Functions with a whole-column implementation, keyed by table entry.
    static let vectorised: [Function: @Sendable (UnsafePointer<Double>, Column, Int) -> Void] = [
        .exp: { a, o, n in VectorExp.apply(a, o, count: n) },
        .sigmoid: { a, o, n in VectorExp.sigmoid(a, o, count: n) },
    ]

    /// A product term: an optional scalar factor (read when the kernel runs)
    /// times up to two columns. Plain pointers only, so iterating terms
    /// costs no reference counting. (Several scalar factors are multiplied
    /// once per batch into one; products of more columns take extra passes.)
    struct Term {
        let scalar: UnsafeMutablePointer<Double>?
        let a: Column?
        let b: Column?

        var columnCount: Int { a == nil ? 0 : (b == nil ? 1 : 2) }
        @inline(__always) var scale: Double { scalar?.pointee ?? 1 }
    }

    // MARK: Sums of products

    /// `o = Σ terms`, the first term assigned, the others added in order;
    /// `extra` columns multiply the (single) term in further passes.
    static func combination(_ terms: [Term], extra: [Column] = [], into o: Column) -> Kernel {
        if terms.count == 1 {
            let term = terms[0]
            if extra.isEmpty { return Kernel { n in product(term, into: o, n) } }
            let more = ContiguousArray(extra)
            return Kernel { n in
                product(term, into: o, n)
                for x in more { for k in 0..<n { o[k] = o[k] * x[k] } }
            }
        }
        let first = terms[0]
        let rest = ContiguousArray(terms.dropFirst())
        return Kernel { n in
            product(first, into: o, n)
            for term in rest { accumulate(term, into: o, n) }
        }
    }

    /// `o = term`.
    @inline(__always)
    static func product(_ t: Term, into o: Column, _ n: Int) {
        let c = t.scale
        let scaled = t.scalar != nil
        if let a = t.a, let b = t.b {
            if scaled { for k in 0..<n { o[k] = c * a[k] * b[k] } } else { for k in 0..<n { o[k] = a[k] * b[k] } }
        } else if let a = t.a {
            if scaled { for k in 0..<n { o[k] = c * a[k] } } else { o.update(from: a, count: n) }
        } else {
            o.update(repeating: c, count: n)
        }
    }

    /// `o += term`.
    @inline(__always)
    static func accumulate(_ t: Term, into o: Column, _ n: Int) {
        let c = t.scale
        let scaled = t.scalar != nil
        if let a = t.a, let b = t.b {
            if scaled { for k in 0..<n { o[k] = o[k] + c * a[k] * b[k] } } else { for k in 0..<n { o[k] = o[k] + a[k] * b[k] } }
        } else if let a = t.a {
            if scaled { for k in 0..<n { o[k] = o[k] + c * a[k] } } else { for k in 0..<n { o[k] = o[k] + a[k] } }
        } else {
            for k in 0..<n { o[k] = o[k] + c }
        }
    }

    /// Σ_k term(k), with four running sums.
    @inline(__always)
    static func productSum(_ t: Term, _ n: Int) -> Double {
        let c = t.scale
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var k = 0
        if let a = t.a, let b = t.b {
            while k + 4 <= n {
                s0 += a[k] * b[k]; s1 += a[k + 1] * b[k + 1]; s2 += a[k + 2] * b[k + 2]; s3 += a[k + 3] * b[k + 3]
                k += 4
            }
            while k < n { s0 += a[k] * b[k]; k += 1 }
        } else if let a = t.a {
            while k + 4 <= n { s0 += a[k]; s1 += a[k + 1]; s2 += a[k + 2]; s3 += a[k + 3]; k += 4 }
            while k < n { s0 += a[k]; k += 1 }
        } else {
            return c * Double(n)
        }
        return c * ((s0 + s1) + (s2 + s3))
    }

    /// The value of `term` at sample `k` (for locating a non-finite sample).
    static func value(_ t: Term, at k: Int) -> Double {
        var v = t.scale
        if let a = t.a { v *= a[k] }
        if let b = t.b { v *= b[k] }
        return v
    }

    // MARK: Powers and functions

    /// `o = b ** e` with `RealPower`'s semantics; `e` is a scalar here. A
    /// constant exponent picks its form's loop once.
    static func power(base b: Column, exponent e: UnsafeMutablePointer<Double>, constant: Double?, into o: Column) -> Kernel {
        if let c = constant {
            switch RealPower.Form(exponent: c) {
            case .reciprocal: return Kernel { n in for k in 0..<n { o[k] = 1 / b[k] } }
            case .square: return Kernel { n in for k in 0..<n { o[k] = b[k] * b[k] } }
            case .squareRoot: return Kernel { n in for k in 0..<n { o[k] = b[k].squareRoot() } }
            case .general: return Kernel { n in for k in 0..<n { o[k] = RealPower.general(b[k], c) } }
            }
        }
        return Kernel { n in
            let x = e.pointee
            for k in 0..<n { o[k] = RealPower.value(b[k], x) }
        }
    }

    /// `o = b ** e` with both operands columns.
    static func power(base b: Column, exponent e: Column, into o: Column) -> Kernel {
        Kernel { n in for k in 0..<n { o[k] = RealPower.value(b[k], e[k]) } }
    }

    /// `o = f(arguments)` with every argument a column.
    static func apply(_ f: Function, _ args: [Column], into o: Column, fastExp: Bool) -> Kernel {
        if fastExp, let kernel = vectorised[f] {
            let a = args[0]
            return Kernel { n in kernel(a, o, n) }
        }
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

    // MARK: Reductions

    /// Σ column[0..<n] with four running sums (a fixed order, so results are
    /// reproducible; the loop vectorises).
    @inline(__always)
    static func columnSum(_ c: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var k = 0
        while k + 4 <= n {
            s0 += c[k]; s1 += c[k + 1]; s2 += c[k + 2]; s3 += c[k + 3]
            k += 4
        }
        while k < n { s0 += c[k]; k += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// NaN when any of column[0..<n] is infinite or NaN, 0 otherwise.
    @inline(__always)
    static func nonFiniteProbe(_ c: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0
        var k = 0
        while k + 2 <= n { s0 += c[k] * 0; s1 += c[k + 1] * 0; k += 2 }
        if k < n { s0 += c[k] * 0 }
        return s0 + s1
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
                       sums: UnsafeMutablePointer<Double>, state: UnsafeMutablePointer<BatchState>) -> Kernel {
        let outputs = ContiguousArray(outputs)
        let kept = ContiguousArray(kept)
        return Kernel { n in
            let s = columnSum(column, n)
            if !s.isFinite { locate(column, n, output: outputs[0], state: state, partialSum: s) }
            for (j, o) in outputs.enumerated() {
                sums[o] += s
                if let base = kept[j] { (base.pointee + state.pointee.tileStart).update(from: column, count: n) }
            }
        }
    }

    /// Adds Σ term to each output's sum without materialising the column.
    static func reduceProduct(_ term: Term, outputs: [Int], sums: UnsafeMutablePointer<Double>,
                              state: UnsafeMutablePointer<BatchState>) -> Kernel {
        let outputs = ContiguousArray(outputs)
        return Kernel { n in
            let s = productSum(term, n)
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
    static func probe(_ column: Column, instruction: Int, output: Int, state: UnsafeMutablePointer<BatchState>) -> Kernel {
        Kernel { n in
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
