// XXH64 (the header of Debian's libxxhash, compiled in) behind the ctk_hash64 name, and the MinHash kernels.
#include "ctextkit.h"
#include "cpu_features.h"
#include "distinct_set.h"
#include "mix.h"
#include "oph.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
// Compiled into this file, so that the short inputs of the band keys are hashed without a call.
#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t ctk_hash64(const void *data, size_t len, uint64_t seed) { return XXH64(data, len, seed); }

ctk_hash64_stream *ctk_hash64_stream_new(void) {
    XXH64_state_t *state = XXH64_createState();
    if (state == NULL) return NULL;
    XXH64_reset(state, 0);
    return (ctk_hash64_stream *)state;
}

void ctk_hash64_stream_update(ctk_hash64_stream *stream, const void *data, size_t len) {
    if (len > 0) XXH64_update((XXH64_state_t *)stream, data, len);
}

uint64_t ctk_hash64_stream_digest(const ctk_hash64_stream *stream) { return XXH64_digest((const XXH64_state_t *)stream); }

void ctk_hash64_stream_free(ctk_hash64_stream *stream) { XXH64_freeState((XXH64_state_t *)stream); }

uint64_t ctk_oph_begin(uint32_t *sig, uint8_t *filled, int32_t k, uint64_t seed) {
    for (int32_t i = 0; i < k; i++) sig[i] = UINT32_MAX;
    memset(filled, 0, (size_t)k);
    return splitmix(seed);
}

// The bin that attempt `attempt` (from 1) of empty bin i looks at.
static inline uint32_t densify_step(uint64_t salt, int32_t k, int32_t i, uint64_t attempt) {
    return ctk_fast_range((uint32_t)(splitmix(salt ^ ((uint64_t)i << 32 | attempt)) >> 32), k);
}

// Bin i's value from the first filled bin of its sequence.
static inline uint32_t densify_walk(const uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt, int32_t i) {
    for (uint64_t attempt = 1;; attempt++) {
        const uint32_t j = densify_step(salt, k, i, attempt);
        if (filled[j]) return sig[j];
    }
}

// For one salt and k <= 128, made once per thread: for each bin i and bin j, the first attempt
// of i's sequence that reaches j (up to `table_attempts`, else `table_attempts + 1`) times 128,
// plus j. The filled bin whose entry in i's row is least is the one i's sequence reaches first, so
// that an empty bin takes one masked minimum over its row, not a walk of k / filled attempts
// (each a splitmix and a branch that mispredicted at its end).
enum { table_k = 128, table_attempts = 510 };
typedef struct {
    uint64_t salt;
    int32_t k;
    uint16_t first[table_k][table_k];
} densify_table;

typedef uint16_t u16x128 __attribute__((vector_size(256)));
typedef uint8_t u8x128 __attribute__((vector_size(128)));
typedef _Bool bool128 __attribute__((ext_vector_type(128)));

static _Thread_local densify_table *densify_cache;
static pthread_key_t densify_key;
static pthread_once_t densify_key_once = PTHREAD_ONCE_INIT;

static void make_densify_key(void) {
    if (pthread_key_create(&densify_key, free) != 0) abort();
}

static const densify_table *densify_table_of(uint64_t salt, int32_t k) {
    densify_table *t = densify_cache;
    if (t != NULL && t->salt == salt && t->k == k) return t;
    if (t == NULL) {
        t = malloc(sizeof(densify_table));
        if (t == NULL) abort();
        densify_cache = t;
        pthread_once(&densify_key_once, make_densify_key);
        pthread_setspecific(densify_key, t);
    }
    t->salt = salt;
    t->k = k;
    for (int32_t i = 0; i < table_k; i++) {
        for (int32_t j = 0; j < table_k; j++) t->first[i][j] = (uint16_t)((table_attempts + 1) << 7 | j);
        if (i >= k) continue;
        for (uint32_t attempt = table_attempts; attempt >= 1; attempt--) {
            const uint32_t j = densify_step(salt, k, i, attempt);
            t->first[i][j] = (uint16_t)(attempt << 7 | j);
        }
    }
    return t;
}

