// The byte scans of the normalize stage: the span of text the cleaner leaves as it is (32 bytes
// at a time with AVX2 when the processor has it: each byte is classed by its two nibbles, and
// only lead bytes whose characters are not all plain are looked up one by one), and the next
// pair of adjacent characters that the mojibake gate must look at.
#include "ctextkit.h"
#include "cpu_features.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The tables of 8 block slots (leads and second bytes set): the bits of the slots by lead (low
// nibble, for leads E0...EF), by second byte and by third byte (high nibble 8...B, low nibble),
// the last only where that character is plain.
static void fill_block_slots(const ctk_plain_tables *t, const uint8_t *leads, const uint8_t *seconds, uint8_t *of_lead,
                             uint8_t (*of_second)[16], uint8_t (*plain_third)[16]) {
    memset(of_lead, 0, 16);
    memset(of_second, 0, 4 * 16);
    memset(plain_third, 0, 4 * 16);
    for (int k = 0; k < 8; k++) {
        uint8_t lead = leads[k], second = seconds[k];
        if (lead < 0xE0 || lead >= 0xF0 || second < 0x80 || second >= 0xC0) continue;
        of_lead[lead & 15] |= (uint8_t)(1u << k);
        of_second[(second >> 4) - 8][second & 15] |= (uint8_t)(1u << k);
        for (int third = 0x80; third < 0xC0; third++) {
            uint32_t v = (uint32_t)(lead & 0x0F) << 12 | (uint32_t)(second & 0x3F) << 6 | (uint32_t)(third & 0x3F);
            if (t->bits[v >> 6] >> (v & 63) & 1) plain_third[(third >> 4) - 8][third & 15] |= (uint8_t)(1u << k);
        }
    }
}

void ctk_plain_tables_init(ctk_plain_tables *t) {
    // Each high nibble whose row of the 16 low nibbles has an OK byte gets a bit of its own
    // row pattern (rows with the same pattern share it); a ninth pattern is left not OK.
    uint16_t patterns[8];
    int count = 0;
    for (int hi = 0; hi < 16; hi++) {
        uint16_t row = 0;
        for (int lo = 0; lo < 16; lo++)
            if (t->ok[hi << 4 | lo]) row |= (uint16_t)(1u << lo);
        t->high_nibble[hi] = 0;
        if (!row) continue;
        int k = 0;
        while (k < count && patterns[k] != row) k++;
        if (k == count) {
            if (count == 8) continue;
            patterns[count++] = row;
        }
        t->high_nibble[hi] = (uint8_t)(1u << k);
    }
    for (int lo = 0; lo < 16; lo++) {
        uint8_t bits = 0;
        for (int k = 0; k < count; k++)
            if (patterns[k] >> lo & 1) bits |= (uint8_t)(1u << k);
        t->low_nibble[lo] = bits;
    }
    memset(t->slot_of_lead, 0, sizeof t->slot_of_lead);
    memset(t->plain_block_slots, 0, sizeof t->plain_block_slots);
    for (int k = 0; k < 8; k++) {
        uint8_t lead = t->slot_leads[k];
        if (lead < 0xC0 || lead >= 0xF0) continue;
        t->slot_of_lead[(lead >> 4) - 0xC][lead & 15] |= (uint8_t)(1u << k);
        for (int second = 0x80; second < 0xC0; second++)
            if (t->blocks[(lead & 0x3F) << 6 | (second & 0x3F)]) t->plain_block_slots[(second >> 4) - 8][second & 15] |= (uint8_t)(1u << k);
    }
    fill_block_slots(t, t->block_slot_leads, t->block_slot_seconds, t->block_slot_of_lead, t->block_slot_of_second, t->plain_third_slots);
    fill_block_slots(t, t->more_block_slot_leads, t->more_block_slot_seconds, t->more_block_slot_of_lead,
                     t->more_block_slot_of_second, t->more_plain_third_slots);
}

