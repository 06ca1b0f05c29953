// The boilerplate stage's line scan: splits a UTF-8 text into lines and measures each in one
// walk over its bytes (see ctk_line_scan_reusing in ctextkit.h; LineScanner.swift says what each
// measure is), and the corpus pre-pass's line keys, hashed by the same code. The scans are
// compiled twice from line_scan_body.h: with AVX2 (and BMI2), which reads a block of ASCII
// words as masks 64 bytes at a time, and without; both give the same answers.
#include "ctextkit.h"
#include "load.h"
#include "cpu_features.h"
#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum {
    KIND_LETTER = 1 << 12,
    KIND_JOINS_WORD = 1 << 13,
    KIND_DIGIT = 1 << 14,
    SCRIPT_COMMON = 0,
    SCRIPT_INHERITED = 1,
    SCRIPT_LATIN = 25,
};

// Stopword table value bits beside the languages (Stopwords.swift).
static const uint32_t language_bits = (1u << 28) - 1;
static const uint32_t pair_start = 1u << 30;
static const uint32_t interface_word = 1u << 31;
static const uint32_t cookie_word = 1u << 29;

// lower() changes no scalar at or above this. common_word (line_scan_body.h) relies on it: it
// hashes letters of three bytes (U+0800 on) as they are.
enum { lower_changes_below = CTK_LOWER_CHANGES_BELOW };
_Static_assert(lower_changes_below <= 0x800, "common_word hashes scalars of three bytes without lower()");

// TokenHash.lower; every range it changes lies below lower_changes_below.
static inline uint32_t lower(uint32_t v) {
    if (v >= lower_changes_below) return v;
    if (v - 0x41 <= 0x5A - 0x41 || v - 0xC0 <= 0xD6 - 0xC0 || v - 0xD8 <= 0xDE - 0xD8 || v - 0x391 <= 0x3A1 - 0x391
        || v - 0x3A3 <= 0x3AB - 0x3A3 || v - 0x410 <= 0x42F - 0x410) return v + 0x20;
    if (v - 0x100 <= 0x137 - 0x100 || v - 0x14A <= 0x177 - 0x14A) return v | 1;
    if (v - 0x139 <= 0x148 - 0x139 || v - 0x179 <= 0x17E - 0x179) return (v & 1) ? v + 1 : v;
    if (v - 0x400 <= 0x40F - 0x400) return v + 0x50;
    return v;
}

// LineFeatures.isUnspacedScript: Hani, Hira, Kana, Thai, Laoo, Khmr, Mymr.
static const uint64_t unspaced_scripts = 1ULL << 17 | 1ULL << 20 | 1ULL << 22 | 1ULL << 38 | 1ULL << 24 | 1ULL << 23 | 1ULL << 28;
static inline int is_unspaced_script(int32_t s) {
    return (uint32_t)s < 64 && ((unspaced_scripts >> s) & 1);
}

// The ASCII sentence ends (. ! ? : ;), all below 64: a bit each.
static const uint64_t sentence_ends_ascii = 1ULL << 0x2E | 1ULL << 0x21 | 1ULL << 0x3F | 1ULL << 0x3A | 1ULL << 0x3B;

static inline int is_sentence_end(uint32_t v) {
    if (v < 0x80) return v < 64 && ((sentence_ends_ascii >> v) & 1);
    switch (v) {
    case 0x2026: case 0x3002: case 0xFF01: case 0xFF1F:
    case 0xFF0E: case 0xFF61: case 0x061F: case 0x06D4: case 0x0964: case 0x0965: case 0x1362: case 0x0589:
    case 0x104B: case 0x17D4: case 0x0F0D: case 0x203C: case 0x2047: case 0x2048: case 0x2049: case 0xFE12:
        return 1;
    default:
        return 0;
    }
}


static inline int is_closer(uint32_t v) {
    switch (v) {
    case 0x22: case 0x27: case 0x29: case 0x5D: case 0x2A: case 0x201D: case 0x2019: case 0xBB: case 0x300D:
    case 0x300F: case 0xFF09: case 0x300B: case 0x3011:
        return 1;
    default:
        return 0;
    }
}

// The slot where the lookup of `key` starts, asking the table's filter first: a token that is
// not in the table (most tokens that are not stopwords) reads a word of the filter (8 KB, which
// stays in the cache) instead of a slot of the table (256 KB, which does not). The filter's
// bit is one of the tag's, so the answer is the table's without it.
static inline size_t home_slot(const ctk_line_tables *t, uint64_t key) {
    size_t i = (size_t)(key >> 7) & t->stopword_mask;
    // Slot mask + 1 is always free: a token whose filter bit is clear reads it (an index chosen
    // with masks, not a branch, which would go either way as often).
    size_t listed = (size_t)0 - ((t->stopword_filter[key >> 54] >> (key >> 48 & 63)) & 1);
    __asm__("" : "+r"(listed));
    return (i & listed) | ((t->stopword_mask + 1) & ~listed);
}

// HashedWordTable.value.
static inline uint32_t table_value(const ctk_line_tables *t, uint64_t key) {
    size_t i = home_slot(t, key);
    uint64_t tag = key >> 32;
    if (tag == 0) tag = 1;
    // One branch whether the slot is free or holds the key: a token that is a stopword and one
    // that is not stop on the same side of it.
    for (;;) {
        uint64_t slot = t->stopword_slots[i];
        int found = slot >> 32 == tag;
        int decided = found | (slot == 0);
        __asm__("" : "+r"(decided));
        if (decided) return found ? (uint32_t)slot : 0;
        i = (i + 1) & t->stopword_mask;
    }
}

// The kind of `v`, from `kinds` (the tables' kinds, held in a local: t->kinds is reloaded from t
// after every store a scan makes).
static inline uint16_t kind_of(const uint16_t *kinds, const ctk_line_tables *t, uint32_t v) {
    return v < 0x10000 ? kinds[v] : t->astral_kind(v);
}

static inline int is_ascii_letter(uint8_t b) { return (uint8_t)((b | 0x20) - 0x61) < 26; }
static inline int is_ascii_digit(uint8_t b) { return (uint8_t)(b - 0x30) < 10; }

