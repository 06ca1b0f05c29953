// The close groups' rows of the language stage's n-gram model (language_close_rows.bin, written
// from language_model.bin by scripts/language-model/close-rows.py), compiled into the binary so
// that a run reads them instead of building them.
#include "ctextkit.h"

#include <string.h>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char rows[] __attribute__((aligned(8))) = {
#embed "language_close_rows.bin"
};

const unsigned char *ctk_language_close_rows(size_t *length) {
    *length = sizeof rows;
    return rows;
}

// The 48-bit key of the n-gram of `hash` (its top 16 and low 32 bits), with the taken bit.
static inline uint64_t row_key(uint64_t hash) { return (hash >> 48) << 32 | (hash & 0xFFFFFFFFu) | (uint64_t)1 << 48; }

// The first word of slot `i` of `stride` bytes: key and taken bit (bytes 0-6), the first
// language's cost (byte 7).
static inline uint64_t slot_word(const unsigned char *slots, intptr_t i, intptr_t stride) {
    uint64_t word;
    memcpy(&word, slots + i * stride, 8);
    return word;
}

#if defined(__x86_64__)
// Moves the lanes' sums of `held` rows (see ctk_close_rows_add) to total.
static void spill_rows(__m128i low, __m128i high, __m128i zeros, uint32_t held, const int32_t *floors, int32_t *total,
                       int32_t width) {
    uint16_t sums[16];
    uint8_t zero_counts[16];
    _mm_storeu_si128((__m128i *)sums, low);
    _mm_storeu_si128((__m128i *)(sums + 8), high);
    _mm_storeu_si128((__m128i *)zero_counts, zeros);
    for (int32_t c = 0; c < width; c++) {
        uint32_t found = held - zero_counts[c];
        total[c] = (int32_t)((uint32_t)total[c] + sums[c] - (uint32_t)floors[c] * found);
    }
}
#endif

void ctk_close_rows_add(const unsigned char *slots, intptr_t stride, intptr_t mask, const uint64_t *hashes,
                        const intptr_t *places, intptr_t count, const int32_t *floors, int32_t *total, int32_t width) {
#if defined(__x86_64__)
    if (stride != 16) {
        ctk_close_rows_add_portable(slots, stride, mask, hashes, places, count, floors, total, width);
        return;
    }
    const uint64_t taken = (uint64_t)1 << 48, key_and_tag = 0x00FFFFFFFFFFFFFFull;
    // Per n-gram found, its nine costs (bytes 7-15 of the slot) widened to 16-bit lanes and
    // added, and its zero costs counted in 8-bit lanes; moved to total before a lane can wrap
    // (255 rows) and at the end.
    const __m128i zero = _mm_setzero_si128();
    __m128i low = zero, high = zero, zeros = zero;
    uint32_t held = 0;
    for (intptr_t j = 0; j < count; j++) {
        uint64_t key = row_key(hashes[j]);
        for (intptr_t i = places[j];; i = (i + 1) & mask) {
            uint64_t word = slot_word(slots, i, 16);
            if ((word & key_and_tag) == key) {
                __m128i costs = _mm_srli_si128(_mm_loadu_si128((const __m128i *)(slots + (i << 4))), 7);
                low = _mm_add_epi16(low, _mm_unpacklo_epi8(costs, zero));
                high = _mm_add_epi16(high, _mm_unpackhi_epi8(costs, zero));
                zeros = _mm_sub_epi8(zeros, _mm_cmpeq_epi8(costs, zero));
                if (++held == 255) {
                    spill_rows(low, high, zeros, held, floors, total, width);
                    low = high = zeros = zero;
                    held = 0;
                }
                break;
            }
            if ((word & taken) == 0) break;
        }
    }
    if (held > 0) spill_rows(low, high, zeros, held, floors, total, width);
#else
    ctk_close_rows_add_portable(slots, stride, mask, hashes, places, count, floors, total, width);
#endif
}

void ctk_close_rows_add_portable(const unsigned char *slots, intptr_t stride, intptr_t mask, const uint64_t *hashes,
                                 const intptr_t *places, intptr_t count, const int32_t *floors, int32_t *total,
                                 int32_t width) {
    const uint64_t taken = (uint64_t)1 << 48, key_and_tag = 0x00FFFFFFFFFFFFFFull;
    // A row a cost at a time, where its key is met before a free slot.
    for (intptr_t j = 0; j < count; j++) {
        intptr_t i = places[j];
        uint64_t key = row_key(hashes[j]), word = slot_word(slots, i, stride);
        while ((word & key_and_tag) != key && (word & taken) != 0) {
            i = (i + 1) & mask;
            word = slot_word(slots, i, stride);
        }
        if ((word & key_and_tag) != key) continue;
        for (int32_t c = 0; c < width; c++) {
            uint8_t cost = slots[i * stride + 7 + c];
            if (cost != 0) total[c] = (int32_t)((uint32_t)total[c] + cost - (uint32_t)floors[c]);
        }
    }
}
