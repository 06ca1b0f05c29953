// What the processor can do, asked once.
#include "cpu_features.h"

#if defined(__x86_64__)
int ctk_has_avx2(void) {
    static int known = -1;
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return known;
}

int ctk_has_avx512(void) {
    static int known = -1;
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
                && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
    }
    return known;
}

int ctk_has_avx512_vbmi2(void) {
    static int known = -1;
    if (known < 0) {
        known = ctk_has_avx512() && __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2")
                && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("lzcnt");
    }
    return known;
}
#endif