// ASCII letters (lowercased) and digits; 0 for every other byte.
static const uint8_t word_byte[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

// `h` after the run of ASCII letters and digits p[0..<length] (ctk_hash_step: eight bytes at a
// time, lowercased, the last word zero-padded); `readable` bytes from p on may be read (at
// least `length`).
static inline uint64_t hash_ascii(uint64_t h, const uint8_t *p, size_t length, size_t readable) {
    const uint64_t case_bits = 0x2020202020202020ULL;
    while (length >= 8) {
        h = ctk_hash_step(h, ctk_load_le64(p) | case_bits);
        p += 8;
        length -= 8;
        readable -= 8;
    }
    if (length != 0) {
        uint64_t w = 0;
        if (readable >= 8) {
            w = ctk_load_le64(p);
        } else {
            for (size_t k = 0; k < length; k++) w |= (uint64_t)p[k] << (8 * k);
        }
        h = ctk_hash_step(h, (w | case_bits) & (~0ULL >> (64 - 8 * length)));
    }
    return h;
}

// The end of the run of ASCII letters and digits that bytes[i] starts (bytes[n] is past the
// text; any other byte than a letter or digit ends the run, so a line's white space or newline
// ends it there), and in *letters its letters, a byte at a time.
static inline size_t ascii_run_portable(const uint8_t *bytes, size_t n, size_t i, int32_t *letters) {
    int32_t count = 0;
    while (i < n) {
        uint8_t l = word_byte[bytes[i]];
        if (l == 0) break;
        count += l >= 0x40;
        i++;
    }
    *letters = count;
    return i;
}

// hash_ascii of a run of at most 64 bytes with 8 bytes readable past it, its first word
// without a loop.
__attribute__((always_inline)) static inline uint64_t hash_word(uint64_t h, const uint8_t *p, size_t length) {
    uint64_t w = ctk_load_le64(p) | 0x2020202020202020ULL;
    if (length <= 8) return ctk_hash_step(h, w & (~0ULL >> (64 - 8 * length)));
    return hash_ascii(ctk_hash_step(h, w), p + 8, length - 8, length);
}

// Which of 64 bytes (bit k: byte k) are ASCII letters and digits, letters, digits, spaces.
typedef struct {
    uint64_t word;
    uint64_t letter;
    uint64_t digit;
    uint64_t space;
    // , . ; : ! ?: punctuation that ends a token and marks nothing else (is_code_mark,
    // separators) but where the line ends.
    uint64_t stop;
} block_masks;

static inline int is_stop(uint8_t b) {
    return b == 0x2C || b == 0x2E || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F;
}

static inline block_masks block_masks_portable(const uint8_t *p) {
    block_masks m = {0, 0, 0, 0, 0};
    for (int k = 0; k < 64; k++) {
        uint64_t bit = 1ULL << k;
        uint8_t l = word_byte[p[k]];
        if (l != 0) m.word |= bit;
        if (l >= 0x40) m.letter |= bit;
        if (l != 0 && l < 0x40) m.digit |= bit;
        if (p[k] == 0x20) m.space |= bit;
        if (is_stop(p[k])) m.stop |= bit;
    }
    return m;
}

typedef struct {
    size_t length;
    // Whether the last byte taken is a letter or digit, whose token is open; else the last byte
    // taken is a space or a stop, `last` the last of them that is not a space, and `space`
    // whether the last is one.
    int open;
    uint8_t last;
    int space;
    // Words begun after the first (whose token was open before), those of them that begin with
    // a digit, and letters.
    int32_t words;
    int32_t numbers;
    int32_t letters;
} word_block;

// The scans' common run of ASCII words parted by spaces and stops ("the quick, brown fox."),
// taken a block at a time: the run within the 64 bytes at p (masks m; 72 bytes readable from
// p; at most `room` of them before the line's end, whose white space the run must not take),
// from p[0], which starts a run of ASCII letters and digits whose token is open (*token).
// Every word but a last that stays open ends into *key (ctk_hash_step) and, unless `tokens`
// is NULL, into tokens[*count...] (at most 32; *count counts them). Where a word and the byte
// after it are found from the masks, not from the bytes read before them, the words' hashes do
// not wait for each other. A run that fills the block ends at its last space or stop there.
// Returns 0 (and takes nothing) when one word fills the block.
__attribute__((always_inline)) static inline int take_words(const uint8_t *p, block_masks m, size_t room,
                                                            uint64_t *token, uint64_t *key, uint64_t *tokens,
                                                            int32_t *count, word_block *taken) {
    uint64_t breaks = m.space | m.stop;
    uint64_t run = m.word | breaks;
    if (room < 64) run &= (1ULL << room) - 1;
    uint64_t length;
    if (~run != 0) {
        length = (uint64_t)__builtin_ctzll(~run);
    } else {
        if (breaks == 0) return 0;
        length = 64 - (uint64_t)__builtin_clzll(breaks);
    }
    uint64_t within = length == 64 ? ~0ULL : (1ULL << length) - 1;
    uint64_t words = m.word & within;
    uint64_t starts = words & ~(words << 1);
    uint64_t ends = words & ~(words >> 1);
    int open = (int)((words >> (length - 1)) & 1);
    taken->words = __builtin_popcountll(starts) - 1;
    taken->numbers = __builtin_popcountll(starts & m.digit & ~1ULL);
    taken->letters = __builtin_popcountll(m.letter & within);
    uint64_t h = *token, k = *key;
    int32_t c = *count;
    for (;;) {
        unsigned s = (unsigned)__builtin_ctzll(starts);
        unsigned e = (unsigned)__builtin_ctzll(ends);
        starts &= starts - 1;
        ends &= ends - 1;
        h = hash_word(h, p + s, e - s + 1);
        if (starts == 0 && open) break;
        k = ctk_hash_step(k, h);
        if (tokens) tokens[c++] = h;
        h = CTK_HASH_SEED;
        if (starts == 0) break;
    }
    *token = h;
    *key = k;
    *count = c;
    taken->length = length;
    taken->open = open;
    uint64_t marks = within & ~m.space;
    taken->last = p[63 - __builtin_clzll(marks)];
    taken->space = (int)((m.space >> (length - 1)) & 1);
    return 1;
}

#if defined(__x86_64__)
#define SCAN_AVX2 CTK_TARGET_AVX2_BMI2
// ascii_run_portable 32 bytes at a time: masks of the letters and of the letters and digits,
// and the first byte that is neither.
SCAN_AVX2 static inline size_t ascii_run_avx2(const uint8_t *bytes, size_t n, size_t i, int32_t *letters) {
    // (b | 0x20) + 0x1F is 0x80...0x99 for a letter, b + 0x50 is 0x80...0x89 for a digit: a
    // signed compare each.
    const __m256i case_bit = _mm256_set1_epi8(0x20);
    const __m256i letter_shift = _mm256_set1_epi8((char)(0x80 - 0x61));
    const __m256i letter_limit = _mm256_set1_epi8((char)(0x80 + 26));
    const __m256i digit_shift = _mm256_set1_epi8((char)(0x80 - 0x30));
    const __m256i digit_limit = _mm256_set1_epi8((char)(0x80 + 10));
    int32_t count = 0;
    while (i + 32 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(bytes + i));
        __m256i letter = _mm256_cmpgt_epi8(letter_limit, _mm256_add_epi8(_mm256_or_si256(v, case_bit), letter_shift));
        __m256i digit = _mm256_cmpgt_epi8(digit_limit, _mm256_add_epi8(v, digit_shift));
        uint32_t letter_mask = (uint32_t)_mm256_movemask_epi8(letter);
        uint32_t stop = ~(letter_mask | (uint32_t)_mm256_movemask_epi8(digit));
        if (stop != 0) {
            unsigned k = (unsigned)__builtin_ctz(stop);
            *letters = count + __builtin_popcount(_bzhi_u32(letter_mask, k));
            return i + k;
        }
        count += __builtin_popcount(letter_mask);
        i += 32;
    }
    int32_t tail;
    i = ascii_run_portable(bytes, n, i, &tail);
    *letters = count + tail;
    return i;
}

