// The hash set of distinct_set.h: its table.
#include "distinct_set.h"
extern "C" {
#include "cpu_features.h"
}
#include <immintrin.h>
#include <vector>

// The table, this thread's. A table past `largest_set` slots (a document of a million shingles)
// is let go at the next use.
static thread_local std::vector<uint64_t> set_keys;
static const size_t largest_set = (size_t)1 << 21;

// Zeroes `slots` (a multiple of 16) values from `keys`, 32 bytes a store. Not memset: its
// `rep stosb` counts as one instruction a byte under callgrind, which would hide what the kernels cost.
__attribute__((target("avx2"), no_builtin("memset"))) static void clear_avx2(uint64_t *keys, size_t slots) {
    const __m256i zero = _mm256_setzero_si256();
    __m256i *const out = reinterpret_cast<__m256i *>(keys);
    for (size_t i = 0; i < slots / 4; i += 4) {
        _mm256_storeu_si256(out + i, zero);
        _mm256_storeu_si256(out + i + 1, zero);
        _mm256_storeu_si256(out + i + 2, zero);
        _mm256_storeu_si256(out + i + 3, zero);
    }
}

// The same, 16 bytes a store.
__attribute__((no_builtin("memset"))) static void clear_sse2(uint64_t *keys, size_t slots) {
    const __m128i zero = _mm_setzero_si128();
    __m128i *const out = reinterpret_cast<__m128i *>(keys);
    for (size_t i = 0; i < slots / 2; i += 4) {
        _mm_storeu_si128(out + i, zero);
        _mm_storeu_si128(out + i + 1, zero);
        _mm_storeu_si128(out + i + 2, zero);
        _mm_storeu_si128(out + i + 3, zero);
    }
}

extern "C" void ctk_distinct_set_take(size_t n, ctk_distinct_set *set) {
    int bits = 4;
    while (((size_t)1 << bits) < 2 * n) bits++;
    const size_t slots = (size_t)1 << bits;
    if (set_keys.size() > largest_set && slots <= largest_set) std::vector<uint64_t>().swap(set_keys);
    if (set_keys.size() < slots) set_keys.resize(slots);
    static const bool avx2 = ctk_has_avx2();
    if (avx2) {
        clear_avx2(set_keys.data(), slots);
    } else {
        clear_sse2(set_keys.data(), slots);
    }
    set->keys = set_keys.data();
    set->mask = slots - 1;
}
