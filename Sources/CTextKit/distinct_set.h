// Hash sets of this thread's, for the kernels that keep the distinct values of a sequence as
// they make it (the shingles of a document, ctk_shingle_signature); their tables in distinct_set.cpp.
#ifndef CTK_DISTINCT_SET_H
#define CTK_DISTINCT_SET_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

// A table of at least 2n slots (keys, and a mark per slot that says whether it is taken in this
// use, so that it is never cleared between uses), probed linearly from the value's low bits:
// the values are hashes, spread evenly already. `use` numbers the thread's uses from 1, never
// again the same (the mark starts again when the table is made anew).
typedef struct {
    uint64_t *keys;
    uint32_t *marks;
    uint32_t mark;
    size_t mask;
    uint64_t use;
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

// This thread's set as the use `use` of ctk_distinct_set_take with room for `n` values left it,
// into *set, when that is still its last use: returns whether it is (then its values are there).
int ctk_distinct_set_current(uint64_t use, size_t n, ctk_distinct_set *set);

// Whether x is in the set of those `keys`, `marks`, `mark` and `mask`.
static inline int ctk_distinct_contains(const uint64_t *keys, const uint32_t *marks, uint32_t mark, size_t mask, uint64_t x) {
    size_t j = (size_t)x & mask;
    for (;;) {
        if (marks[j] != mark) return 0;
        if (keys[j] == x) return 1;
        j = (j + 1) & mask;
    }
}

// For the kernels compiled for AVX-512, where a bucket's compare is two instructions (the probe
// above takes fewer where a vector is two registers or more): a table of at least 2n slots in
// buckets of 8 (one cache line), 7 values and a tag, the use's number times 8 plus how many
// values the bucket holds in this use (a bucket of an earlier use holds none), so that the table
// is never cleared. The bucket is picked by the value's low bits, the next one when it is full. A
// bucket is searched whole, so that whether a slot is free is no branch: the probe mispredicts
// it for about one value in five.
typedef struct {
    uint64_t *keys;
    size_t mask;
    uint64_t use;
} ctk_bucket_set;

// This thread's bucket set, empty, with room for `n` values; valid until its next use on this thread.
void ctk_bucket_set_take(size_t n, ctk_bucket_set *set);

// This thread's bucket set as the use `use` of ctk_bucket_set_take with room for `n` values left
// it, into *set, when that is still its last use: returns whether it is (then its values are there).
int ctk_bucket_set_current(uint64_t use, size_t n, ctk_bucket_set *set);

typedef uint64_t ctk_u64x8 __attribute__((vector_size(64), aligned(64)));
#ifdef __cplusplus
typedef bool ctk_bool8 __attribute__((ext_vector_type(8)));
#else
typedef _Bool ctk_bool8 __attribute__((ext_vector_type(8)));
#endif

// The slots of the bucket at `bucket` that hold x, as a bit mask.
static inline __attribute__((always_inline)) unsigned ctk_bucket_equal(const uint64_t *bucket, uint64_t x) {
    return __builtin_bit_cast(uint8_t, __builtin_convertvector(*(const ctk_u64x8 *)bucket == x, ctk_bool8));
}

// Adds x to the bucket set of those `keys`, `mask` and `use`; returns whether it was not there
// yet. Whether x is there is no branch (for shingles a coin toss at about one in eight, which
// mispredicted): x is written to the slot past the bucket's count either way, and counted only
// when it is new.
static inline __attribute__((always_inline)) int ctk_bucket_insert(uint64_t *keys, size_t mask, uint64_t use, uint64_t x) {
    size_t b = (size_t)x & mask;
    for (;;) {
        uint64_t *const bucket = keys + 8 * b;
        const uint64_t tag = bucket[7];
        const unsigned count = (tag >> 3) == use ? (unsigned)(tag & 7) : 0;
        const unsigned fresh = (ctk_bucket_equal(bucket, x) & ((1u << count) - 1)) == 0;
        if (__builtin_expect(count < 7, 1)) {
            bucket[count] = x;
            bucket[7] = use << 3 | (count + fresh);
            return (int)fresh;
        }
        if (!fresh) return 0;
        b = (b + 1) & mask;
    }
}

// Whether x is in the bucket set of those `keys`, `mask` and `use`.
static inline __attribute__((always_inline)) int ctk_bucket_contains(const uint64_t *keys, size_t mask, uint64_t use, uint64_t x) {
    size_t b = (size_t)x & mask;
    for (;;) {
        const uint64_t *const bucket = keys + 8 * b;
        const uint64_t tag = bucket[7];
        const unsigned count = (tag >> 3) == use ? (unsigned)(tag & 7) : 0;
        if (ctk_bucket_equal(bucket, x) & ((1u << count) - 1)) return 1;
        if (count < 7) return 0;
        b = (b + 1) & mask;
    }
}

#ifdef __cplusplus
}
#endif
#endif
