// The hash set of distinct_set.h: its table.
#include "distinct_set.h"
#include <emmintrin.h>
#include <vector>

// The table, this thread's. A table past `largest_set` slots (a document of a million shingles)
// is let go at the next use.
static thread_local std::vector<uint64_t> set_keys;
static const size_t largest_set = (size_t)1 << 21;

// Cleared with 16-byte stores, four a round, not memset: memset's `rep stosb` counts as one
// instruction a byte under callgrind, which would hide what the kernels cost.
extern "C" __attribute__((no_builtin("memset"))) void ctk_distinct_set_take(size_t n, ctk_distinct_set *set) {
    int bits = 4;
    while (((size_t)1 << bits) < 2 * n) bits++;
    const size_t slots = (size_t)1 << bits;
    if (set_keys.size() > largest_set && slots <= largest_set) std::vector<uint64_t>().swap(set_keys);
    if (set_keys.size() < slots) set_keys.resize(slots);
    const __m128i zero = _mm_setzero_si128();
    __m128i *const keys = reinterpret_cast<__m128i *>(set_keys.data());
    for (size_t i = 0; i < slots / 2; i += 4) {
        _mm_storeu_si128(keys + i, zero);
        _mm_storeu_si128(keys + i + 1, zero);
        _mm_storeu_si128(keys + i + 2, zero);
        _mm_storeu_si128(keys + i + 3, zero);
    }
    set->keys = set_keys.data();
    set->mask = slots - 1;
}
