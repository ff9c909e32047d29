/// The exponential of a whole column at once, over SIMD lanes.
///
/// `exp` is most of the work in a sigmoid network, and the C library's `exp`
/// is a call per value that no compiler vectorises. This one is branch-free
/// arithmetic on each value:
///
/// 1. range reduction by ln 2: x = k·ln 2 + r with k an integer and |r| ≤ ½ ln 2,
///    k found by the round-to-nearest trick (adding 1.5·2⁵² drops the fraction)
///    and r computed with ln 2 split in two parts (Cody–Waite) so it is exact;
/// 2. e^r = 1 + r + r²·g(r) with g a degree-9 polynomial fitted on the reduced
///    range (error about 10⁻¹⁷), evaluated by Estrin's scheme;
/// 3. scaling by 2^k written straight into the exponent bits, in two halves
///    2^⌊k/2⌉·2^(k−⌊k/2⌉) so that results which overflow become `inf` and
///    results in the subnormal range are rounded once, correctly.
///
/// It agrees with Foundation's `exp` to within 1 ulp over the whole range
/// (checked in the tests), gives `inf` above 709.78, 0 below −745.13 and
/// propagates NaN. `exp(_:)` is the method in Swift, one value at a time;
/// the column functions run the same arithmetic in the C kernels of a
/// `VectorUnit` (kernels.inc), fused multiply-adds where the unit has them.
///
/// ```swift
/// var out = [Double](repeating: 0, count: 3)
/// VectorExp.apply([0, 1, -1], into: &out)   // [1.0, 2.7182818284590455, 0.36787944117144233]
/// ```
public enum VectorExp {
    /// e^x for one value, by the same arithmetic as the vector loop.
    @inlinable @inline(__always)
    public static func exp(_ x: Double) -> Double {
        // Constants are literals, not stored properties, so the loops that
        // inline this see plain numbers and vectorise.
        let log2e = 1.4426950408889634
        // ln 2 = ln2High + ln2Low, with ln2High's low 32 bits zero so k·ln2High is exact.
        let ln2High = 6.93147180369123816490e-01
        let ln2Low = 1.90821492927058770002e-10
        let roundingShift = 6755399441055744.0          // 1.5·2⁵²
        let exponentShift = 6755399441055744.0 + 1023   // 1.5·2⁵² + exponent bias
        // (e^r − 1 − r)/r² ≈ g0 + g1·r + ... + g9·r⁹ on |r| ≤ ½ ln 2 + 0.001, a
        // Chebyshev fit (error 1e-16, so about 1e-17 on e^r).
        let g0 = 0.5000000000000001, g1 = 0.16666666666666669, g2 = 0.04166666666662317
        let g3 = 0.008333333333329989, g4 = 0.0013888888917690603, g5 = 0.0001984126986342035
        let g6 = 2.480152055701783e-05, g7 = 2.755726789174553e-06, g8 = 2.762043894863442e-07
        let g9 = 2.510065503606659e-08
        // Clamp so k stays in range; comparisons with NaN are false, so NaN passes.
        var x = x
        x = x > 710 ? 710 : x
        x = x < -746 ? -746 : x
        let t = x * log2e + roundingShift
        let k = t - roundingShift
        let r = (x - k * ln2High) - k * ln2Low
        // Estrin's scheme: short dependency chains, so lanes and iterations overlap.
        let r2 = r * r
        let r4 = r2 * r2
        let p01 = g0 + g1 * r, p23 = g2 + g3 * r, p45 = g4 + g5 * r, p67 = g6 + g7 * r, p89 = g8 + g9 * r
        let p03 = p01 + p23 * r2, p47 = p45 + p67 * r2
        let q = (p03 + p47 * r4) + p89 * (r4 * r4)
        let p = 1 + (r + r2 * q)
        // 2^k in two halves, each built in the exponent field: adding
        // 1.5·2⁵² + 1023 puts the biased exponent in the low mantissa bits,
        // and shifting left by 52 moves exactly those bits into place.
        let k1 = (k * 0.5 + roundingShift) - roundingShift
        let k2 = k - k1
        let s1 = Double(bitPattern: (k1 + exponentShift).bitPattern &<< 52)
        let s2 = Double(bitPattern: (k2 + exponentShift).bitPattern &<< 52)
        return p * s1 * s2
    }

    /// `output[i] = e^input[i]` for `count` values, on `unit`'s loops (the
    /// widest the CPU has by default). The portable unit gives `exp(_:)`'s
    /// bits; units with fused multiply-add differ from them by at most 1 ulp.
    public static func apply(_ input: UnsafePointer<Double>, _ output: UnsafeMutablePointer<Double>, count: Int,
                             unit: VectorUnit = .best) {
        unit.kernels.pointee.exp(input, output, count)
    }

    /// `output[i] = 1/(1 + e^(−input[i]))`, the logistic sigmoid, in one pass.
    public static func sigmoid(_ input: UnsafePointer<Double>, _ output: UnsafeMutablePointer<Double>, count: Int,
                               unit: VectorUnit = .best) {
        unit.kernels.pointee.sigmoid(input, output, count)
    }

    /// e^x for each element of an array.
    public static func apply(_ input: [Double], into output: inout [Double], unit: VectorUnit = .best) {
        precondition(output.count >= input.count, "output shorter than input")
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                if let ib = i.baseAddress, let ob = o.baseAddress { apply(ib, ob, count: i.count, unit: unit) }
            }
        }
    }
}
