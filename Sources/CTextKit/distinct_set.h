// A hash set of this thread's, for the kernels that keep the distinct values of a sequence as
// they make it (the shingles of a document, ctk_shingle_signature); its table in distinct_set.cpp.
#ifndef CTK_DISTINCT_SET_H
#define CTK_DISTINCT_SET_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

// A table of at least 2n slots (keys, and a mark per slot that says whether it is taken in this
// use, so that it is never cleared between uses), probed linearly from the value's low bits:
// the values are hashes, spread evenly already.
typedef struct {
    uint64_t *keys;
    uint32_t *marks;
    uint32_t mark;
    size_t mask;
} ctk_distinct_set;

// This thread's set, empty, with room for `n` values; valid until its next use on this thread.
void ctk_distinct_set_take(size_t n, ctk_distinct_set *set);

// Adds x to the set of those `keys`, `marks`, `mark` and `mask`; returns whether it was not there
// yet. (The fields one by one, so that a caller's loop keeps them in registers across the stores
// to the table.)
static inline int ctk_distinct_insert(uint64_t *keys, uint32_t *marks, uint32_t mark, size_t mask, uint64_t x) {
    size_t j = (size_t)x & mask;
    for (;;) {
        if (marks[j] != mark) {
            marks[j] = mark;
            keys[j] = x;
            return 1;
        }
        if (keys[j] == x) return 0;
        j = (j + 1) & mask;
    }
}

#ifdef __cplusplus
}
#endif
#endif
