// Byte counts over raw input.
#include "ctextkit.h"
#include "cpu_features.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#if defined(__x86_64__)
// ctk_count_byte's blocks of 32 bytes: a population count of the matches' mask each.
__attribute__((target("avx2,popcnt"))) static size_t count_byte_avx2(const uint8_t *p, size_t n, uint8_t byte, size_t *i) {
    const __m256i wanted = _mm256_set1_epi8((char)byte);
    size_t count = 0, at = 0;
    for (; at + 32 <= n; at += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + at));
        count += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, wanted)));
    }
    *i = at;
    return count;
}
#endif

size_t ctk_count_byte(const uint8_t *p, size_t n, uint8_t byte) {
    size_t count = 0, i = 0;
#if defined(__x86_64__)
    if (n >= 32 && ctk_has_avx2()) count = count_byte_avx2(p, n, byte, &i);
#endif
    for (; i < n; i++) count += p[i] == byte;
    return count;
}

size_t ctk_count_below(const uint8_t *p, size_t n, uint8_t limit) {
    size_t count = 0, i = 0;
#if defined(__x86_64__)
    // SSE2 (every x86-64): per 16-byte lane, a byte counter that a sum of absolute
    // differences empties before it can wrap (255 blocks).
    const __m128i top = _mm_set1_epi8((char)(limit - 1));
    const __m128i zero = _mm_setzero_si128();
    if (limit > 0) {
        while (i + 16 <= n) {
            __m128i counters = zero;
            for (int block = 0; block < 255 && i + 16 <= n; block++, i += 16) {
                __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
                __m128i below = _mm_cmpeq_epi8(_mm_min_epu8(v, top), v);  // v <= limit - 1: 0xFF
                counters = _mm_sub_epi8(counters, below);
            }
            __m128i sums = _mm_sad_epu8(counters, zero);
            count += (size_t)_mm_cvtsi128_si64(sums) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
        }
    }
#endif
    for (; i < n; i++) count += p[i] < limit;
    return count;
}