// block_masks_portable with AVX2.
SCAN_AVX2 static inline uint32_t half_mask(__m256i v, uint32_t *letter, uint32_t *digit, uint32_t *space) {
    const __m256i letter_shift = _mm256_set1_epi8((char)(0x80 - 0x61));
    const __m256i letter_limit = _mm256_set1_epi8((char)(0x80 + 26));
    const __m256i digit_shift = _mm256_set1_epi8((char)(0x80 - 0x30));
    const __m256i digit_limit = _mm256_set1_epi8((char)(0x80 + 10));
    __m256i l = _mm256_cmpgt_epi8(letter_limit, _mm256_add_epi8(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), letter_shift));
    __m256i d = _mm256_cmpgt_epi8(digit_limit, _mm256_add_epi8(v, digit_shift));
    *letter = (uint32_t)_mm256_movemask_epi8(l);
    *digit = (uint32_t)_mm256_movemask_epi8(d);
    *space = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x20)));
    return *letter | *digit;
}

// memchr(p, c, n) 32 bytes at a time, inlined into the scans: lines are short, and memchr's
// call and alignment cost about what its search does. (The escaped texts' lines end at a
// backslash, the others' at a newline.)
SCAN_AVX2 static inline const uint8_t *find_byte_avx2(const uint8_t *p, size_t n, uint8_t c) {
    const __m256i target = _mm256_set1_epi8((char)c);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint32_t hits = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i)), target));
        if (hits != 0) return p + i + __builtin_ctz(hits);
    }
    return memchr(p + i, c, n - i);
}

// decode3_portable with BMI2.
SCAN_AVX2 static inline uint32_t decode3_bmi2(uint32_t w) { return _pext_u32(__builtin_bswap32(w) >> 8, 0x0F3F3F); }

SCAN_AVX2 static inline uint32_t stop_mask(__m256i v) {
    // By nibbles: the low one picks a bit for rows 0x2_ (! , .) and 0x3_ (: ; ?), the high one
    // the row (a byte from 0x80 on gives 0).
    const __m256i low = _mm256_setr_epi8(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 0, 1, 2,
                                         0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 0, 1, 2);
    const __m256i high = _mm256_setr_epi8(0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                          0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    __m256i lo = _mm256_shuffle_epi8(low, _mm256_and_si256(v, _mm256_set1_epi8(0x0F)));
    __m256i hi = _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F)));
    __m256i hit = _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256());
    return ~(uint32_t)_mm256_movemask_epi8(hit);
}

SCAN_AVX2 static inline block_masks block_masks_avx2(const uint8_t *p) {
    uint32_t l0, d0, s0, l1, d1, s1;
    __m256i a = _mm256_loadu_si256((const __m256i *)p);
    __m256i b = _mm256_loadu_si256((const __m256i *)(p + 32));
    uint32_t w0 = half_mask(a, &l0, &d0, &s0);
    uint32_t w1 = half_mask(b, &l1, &d1, &s1);
    block_masks m = {w0 | (uint64_t)w1 << 32, l0 | (uint64_t)l1 << 32, d0 | (uint64_t)d1 << 32,
                     s0 | (uint64_t)s1 << 32, stop_mask(a) | (uint64_t)stop_mask(b) << 32};
    return m;
}
#endif

#if defined(__x86_64__)
// table_values_portable four keys at a time: the filter's words and the first slots probed
// gathered, the tags compared in vectors; a key whose first slot neither holds it nor is free
// (a collision, rare in a table 1/8 full) goes through table_value.
// Inlined into the look_up of both AVX2 copies of the scans.
SCAN_AVX2 __attribute__((always_inline)) static inline void table_values_avx2(const ctk_line_tables *t, const uint64_t *keys,
                                                                           int32_t count, uint32_t *values) {
    const __m256i mask = _mm256_set1_epi64x((long long)t->stopword_mask);
    const __m256i free_slot = _mm256_set1_epi64x((long long)(t->stopword_mask + 1));
    const __m256i one = _mm256_set1_epi64x(1);
    const __m256i zero = _mm256_setzero_si256();
    const __m256i low_dwords = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
    const long long *filter = (const long long *)t->stopword_filter;
    const long long *slots = (const long long *)t->stopword_slots;
    int32_t k = 0;
    for (; k + 4 <= count; k += 4) {
        __m256i key = _mm256_loadu_si256((const __m256i *)(keys + k));
        __m256i word = _mm256_i64gather_epi64(filter, _mm256_srli_epi64(key, 54), 8);
        __m256i bit = _mm256_and_si256(_mm256_srlv_epi64(word, _mm256_and_si256(_mm256_srli_epi64(key, 48),
                                                                                 _mm256_set1_epi64x(63))), one);
        __m256i listed = _mm256_cmpeq_epi64(bit, one);
        __m256i home = _mm256_and_si256(_mm256_srli_epi64(key, 7), mask);
        __m256i index = _mm256_blendv_epi8(free_slot, home, listed);
        __m256i slot = _mm256_i64gather_epi64(slots, index, 8);
        __m256i tag = _mm256_srli_epi64(key, 32);
        tag = _mm256_or_si256(tag, _mm256_and_si256(_mm256_cmpeq_epi64(tag, zero), one));
        __m256i found = _mm256_cmpeq_epi64(_mm256_srli_epi64(slot, 32), tag);
        __m256i decided = _mm256_or_si256(found, _mm256_cmpeq_epi64(slot, zero));
        __m256i value = _mm256_and_si256(slot, found);
        _mm_storeu_si128((__m128i *)(values + k),
                         _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(value, low_dwords)));
        unsigned undecided = ~(unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(decided)) & 15;
        for (; undecided != 0; undecided &= undecided - 1) {
            unsigned j = (unsigned)__builtin_ctz(undecided);
            values[k + j] = table_value(t, keys[k + j]);
        }
    }
    for (; k < count; k++) values[k] = table_value(t, keys[k]);
}
#endif