// Whether the two- or three-byte character at p[i] (lead `b`, which ok[] does not cover) is plain;
// 0 for other leads and for a character cut off by `n`.
static inline int plain_character(const uint8_t *p, size_t i, size_t n, uint8_t b, const ctk_plain_tables *t) {
    if (b < 0xC0 || b >= 0xF0) return 0;
    size_t length = b >= 0xE0 ? 3 : 2;
    if (n - i < length) return 0;
    uint8_t second = p[i + 1];
    if (t->blocks[(b & 0x3F) << 6 | (second & 0x3F)]) return 1;
    uint32_t v = length == 2 ? (uint32_t)(b & 0x1F) << 6 | (second & 0x3F)
                             : (uint32_t)(b & 0x0F) << 12 | (uint32_t)(second & 0x3F) << 6 | (p[i + 2] & 0x3F);
    return (int)(t->bits[v >> 6] >> (v & 63) & 1);
}

static size_t plain_span_scalar(const uint8_t *p, size_t i, size_t n, size_t start, const ctk_plain_tables *t) {
    while (i < n) {
        uint8_t b = p[i];
        if (t->ok[b]) {
            i++;
        } else if (b == '\n') {
            if (i == start || p[i - 1] == ' ' || p[i - 1] == '\t') return i;
            i++;
        } else if (plain_character(p, i, n, b, t)) {
            // Its continuation bytes are OK.
            i++;
        } else {
            return i;
        }
    }
    return n;
}

#if defined(__x86_64__)
// One bit per byte of `v` that ok[] does not cover.
__attribute__((target("avx2"))) static inline unsigned not_ok_mask(__m256i v, __m256i low_table, __m256i high_table) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    __m256i low = _mm256_shuffle_epi8(low_table, _mm256_and_si256(v, nibble));
    __m256i high = _mm256_shuffle_epi8(high_table, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
    return (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(low, high), _mm256_setzero_si256()));
}

// The bits of v (bytes 0x80...0xFF) by their high nibble (tables[0] for 0x8, 0xC or whichever
// `first` names, and so on) and low nibble; `count` tables.
__attribute__((target("avx2"))) static inline __m256i lookup_by_high_nibble(__m256i v, const uint8_t (*tables)[16], int first, int count) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    __m256i low = _mm256_and_si256(v, nibble);
    __m256i high = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
    __m256i found = _mm256_setzero_si256();
    for (int k = 0; k < count; k++) {
        __m256i table = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables[k]));
        __m256i here = _mm256_cmpeq_epi8(high, _mm256_set1_epi8((char)(first + k)));
        found = _mm256_or_si256(found, _mm256_and_si256(here, _mm256_shuffle_epi8(table, low)));
    }
    return found;
}

// The bits of v's continuation bytes (0x80...0xBF) from tables[0] for 0x8_ up to tables[3] for
// 0xB_, by the low nibble: each table looked up, then picked by bits 4 and 5 of the byte. Other
// bytes get bits of no meaning; the callers keep only those of bytes that follow a lead.
__attribute__((target("avx2"))) static inline __m256i lookup_continuation(__m256i v, const uint8_t (*tables)[16]) {
    __m256i low = _mm256_and_si256(v, _mm256_set1_epi8(0x0F));
    __m256i t8 = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables[0])), low);
    __m256i t9 = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables[1])), low);
    __m256i ta = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables[2])), low);
    __m256i tb = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables[3])), low);
    // blendv looks at the top bit of each byte: bit 4 shifted there, then bit 5.
    __m256i bit4 = _mm256_slli_epi16(v, 3);
    __m256i bit5 = _mm256_slli_epi16(v, 2);
    return _mm256_blendv_epi8(_mm256_blendv_epi8(t8, t9, bit4), _mm256_blendv_epi8(ta, tb, bit4), bit5);
}

