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

// Zeroes `slots` values (a multiple of 16) from `keys` in unaligned stores of the vector type V.
// Not memset: its `rep stosb` counts as one instruction a byte under callgrind, which would hide
// what the kernels cost.
__attribute__((target("avx2"))) static inline void store_zero(__m256i *at) { _mm256_storeu_si256(at, _mm256_setzero_si256()); }
static inline void store_zero(__m128i *at) { _mm_storeu_si128(at, _mm_setzero_si128()); }

template <typename V>
__attribute__((always_inline, no_builtin("memset"))) static inline void clear_in(uint64_t *keys, size_t slots) {
    V *const out = reinterpret_cast<V *>(keys);
    for (size_t i = 0; i < slots * sizeof(uint64_t) / sizeof(V); i++) store_zero(out + i);
}

__attribute__((target("avx2"), no_builtin("memset"))) static void clear_avx2(uint64_t *keys, size_t slots) {
    clear_in<__m256i>(keys, slots);
}

__attribute__((no_builtin("memset"))) static void clear_sse2(uint64_t *keys, size_t slots) { clear_in<__m128i>(keys, slots); }

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
