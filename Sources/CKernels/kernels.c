// One source (kernels.inc), three builds: the default target (SSE2 on
// x86-64, whatever the compiler targets elsewhere), AVX2 + FMA and
// AVX-512, each with a clang `target` attribute on its functions only, and
// a table handed out once the CPU and the OS are known to support it.

#include "CKernels.h"

// Fused multiply-adds only where kernels.inc asks for them: contraction
// would make the portable build's bits depend on the compiler.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

// The helpers pass eight-double vectors by value; they are static and
// always inlined, so no call with an ABI that differs between units exists.
#pragma clang diagnostic ignored "-Wpsabi"
#define CK_INLINE inline __attribute__((always_inline))

typedef double vd __attribute__((vector_size(64)));
typedef __typeof__((vd){0} > (vd){0}) vl;

static const double one = 1.0;
const double *ck_one(void) { return &one; }

#define CK_NAME(x) x##_portable
#define CK_FMA 0
#define CK_UNIT_NAME "sse2"
#include "kernels.inc"
#undef CK_NAME
#undef CK_FMA
#undef CK_UNIT_NAME

#if defined(__x86_64__) && defined(__clang__)
#include <cpuid.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define CK_NAME(x) x##_avx2
#define CK_FMA 1
#define CK_UNIT_NAME "avx2+fma"
#include "kernels.inc"
#undef CK_NAME
#undef CK_FMA
#undef CK_UNIT_NAME
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx2,fma"))), apply_to = function)
#define CK_NAME(x) x##_avx512
#define CK_FMA 1
#define CK_UNIT_NAME "avx512"
#include "kernels.inc"
#undef CK_NAME
#undef CK_FMA
#undef CK_UNIT_NAME
#pragma clang attribute pop

// Which units the CPU has and the OS saves the registers of (XCR0), read
// with cpuid and xgetbv rather than a compiler runtime's helper.
static int detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return CK_PORTABLE;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1;
    if (!osxsave || !avx || !fma) return CK_PORTABLE;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    if ((lo & 0x6) != 0x6) return CK_PORTABLE;   // XMM and YMM state
    if (__get_cpuid_max(0, 0) < 7) return CK_PORTABLE;
    __cpuid_count(7, 0, a, b, c, d);
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1, avx512dq = (b >> 17) & 1;
    if (!avx2) return CK_PORTABLE;
    if (avx512f && avx512dq && (lo & 0xE6) == 0xE6) return CK_AVX512;   // opmask and ZMM state too
    return CK_AVX2;
}

int ck_best_unit(void) {
    static int best = -1;
    // Racing first calls compute the same value; an int store is atomic on x86-64.
    if (best < 0) best = detect();
    return best;
}

const ck_kernels *ck_kernels_for(int unit) {
    if (unit > ck_best_unit()) return 0;
    switch (unit) {
    case CK_AVX512: return &table_avx512;
    case CK_AVX2: return &table_avx2;
    default: return &table_portable;
    }
}

#else

int ck_best_unit(void) { return CK_PORTABLE; }

const ck_kernels *ck_kernels_for(int unit) { return unit == CK_PORTABLE ? &table_portable : 0; }

#endif
