// XXH64 (after Yann Collet's public algorithm description) and the MinHash kernel.
#include "ctextkit.h"
#include <string.h>

static const uint64_t P1 = 11400714785074694791ULL;
static const uint64_t P2 = 14029467366897019727ULL;
static const uint64_t P3 = 1609587929392839161ULL;
static const uint64_t P4 = 9650029242287828579ULL;
static const uint64_t P5 = 2870177450012600261ULL;

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t read64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint32_t read32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t round64(uint64_t acc, uint64_t input) {
    acc += input * P2;
    acc = rotl(acc, 31);
    return acc * P1;
}
static inline uint64_t merge64(uint64_t acc, uint64_t val) {
    acc ^= round64(0, val);
    return acc * P1 + P4;
}

uint64_t ctk_hash64(const void *data, size_t len, uint64_t seed) {
    const uint8_t *p = (const uint8_t *)data;
    const uint8_t *end = p + len;
    uint64_t h;
    if (len >= 32) {
        const uint8_t *limit = end - 32;
        uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        do {
            v1 = round64(v1, read64(p)); p += 8;
            v2 = round64(v2, read64(p)); p += 8;
            v3 = round64(v3, read64(p)); p += 8;
            v4 = round64(v4, read64(p)); p += 8;
        } while (p <= limit);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = merge64(h, v1); h = merge64(h, v2); h = merge64(h, v3); h = merge64(h, v4);
    } else {
        h = seed + P5;
    }
    h += (uint64_t)len;
    while (p + 8 <= end) {
        h ^= round64(0, read64(p));
        h = rotl(h, 27) * P1 + P4;
        p += 8;
    }
    if (p + 4 <= end) {
        h ^= (uint64_t)read32(p) * P1;
        h = rotl(h, 23) * P2 + P3;
        p += 4;
    }
    while (p < end) {
        h ^= (*p) * P5;
        h = rotl(h, 11) * P1;
        p++;
    }
    h ^= h >> 33; h *= P2;
    h ^= h >> 29; h *= P3;
    h ^= h >> 32;
    return h;
}

static void minhash_update_scalar(uint32_t *sig, const uint64_t *a, const uint64_t *b, int32_t k,
                                  const uint64_t *hashes, size_t n) {
    for (size_t j = 0; j < n; j++) {
        const uint64_t h = hashes[j];
        for (int32_t i = 0; i < k; i++) {
            uint32_t v = (uint32_t)((a[i] * h + b[i]) >> 32);
            sig[i] = v < sig[i] ? v : sig[i];
        }
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
// Same arithmetic as the scalar loop, 8 permutations at a time, the minimum kept in a register.
__attribute__((target("avx512f,avx512dq,avx512vl")))
static void minhash_update_avx512(uint32_t *sig, const uint64_t *a, const uint64_t *b, int32_t k,
                                  const uint64_t *hashes, size_t n) {
    int32_t i = 0;
    for (; i + 8 <= k; i += 8) {
        const __m512i va = _mm512_loadu_si512((const void *)(a + i));
        const __m512i vb = _mm512_loadu_si512((const void *)(b + i));
        __m256i vmin = _mm256_loadu_si256((const __m256i *)(sig + i));
        for (size_t j = 0; j < n; j++) {
            __m512i v = _mm512_add_epi64(_mm512_mullo_epi64(va, _mm512_set1_epi64((long long)hashes[j])), vb);
            vmin = _mm256_min_epu32(vmin, _mm512_cvtepi64_epi32(_mm512_srli_epi64(v, 32)));
        }
        _mm256_storeu_si256((__m256i *)(sig + i), vmin);
    }
    if (i < k) minhash_update_scalar(sig + i, a + i, b + i, k - i, hashes, n);
}
#endif

void ctk_minhash_update(uint32_t *sig, const uint64_t *a, const uint64_t *b, int32_t k,
                        const uint64_t *hashes, size_t n) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) { minhash_update_avx512(sig, a, b, k, hashes, n); return; }
#endif
    minhash_update_scalar(sig, a, b, k, hashes, n);
}
