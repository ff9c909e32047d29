import CKernels

/// The vector unit `BatchedFunction`'s loops run on, chosen once from the CPU.
///
/// Swift's default x86-64 target emits SSE2 only: two doubles per
/// instruction. The loops are C (the `CKernels` target), written once over
/// vectors of eight doubles and compiled for each unit with a function-level
/// `target` attribute, so the package needs no global `-m` flags and runs on
/// any x86-64 CPU; `best` is the widest unit the CPU and the OS support.
/// (Elsewhere there is only `.portable`, compiled for the default target.)
///
/// Every unit processes a column as the same eight lanes and sums with the
/// same sixteen running sums, so without fused multiply-adds (`fastExp:
/// false`) all units give the same bits; with them, values differ in the last
/// bits only.
///
/// ```swift
/// VectorUnit.best                 // .avx512 on an AMD EPYC (Zen 4)
/// VectorUnit.available            // [.portable, .avx2, .avx512]
/// let f = BatchedFunction(program, vectorUnit: .portable)
/// ```
public enum VectorUnit: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// The compiler's default target: SSE2 on x86-64.
    case portable = 0
    /// AVX2 and FMA: four doubles per instruction, fused multiply-add.
    case avx2 = 1
    /// AVX-512 (F and DQ): eight doubles per instruction.
    case avx512 = 2

    /// The widest unit this CPU runs.
    public static let best = VectorUnit(rawValue: Int(ck_best_unit())) ?? .portable

    /// The units this CPU runs, narrowest first.
    public static var available: [VectorUnit] { allCases.filter(\.isAvailable) }

    public var isAvailable: Bool { ck_kernels_for(Int32(rawValue)) != nil }

    /// "sse2", "avx2+fma" or "avx512".
    public var description: String {
        guard let table = ck_kernels_for(Int32(rawValue)) else { return "unavailable" }
        return String(cString: table.pointee.name)
    }

    /// The unit's loops; an unavailable unit falls back to `.portable`.
    var kernels: UnsafePointer<ck_kernels> {
        ck_kernels_for(Int32(rawValue)) ?? ck_kernels_for(Int32(CK_PORTABLE))!
    }
}