// One bit per byte of v (the block at p) that is not the lead of a plain character of the
// block slots of these tables (see fill_block_slots).
__attribute__((target("avx2"))) static inline unsigned unresolved_in_blocks(__m256i v, const uint8_t *p, const uint8_t *of_lead,
                                                                             const uint8_t (*of_second)[16], const uint8_t (*plain_third)[16]) {
    __m256i blocks = _mm256_and_si256(lookup_by_high_nibble(v, (const uint8_t (*)[16])of_lead, 0xE, 1),
                                      lookup_continuation(_mm256_loadu_si256((const __m256i *)(p + 1)), of_second));
    __m256i thirds = lookup_continuation(_mm256_loadu_si256((const __m256i *)(p + 2)), plain_third);
    return (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(blocks, thirds), _mm256_setzero_si256()));
}

// Scans 32 bytes at a time while 34 are left: 1 with *at at the first byte that is not plain,
// 0 with *at where fewer than 34 bytes are left.
__attribute__((target("avx2"))) static int plain_span_avx2(const uint8_t *p, size_t *at, size_t n, const ctk_plain_tables *t) {
    const __m256i low_table = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t->low_nibble));
    const __m256i high_table = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t->high_nibble));
    const __m256i newline = _mm256_set1_epi8('\n');
    const __m256i space = _mm256_set1_epi8(' ');
    const __m256i tab = _mm256_set1_epi8('\t');
    // The block before the first: blanks, so that a line feed where the span starts stops it.
    __m256i previous = space;
    size_t i = *at;
    while (n - i >= 34) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        unsigned mask = not_ok_mask(v, low_table, high_table);
        if (mask) {
            // The byte before each byte of v.
            __m256i before = _mm256_alignr_epi8(v, _mm256_permute2x128_si256(previous, v, 0x21), 15);
            __m256i blank = _mm256_or_si256(_mm256_cmpeq_epi8(before, space), _mm256_cmpeq_epi8(before, tab));
            mask &= ~(unsigned)_mm256_movemask_epi8(_mm256_andnot_si256(blank, _mm256_cmpeq_epi8(v, newline)));
            // Leads of the slots whose block by the second byte is plain.
            __m256i slots = lookup_by_high_nibble(v, t->slot_of_lead, 0xC, 3);
            __m256i seconds = lookup_continuation(_mm256_loadu_si256((const __m256i *)(p + i + 1)), t->plain_block_slots);
            __m256i unresolved = _mm256_cmpeq_epi8(_mm256_and_si256(slots, seconds), _mm256_setzero_si256());
            mask &= (unsigned)_mm256_movemask_epi8(unresolved);
            if (mask) mask &= unresolved_in_blocks(v, p + i, t->block_slot_of_lead, t->block_slot_of_second, t->plain_third_slots);
            if (mask) mask &= unresolved_in_blocks(v, p + i, t->more_block_slot_of_lead, t->more_block_slot_of_second, t->more_plain_third_slots);
            while (mask) {
                size_t k = i + (size_t)__builtin_ctz(mask);
                if (!plain_character(p, k, n, p[k], t)) {
                    *at = k;
                    return 1;
                }
                mask &= mask - 1;
            }
        }
        previous = v;
        i += 32;
    }
    *at = i;
    return 0;
}
#endif

size_t ctk_plain_span(const uint8_t *p, size_t from, size_t n, const ctk_plain_tables *t) {
    size_t i = from;
#if defined(__x86_64__)
    if (n - i >= 34 && ctk_has_avx2() && plain_span_avx2(p, &i, n, t)) return i;
#endif
    return plain_span_scalar(p, i, n, from, t);
}

#if defined(__x86_64__)
// Bits of the bytes of v that are C0...D2, and of those that are E2 or EF.
__attribute__((target("avx2"))) static inline void charmap_leads(__m256i v, __m256i *two, __m256i *three) {
    __m256i offset = _mm256_sub_epi8(v, _mm256_set1_epi8((char)0xC0));
    *two = _mm256_cmpeq_epi8(_mm256_min_epu8(offset, _mm256_set1_epi8(0x12)), offset);
    *three = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE2)), _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xEF)));
}
#endif

