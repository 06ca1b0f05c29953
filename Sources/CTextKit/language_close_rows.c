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

// The slot of the n-gram of `hash` in a table of 16-byte slots (`mask` + 1 of them), probed from
// slot `home` on; NULL when the table does not hold it.
static inline const unsigned char *find_row(const unsigned char *slots, intptr_t mask, uint64_t hash, intptr_t home) {
    const uint64_t taken = (uint64_t)1 << 48, key_and_tag = 0x00FFFFFFFFFFFFFFull;
    uint64_t key = (hash >> 48) << 32 | (hash & 0xFFFFFFFFu) | taken;
    for (intptr_t i = home;; i = (i + 1) & mask) {
        const unsigned char *slot = slots + (i << 4);
        uint64_t word;
        memcpy(&word, slot, 8);
        if ((word & key_and_tag) == key) return slot;
        if ((word & taken) == 0) return NULL;
    }
}

void ctk_close_rows_add(const unsigned char *slots, intptr_t mask, const uint64_t *hashes, const intptr_t *places,
                        intptr_t count, const int32_t *floors, int32_t *total, int32_t width) {
#if defined(__x86_64__)
    // Per n-gram found, its nine costs (bytes 7-15 of the slot) widened to 16-bit lanes and
    // added, and its zero costs counted in 8-bit lanes; moved to total before a lane can wrap
    // (255 rows) and at the end.
    const __m128i zero = _mm_setzero_si128();
    __m128i low = zero, high = zero, zeros = zero;
    uint32_t held = 0;
    for (intptr_t j = 0; j <= count; j++) {
        if (j < count) {
            const unsigned char *slot = find_row(slots, mask, hashes[j], places[j]);
            if (slot == NULL) continue;
            __m128i costs = _mm_srli_si128(_mm_loadu_si128((const __m128i *)slot), 7);
            low = _mm_add_epi16(low, _mm_unpacklo_epi8(costs, zero));
            high = _mm_add_epi16(high, _mm_unpackhi_epi8(costs, zero));
            zeros = _mm_sub_epi8(zeros, _mm_cmpeq_epi8(costs, zero));
            if (++held < 255) continue;
        } else if (held == 0) {
            break;
        }
        uint16_t sums[16];
        uint8_t zero_counts[16];
        _mm_storeu_si128((__m128i *)sums, low);
        _mm_storeu_si128((__m128i *)(sums + 8), high);
        _mm_storeu_si128((__m128i *)zero_counts, zeros);
        for (int32_t c = 0; c < width; c++) {
            uint32_t found = held - zero_counts[c];
            total[c] = (int32_t)((uint32_t)total[c] + sums[c] - (uint32_t)floors[c] * found);
        }
        low = high = zeros = zero;
        held = 0;
    }
#else
    for (intptr_t j = 0; j < count; j++) {
        const unsigned char *slot = find_row(slots, mask, hashes[j], places[j]);
        if (slot == NULL) continue;
        for (int32_t c = 0; c < width; c++) {
            uint8_t cost = slot[7 + c];
            if (cost != 0) total[c] = (int32_t)((uint32_t)total[c] + cost - (uint32_t)floors[c]);
        }
    }
#endif
}
