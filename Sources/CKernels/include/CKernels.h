#ifndef SYMDIFF_CKERNELS_H
#define SYMDIFF_CKERNELS_H

// The batched loops of `BatchedFunction`, compiled once per vector unit.
//
// Swift's default x86-64 target emits SSE2 only (two doubles per
// instruction). These loops are written once (kernels.inc) over vectors of
// eight doubles and compiled three times: for the default target, for
// AVX2 + FMA and for AVX-512, each through a clang `target` attribute on
// the functions alone, so the package needs no global `-m` flags and runs
// on any x86-64 CPU; the table for the wider units is handed out only when
// the CPU (and the OS, which must save the wider registers) supports them.
//
// Every loop treats a column as lanes 0..7 of consecutive vectors whatever
// the unit, and sums with the same sixteen running sums and the same final
// tree, so the three builds give the same bits except where fused
// multiply-adds are used (`fused`, and the exponential on units with FMA).

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One term of a sum of products: scale · a · b · c, multiplied left to
/// right. `scale` is never null (`ck_one()` for none); a null column ends
/// the factors (b null means one column, a null means none).
typedef struct {
    const double *scale;
    const double *a;
    const double *b;
    const double *c;
} ck_term;

/// The loops of one vector unit. Columns hold `n` values; nothing is read
/// or written past `n`.
typedef struct {
    /// "sse2", "avx2+fma" or "avx512".
    const char *name;
    /// Whether `fused` requests are honoured (the unit has FMA).
    int has_fma;
    /// out = Σ terms, the first term assigned, the others added in order;
    /// with `fused` (and FMA) each added term's last multiplication is fused
    /// with its addition. With `sum`, returns column_sum(out, n) (0 otherwise).
    double (*combine)(const ck_term *terms, long count, double *out, long n, int fused, int sum);
    /// out[k] *= x[k].
    void (*multiply)(double *out, const double *x, long n);
    /// Σ x[0..<n].
    double (*column_sum)(const double *x, long n);
    /// scale · Σ_k a[k]·b[k]·c[k] (missing columns are 1); fused: a·b·c's last
    /// multiplication fused with the running sum.
    double (*product_sum)(const ck_term *term, long n, int fused);
    /// NaN when some x[k] is infinite or NaN, 0 otherwise.
    double (*nonfinite_probe)(const double *x, long n);
    /// out = e^x (VectorExp's method; within 1 ulp of the C library's exp).
    void (*exp)(const double *x, double *out, long n);
    /// out = 1/(1 + e^(−x)).
    void (*sigmoid)(const double *x, double *out, long n);
    /// out = 1/x, x·x, √x.
    void (*reciprocal)(const double *x, double *out, long n);
    void (*square)(const double *x, double *out, long n);
    void (*square_root)(const double *x, double *out, long n);
} ck_kernels;

/// Vector units, in increasing width.
enum { CK_PORTABLE = 0, CK_AVX2 = 1, CK_AVX512 = 2 };

/// The table for `unit`, or NULL when this CPU (or OS) cannot run it.
/// CK_PORTABLE is always available (SSE2 on x86-64).
const ck_kernels *ck_kernels_for(int unit);

/// The widest unit this CPU can run.
int ck_best_unit(void);

/// A 1.0 to point a term's scale at.
const double *ck_one(void);

#ifdef __cplusplus
}
#endif

#endif
