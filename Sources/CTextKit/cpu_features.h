#ifndef CTEXTKIT_CPU_FEATURES_H
#define CTEXTKIT_CPU_FEATURES_H
#if defined(__x86_64__)
/// 1 when the processor has AVX2 (asked once, in cpu_features.c), else 0.
int ctk_has_avx2(void);
#endif
#endif
