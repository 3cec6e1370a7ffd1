// Which instruction sets the kernels may use: detected once from cpuid and
// xgetbv (the OS must save the AVX / AVX-512 register state, not only the CPU
// support it), and lowered on request by tests and benchmarks. Kernels for
// each level are compiled with per-function target attributes, so one binary
// runs on any x86-64 and picks the best level at run time.
#include "r1kernels.h"
#include <stdatomic.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

static int detect(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return R1K_ISA_SCALAR;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, f16c = (c >> 29) & 1;
    if (!(fma && osxsave && avx && f16c)) return R1K_ISA_SCALAR;
    unsigned xlo, xhi;
    __asm__ volatile("xgetbv" : "=a"(xlo), "=d"(xhi) : "c"(0));
    if ((xlo & 0x6) != 0x6) return R1K_ISA_SCALAR;          // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return R1K_ISA_SCALAR;
    int avx2 = (b >> 5) & 1;
    if (!avx2) return R1K_ISA_SCALAR;
    int avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1, vnni = (c >> 11) & 1;
    int zmm_state = (xlo & 0xE0) == 0xE0;                    // opmask, ZMM_Hi256, Hi16_ZMM
    if (avx512f && avx512bw && avx512vl && vnni && zmm_state) return R1K_ISA_AVX512;
    return R1K_ISA_AVX2;
#else
    return R1K_ISA_SCALAR;
#endif
}

static _Atomic int g_supported = -1;  // -1: not detected yet
static _Atomic int g_level = -1;      // -1: use the supported level

int32_t r1k_isa_supported(void) {
    int s = atomic_load(&g_supported);
    if (s < 0) { s = detect(); atomic_store(&g_supported, s); }
    return s;
}

int32_t r1k_isa(void) {
    int l = atomic_load(&g_level);
    return l < 0 ? r1k_isa_supported() : l;
}

void r1k_set_isa(int32_t level) {
    int s = r1k_isa_supported();
    atomic_store(&g_level, level < 0 ? -1 : level > s ? s : level);
}

int32_t r1k_cpu_has_avx2(void) { return r1k_isa_supported() >= R1K_ISA_AVX2; }
void r1k_set_simd(int32_t enabled) { r1k_set_isa(enabled ? -1 : R1K_ISA_SCALAR); }
int32_t r1k_simd_enabled(void) { return r1k_isa() >= R1K_ISA_AVX2; }