typedef struct {
    int32_t script;
    int32_t letters;
} tally;

// A line's stopword lookups so far (look_up).
typedef struct {
    size_t stopwords;
    uint32_t flags;
    int32_t interface_words;
    int32_t date_words;
    int pair_starter;
    uint64_t previous_token;
} lookups;

// Tokens a line scan holds before it looks them up.
enum { token_batch = 64 };

// table_value of each of the `count` keys into values.
static inline void table_values_portable(const ctk_line_tables *t, const uint64_t *keys, int32_t count,
                                         uint32_t *values) {
    for (int32_t k = 0; k < count; k++) values[k] = table_value(t, keys[k]);
}

// The scans' look_up (line_scan_body.h) of the `count` tokens (at most token_batch + 32) that
// follow those of *found, once their `values` in the stopword table are known (table_values):
// their language bits into masks from found->stopwords on, and the line's flags, interface words
// (a keyword, or the second token of a two-token one) and date words. The two-token keywords
// are looked up in a second loop, only in a batch where a token starts one: the first keeps
// fewer values at hand.
__attribute__((always_inline)) static inline void look_up_values(const ctk_line_tables *t, const uint64_t *tokens,
                                                                 int32_t count, const uint32_t *values,
                                                                 uint32_t *masks, lookups *found) {
    lookups f = *found;
    size_t stopwords = f.stopwords;
    uint32_t flags = 0;
    int32_t interface_words = 0, date_words = 0;
    // Two loops: the flags and counts in vectors, the masks one by one.
    for (int32_t k = 0; k < count; k++) {
        uint32_t value = values[k];
        flags |= value;
        interface_words += (int32_t)(value >> 31);
        date_words += (int32_t)((value >> 28) & 1);
    }
    for (int32_t k = 0; k < count; k++) {
        uint32_t languages = values[k] & language_bits;
        masks[stopwords] = languages;
        stopwords += languages != 0;
    }
    if (f.pair_starter || ((flags & pair_start) && count > 1)) {
        int starter = f.pair_starter;
        uint64_t previous = f.previous_token;
        for (int32_t k = 0; k < count; k++) {
            if (starter && (table_value(t, ctk_token_pair(previous, tokens[k])) & interface_word)) interface_words++;
            starter = (values[k] & pair_start) != 0;
            previous = tokens[k];
        }
    }
    f.stopwords = stopwords;
    f.flags |= flags;
    f.interface_words += interface_words;
    f.date_words += date_words;
    f.pair_starter = (values[count - 1] & pair_start) != 0;
    f.previous_token = tokens[count - 1];
    *found = f;
}

// The tokens a run of unspaced letters adds (unspaced_run): the line's tokens (`count` of them,
// the run's added), and the letters of those it adds.
typedef struct {
    uint64_t *tokens;
    int32_t count;
    int32_t letters;
} run_words;

// Adds `count` letters of `script` to the line's tallies.
static inline void add_tally(tally *tallies, int32_t *count, int32_t script, int32_t letters) {
    if (letters <= 0) return;
    for (int32_t k = 0; k < *count; k++) {
        if (tallies[k].script == script) {
            tallies[k].letters += letters;
            return;
        }
    }
    tallies[*count] = (tally){script, letters};
    *count += 1;
}

// Whether `kind` is a letter of an unspaced script (is_unspaced_script).
static inline int is_unspaced_letter(uint16_t kind) {
    return (kind & (KIND_LETTER | 0xFC0)) == KIND_LETTER && is_unspaced_script(kind & 0x3F);
}

// Whether the scalar x of three bytes, of kind `kind`, met right after a letter (no token open,
// no space before it), leaves every measure of the scans but the line's last scalar as it was:
// neither a letter nor a digit (which open a token) nor the ideographic space (after which a
// separator counts). The scans take such punctuation and marks (、。「」) inside a run of
// unspaced letters (unspaced_run).
static inline int is_passed_mark(uint16_t kind, uint32_t x) {
    return (kind & (KIND_LETTER | KIND_DIGIT)) == 0 && x != 0x3000;
}

// The scalar of the three bytes of UTF-8 in the low bytes of w (the first lowest).
static inline uint32_t decode3_portable(uint32_t w) {
    return (w & 0x0F) << 12 | (w & 0x3F00) >> 2 | (w >> 16 & 0x3F);
}

// The scalar of two or three bytes at bytes[i], whole before `end`, into *w: its length, or 0
// for any other (decode() takes those).
static inline int peek(const uint8_t *bytes, size_t i, size_t end, uint32_t *w) {
    uint8_t b = bytes[i];
    if ((b & 0xE0) == 0xC0 && i + 1 < end) {
        *w = (uint32_t)(b & 0x1F) << 6 | (bytes[i + 1] & 0x3F);
        return 2;
    }
    if ((b & 0xF0) == 0xE0 && i + 2 < end) {
        *w = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(bytes[i + 1] & 0x3F) << 6 | (bytes[i + 2] & 0x3F);
        return 3;
    }
    return 0;
}

// The scalar at bytes[*i] (UTF8Decoding.value as LineScanner spells it out: a truncated
// sequence takes the bytes there are), and *i past it.
static inline uint32_t decode(const uint8_t *bytes, size_t *i, size_t end) {
    uint8_t b = bytes[*i];
    int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    uint32_t v = b & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F);
    for (int k = 1; k < length && *i + k < end; k++) v = v << 6 | (bytes[*i + k] & 0x3F);
    *i += length;
    return v;
}

