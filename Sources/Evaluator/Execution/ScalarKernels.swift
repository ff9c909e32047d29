import Foundation
import SymDiff

/// One closure per instruction for a single sample, each reading and writing
/// fixed addresses of a preallocated slot buffer.
///
/// The arithmetic is exactly `Expr.evaluate`'s: sums and products fold left
/// in operand order, powers follow `RealPower`, functions are the function
/// table's own closures. So a compiled value is bit-for-bit the value
/// `evaluate` gives.
enum ScalarKernels {
    typealias Pointer = UnsafeMutablePointer<Double>

    /// `o = Σ a·b` over the terms, left to right; a sum's operand that is not
    /// a folded product is the term `a·1` (multiplying by 1 is exact, so the
    /// value is still evaluate's).
    static func sumOfProducts(_ terms: [(Pointer, Pointer)], into o: Pointer) -> Kernel {
        switch terms.count {
        case 2:
            let ((a, b), (c, d)) = (terms[0], terms[1])
            return Kernel { _ in o.pointee = a.pointee * b.pointee + c.pointee * d.pointee }
        case 3:
            let ((a, b), (c, d), (e, f)) = (terms[0], terms[1], terms[2])
            return Kernel { _ in o.pointee = a.pointee * b.pointee + c.pointee * d.pointee + e.pointee * f.pointee }
        default:
            let list = ContiguousArray(terms)
            return Kernel { _ in
                var s = list[0].0.pointee * list[0].1.pointee
                for i in 1..<list.count { s += list[i].0.pointee * list[i].1.pointee }
                o.pointee = s
            }
        }
    }

    static func make(_ op: Program.Operation, result: UnsafeMutablePointer<Double>,
                     operand: (Int) -> UnsafeMutablePointer<Double>, program: Program) -> Kernel? {
        let o = result
        switch op {
        case .parameter, .input, .constant:
            return nil
        case .add(let args):
            let p = args.map(operand)
            switch p.count {
            case 2:
                let (a, b) = (p[0], p[1])
                return Kernel { _ in o.pointee = a.pointee + b.pointee }
            case 3:
                let (a, b, c) = (p[0], p[1], p[2])
                return Kernel { _ in o.pointee = a.pointee + b.pointee + c.pointee }
            default:
                let list = ContiguousArray(p)
                return Kernel { _ in
                    var s = list[0].pointee
                    for i in 1..<list.count { s += list[i].pointee }
                    o.pointee = s
                }
            }
        case .mul(let args):
            let p = args.map(operand)
            switch p.count {
            case 2:
                let (a, b) = (p[0], p[1])
                return Kernel { _ in o.pointee = a.pointee * b.pointee }
            case 3:
                let (a, b, c) = (p[0], p[1], p[2])
                return Kernel { _ in o.pointee = a.pointee * b.pointee * c.pointee }
            default:
                let list = ContiguousArray(p)
                return Kernel { _ in
                    var s = list[0].pointee
                    for i in 1..<list.count { s *= list[i].pointee }
                    o.pointee = s
                }
            }
        case .power(let base, let exponent):
            let b = operand(base)
            if case .constant(let e) = program.operations[exponent] {
                // RealPower's form, decided once for the constant exponent.
                switch RealPower.Form(exponent: e) {
                case .reciprocal: return Kernel { _ in o.pointee = 1 / b.pointee }
                case .square: return Kernel { _ in o.pointee = b.pointee * b.pointee }
                case .squareRoot: return Kernel { _ in o.pointee = b.pointee.squareRoot() }
                case .general: return Kernel { _ in o.pointee = RealPower.general(b.pointee, e) }
                }
            }
            let e = operand(exponent)
            return Kernel { _ in o.pointee = RealPower.value(b.pointee, e.pointee) }
        case .apply(let f, let args):
            switch f.numeric {
            case .unary(let g):
                let a = operand(args[0])
                return Kernel { _ in o.pointee = g(a.pointee) }
            case .binary(let g):
                let (a, b) = (operand(args[0]), operand(args[1]))
                return Kernel { _ in o.pointee = g(a.pointee, b.pointee) }
            case .nary(let g):
                let operands = args.map(operand)
                return Kernel { _ in o.pointee = g(operands.map(\.pointee)) }
            }
        }
    }
}
