// What the processor can do, asked once, and capped by CORPUSCLEAN_CPU (cpu_features.h).
#include "cpu_features.h"
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#if defined(__x86_64__)
enum { HAS_AVX2 = 1, HAS_AVX2_BMI2 = 2, HAS_AVX512 = 4, HAS_AVX512_VBMI2 = 8, HAS_FAST_PEXT = 16, KNOWN = 1 << 30 };

// Whether BMI2's pext and pdep take a cycle or a few: on Intel's processors, and on AMD's from
// Zen 3 (family 0x19) on; before it AMD microcodes them (tens of cycles, more by the mask's
// bits), and Hygon's are Zen 1. Other vendors are taken to be slow.
static int pext_is_fast(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return 0;
    char vendor[13];
    memcpy(vendor, &ebx, 4);
    memcpy(vendor + 4, &edx, 4);
    memcpy(vendor + 8, &ecx, 4);
    vendor[12] = 0;
    if (strcmp(vendor, "GenuineIntel") == 0) return 1;
    if (strcmp(vendor, "AuthenticAMD") != 0) return 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    unsigned family = eax >> 8 & 0xF;
    if (family == 0xF) family += eax >> 20 & 0xFF;
    return family >= 0x19;
}

// The features' bits once asked, else 0.
static int known = 0;

// The features' bits, asked of the processor (several threads may ask at once; each finds the
// same bits), into known. Out of line, so that features() stays a load and a test.
__attribute__((noinline)) static int ask(void) {
    __builtin_cpu_init();
    int avx2 = __builtin_cpu_supports("avx2");
    int bmi = __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
    int avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") && bmi;
    int vbmi2 = avx512 && __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2")
        && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("lzcnt");
    int bits = KNOWN | (avx2 ? HAS_AVX2 : 0) | (avx2 && bmi && __builtin_cpu_supports("popcnt") ? HAS_AVX2_BMI2 : 0)
        | (avx512 ? HAS_AVX512 : 0) | (vbmi2 ? HAS_AVX512_VBMI2 : 0);
    if ((bits & HAS_AVX2_BMI2) && pext_is_fast()) bits |= HAS_FAST_PEXT;
    const char *cap = getenv("CORPUSCLEAN_CPU");
    if (cap && strcmp(cap, "portable") == 0) bits = KNOWN;
    if (cap && strcmp(cap, "avx2") == 0) bits &= KNOWN | HAS_AVX2 | HAS_AVX2_BMI2 | HAS_FAST_PEXT;
    if (cap && strcmp(cap, "avx2-slow-pext") == 0) bits &= KNOWN | HAS_AVX2 | HAS_AVX2_BMI2;
    __atomic_store_n(&known, bits, __ATOMIC_RELAXED);
    return bits;
}

static int features(void) {
    int bits = __atomic_load_n(&known, __ATOMIC_RELAXED);
    return bits ? bits : ask();
}

int ctk_has_avx2(void) { return (features() & HAS_AVX2) != 0; }
int ctk_has_avx2_bmi2(void) { return (features() & HAS_AVX2_BMI2) != 0; }
int ctk_has_avx512(void) { return (features() & HAS_AVX512) != 0; }
int ctk_has_avx512_vbmi2(void) { return (features() & HAS_AVX512_VBMI2) != 0; }
int ctk_has_fast_pext(void) { return (features() & HAS_FAST_PEXT) != 0; }
#endif