// decode() with the scalars of two and three bytes taken without a loop.
static inline uint32_t decode_short(const uint8_t *bytes, size_t *i, size_t end) {
    uint32_t v;
    int n = peek(bytes, *i, end, &v);
    if (n) {
        *i += n;
        return v;
    }
    return decode(bytes, i, end);
}

// The kana that words_reach_avx2 counts from their bytes: hiragana U+3041...U+3096, katakana
// U+30A1...U+30FA (first, end).
enum { hiragana_first = 0x3041, hiragana_end = 0x3097, katakana_first = 0x30A1, katakana_end = 0x30FB };
static const uint32_t kana_ranges[2][2] = {{hiragana_first, hiragana_end}, {katakana_first, katakana_end}};
// The second and third bytes of the UTF-8 of a scalar of three bytes.
#define SECOND_BYTE(x) (0x80 | ((x) >> 6 & 0x3F))
#define THIRD_BYTE(x) (0x80 | ((x) & 0x3F))
// words_reach_avx2 tells each range by its lead byte E3, two second bytes (the first's and the
// next) and a bound on the third byte under each: first's third byte and up, end's third byte
// and down (exclusive).
#define KANA_RANGE_FITS(first, end) \
    ((first) >> 12 == 3 && ((end) - 1) >> 12 == 3 && SECOND_BYTE((end) - 1) == SECOND_BYTE(first) + 1 \
     && ((first) & 0x3F) != 0 && ((end) & 0x3F) != 0)
_Static_assert(KANA_RANGE_FITS(hiragana_first, hiragana_end), "hiragana: E3, two second bytes");
_Static_assert(KANA_RANGE_FITS(katakana_first, katakana_end), "katakana: E3, two second bytes");

int ctk_line_kinds_han_unspaced(const uint16_t *kinds) {
    int han = 1;
    for (uint32_t x = 0x5000; x < 0xA000 && han; x++) han = is_unspaced_letter(kinds[x]);
    int kana = 1;
    for (int r = 0; r < 2; r++) {
        for (uint32_t x = kana_ranges[r][0]; x < kana_ranges[r][1] && kana; x++) kana = is_unspaced_letter(kinds[x]);
    }
    return han | kana << 1;
}

// Words of the line bytes[i..<end] that line_key always counts, without hashing them (so no
// letter waits for the one before): a letter or digit right after an ASCII byte that is
// neither (*after_break: such a byte, or the line's start, comes before bytes[i]) opens a
// token, and each letter of an unspaced script counts. Added to *spaced and *unspaced until
// spaced + (unspaced + 1) / 2 reaches `limit`: then 1, as line_key's count reaches it too.
static inline int count_sure_words(const uint8_t *bytes, size_t i, size_t end, const uint16_t *kinds, int32_t limit,
                                   int32_t *spaced, int32_t *unspaced, int after_break) {
    int32_t s = *spaced, u = *unspaced;
    while (i < end) {
        uint8_t b = bytes[i];
        if (b < 0x80) {
            int word = word_byte[b] != 0;
            s += word & after_break;
            after_break = !word;
            i++;
            continue;
        }
        uint32_t v;
        int length = peek(bytes, i, end, &v);
        if (length != 0) {
            uint16_t k = kinds[v];
            if (is_unspaced_letter(k)) u++;
            else s += after_break && (k & KIND_LETTER);
            if (s + (u + 1) / 2 >= limit) return 1;
            i += (size_t)length;
        } else {
            i++;
        }
        after_break = 0;
    }
    *spaced = s;
    *unspaced = u;
    return s + (u + 1) / 2 >= limit;
}

// Whether line_key counts `limit` words or more in bytes[from..<end] as far as
// count_sure_words tells (0: it may still).
static inline int words_reach_portable(const uint8_t *bytes, size_t n, size_t from, size_t end, const uint16_t *kinds,
                                       int32_t limit, int han) {
    (void)n;
    (void)han;
    int32_t spaced = 0, unspaced = 0;
    return count_sure_words(bytes, from, end, kinds, limit, &spaced, &unspaced, 1);
}

