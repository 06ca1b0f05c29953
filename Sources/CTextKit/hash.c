// XXH64 (the header of Debian's libxxhash, compiled in) behind the ctk_hash64 name, and the MinHash kernels.
#include "ctextkit.h"
#include "distinct_set.h"
#include "mix.h"
#include "oph.h"
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

void ctk_oph_densify(uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt) {
    for (int32_t i = 0; i < k; i++) {
        if (filled[i]) continue;
        for (uint64_t attempt = 1;; attempt++) {
            const uint32_t j = ctk_fast_range((uint32_t)(splitmix(salt ^ ((uint64_t)i << 32 | attempt)) >> 32), k);
            if (filled[j]) { sig[i] = sig[j]; break; }
        }
    }
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

size_t ctk_common_count(const uint64_t *a, size_t n, const uint64_t *b, size_t m) {
    ctk_distinct_set set;
    ctk_distinct_set_take(n + m, &set);
    for (size_t j = 0; j < n; j++) ctk_distinct_insert(set.keys, set.marks, set.mark, set.mask, a[j]);
    size_t common = 0;
    for (size_t j = 0; j < m; j++) common += !ctk_distinct_insert(set.keys, set.marks, set.mark, set.mask, b[j]);
    return common;
}