static inline __attribute__((always_inline)) void densify_in(uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt) {
    if (k > table_k) {
        for (int32_t i = 0; i < k; i++)
            if (!filled[i]) sig[i] = densify_walk(sig, filled, k, salt, i);
        return;
    }
    u8x128 bytes = {0};
    __builtin_memcpy(&bytes, filled, (size_t)k);
    // 0 in the lanes of filled bins, 0xFFFF in the others (and past k), so that OR takes them out.
    const u16x128 empty = __builtin_convertvector(bytes, u16x128) - 1;
    // The empty bins, one bit each.
    unsigned __int128 left = __builtin_bit_cast(unsigned __int128, __builtin_convertvector(bytes == 0, bool128));
    if (k < table_k) left &= ((unsigned __int128)1 << k) - 1;
    if (left == 0) return;
    const densify_table *t = densify_table_of(salt, k);
    for (; left != 0; left &= left - 1) {
        const uint64_t low = (uint64_t)left;
        const int32_t i = low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll((uint64_t)(left >> 64));
        u16x128 row;
        __builtin_memcpy(&row, t->first[i], sizeof row);
        const uint16_t least = __builtin_reduce_min(row | empty);
        sig[i] = (least >> 7) <= table_attempts ? sig[least & 127] : densify_walk(sig, filled, k, salt, i);
    }
}

static void densify_portable(uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt) { densify_in(sig, filled, k, salt); }

#if defined(__x86_64__)
CTK_TARGET_AVX512 static void densify_avx512(uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt) {
    densify_in(sig, filled, k, salt);
}

CTK_TARGET_AVX2 static void densify_avx2(uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt) {
    densify_in(sig, filled, k, salt);
}
#endif

void ctk_oph_densify(uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt) {
#if defined(__x86_64__)
    if (ctk_has_avx512()) {
        densify_avx512(sig, filled, k, salt);
        return;
    }
    if (ctk_has_avx2()) {
        densify_avx2(sig, filled, k, salt);
        return;
    }
#endif
    densify_portable(sig, filled, k, salt);
}

static inline __attribute__((always_inline)) void oph_bins(uint32_t *sig, uint8_t *filled, int32_t k, const uint64_t *hashes,
                                                           size_t n, uint64_t salt, int power_of_two) {
    for (size_t j = 0; j < n; j++) ctk_oph_add(sig, filled, k, hashes[j], salt, power_of_two);
}

void ctk_oph_signature(uint32_t *sig, int32_t k, const uint64_t *hashes, size_t n, uint64_t seed) {
    if (k <= 0) return;
    uint8_t filled[k];
    const uint64_t salt = ctk_oph_begin(sig, filled, k, seed);
    if (n == 0) return;
    if (k > 1 && (k & (k - 1)) == 0) {
        oph_bins(sig, filled, k, hashes, n, salt, 1);
    } else {
        oph_bins(sig, filled, k, hashes, n, salt, 0);
    }
    ctk_oph_densify(sig, filled, k, salt);
}

static inline __attribute__((always_inline)) void band_keys(const uint32_t *sig, int32_t bands, int32_t rows, uint64_t *keys) {
    const size_t bytes = (size_t)rows * sizeof(uint32_t);
    for (int32_t band = 0; band < bands; band++)
        keys[band] = (XXH64(sig + (size_t)band * (size_t)rows, bytes, (uint64_t)band) & ~(uint64_t)0x3FF) | (uint64_t)band;
}

// Compiled for 5 rows (the defaults' 25 bands of 5) on its own, so that XXH64 of a constant
// length is unrolled.
void ctk_band_keys(const uint32_t *sig, int32_t bands, int32_t rows, uint64_t *keys) {
    if (rows == 5) {
        band_keys(sig, bands, 5, keys);
    } else {
        band_keys(sig, bands, rows, keys);
    }
}

// EntryTable's home slot of `key` (Fibonacci hashing: the product's top bits).
static inline size_t entry_home(uint64_t key, uint32_t shift) { return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> shift); }

// From slot i on, the slot of `key` or the free slot where it would go.
static inline size_t entry_probe(const uint64_t *keys, const int32_t *values, size_t mask, size_t i, uint64_t key) {
    while (values[i] >= 0 && keys[i] != key) i = (i + 1) & mask;
    return i;
}

void ctk_entry_table_find(const uint64_t *keys, const int32_t *values, size_t mask, uint32_t shift,
                          const uint64_t *query, size_t n, int32_t *found, int64_t *slots) {
    for (size_t j = 0; j < n; j++) {
        const size_t i = entry_home(query[j], shift);
        slots[j] = (int64_t)i;
        __builtin_prefetch(values + i);
        __builtin_prefetch(keys + i);
    }
    for (size_t j = 0; j < n; j++) {
        const size_t i = entry_probe(keys, values, mask, (size_t)slots[j], query[j]);
        slots[j] = (int64_t)i;
        found[j] = values[i];
    }
}