#if defined(__x86_64__)
// words_reach_portable 32 bytes at a time: the tokens opened after a break from masks, the
// scalars outside ASCII one by one from their lead bytes.
// With `han` (ctk_line_tables.han_unspaced), the lead bytes E5...E9 (bit 0) and the kana of
// kana_ranges (bit 1) count as letters of an unspaced script without a look-up.
SCAN_AVX2 static inline int words_reach_avx2(const uint8_t *bytes, size_t n, size_t from, size_t end,
                                             const uint16_t *kinds, int32_t limit, int han) {
    int32_t spaced = 0, unspaced = 0;
    // Whether the byte before the block is an ASCII byte that is neither a letter nor a digit.
    uint32_t carry = 1;
    size_t i = from;
    while (i < end && i + 32 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(bytes + i));
        uint32_t letter, digit, space;
        uint32_t word = half_mask(v, &letter, &digit, &space);
        uint32_t high = (uint32_t)_mm256_movemask_epi8(v);
        uint32_t within = end - i >= 32 ? ~0u : (1u << (end - i)) - 1;
        uint32_t breaks = ~(word | high);
        uint32_t after = breaks << 1 | carry;
        spaced += __builtin_popcount(word & after & within);
        // As signed bytes, lead bytes of two bytes are -64...-33, of three -32...-17. Of the
        // scalars of two bytes (none of an unspaced script) only those after a break count.
        uint32_t two = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-65)))
            & ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-33)));
        uint32_t three = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-33)))
            & ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-17)));
        if (han & 1) {
            uint32_t ideographs = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-28)))
                & ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-23))) & within;
            unspaced += __builtin_popcount(ideographs);
            three &= ~ideographs;
        }
        // With `han` & 2, the kana (kana_ranges) count as letters of an unspaced script from
        // their three bytes, without a look-up: most scalars of a Japanese text outside the
        // ideographs. The bytes after each lead come from loads one and two bytes on.
        uint32_t e3 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE3))) & three & within;
        if ((han & 2) && e3 != 0 && i + 34 <= n) {
            __m256i second = _mm256_loadu_si256((const __m256i *)(bytes + i + 1));
            __m256i third = _mm256_loadu_si256((const __m256i *)(bytes + i + 2));
            // As signed bytes, continuation bytes are -128...-65, in their order.
#define KANA_IN(first, end) \
    _mm256_or_si256(_mm256_and_si256(_mm256_cmpeq_epi8(second, _mm256_set1_epi8((char)SECOND_BYTE(first))), \
                                     _mm256_cmpgt_epi8(third, _mm256_set1_epi8((char)(THIRD_BYTE(first) - 1)))), \
                    _mm256_and_si256(_mm256_cmpeq_epi8(second, _mm256_set1_epi8((char)SECOND_BYTE(end))), \
                                     _mm256_cmpgt_epi8(_mm256_set1_epi8((char)THIRD_BYTE(end)), third)))
            __m256i hiragana = KANA_IN(hiragana_first, hiragana_end);
            __m256i katakana = KANA_IN(katakana_first, katakana_end);
#undef KANA_IN
            uint32_t kana = e3 & (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(hiragana, katakana));
            unspaced += __builtin_popcount(kana);
            three &= ~kana;
        }
        // Of the other scalars of three bytes, those not after a break count only as letters of
        // an unspaced script, which none of the lead bytes E2 (punctuation, symbols) and
        // EB...ED (Hangul) starts; EA's Myanmar Extended letters go uncounted too, which only
        // lets line_key count them.
        uint32_t unspaced_none = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(-30)))
            | ((uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-23)))
               & ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-19))));
        // Scalars of three bytes and of two in loops of their own: each decodes without
        // choosing between the two, and the two-byte ones (rare) all follow a break.
        uint32_t leads = three & (after | ~unspaced_none) & within;
        while (leads != 0) {
            unsigned j = (unsigned)__builtin_ctz(leads);
            leads &= leads - 1;
            // Whole before `end`: the line is well-formed UTF-8 cut at a newline.
            const uint8_t *q = bytes + i + j;
            uint16_t k = kinds[(uint32_t)(q[0] & 0x0F) << 12 | (uint32_t)(q[1] & 0x3F) << 6 | (q[2] & 0x3F)];
            int32_t is_unspaced = is_unspaced_letter(k);
            unspaced += is_unspaced;
            spaced += (int32_t)((after >> j) & 1) & ((k & KIND_LETTER) != 0) & !is_unspaced;
        }
        leads = two & after & within;
        while (leads != 0) {
            unsigned j = (unsigned)__builtin_ctz(leads);
            leads &= leads - 1;
            const uint8_t *q = bytes + i + j;
            uint16_t k = kinds[(uint32_t)(q[0] & 0x1F) << 6 | (q[1] & 0x3F)];
            int32_t is_unspaced = is_unspaced_letter(k);
            unspaced += is_unspaced;
            spaced += ((k & KIND_LETTER) != 0) & !is_unspaced;
        }
        if (spaced + (unspaced + 1) / 2 >= limit) return 1;
        carry = breaks >> 31;
        i += 32;
    }
    if (i >= end) return 0;
    return count_sure_words(bytes, i, end, kinds, limit, &spaced, &unspaced, (int)carry);
}
#endif

// Whether the ASCII punctuation `c`, followed by bytes[next..<end], marks code or a command line
// (at_start: it opens the line; after_space: it opens a word; after_word: it follows a letter
// or digit):
// - a prompt or comment at the line's start ("$ ls", "# apt update", ">>>");
// - a variable or substitution ("$HOME", "${var}", "$(cmd)", "$$"; "$5" is a price);
// - a call or an index right after a name ("items()", "type(x)", "int[]", "cookie[k]";
//   "Evernote(21)" is a count, "401(k)" a plan, "friend(s)" prose);
// - braces, a backslash, "=", "->", "<file>";
// - an identifier joined by "_" ("pam_env", "DEB_HOST_ARCH");
// - an option after a space ("-r", "--purge");
// - a path: "/etc/passwd" after a space or at the start, or two "/" after letters
//   ("dists/stable/main/"; "and/or" has one), counted in *inner_slashes.
static int is_code_mark(uint8_t c, const uint8_t *bytes, size_t next, size_t end, int at_start, int after_space,
                        int after_word, int32_t *inner_slashes) {
#define BYTE(k) (next + (k) < end ? bytes[next + (k)] : 0x20)
#define IS_PROMPT() (next + 1 < end && bytes[next] == 0x20 && (uint8_t)(bytes[next + 1] - 0x30) >= 10)
    uint8_t n;
    switch (c) {
    case 0x7B: case 0x7D: case 0x5C: case 0x3D:
        return 1;
    case 0x24:
        n = BYTE(0);
        return is_ascii_letter(n) || n == 0x7B || n == 0x28 || n == 0x24 || (at_start && IS_PROMPT());
    case 0x3E:
        return at_start && BYTE(0) == 0x3E && BYTE(1) == 0x3E;
    case 0x28: case 0x5B: {
        n = BYTE(0);
        uint8_t closing = c == 0x28 ? 0x29 : 0x5D;
        if (!(after_word && next >= 2 && is_ascii_letter(bytes[next - 2]))) return 0;
        return n == closing || n == 0x5B || n == 0x5F || ((uint8_t)(n - 0x61) < 26 && !(n == 0x73 && BYTE(1) == 0x29));
    }
    case 0x23:
        return at_start && IS_PROMPT();
    case 0x5F:
        n = BYTE(0);
        return after_word && (is_ascii_letter(n) || is_ascii_digit(n));
    case 0x2D:
        n = BYTE(0);
        if (n == 0x3E) return 1;
        return after_space && ((uint8_t)(n - 0x61) < 26 || (n == 0x2D && (uint8_t)(BYTE(1) - 0x61) < 26));
    case 0x3C:
        n = BYTE(0);
        return is_ascii_letter(n) || n == 0x2F;
    case 0x2F:
        n = BYTE(0);
        if (after_space) return (uint8_t)(n - 0x61) < 26;
        if (after_word && (is_ascii_letter(n) || n == 0x20)) {
            *inner_slashes += 1;
            return *inner_slashes >= 2;
        }
        return 0;
    default:
        return 0;
    }
#undef BYTE
#undef IS_PROMPT
}

