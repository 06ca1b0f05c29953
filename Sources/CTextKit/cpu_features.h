#ifndef CTEXTKIT_CPU_FEATURES_H
#define CTEXTKIT_CPU_FEATURES_H
// Every kernel compiled for one of these feature sets has a portable twin giving the same
// answers. The environment variable CORPUSCLEAN_CPU=portable makes every check below answer 0,
// CORPUSCLEAN_CPU=avx2 the AVX-512 ones, CORPUSCLEAN_CPU=avx2-slow-pext those and ctk_has_fast_pext:
// how the tests run each path on one machine.
#if defined(__x86_64__)
/// 1 when the processor has AVX2 (asked once, in cpu_features.c), else 0.
int ctk_has_avx2(void);
/// 1 when the processor has AVX2, BMI1, BMI2 and POPCNT (asked once), else 0.
int ctk_has_avx2_bmi2(void);
/// 1 when the processor has AVX-512 F, BW, VL and DQ, BMI and BMI2 (asked once), else 0: the
/// features of CTK_TARGET_AVX512.
int ctk_has_avx512(void);
/// 1 when ctk_has_avx512 and the processor has AVX-512 VBMI and VBMI2 (byte permutes and
/// compresses), POPCNT and LZCNT (asked once), else 0.
int ctk_has_avx512_vbmi2(void);
/// 1 when ctk_has_avx2_bmi2 and BMI2's pext is fast on the processor (Intel's; AMD's from
/// family 0x19, Zen 3, on), else 0 (asked once): the BMI2 kernels decode by pext only then.
int ctk_has_fast_pext(void);
/// The target attribute of a function compiled for ctk_has_avx512.
#define CTK_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,bmi,bmi2")))
/// The target attribute of a function compiled for ctk_has_avx2.
#define CTK_TARGET_AVX2 __attribute__((target("avx2")))
/// The target attribute of a function compiled for ctk_has_avx2_bmi2.
#define CTK_TARGET_AVX2_BMI2 __attribute__((target("avx2,bmi,bmi2,popcnt")))
/// The target attribute of a function compiled for ctk_has_avx512_vbmi2.
#define CTK_TARGET_AVX512_VBMI2 \
    __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx512vbmi,avx512vbmi2,bmi,bmi2,lzcnt,popcnt")))
#endif
#endif
