import Foundation
import SymDiff

/// One closure per instruction for a column of samples: each is a tight loop
/// over contiguous values, so the closure call is paid once per instruction
/// per tile and the loop body is plain arithmetic the compiler vectorises.
///
/// Sums and products fold left in operand order and powers follow
/// `Expr.power`, as in `Expr.evaluate`. Functions come from the function
/// table, except `exp` and `sigmoid`, which use `VectorExp` when `fastExp` is
/// on (within 1 ulp of Foundation's `exp`; off, results are bit-for-bit the
/// scalar ones).
enum BatchKernels {
    typealias Column = UnsafeMutablePointer<Double>

    /// Functions with a whole-column implementation, keyed by table entry.
    static let vectorised: [Function: @Sendable (UnsafePointer<Double>, Column, Int) -> Void] = [
        .exp: { a, o, n in VectorExp.apply(a, o, count: n) },
        .sigmoid: { a, o, n in VectorExp.sigmoid(a, o, count: n) },
    ]

    static func make(_ op: Program.Operation, result o: Column, operand: (Int) -> Column,
                     program: Program, fastExp: Bool) -> Kernel? {
        switch op {
        case .parameter, .input, .constant:
            return nil
        case .add(let args):
            return sum(args.map(operand), o)
        case .mul(let args):
            return product(args.map(operand), o)
        case .power(let base, let exponent):
            let b = operand(base)
            if case .constant(let e) = program.operations[exponent] {
                if e == -1 { return Kernel { n in for k in 0..<n { o[k] = 1 / b[k] } } }
                if e == 2 { return Kernel { n in for k in 0..<n { o[k] = b[k] * b[k] } } }
                if e == 0.5 { return Kernel { n in for k in 0..<n { o[k] = b[k].squareRoot() } } }
                return Kernel { n in for k in 0..<n { o[k] = Foundation.pow(b[k], e) } }
            }
            let e = operand(exponent)
            return Kernel { n in for k in 0..<n { o[k] = RealPower.value(b[k], e[k]) } }
        case .apply(let f, let args):
            if fastExp, let kernel = vectorised[f] {
                let a = operand(args[0])
                return Kernel { n in kernel(a, o, n) }
            }
            switch f.numeric {
            case .unary(let g):
                let a = operand(args[0])
                return Kernel { n in for k in 0..<n { o[k] = g(a[k]) } }
            case .binary(let g):
                let (a, b) = (operand(args[0]), operand(args[1]))
                return Kernel { n in for k in 0..<n { o[k] = g(a[k], b[k]) } }
            }
        }
    }

    /// Σ columns, left to right: one pass for up to four terms, then one
    /// accumulating pass per further three.
    static func sum(_ p: [Column], _ o: Column) -> Kernel {
        switch p.count {
        case 2:
            let (a, b) = (p[0], p[1])
            return Kernel { n in for k in 0..<n { o[k] = a[k] + b[k] } }
        case 3:
            let (a, b, c) = (p[0], p[1], p[2])
            return Kernel { n in for k in 0..<n { o[k] = a[k] + b[k] + c[k] } }
        default:
            let (a, b, c, d) = (p[0], p[1], p[2], p[3])
            let rest = ContiguousArray(p.dropFirst(4))
            return Kernel { n in
                for k in 0..<n { o[k] = a[k] + b[k] + c[k] + d[k] }
                var i = 0
                while i < rest.count {
                    switch rest.count - i {
                    case 1:
                        let x = rest[i]
                        for k in 0..<n { o[k] = o[k] + x[k] }
                    case 2:
                        let (x, y) = (rest[i], rest[i + 1])
                        for k in 0..<n { o[k] = o[k] + x[k] + y[k] }
                    default:
                        let (x, y, z) = (rest[i], rest[i + 1], rest[i + 2])
                        for k in 0..<n { o[k] = o[k] + x[k] + y[k] + z[k] }
                    }
                    i += 3
                }
            }
        }
    }

    /// Π columns, left to right, like `sum`.
    static func product(_ p: [Column], _ o: Column) -> Kernel {
        switch p.count {
        case 2:
            let (a, b) = (p[0], p[1])
            return Kernel { n in for k in 0..<n { o[k] = a[k] * b[k] } }
        case 3:
            let (a, b, c) = (p[0], p[1], p[2])
            return Kernel { n in for k in 0..<n { o[k] = a[k] * b[k] * c[k] } }
        default:
            let (a, b, c, d) = (p[0], p[1], p[2], p[3])
            let rest = ContiguousArray(p.dropFirst(4))
            return Kernel { n in
                for k in 0..<n { o[k] = a[k] * b[k] * c[k] * d[k] }
                var i = 0
                while i < rest.count {
                    switch rest.count - i {
                    case 1:
                        let x = rest[i]
                        for k in 0..<n { o[k] = o[k] * x[k] }
                    case 2:
                        let (x, y) = (rest[i], rest[i + 1])
                        for k in 0..<n { o[k] = o[k] * x[k] * y[k] }
                    default:
                        let (x, y, z) = (rest[i], rest[i + 1], rest[i + 2])
                        for k in 0..<n { o[k] = o[k] * x[k] * y[k] * z[k] }
                    }
                    i += 3
                }
            }
        }
    }

    /// Σ column[0..<n] with four running sums (the order is fixed, so results
    /// are reproducible, and the loop vectorises).
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