size_t ctk_entry_table_exchange(uint64_t *keys, int32_t *values, size_t mask, uint32_t shift, const uint64_t *query,
                                size_t n, const int64_t *slots, int32_t value, int32_t *previous, size_t *count) {
    for (size_t j = 0; j < n; j++) {
        const size_t i = entry_probe(keys, values, mask, slots != NULL ? (size_t)slots[j] : entry_home(query[j], shift), query[j]);
        const int32_t old = values[i];
        previous[j] = old;
        values[i] = value;
        if (old < 0) {
            keys[i] = query[j];
            if (4 * ++*count > 3 * (mask + 1)) return j + 1;
        }
    }
    return n;
}

void ctk_entry_table_rehash(const uint64_t *old_keys, const int32_t *old_values, size_t old_slots, uint64_t *keys,
                            int32_t *values, size_t mask, uint32_t shift) {
    for (size_t j = 0; j < old_slots; j++) {
        if (old_values[j] < 0) continue;
        // Every key is new to the table: the first free slot from its home.
        size_t i = entry_home(old_keys[j], shift);
        while (values[i] >= 0) i = (i + 1) & mask;
        keys[i] = old_keys[j];
        values[i] = old_values[j];
    }
}

// How often the count stops to ask whether what is left of b can still reach `need`.
enum { reaching_block = 64 };

// Adds to `common` how many of the m values at b are in a set (`in_set`, an expression of the
// value `x`), stopping at the end of a block once what is left of b cannot bring it to `need`.
#define COUNT_REACHING(common, b, m, need, x, in_set)                                            \
    for (size_t j_ = 0; j_ < (m); j_++) {                                                        \
        const uint64_t x = (b)[j_];                                                              \
        (common) += (size_t)(in_set);                                                            \
        if (j_ % reaching_block == reaching_block - 1 && (common) + ((m) - j_ - 1) < (need)) break; \
    }

#if defined(__x86_64__)
CTK_TARGET_AVX512 static size_t common_count_avx512(const uint64_t *a, size_t n, const uint64_t *b, size_t m) {
    ctk_bucket_set set;
    ctk_bucket_set_take(n + m, &set);
    for (size_t j = 0; j < n; j++) ctk_bucket_insert(set.keys, set.mask, set.use, a[j]);
    size_t common = 0;
    for (size_t j = 0; j < m; j++) common += !ctk_bucket_insert(set.keys, set.mask, set.use, b[j]);
    return common;
}

CTK_TARGET_AVX512 static size_t common_count_reaching_avx512(const uint64_t *a, size_t n, const uint64_t *b, size_t m,
                                                             size_t need, uint64_t *set_use) {
    ctk_bucket_set set;
    if (!ctk_bucket_set_current(*set_use, n, &set)) {
        ctk_bucket_set_take(n, &set);
        for (size_t j = 0; j < n; j++) ctk_bucket_insert(set.keys, set.mask, set.use, a[j]);
        *set_use = set.use;
    }
    size_t common = 0;
    COUNT_REACHING(common, b, m, need, x, ctk_bucket_contains(set.keys, set.mask, set.use, x))
    return common;
}
#endif

size_t ctk_common_count_reaching_portable(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t need,
                                          uint64_t *set_use) {
    ctk_distinct_set set;
    if (!ctk_distinct_set_current(*set_use, n, &set)) {
        ctk_distinct_set_take(n, &set);
        for (size_t j = 0; j < n; j++) ctk_distinct_insert(set.keys, set.marks, set.mark, set.mask, a[j]);
        *set_use = set.use;
    }
    size_t common = 0;
    COUNT_REACHING(common, b, m, need, x, ctk_distinct_contains(set.keys, set.marks, set.mark, set.mask, x))
    return common;
}

size_t ctk_common_count_reaching(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t need, uint64_t *set_use) {
#if defined(__x86_64__)
    if (ctk_has_avx512()) return common_count_reaching_avx512(a, n, b, m, need, set_use);
#endif
    return ctk_common_count_reaching_portable(a, n, b, m, need, set_use);
}

int ctk_common_count_uses_avx512(void) {
#if defined(__x86_64__)
    return ctk_has_avx512();
#else
    return 0;
#endif
}

size_t ctk_common_count(const uint64_t *a, size_t n, const uint64_t *b, size_t m) {
#if defined(__x86_64__)
    if (ctk_has_avx512()) return common_count_avx512(a, n, b, m);
#endif
    return ctk_common_count_portable(a, n, b, m);
}

size_t ctk_common_count_portable(const uint64_t *a, size_t n, const uint64_t *b, size_t m) {
    ctk_distinct_set set;
    ctk_distinct_set_take(n + m, &set);
    for (size_t j = 0; j < n; j++) ctk_distinct_insert(set.keys, set.marks, set.mark, set.mask, a[j]);
    size_t common = 0;
    for (size_t j = 0; j < m; j++) common += !ctk_distinct_insert(set.keys, set.marks, set.mark, set.mask, b[j]);
    return common;
}