// The length of a character whose first byte may be one of the code pages of the mojibake
// repair: leads C0...D2 (two bytes), E2 and EF (three bytes); 0 for any other byte.
static const uint8_t charmap_lead_lengths[256] = {[0xC0 ... 0xD2] = 2, [0xE2] = 3, [0xEF] = 3};

// Whether the character whose first two bytes are b, s (a lead and a continuation) may be a
// continuation byte in some code page (Charmap.roles bits 48...63): all of C2...CD and E2, and
// of Greek and Cyrillic only the few that are (U+0380...U+038F, Ω, π; Ѐ...Џ, ѐ...џ, Ґ, ґ).
static inline int charmap_may_continue(uint8_t b, uint8_t s) {
    if (b >= 0xC2 && b <= 0xCD) return 1;
    switch (b) {
    case 0xE2: return 1;
    case 0xCE: return (s & 0xF0) == 0x80 || s == 0xA9;
    case 0xCF: return s == 0x80;
    case 0xD0: return (s & 0xF0) == 0x80;
    case 0xD1: case 0xD2: return (s & 0xF0) == 0x90;
    default: return 0;
    }
}

// The first byte at or after i that starts a character of the code pages followed by one that
// may continue it (charmap_may_continue): where a run that some code page reads as UTF-8 can
// start (its first two characters are a lead and a continuation there), or n.
static size_t charmap_live_pair_scalar(const uint8_t *p, size_t i, size_t n) {
    for (; i < n; i++) {
        size_t length = charmap_lead_lengths[p[i]];
        if (length && n - i > length + 1 && charmap_may_continue(p[i + length], p[i + length + 1])) return i;
    }
    return n;
}

#if defined(__x86_64__)
// charmap_may_continue of each byte of b and the byte after it, s.
__attribute__((target("avx2"))) static inline __m256i charmap_may_continue_avx2(__m256i b, __m256i s) {
    __m256i offset = _mm256_sub_epi8(b, _mm256_set1_epi8((char)0xC2));
    __m256i latin = _mm256_cmpeq_epi8(_mm256_min_epu8(offset, _mm256_set1_epi8(0x0B)), offset);
    __m256i high = _mm256_and_si256(s, _mm256_set1_epi8((char)0xF0));
    __m256i s8 = _mm256_cmpeq_epi8(high, _mm256_set1_epi8((char)0x80));
    __m256i s9 = _mm256_cmpeq_epi8(high, _mm256_set1_epi8((char)0x90));
    __m256i greek = _mm256_and_si256(_mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0xCE)),
                                     _mm256_or_si256(s8, _mm256_cmpeq_epi8(s, _mm256_set1_epi8((char)0xA9))));
    __m256i pi = _mm256_and_si256(_mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0xCF)), _mm256_cmpeq_epi8(s, _mm256_set1_epi8((char)0x80)));
    __m256i cyrillic = _mm256_or_si256(_mm256_and_si256(_mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0xD0)), s8),
                                       _mm256_and_si256(_mm256_or_si256(_mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0xD1)),
                                                                        _mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0xD2))), s9));
    __m256i punctuation = _mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0xE2));
    return _mm256_or_si256(_mm256_or_si256(latin, punctuation), _mm256_or_si256(_mm256_or_si256(greek, pi), cyrillic));
}

