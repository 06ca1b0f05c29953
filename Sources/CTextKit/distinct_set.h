// A hash set of this thread's, for the kernels that keep the distinct values of a sequence as
// they make it (the shingles of a document, ctk_shingle_signature); its table in distinct_set.cpp.
#ifndef CTK_DISTINCT_SET_H
#define CTK_DISTINCT_SET_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

// A table of at least 2n slots of values alone, 0 in a free slot (the value 0 itself is kept
// by a flag of the caller's), cleared for each use: one cache line a probe, where keys and
// marks in two arrays took two. Probed linearly from the value's low bits: the values are
// hashes, spread evenly already.
typedef struct {
    uint64_t *keys;
    size_t mask;
} ctk_distinct_set;

// This thread's set, empty, with room for `n` values; valid until its next use on this thread.
void ctk_distinct_set_take(size_t n, ctk_distinct_set *set);

// Adds x to the set of those `keys` and `mask` (and `*zero`, whether 0 is in it); returns whether
// it was not there yet. (The fields one by one, so that a caller's loop keeps them in registers
// across the stores to the table.)
static inline int ctk_distinct_insert(uint64_t *keys, size_t mask, int *zero, uint64_t x) {
    if (__builtin_expect(x == 0, 0)) {
        const int added = !*zero;
        *zero = 1;
        return added;
    }
    size_t j = (size_t)x & mask;
    for (;;) {
        const uint64_t key = keys[j];
        if (key == 0) {
            keys[j] = x;
            return 1;
        }
        if (key == x) return 0;
        j = (j + 1) & mask;
    }
}

#ifdef __cplusplus
}
#endif
#endif