// Whether `c` may mark code (is_code_mark): # $ ( - / < = > [ \ _ { }.
static inline int may_mark(uint32_t c) {
    static const uint64_t low = 1ULL << 0x23 | 1ULL << 0x24 | 1ULL << 0x28 | 1ULL << 0x2D | 1ULL << 0x2F | 1ULL << 0x3C
        | 1ULL << 0x3D | 1ULL << 0x3E;
    static const uint64_t high = 1ULL << (0x5B - 64) | 1ULL << (0x5C - 64) | 1ULL << (0x5F - 64)
        | 1ULL << (0x7B - 64) | 1ULL << (0x7D - 64);
    return c < 64 ? (low >> c) & 1 : c < 128 && ((high >> (c - 64)) & 1);
}

// Whether tally a comes before b: more letters first, then the lower script code.
static inline int before(tally a, tally b) {
    return a.letters != b.letters ? a.letters > b.letters : a.script < b.script;
}

// Whether the line bytes[from..<end] ends a sentence (ctk_line_scan_reusing's ends_sentence: its last
// scalar that is not white space or a closer is a sentence end), read from its end.
__attribute__((noinline)) static int line_ends_sentence(const uint8_t *bytes, size_t from, size_t end) {
    while (end > from && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D)) end--;
    while (end > from) {
        size_t at = end - 1;
        uint32_t v = bytes[at];
        if (v >= 0x80) {
            // A scalar of valid UTF-8, read back to its lead byte.
            int shift = 0;
            v = 0;
            while (at > from && (bytes[at] & 0xC0) == 0x80) {
                v |= (uint32_t)(bytes[at] & 0x3F) << shift;
                shift += 6;
                at--;
            }
            v |= (uint32_t)(bytes[at] & (0x7F >> (shift / 6 + 1))) << shift;
        }
        if (!(v == 0x20 || v == 0x09 || v == 0xA0 || v == 0x3000 || is_closer(v))) return is_sentence_end(v);
        end = at;
    }
    return 0;
}

// line_ends_sentence, told by the line's last scalar alone when that is neither white space nor
// a closer (most lines) and takes one byte or three: inlined, without the call and the loops.
__attribute__((always_inline)) static inline int line_ends_sentence_quick(const uint8_t *bytes, size_t from,
                                                                          size_t end) {
    uint8_t last = bytes[end - 1];
    if (last < 0x80) {
        // From 64 on (letters, most lines) neither white space nor a sentence end: told first.
        if (last >= 64) return is_closer(last) ? line_ends_sentence(bytes, from, end) : 0;
        if (last == 0x20 || last == 0x09 || last == 0x0D || is_closer(last)) return line_ends_sentence(bytes, from, end);
        return is_sentence_end(last);
    }
    if (end - from >= 3 && (bytes[end - 3] & 0xF0) == 0xE0) {
        uint32_t v = (uint32_t)(bytes[end - 3] & 0x0F) << 12 | (uint32_t)(bytes[end - 2] & 0x3F) << 6 | (last & 0x3F);
        if (v != 0x3000 && !is_closer(v)) return is_sentence_end(v);
    }
    return line_ends_sentence(bytes, from, end);
}

// The lines a scan writes: `capacity` of room at `lines`, `count` written.
typedef struct {
    ctk_line *lines;
    size_t capacity;
    size_t count;
} line_buffer;

// Twice the room (at least 64 lines), the lines written so far kept.
static __attribute__((noinline)) void grow_lines(line_buffer *b) {
    size_t larger = b->capacity < 32 ? 64 : 2 * b->capacity;
    ctk_line *grown = realloc(b->lines, larger * sizeof(ctk_line));
    if (grown == NULL) abort();
    b->lines = grown;
    b->capacity = larger;
}

#define SCAN_ATTR
#define SCAN_NAME(x) x##_portable
#define ASCII_RUN ascii_run_portable
#define WORDS_REACH words_reach_portable
#define BLOCK_MASKS block_masks_portable
#define DECODE3 decode3_portable
#define TABLE_VALUES table_values_portable
#define FIND_BYTE(p, n, c) memchr(p, c, n)
#include "line_scan_body.h"
#undef SCAN_ATTR
#undef SCAN_NAME
#undef ASCII_RUN
#undef WORDS_REACH
#undef BLOCK_MASKS
#undef DECODE3
#undef TABLE_VALUES
#undef FIND_BYTE

#if defined(__x86_64__)
#define SCAN_ATTR SCAN_AVX2
#define SCAN_NAME(x) x##_avx2
#define ASCII_RUN ascii_run_avx2
#define WORDS_REACH words_reach_avx2
#define BLOCK_MASKS block_masks_avx2
#define DECODE3 decode3_bmi2
#define TABLE_VALUES table_values_avx2
#define FIND_BYTE find_byte_avx2
#include "line_scan_body.h"
#undef SCAN_NAME
#undef DECODE3
// The same with decode3_portable, for processors whose pext is slow (ctk_has_fast_pext).
#define SCAN_NAME(x) x##_avx2_slow_pext
#define DECODE3 decode3_portable
#include "line_scan_body.h"
#undef SCAN_ATTR
#undef SCAN_NAME
#undef ASCII_RUN
#undef WORDS_REACH
#undef BLOCK_MASKS
#undef DECODE3
#undef TABLE_VALUES
#undef FIND_BYTE
#endif

static size_t line_keys_of(const uint8_t *bytes, size_t n, const ctk_line_tables *t, int32_t sentence_words,
                           uint64_t *keys, int escaped) {
#if defined(__x86_64__)
    if (ctk_has_fast_pext()) return line_keys_avx2(bytes, n, t, sentence_words, keys, escaped);
    if (ctk_has_avx2_bmi2()) return line_keys_avx2_slow_pext(bytes, n, t, sentence_words, keys, escaped);
#endif
    return line_keys_portable(bytes, n, t, sentence_words, keys, escaped);
}

size_t ctk_line_keys(const uint8_t *bytes, size_t n, const ctk_line_tables *t, int32_t sentence_words,
                     uint64_t *keys) {
    return line_keys_of(bytes, n, t, sentence_words, keys, 0);
}

size_t ctk_line_keys_portable(const uint8_t *bytes, size_t n, const ctk_line_tables *t, int32_t sentence_words,
                              uint64_t *keys) {
    return line_keys_portable(bytes, n, t, sentence_words, keys, 0);
}

size_t ctk_line_keys_escaped(const uint8_t *bytes, size_t n, const ctk_line_tables *t, int32_t sentence_words,
                             uint64_t *keys) {
    return line_keys_of(bytes, n, t, sentence_words, keys, 1);
}

