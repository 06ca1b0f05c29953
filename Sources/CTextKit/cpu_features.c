// What the processor can do, asked once, and capped by CORPUSCLEAN_CPU (cpu_features.h).
#include "cpu_features.h"
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
enum { HAS_AVX2 = 1, HAS_AVX2_BMI2 = 2, HAS_AVX512 = 4, HAS_AVX512_VBMI2 = 8, KNOWN = 1 << 30 };

// The features' bits: asked of the processor on the first call (several threads may ask at
// once; each finds the same bits).
static int features(void) {
    static int known = 0;
    int bits = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (bits) return bits;
    __builtin_cpu_init();
    int avx2 = __builtin_cpu_supports("avx2");
    int bmi = __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
    int avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") && bmi;
    int vbmi2 = avx512 && __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2")
        && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("lzcnt");
    bits = KNOWN | (avx2 ? HAS_AVX2 : 0) | (avx2 && bmi && __builtin_cpu_supports("popcnt") ? HAS_AVX2_BMI2 : 0)
        | (avx512 ? HAS_AVX512 : 0) | (vbmi2 ? HAS_AVX512_VBMI2 : 0);
    const char *cap = getenv("CORPUSCLEAN_CPU");
    if (cap && strcmp(cap, "portable") == 0) bits = KNOWN;
    if (cap && strcmp(cap, "avx2") == 0) bits &= KNOWN | HAS_AVX2 | HAS_AVX2_BMI2;
    __atomic_store_n(&known, bits, __ATOMIC_RELAXED);
    return bits;
}

int ctk_has_avx2(void) { return (features() & HAS_AVX2) != 0; }
int ctk_has_avx2_bmi2(void) { return (features() & HAS_AVX2_BMI2) != 0; }
int ctk_has_avx512(void) { return (features() & HAS_AVX512) != 0; }
int ctk_has_avx512_vbmi2(void) { return (features() & HAS_AVX512_VBMI2) != 0; }
#endif