// charmap_live_pair_scalar 32 bytes at a time while 36 are left: 1 with *at at the first such
// byte, 0 with *at where fewer than 36 bytes are left.
__attribute__((target("avx2"))) static int charmap_live_pair_avx2(const uint8_t *p, size_t *at, size_t n) {
    size_t i = *at;
    while (n - i >= 36) {
        __m256i two, three;
        charmap_leads(_mm256_loadu_si256((const __m256i *)(p + i)), &two, &three);
        unsigned twos = (unsigned)_mm256_movemask_epi8(two), threes = (unsigned)_mm256_movemask_epi8(three);
        if (twos | threes) {
            __m256i b3 = _mm256_loadu_si256((const __m256i *)(p + i + 3));
            unsigned mask = 0;
            if (twos) {
                __m256i b2 = _mm256_loadu_si256((const __m256i *)(p + i + 2));
                mask = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(two, charmap_may_continue_avx2(b2, b3)));
            }
            if (threes) {
                __m256i b4 = _mm256_loadu_si256((const __m256i *)(p + i + 4));
                mask |= (unsigned)_mm256_movemask_epi8(_mm256_and_si256(three, charmap_may_continue_avx2(b3, b4)));
            }
            if (mask) {
                *at = i + (size_t)__builtin_ctz(mask);
                return 1;
            }
        }
        i += 32;
    }
    *at = i;
    return 0;
}
#endif

// The roles (Charmap.roles) of the character of `length` bytes at p[i] whose lead is `b`: 0 for
// leads other than C0...D2, E2 and EF, which start no character of the code pages.
static inline uint64_t charmap_roles(const uint8_t *p, size_t i, uint8_t b, const uint64_t *roles) {
    if (b <= 0xD2) return roles[(uint32_t)(b & 0x1F) << 6 | (p[i + 1] & 0x3F)];
    if (b != 0xE2 && b != 0xEF) return 0;
    uint32_t v = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
    if (v < 0x2600) return roles[v];
    return v == 0xFB01 ? roles[0x2600] : v == 0xFB02 ? roles[0x2601] : v == 0xF8FF ? roles[0x2602] : 0;
}

size_t ctk_charmap_run(const uint8_t *p, size_t from, size_t n, const uint64_t *roles, size_t *end) {
    size_t i = from;
    while (i < n) {
        // Runs that no code page reads as UTF-8 from their first two characters on are passed
        // over; the run that holds the next place where one can start is walked from its first
        // character (the characters with roles right before that place).
        size_t live = i;
#if defined(__x86_64__)
        if (!(ctk_has_avx2() && charmap_live_pair_avx2(p, &live, n))) live = charmap_live_pair_scalar(p, live, n);
#else
        live = charmap_live_pair_scalar(p, live, n);
#endif
        if (live >= n) break;
        size_t start = live;
        while (start > i) {
            size_t k = start - 1;
            while (k > i && (p[k] & 0xC0) == 0x80) k--;
            if (p[k] < 0x80 || !charmap_roles(p, k, p[k], roles)) break;
            start = k;
        }
        i = start;
        // SequenceShape: the code pages in which the run so far ends a sequence, or needs one,
        // two or three more continuation bytes.
        uint64_t complete = 0xFFFF, need1 = 0, need2 = 0, need3 = 0;
        int cut = 0;
        while (i < n) {
            uint8_t b = p[i];
            if (b < 0x80) break;
            size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            if (n - i < length) {
                cut = 1;
                break;
            }
            uint64_t r = charmap_roles(p, i, b, roles);
            if (!r) break;
            i += length;
            uint64_t continuation = r >> 48, ends = need1 & continuation;
            need1 = (complete & r & 0xFFFF) | (need2 & continuation);
            need2 = (complete & (r >> 16) & 0xFFFF) | (need3 & continuation);
            need3 = complete & (r >> 32) & 0xFFFF;
            complete = ends;
            if (!(complete | need1 | need2 | need3)) {
                // No code page reads the run as UTF-8 any more (most runs of text in Cyrillic or
                // Greek, from their second character): only where it ends is wanted.
                while (i < n && p[i] >= 0x80) {
                    length = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
                    if (n - i < length) {
                        cut = 1;
                        break;
                    }
                    if (!charmap_roles(p, i, p[i], roles)) break;
                    i += length;
                }
                break;
            }
        }
        if (i > start && complete) {
            *end = i;
            return start;
        }
        if (cut) break;
        if (i == start) i += p[i] < 0xE0 ? 2 : p[i] < 0xF0 ? 3 : 4;
    }
    *end = n;
    return n;
}