size_t ctk_line_keys_escaped_portable(const uint8_t *bytes, size_t n, const ctk_line_tables *t,
                                      int32_t sentence_words, uint64_t *keys) {
    return line_keys_portable(bytes, n, t, sentence_words, keys, 1);
}

// The scan this processor runs.
static size_t line_scan(const uint8_t *bytes, size_t n, const ctk_line_tables *t, line_buffer *lines, uint32_t *masks) {
#if defined(__x86_64__)
    if (ctk_has_fast_pext()) return line_scan_avx2(bytes, n, t, lines, masks);
    if (ctk_has_avx2_bmi2()) return line_scan_avx2_slow_pext(bytes, n, t, lines, masks);
#endif
    return line_scan_portable(bytes, n, t, lines, masks);
}

// ctk_line_scan_reusing's buffers of this thread, behind a pthread key that frees them when
// the thread ends (Dispatch ends idle threads).
typedef struct {
    line_buffer lines;
    uint32_t *masks;
    size_t mask_capacity;
} scan_scratch;
static _Thread_local scan_scratch *scan_scratch_of_thread;
static pthread_key_t scan_scratch_key;
static pthread_once_t scan_scratch_key_once = PTHREAD_ONCE_INIT;

// The thread's pointer is cleared too: a later call in the thread's other destructors makes
// new buffers rather than use the freed ones.
static void free_scan_scratch(void *p) {
    scan_scratch *s = p;
    free(s->lines.lines);
    free(s->masks);
    free(s);
    scan_scratch_of_thread = NULL;
}

static void make_scan_scratch_key(void) {
    if (pthread_key_create(&scan_scratch_key, free_scan_scratch) != 0) abort();
}

// Room kept from one call to the next: a document past it does not pin its memory for the
// rest of the run.
enum { lines_kept = 1 << 14, masks_kept = 1 << 18 };

static __attribute__((noinline)) scan_scratch *new_scan_scratch(void) {
    scan_scratch *s = calloc(1, sizeof *s);
    if (s == NULL) abort();
    pthread_once(&scan_scratch_key_once, make_scan_scratch_key);
    pthread_setspecific(scan_scratch_key, s);
    scan_scratch_of_thread = s;
    return s;
}

static __attribute__((noinline)) void size_masks(scan_scratch *s, size_t capacity) {
    free(s->masks);
    size_t size = capacity < 1024 ? 1024 : capacity;
    s->masks = malloc(size * sizeof(uint32_t));
    if (s->masks == NULL) abort();
    s->mask_capacity = size;
}

// Back to the room kept, after a document of more lines.
static __attribute__((noinline)) void shrink_lines(scan_scratch *s) {
    ctk_line *kept = realloc(s->lines.lines, lines_kept * sizeof(ctk_line));
    if (kept == NULL) abort();
    s->lines.lines = kept;
    s->lines.capacity = lines_kept;
}

// ctk_line_scan_reusing, or its portable twin with `portable`.
__attribute__((always_inline)) static inline size_t scan_reusing(const uint8_t *bytes, size_t n, const ctk_line_tables *t,
                                                                 const ctk_line **lines, size_t *line_count,
                                                                 const uint32_t **masks, int portable) {
    scan_scratch *s = scan_scratch_of_thread;
    if (s == NULL) s = new_scan_scratch();
    if (s->lines.capacity > lines_kept) shrink_lines(s);
    size_t mask_room = n / 2 + 2;
    if (mask_room > s->mask_capacity) size_masks(s, mask_room);
    else if (s->mask_capacity > masks_kept && mask_room <= masks_kept) size_masks(s, masks_kept);
    size_t mask_count = portable ? line_scan_portable(bytes, n, t, &s->lines, s->masks)
                                 : line_scan(bytes, n, t, &s->lines, s->masks);
    *lines = s->lines.lines;
    *line_count = s->lines.count;
    *masks = s->masks;
    return mask_count;
}

size_t ctk_line_scan_reusing(const uint8_t *bytes, size_t n, const ctk_line_tables *t, const ctk_line **lines,
                             size_t *line_count, const uint32_t **masks) {
    return scan_reusing(bytes, n, t, lines, line_count, masks, 0);
}

size_t ctk_line_scan_reusing_portable(const uint8_t *bytes, size_t n, const ctk_line_tables *t, const ctk_line **lines,
                                      size_t *line_count, const uint32_t **masks) {
    return scan_reusing(bytes, n, t, lines, line_count, masks, 1);
}

uint64_t ctk_token_hash(const uint8_t *bytes, size_t n) {
    uint64_t h = CTK_HASH_SEED;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && bytes[run] < 0x80) run++;
        if (run > i) {
            h = hash_ascii(h, bytes + i, run - i, n - i);
            i = run;
        } else {
            h = ctk_hash_scalar(h, lower(decode(bytes, &i, n)));
        }
    }
    return h;
}

// ctk_line_keys_scratch's buffer of this thread. A pthread key holds it too, so that it is
// freed when the thread ends (Dispatch ends idle threads).
typedef struct {
    uint64_t *keys;
    size_t capacity;
} keys_scratch;
static _Thread_local keys_scratch scratch_of_thread;
static pthread_key_t scratch_key;
static pthread_once_t scratch_key_once = PTHREAD_ONCE_INIT;

// As free_scan_scratch: the thread's buffer is forgotten with its memory.
static void free_keys_scratch(void *keys) {
    free(keys);
    scratch_of_thread = (keys_scratch){NULL, 0};
}

static void make_scratch_key(void) {
    if (pthread_key_create(&scratch_key, free_keys_scratch) != 0) abort();
}

static __attribute__((noinline)) uint64_t *grow_keys_scratch(keys_scratch *s, size_t capacity) {
    size_t larger = s->capacity < 512 ? 512 : s->capacity;
    while (larger < capacity) larger *= 2;
    uint64_t *grown = realloc(s->keys, larger * sizeof(uint64_t));
    if (grown == NULL) return NULL;
    *s = (keys_scratch){grown, larger};
    pthread_once(&scratch_key_once, make_scratch_key);
    pthread_setspecific(scratch_key, grown);
    return grown;
}

uint64_t *ctk_line_keys_scratch(size_t capacity) {
    keys_scratch *s = &scratch_of_thread;
    if (capacity <= s->capacity) return s->keys;
    // A document past the limit does not pin its memory for the rest of the run.
    if (capacity > (size_t)1 << 16) return NULL;
    return grow_keys_scratch(s, capacity);
}
