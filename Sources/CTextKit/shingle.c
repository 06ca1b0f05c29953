// The dedup stage's text pass: the tokens and the exact-duplicate hash of a UTF-8 text in one
// walk over its bytes, then the word n-gram shingles of the tokens (see ctk_shingle_scan in
// ctextkit.h; Shingler.swift says what a token is).
#include "ctextkit.h"
#include "cpu_features.h"
#include "distinct_set.h"
#include "mix.h"
#include "oph.h"
#include <pthread.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

// Eight 64-bit lanes, loaded from and stored to any 8-byte boundary.
typedef uint64_t u64x8 __attribute__((vector_size(64), aligned(8)));

enum { ROLE_SEPARATOR = 0, ROLE_WORD = 1, ROLE_UPPER = 2, ROLE_UNSPACED = 3, ROLE_MARK = 4 };

static const uint64_t fnv_basis = 0xCBF29CE484222325ULL;
static const uint64_t fnv_prime = 0x00000100000001B3ULL;
static const uint64_t golden = 0x9E3779B97F4A7C15ULL;

// The values of the last call on this thread. A buffer past `keep_limit` values is let go at
// the next call, so that one huge document does not pin its memory for the rest of the run.
static _Thread_local uint64_t *buffer;
static _Thread_local size_t buffer_capacity;
static const size_t keep_limit = (size_t)1 << 22;
// Holds the same buffer, so that it is freed when its thread ends (Dispatch ends idle threads).
static pthread_key_t buffer_key;
static pthread_once_t buffer_key_once = PTHREAD_ONCE_INIT;

static void make_buffer_key(void) {
    if (pthread_key_create(&buffer_key, free) != 0) abort();
}

// Makes room for more than `count` values; returns the buffer (and its capacity in *capacity).
static __attribute__((noinline)) uint64_t *grow(size_t count, size_t *capacity) {
    size_t larger = buffer_capacity < 1024 ? 1024 : buffer_capacity;
    while (larger <= count) larger *= 2;
    if (larger > buffer_capacity) {
        uint64_t *grown = realloc(buffer, larger * sizeof(uint64_t));
        if (grown == NULL) abort();
        buffer = grown;
        buffer_capacity = larger;
        pthread_once(&buffer_key_once, make_buffer_key);
        pthread_setspecific(buffer_key, grown);
    }
    *capacity = buffer_capacity;
    return buffer;
}

// The scan emits each token's FNV-1a state; `finish_tokens` turns them into the token hashes
// (splitmix64 of it) afterwards, eight at a time where AVX-512 is there. The state of a
// one-character token of code point v (the tokens of scripts written without spaces and of text
// cut into characters): computed, where a table of the BMP's finished hashes (512 KiB) missed
// the cache for about every other character of Chinese and Japanese.
static inline uint64_t one_character(uint32_t v) { return (fnv_basis ^ v) * fnv_prime; }

// Per first two bytes b0 | b1 << 8 of a UTF-8 sequence, what they give of its code point when b0
// leads three bytes, (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 (whose low 6 bits are 0), else 1.
static uint16_t three_byte_start[0x10000];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void fill_tables(void) {
    for (uint32_t x = 0; x < 0x10000; x++) {
        const uint32_t b0 = x & 0xFF, b1 = x >> 8;
        three_byte_start[x] = (b0 & 0xF0) == 0xE0 ? (uint16_t)((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6) : 1;
    }
}

// The ASCII letters and digits lowercased, 0 for the other bytes (so also their class).
static const uint8_t ascii_lower_word[256] = {
    ['0'] = '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ['A'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    ['a'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
};

// The exact-duplicate hash: XXH64 of the text with white space runs collapsed to one space and
// the ends trimmed, fed as the runs of the text that stand unchanged in it (`start` is where the
// current one began), each after a space when white space came before it. Short runs (lines) are
// gathered in `staged` first and hashed a few thousand bytes at a time: XXH64's own buffering
// costs more than the copy for each small piece, and the hash of the pieces is that of the whole.
typedef struct {
    XXH64_state_t state;
    size_t start;
    int written;
    int space;
    size_t staged_count;
    uint8_t staged[4096];
} collapse;

static void collapse_begin(collapse *c) {
    XXH64_reset(&c->state, 0);
    c->start = 0;
    c->written = 0;
    c->space = 0;
    c->staged_count = 0;
}

static inline void feed(collapse *c, const uint8_t *bytes, size_t count) {
    if (count > sizeof c->staged - c->staged_count) {
        XXH64_update(&c->state, c->staged, c->staged_count);
        c->staged_count = 0;
        if (count > sizeof c->staged / 2) {
            XXH64_update(&c->state, bytes, count);
            return;
        }
    }
    memcpy(c->staged + c->staged_count, bytes, count);
    c->staged_count += count;
}

static uint64_t collapse_digest(collapse *c) {
    XXH64_update(&c->state, c->staged, c->staged_count);
    return XXH64_digest(&c->state);
}

static inline void flush(collapse *c, const uint8_t *text, size_t end) {
    if (end <= c->start) return;
    if (c->space) feed(c, (const uint8_t *)" ", 1);
    feed(c, text + c->start, end - c->start);
    c->written = 1;
    c->space = 0;
}

static inline uint32_t decode(const uint8_t *s, size_t i, size_t length) {
    const uint32_t b1 = s[i + 1] & 0x3F;
    switch (length) {
    case 2: return (uint32_t)(s[i] & 0x1F) << 6 | b1;
    case 3: return (uint32_t)(s[i] & 0x0F) << 12 | b1 << 6 | (s[i + 2] & 0x3F);
    default: return (uint32_t)(s[i] & 0x07) << 18 | b1 << 12 | (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
    }
}

static inline size_t sequence_length(uint8_t lead) { return lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

static inline int is_ascii_space(uint8_t b) { return b == 0x20 || (uint8_t)(b - 0x09) < 5; }

// The class byte of code point v, asking the tables' callback where they do not answer.
static inline uint8_t class_of(const ctk_shingle_tables *t, uint32_t v) {
    if (v < 0x10000) return t->classes[v];
    int32_t unused;
    uint32_t lower[CTK_LOWERCASE_MAX];
    return t->slow(v, lower, &unused);
}

// Past the white space run at `i` (whose first character is white space): feeds the collapsed
// text before it and returns where the next run of unchanged text starts.
static size_t skip_space(collapse *c, const ctk_shingle_tables *t, const uint8_t *s, size_t i, size_t len) {
    flush(c, s, i);
    while (i < len) {
        const uint8_t b = s[i];
        if (b < 0x80) {
            if (!is_ascii_space(b)) break;
            i++;
            continue;
        }
        const size_t length = sequence_length(b);
        if (i + length > len || !(class_of(t, decode(s, i, length)) & CTK_CLASS_SPACE)) break;
        i += length;
    }
    c->start = i;
    c->space = c->written;
    return i;
}

// The code point of the three-byte sequence at s[i] (its lead byte one of E0...EF).
static inline uint32_t three_bytes(const uint8_t *s, size_t i) {
    return (uint32_t)(s[i] - 0xE0) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
}

// Whether s[i] (up to `last`) leads three bytes, and their code point in *w then.
static inline int three_bytes_at(const uint8_t *s, size_t i, size_t last, uint32_t *w) {
    if (i > last) return 0;
    const uint32_t high = three_byte_start[s[i] | (uint32_t)s[i + 1] << 8];
    if (high & 1) return 0;
    *w = high | (s[i + 2] & 0x3F);
    return 1;
}

// What a run of `unspaced_run_tokens` leaves: the token count, the count of letters of scripts
// written without spaces, and the letter whose token is open at its end (or `no_letter`).
typedef struct {
    size_t count;
    size_t unspaced;
    uint32_t open;
} unspaced_run;

static const uint32_t no_letter = UINT32_MAX;

// The three-byte characters from s[i] (one of them) that are letters of scripts written without
// spaces or punctuation (separators that are not white space, class 0), while there are three
// bytes left (up to `last`): each letter is a token that ends where the next character begins
// (appended to `out`, which has room for one a character, when `tokens`) but the last, which
// stays open (a mark after it would join it). Returns where the run ends. A function of its own,
// so that its loop has the registers.
static inline __attribute__((always_inline)) size_t unspaced_run_in(const uint8_t *s, size_t i, size_t last,
                                                                    const uint8_t *classes, uint64_t *out,
                                                                    unspaced_run *run, int tokens) {
    // With tokens, every letter but an open last one appends its token, so that the letters are
    // counted by the tokens.
    uint64_t *const start = tokens ? out + run->count : NULL;
    uint64_t *next = start;
    size_t unspaced = run->unspaced;
    uint32_t w;
    size_t open = three_bytes(s, i);
    if (classes[open] != 0) goto letter;
    i += 3;
between:
    while (three_bytes_at(s, i, last, &w)) {
        const uint8_t cls = classes[w];
        if ((cls & CTK_CLASS_ROLE) == ROLE_UNSPACED) {
            open = w;
            goto letter;
        }
        if (cls != 0) break;
        i += 3;
    }
    open = no_letter;
    goto end;
letter:
    if (!tokens) unspaced++;
    i += 3;
    while (three_bytes_at(s, i, last, &w)) {
        const uint8_t cls = classes[w];
        if ((cls & CTK_CLASS_ROLE) == ROLE_UNSPACED) {
            if (tokens) *next++ = one_character((uint32_t)open);
            if (!tokens) unspaced++;
            open = w;
            i += 3;
            continue;
        }
        if (cls != 0) break;
        if (tokens) *next++ = one_character((uint32_t)open);
        i += 3;
        goto between;
    }
end:
    if (tokens) {
        run->count += (size_t)(next - start);
        unspaced += (size_t)(next - start) + (open != no_letter);
    }
    run->unspaced = unspaced;
    run->open = (uint32_t)open;
    return i;
}

static __attribute__((noinline)) size_t unspaced_run_tokens(const uint8_t *s, size_t i, size_t last, const uint8_t *classes,
                                                            uint64_t *out, unspaced_run *run) {
    return unspaced_run_in(s, i, last, classes, out, run, 1);
}

static __attribute__((noinline)) size_t unspaced_run_counts(const uint8_t *s, size_t i, size_t last, const uint8_t *classes,
                                                            unspaced_run *run) {
    return unspaced_run_in(s, i, last, classes, NULL, run, 0);
}

// What a run of `word_run_tokens` leaves: the token count, the bytes between its words, and the
// FNV-1a state of the word open at its end.
typedef struct {
    size_t count;
    size_t gaps;
    uint64_t h;
} word_run;

// Whether an ASCII byte can stand between two words of a run (`word_run_in`): printable and
// neither a letter nor a digit, the space included.
static const uint8_t ascii_gap[256] = {
    [' '] = 1, ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1,
    ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1,
    ['>'] = 1, ['?'] = 1, ['@'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['{'] = 1,
    ['|'] = 1, ['}'] = 1, ['~'] = 1,
};

// ASCII words from s[i] (a letter or digit of the open word whose state is run->h), lowercased,
// with ASCII punctuation and single spaces between them: the common case of text with spaces,
// on its own (such a space stays in the collapsed text, and the punctuation only ends a word,
// as in `scan`). Each word but the last, which stays open, is appended to `out` (which has
// room for one every two bytes) when `tokens`. Returns where the last word ends. A function of
// its own, so that its loop has the registers.
static inline __attribute__((always_inline)) size_t word_run_in(const uint8_t *s, size_t i, size_t len, uint64_t *out,
                                                                word_run *run, int tokens) {
    uint64_t h = run->h;
    size_t count = run->count, gaps = 0;
    for (;;) {
        // Eight bytes a round while eight are left, each lowercased and checked by one look-up
        // (0 past the word).
        uint64_t x;
        while (i + 8 <= len) {
#define STEP(k) if (!(x = ascii_lower_word[s[i + k]])) { i += k; goto word_end; } h = (h ^ x) * fnv_prime;
            STEP(0) STEP(1) STEP(2) STEP(3) STEP(4) STEP(5) STEP(6) STEP(7)
#undef STEP
            i += 8;
        }
        while (i < len && (x = ascii_lower_word[s[i]])) {
            h = (h ^ x) * fnv_prime;
            i++;
        }
    word_end:;
        if (i + 1 < len && s[i] == ' ' && ascii_lower_word[s[i + 1]]) {
            if (tokens) out[count++] = h;
            gaps++;
            h = fnv_basis;
            i++;
            continue;
        }
        // The next word, if only punctuation and spaces each before a printable byte come first.
        size_t j = i;
        while (j < len && ascii_gap[s[j]] && (s[j] != ' ' || (j + 1 < len && (uint8_t)(s[j + 1] - 0x21) < 0x5E))) j++;
        if (j == i || j == len || !ascii_lower_word[s[j]]) break;
        if (tokens) out[count++] = h;
        gaps += j - i;
        h = fnv_basis;
        i = j;
    }
    run->count = count;
    run->gaps = gaps;
    run->h = h;
    return i;
}

static __attribute__((noinline)) size_t word_run_tokens(const uint8_t *s, size_t i, size_t len, uint64_t *out, word_run *run) {
    return word_run_in(s, i, len, out, run, 1);
}

#if defined(__x86_64__)
// word_run_tokens 64 bytes at a time, with AVX-512 (VBMI2): the letters and digits, the bytes
// that may stand between two words and the others as bit masks; the words of the block as two
// byte lists (their starts and ends, compressed out of the masks); and their FNV-1a hashes eight
// words at a time, one vector lane each: step k XORs each word's byte k (picked from the block by
// a byte permute) into its lane and multiplies the lanes of the words longer than k. The same
// hashes as the byte loop, without its branch at the end of each word (mispredicted at most of
// them) and its table look-up and multiply per byte, and eight words' multiply chains at once.
// `out` has room for 8 values more than word_run_tokens needs. What is left of the run when
// fewer than 65 bytes remain, or a block holds no word start after its first word (its tail a
// gap or one long word), goes on in word_run_in.
CTK_TARGET_AVX512_VBMI2 static __attribute__((noinline)) size_t word_run_blocks(const uint8_t *s, size_t i, size_t len,
                                                                          uint64_t *out, word_run *run) {
    uint64_t h = run->h;
    size_t count = run->count, gaps = 0;
    const __m512i iota = _mm512_set_epi8(63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42,
                                         41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21,
                                         20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    const __m512i prime = _mm512_set1_epi64((long long)fnv_prime);
    const __m512i basis = _mm512_set1_epi64((long long)fnv_basis);
    while (len - i >= 65) {
        const __m512i v = _mm512_loadu_si512(s + i);
        const __m512i lower = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
        const uint64_t alnum = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(lower, _mm512_set1_epi8('a')), _mm512_set1_epi8(26))
                               | _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('0')), _mm512_set1_epi8(10));
        const uint64_t printable = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(0x20)), _mm512_set1_epi8(0x5F));
        const uint64_t space = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(' '));
        const uint64_t before_printable = _mm512_cmplt_epu8_mask(
            _mm512_sub_epi8(_mm512_loadu_si512(s + i + 1), _mm512_set1_epi8(0x21)), _mm512_set1_epi8(0x5E));
        const uint64_t stop = ~alnum & ~(printable & ~(space & ~before_printable));
        // Byte 0 is a letter or digit of the open word.
        const uint64_t ends = ~alnum & (alnum << 1), starts = alnum & ~(alnum << 1) & ~(uint64_t)1;
        // The words of this block are those that start before `bound`; with `finished`, the last
        // of them ends the run (at `bound`) and stays open, else the word at `bound` is the next
        // block's first.
        unsigned bound;
        int finished = stop != 0;
        if (finished) {
            const unsigned f = (unsigned)_tzcnt_u64(stop);
            bound = 63 - (unsigned)_lzcnt_u64(ends & (f == 63 ? ~(uint64_t)0 : ((uint64_t)2 << f) - 1));
        } else if (starts != 0) {
            bound = 63 - (unsigned)_lzcnt_u64(starts);
        } else {
            break;
        }
        const uint64_t below = ((uint64_t)1 << bound) - 1;
        const uint64_t word_ends = ends & (finished ? below | ((uint64_t)1 << bound) : below);
        const unsigned words = (unsigned)_mm_popcnt_u64(word_ends);
        const __m512i start_list = _mm512_maskz_compress_epi8((starts & below) | 1, iota);
        const __m512i length_list = _mm512_sub_epi8(_mm512_maskz_compress_epi8(word_ends, iota), start_list);
        // Sixteen words at a time, in two vectors whose multiply chains overlap (a block has about
        // ten); the lanes past the last word have length 0 and stay as they are.
        for (unsigned g = 0; g < words; g += 16) {
#define LIST(list, at) _mm512_cvtepu8_epi64(_mm_loadl_epi64((const __m128i *)((const uint8_t *)&(list) + (at))))
            const __m512i lengths = LIST(length_list, g), lengths_next = LIST(length_list, g + 8);
            __m512i at = LIST(start_list, g), at_next = LIST(start_list, g + 8);
#undef LIST
            __m512i state = g == 0 ? _mm512_mask_set1_epi64(basis, 1, (long long)h) : basis, state_next = basis;
            const uint64_t longest = _mm512_reduce_max_epu64(_mm512_max_epu64(lengths, lengths_next));
            for (uint64_t k = 0; k < longest; k++) {
                const __m512i step = _mm512_set1_epi64((long long)k);
                const __mmask8 live = _mm512_cmpgt_epu64_mask(lengths, step), live_next = _mm512_cmpgt_epu64_mask(lengths_next, step);
                const __m512i byte = _mm512_maskz_permutexvar_epi8(0x0101010101010101ULL, at, lower);
                const __m512i byte_next = _mm512_maskz_permutexvar_epi8(0x0101010101010101ULL, at_next, lower);
                state = _mm512_mask_mullo_epi64(state, live, _mm512_xor_si512(state, byte), prime);
                state_next = _mm512_mask_mullo_epi64(state_next, live_next, _mm512_xor_si512(state_next, byte_next), prime);
                at = _mm512_add_epi64(at, _mm512_set1_epi64(1));
                at_next = _mm512_add_epi64(at_next, _mm512_set1_epi64(1));
            }
            _mm512_storeu_si512(out + count + g, state);
            if (words > g + 8) _mm512_storeu_si512(out + count + g + 8, state_next);
        }
        const uint64_t last = finished && words > 0 ? out[count + words - 1] : h;
        gaps += bound - (unsigned)_mm_popcnt_u64(alnum & below);
        if (finished) {
            run->count = count + words - 1;
            run->gaps = gaps;
            run->h = last;
            return i + bound;
        }
        count += words;
        h = fnv_basis;
        i += bound;
    }
    run->count = count;
    run->h = h;
    const size_t end = word_run_in(s, i, len, out, run, 1);
    run->gaps += gaps;
    return end;
}

static int has_word_blocks(void) { return ctk_has_avx512_vbmi2(); }
#else
static int has_word_blocks(void) { return 0; }

static size_t word_run_blocks(const uint8_t *s, size_t i, size_t len, uint64_t *out, word_run *run) {
    return word_run_tokens(s, i, len, out, run);
}
#endif

static __attribute__((noinline)) size_t word_run_counts(const uint8_t *s, size_t i, size_t len, word_run *run) {
    return word_run_in(s, i, len, NULL, run, 0);
}

// The letters and marks of two or three bytes (Cyrillic, Greek, Arabic, Devanagari, Hangul...) from
// s[i] that continue the open word of text with spaces, each lowercased and fed to its FNV-1a state
// *state as `scan` would, the letters counted in *spaced; returns where they end (at the first
// character of another kind, which `scan` takes then). A function of its own, so that its loop has
// the registers and no switch.
static __attribute__((noinline)) size_t word_letters(const uint8_t *s, size_t i, size_t len, const ctk_shingle_tables *t,
                                                     uint64_t *state, size_t *spaced) {
    const uint8_t *const classes = t->classes;
    uint64_t h = *state;
    size_t letters = 0;
    while (i + 1 < len) {
        const uint8_t b = s[i];
        uint32_t v;
        size_t length;
        if ((uint8_t)(b - 0xC2) < 0x1E) {
            v = decode(s, i, 2);
            length = 2;
        } else if ((b & 0xF0) == 0xE0 && i + 2 < len) {
            v = three_bytes(s, i);
            length = 3;
        } else {
            break;
        }
        const uint8_t cls = classes[v];
        const unsigned role = cls & CTK_CLASS_ROLE;
        if (role == ROLE_WORD) {
            h = (h ^ v) * fnv_prime;
            letters++;
        } else if (role == ROLE_UPPER && !(cls & CTK_CLASS_SLOW_LOWERCASE)) {
            h = (h ^ t->lower[v]) * fnv_prime;
            letters++;
        } else if (role == ROLE_MARK) {
            h = (h ^ v) * fnv_prime;
        } else {
            break;
        }
        i += length;
    }
    *state = h;
    *spaced += letters;
    return i;
}

// Tokenizes `s` by words (or by characters throughout when `by_character`) and, when `tokens`,
// appends each token's hash to the buffer (returns how many); with `c`, feeds the collapsed text
// to it too. Sets *unspaced and *spaced to the letters and digits of scripts written without
// spaces and of the others. Called with constant flags, so that each use is compiled on its own.
// Shingles are made from the tokens afterwards (`shingles_from_tokens`): a rolling n-gram
// window here would cost more than the second pass, since this loop already has more state
// than the registers hold.
static inline __attribute__((always_inline)) size_t scan(const uint8_t *s, size_t len, const ctk_shingle_tables *t,
                                                         int by_character, int tokens, collapse *c,
                                                         size_t *unspaced, size_t *spaced) {
    uint64_t *out = buffer;
    size_t count = 0, capacity = buffer_capacity;
    const uint8_t *const classes = t->classes;
    const int word_blocks = tokens && has_word_blocks();

    // The current token's FNV-1a state; while `single` is 2, the code point (below 0x10000) that
    // is the whole token so far instead, whose state `one_character` gives.
    uint64_t h = fnv_basis;
    int in_token = 0, single = 0;
    size_t unspaced_count = 0, spaced_count = 0;
#define PUSH(value) do { if (count == capacity) out = grow(count, &capacity); out[count++] = (value); } while (0)
#define END_TOKEN() do { \
        if (in_token) { \
            in_token = 0; \
            EMIT(single == 2 ? one_character((uint32_t)h) : h); \
        } \
    } while (0)
    // Appends a token.
#define EMIT(token) do { if (tokens) PUSH(token); } while (0)
    // Continues an open word, or starts a token: a one-character one when `character`.
#define OPEN_TOKEN(character) do { \
        if (!(in_token && !single && !(character))) { END_TOKEN(); h = fnv_basis; in_token = 1; single = (character); } \
    } while (0)
    // Starts a one-character token of v (below 0x10000).
#define OPEN_ONE(v) do { END_TOKEN(); h = (v); in_token = 1; single = 2; } while (0)
#define FEED(v) (h = (h ^ (uint64_t)(v)) * fnv_prime)
    size_t i = 0;
    while (i < len) {
        const uint8_t b = s[i];
        if (b < 0x80) {
            if (ascii_lower_word[b]) {
                if (by_character) {
                    OPEN_ONE(b | 0x20);
                    spaced_count++;
                    i++;
                    continue;
                }
                OPEN_TOKEN(0);
                // Each word but the last is followed by at least one byte of the run.
                if (tokens && capacity - count < (len - i) / 2 + 9) out = grow(count + (len - i) / 2 + 9, &capacity);
                word_run run = {count, 0, h};
                const size_t end = !tokens ? word_run_counts(s, i, len, &run)
                                   : word_blocks ? word_run_blocks(s, i, len, out, &run)
                                                 : word_run_tokens(s, i, len, out, &run);
                spaced_count += end - i - run.gaps;
                count = run.count;
                h = run.h;
                i = end;
                continue;
            }
            END_TOKEN();
            // A single space between two characters that are not white space stays as it is.
            if (c != NULL && b <= 0x20 && is_ascii_space(b)
                && !(b == 0x20 && i > c->start && i + 1 < len && !t->space_leads[s[i + 1]])) {
                i = skip_space(c, t, s, i, len);
                continue;
            }
            i++;
            continue;
        }
        if ((uint8_t)(b - 0xE0) < 0x10 && i + 3 <= len) {
            // Three bytes (Han, kana, Hangul, Thai...), and most of them letters of scripts
            // written without spaces or punctuation: the common case of such text, on its own.
            const uint8_t cls = classes[three_bytes(s, i)];
            if ((cls & CTK_CLASS_ROLE) == ROLE_UNSPACED || cls == 0) {
                END_TOKEN();
                // Each character ends at most one token in the run.
                if (tokens && capacity - count < (len - i) / 3) out = grow(count + (len - i) / 3, &capacity);
                unspaced_run run = {count, unspaced_count, 0};
                i = tokens ? unspaced_run_tokens(s, i, len - 3, classes, out, &run) : unspaced_run_counts(s, i, len - 3, classes, &run);
                count = run.count;
                unspaced_count = run.unspaced;
                if (run.open != no_letter) OPEN_ONE(run.open);
                continue;
            }
        }
        const size_t length = sequence_length(b);
        if (i + length > len) {
            // A sequence cut short at the end (never in a Swift string) ends the text there.
            len = i;
            break;
        }
        const uint32_t v = decode(s, i, length);
        uint32_t lower[CTK_LOWERCASE_MAX];
        int32_t lower_count = 0;
        const uint8_t cls = v < 0x10000 ? classes[v] : t->slow(v, lower, &lower_count);
        switch (cls & CTK_CLASS_ROLE) {
        case ROLE_SEPARATOR:
            END_TOKEN();
            if (c != NULL && (cls & CTK_CLASS_SPACE)) {
                i = skip_space(c, t, s, i, len);
                continue;
            }
            break;
        case ROLE_WORD:
            OPEN_TOKEN(by_character);
            FEED(v);
            spaced_count++;
            if (!by_character) {
                i = word_letters(s, i + length, len, t, &h, &spaced_count);
                continue;
            }
            break;
        case ROLE_UPPER:
            OPEN_TOKEN(by_character);
            if (v < 0x10000 && !(cls & CTK_CLASS_SLOW_LOWERCASE)) {
                FEED(t->lower[v]);
            } else {
                if (v < 0x10000) t->slow(v, lower, &lower_count);
                for (int32_t m = 0; m < lower_count; m++) FEED(lower[m]);
            }
            spaced_count++;
            if (!by_character) {
                i = word_letters(s, i + length, len, t, &h, &spaced_count);
                continue;
            }
            break;
        case ROLE_UNSPACED:
            OPEN_TOKEN(1);
            FEED(v);
            unspaced_count++;
            break;
        default:
            if (!in_token) OPEN_TOKEN(by_character);
            if (single == 2) {
                h = (fnv_basis ^ h) * fnv_prime;
                single = 1;
            }
            FEED(v);
            break;
        }
        i += length;
    }
    END_TOKEN();
    if (c != NULL) flush(c, s, len);
    *unspaced = unspaced_count;
    *spaced = spaced_count;
    return count;
#undef PUSH
#undef END_TOKEN
#undef EMIT
#undef OPEN_TOKEN
#undef OPEN_ONE
#undef FEED
}

// Whether the first 512 bytes have more characters of Han, kana or Thai (by their UTF-8 lead
// bytes) than ASCII letters and digits: a guess at the mode of the text (which only decides
// which mode is tried first: the tokens do not depend on it).
static inline __attribute__((always_inline)) int looks_unspaced_in(const uint8_t *s, size_t len) {
    const size_t end = len < 512 ? len : 512;
    if (end == 0) return 0;
    // Arithmetic rather than table look-ups, and counts of bytes in blocks that they cannot
    // overflow, so that the loop is vectorized.
    uint32_t unspaced = 0, ascii = 0;
    for (size_t block = 0; block + 1 < end; block += 128) {
        const size_t stop = block + 128 < end - 1 ? block + 128 : end - 1;
        uint8_t u = 0, a = 0;
        for (size_t i = block; i < stop; i++) {
            const uint8_t b = s[i];
            a += ((uint8_t)((b | 0x20) - 0x61) < 26) | ((uint8_t)(b - 0x30) < 10);
            u += ((uint8_t)(b - 0xE3) < 7) | ((b == 0xE0) & ((uint8_t)(s[i + 1] - 0xB8) < 2));
        }
        unspaced += u;
        ascii += a;
    }
    const uint8_t b = s[end - 1];
    ascii += ascii_lower_word[b] != 0;
    unspaced += (uint8_t)(b - 0xE3) < 7;
    return unspaced > ascii;
}

#if defined(__x86_64__)
// looks_unspaced_in 32 or 64 bytes a step (the compiler's vectors of it, 16 bytes with s[i + 1]
// shuffled in from the vector before, took about 2,000 instructions a document): s[i] and
// s[i + 1] from two loads, each count a sum of compare results; the bytes after the last whole
// vector whose s[i + 1] is in the window one by one (`looks_unspaced_tail`), as there.
static inline int looks_unspaced_tail(const uint8_t *s, size_t i, size_t end, uint32_t unspaced, uint32_t ascii) {
    for (; i + 1 < end; i++) {
        const uint8_t b = s[i];
        ascii += ((uint8_t)((b | 0x20) - 0x61) < 26) | ((uint8_t)(b - 0x30) < 10);
        unspaced += ((uint8_t)(b - 0xE3) < 7) | ((b == 0xE0) & ((uint8_t)(s[i + 1] - 0xB8) < 2));
    }
    const uint8_t b = s[end - 1];
    ascii += ascii_lower_word[b] != 0;
    unspaced += (uint8_t)(b - 0xE3) < 7;
    return unspaced > ascii;
}

CTK_TARGET_AVX512 static int looks_unspaced_avx512(const uint8_t *s, size_t len) {
    const size_t end = len < 512 ? len : 512;
    if (end == 0) return 0;
    uint32_t unspaced = 0, ascii = 0;
    size_t i = 0;
    for (; i + 64 < end; i += 64) {
        const __m512i v = _mm512_loadu_si512(s + i), next = _mm512_loadu_si512(s + i + 1);
        const __m512i lower = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
        const uint64_t letters = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(lower, _mm512_set1_epi8(0x61)), _mm512_set1_epi8(26))
                                 | _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(0x30)), _mm512_set1_epi8(10));
        const uint64_t leads = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8((char)0xE3)), _mm512_set1_epi8(7))
                               | (_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8((char)0xE0))
                                  & _mm512_cmplt_epu8_mask(_mm512_sub_epi8(next, _mm512_set1_epi8((char)0xB8)), _mm512_set1_epi8(2)));
        ascii += (uint32_t)__builtin_popcountll(letters);
        unspaced += (uint32_t)__builtin_popcountll(leads);
    }
    return looks_unspaced_tail(s, i, end, unspaced, ascii);
}

CTK_TARGET_AVX2 static int looks_unspaced_avx2(const uint8_t *s, size_t len) {
    const size_t end = len < 512 ? len : 512;
    if (end == 0) return 0;
    // Per-byte counts (a compare result is -1): at most 15 vectors, so that a byte holds them.
    __m256i letters = _mm256_setzero_si256(), leads = _mm256_setzero_si256();
    size_t i = 0;
#define AT_MOST(x, most) _mm256_cmpeq_epi8(_mm256_min_epu8((x), _mm256_set1_epi8((char)(most))), (x))
    for (; i + 32 < end; i += 32) {
        const __m256i v = _mm256_loadu_si256((const __m256i *)(s + i)), next = _mm256_loadu_si256((const __m256i *)(s + i + 1));
        const __m256i letter = _mm256_sub_epi8(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), _mm256_set1_epi8(0x61));
        const __m256i digit = _mm256_sub_epi8(v, _mm256_set1_epi8(0x30));
        letters = _mm256_sub_epi8(letters, _mm256_or_si256(AT_MOST(letter, 25), AT_MOST(digit, 9)));
        const __m256i lead = _mm256_sub_epi8(v, _mm256_set1_epi8((char)0xE3));
        const __m256i thai = _mm256_and_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE0)),
                                              AT_MOST(_mm256_sub_epi8(next, _mm256_set1_epi8((char)0xB8)), 1));
        leads = _mm256_sub_epi8(leads, _mm256_or_si256(AT_MOST(lead, 6), thai));
    }
#undef AT_MOST
    const __m256i zero = _mm256_setzero_si256();
    const __m256i a = _mm256_sad_epu8(letters, zero), u = _mm256_sad_epu8(leads, zero);
    const uint32_t ascii = (uint32_t)(_mm256_extract_epi64(a, 0) + _mm256_extract_epi64(a, 1) + _mm256_extract_epi64(a, 2)
                                      + _mm256_extract_epi64(a, 3));
    const uint32_t unspaced = (uint32_t)(_mm256_extract_epi64(u, 0) + _mm256_extract_epi64(u, 1) + _mm256_extract_epi64(u, 2)
                                         + _mm256_extract_epi64(u, 3));
    return looks_unspaced_tail(s, i, end, unspaced, ascii);
}
#endif

static int looks_unspaced(const uint8_t *s, size_t len) {
#if defined(__x86_64__)
    if (ctk_has_avx512()) return looks_unspaced_avx512(s, len);
    if (ctk_has_avx2()) return looks_unspaced_avx2(s, len);
#endif
    return looks_unspaced_in(s, len);
}

// `scan` compiled for each mode and output.
static size_t scan_in_mode(const uint8_t *s, size_t len, const ctk_shingle_tables *t, int by_character, int tokens,
                           collapse *c, size_t *unspaced, size_t *spaced) {
#define SCAN_WHAT(character, collapsing) \
    (tokens ? scan(s, len, t, character, 1, collapsing, unspaced, spaced) : scan(s, len, t, character, 0, collapsing, unspaced, spaced))
    if (by_character) return c != NULL ? SCAN_WHAT(1, c) : SCAN_WHAT(1, NULL);
    return c != NULL ? SCAN_WHAT(0, c) : SCAN_WHAT(0, NULL);
#undef SCAN_WHAT
}

// The shingles of `count` token hashes, in place (returns how many): the shingle of t[s..<s+n]
// is shingle_mix(n * golden ^ XOR_k rotl(t[s+k], 13k)); each next window's XOR is the current
// one without t[s], rotated right by 13, with the new token rotated by 13(n-1). Fewer tokens
// than n give one shingle of all of them. With a `set`, only the first of equal shingles is
// kept, and put in the MinHash bins (sig, filled, k, salt: see oph.h) too. Compiled for n = 5
// and k = 128 (the defaults) on their own, so that the rotation and the bin's shift are constants.
static inline __attribute__((always_inline)) size_t shingles_in(uint64_t *t, size_t count, size_t n, uint64_t *out,
                                                                const ctk_distinct_set *set, uint32_t *sig, uint8_t *filled,
                                                                int32_t k, uint64_t salt, int power_of_two) {
    size_t m = 0;
    uint64_t *const keys = set ? set->keys : NULL;
    uint32_t *const marks = set ? set->marks : NULL;
    const uint32_t mark = set ? set->mark : 0;
    const size_t mask = set ? set->mask : 0;
#define KEEP(value) do { \
        const uint64_t kept = (value); \
        if (set == NULL) { \
            out[m++] = kept; \
        } else if (ctk_distinct_insert(keys, marks, mark, mask, kept)) { \
            out[m++] = kept; \
            ctk_oph_add(sig, filled, k, kept, salt, power_of_two); \
        } \
    } while (0)
    if (count < n) {
        uint64_t window = 0;
        for (size_t j = 0; j < count; j++) window ^= __builtin_rotateleft64(t[j], (13 * (unsigned)j) & 63);
        if (count > 0) KEEP(shingle_mix(golden * (uint64_t)count ^ window));
        return m;
    }
    const uint64_t seed = golden * (uint64_t)n;
    const unsigned last = (13 * (unsigned)(n - 1)) & 63;
    uint64_t window = 0;
    for (size_t j = 0; j < n; j++) window ^= __builtin_rotateleft64(t[j], (13 * (unsigned)j) & 63);
    // Slot m takes the m-th shingle kept (m <= s), once slot s's token (the next window's leaver) is read.
    uint64_t leaver = t[0];
    KEEP(shingle_mix(seed ^ window));
    const size_t shingles = count - n + 1;
    for (size_t s = 1; s < shingles; s++) {
        const uint64_t next = t[s];
        window = __builtin_rotateright64(window ^ leaver, 13) ^ __builtin_rotateleft64(t[s + n - 1], last);
        KEEP(shingle_mix(seed ^ window));
        leaver = next;
    }
    return m;
#undef KEEP
}

static size_t shingles_from_tokens(uint64_t *t, size_t count, size_t n) {
    return n == 5 ? shingles_in(t, count, 5, t, NULL, NULL, NULL, 0, 0, 0) : shingles_in(t, count, n, t, NULL, NULL, NULL, 0, 0, 0);
}

static inline __attribute__((always_inline)) size_t distinct_shingles(uint64_t *t, size_t count, size_t n, uint64_t *out,
                                                                      uint32_t *sig, uint8_t *filled, int32_t k, uint64_t salt) {
    ctk_distinct_set set;
    ctk_distinct_set_take(count, &set);
    if (n == 5 && k == 128) return shingles_in(t, count, 5, out, &set, sig, filled, 128, salt, 1);
    if (k > 1 && (k & (k - 1)) == 0) return shingles_in(t, count, n, out, &set, sig, filled, k, salt, 1);
    return shingles_in(t, count, n, out, &set, sig, filled, k, salt, 0);
}

#if defined(__x86_64__)
// What shingles_in gives with a set, for count >= n, with AVX-512: the shingles and their
// permuted hashes eight windows at a time in vector registers, then each in turn through a bucket
// set (distinct_set.h) and its MinHash bin. Every shingle goes to
// its bin, repeats too (a bin keeps a minimum, so that changes nothing), and a shingle's slot in
// `out` is written before the set says whether it is kept, so that neither is a branch.
static inline __attribute__((always_inline)) size_t shingles_vector_in(uint64_t *t, size_t count, size_t n, uint64_t *out,
                                                                       const ctk_bucket_set *set, uint32_t *sig,
                                                                       uint8_t *filled, int32_t k, uint64_t salt,
                                                                       int power_of_two) {
    uint64_t *const keys = set->keys;
    const size_t mask = set->mask;
    const uint64_t use = set->use;
    size_t m = 0;
    const size_t shingles = count - n + 1;
    const uint64_t seed = golden * (uint64_t)n;
    uint64_t hashes[2][8] __attribute__((aligned(64)));
    uint64_t permuted[2][8] __attribute__((aligned(64)));
    // The windows s..<s+8 into block b, their buckets asked for from the cache: a block ahead of
    // the one going into the set, so that the loads of its buckets overlap.
#define WINDOWS(s, b) do { \
        u64x8 w = *(const u64x8 *)(t + (s)); \
        for (size_t j = 1; j < n; j++) { \
            const u64x8 v = *(const u64x8 *)(t + (s) + j); \
            const unsigned r = (13 * (unsigned)j) & 63; \
            w ^= r == 0 ? v : (v << r) | (v >> (64 - r)); \
        } \
        w = (w ^ seed) * 0xD6E8FEB86659FD93ULL; \
        w ^= w >> 32; \
        *(u64x8 *)hashes[b] = w; \
        *(u64x8 *)permuted[b] = (w ^ salt) * 0x9E3779B97F4A7C15ULL; \
        const u64x8 lines = (w & mask) * 8; \
        for (int q = 0; q < 8; q++) __builtin_prefetch(keys + lines[q]); \
    } while (0)
    size_t s = 0;
    unsigned b = 0;
    if (shingles >= 8) WINDOWS(0, 0);
    // A window's slot in `out` is at most its own index, so that the stores stay behind the loads
    // when `out` is `t`.
    for (; s + 8 <= shingles; s += 8, b ^= 1) {
        if (s + 16 <= shingles) WINDOWS(s + 8, b ^ 1);
        const uint64_t *const hashes_b = hashes[b], *const permuted_b = permuted[b];
        for (int q = 0; q < 8; q++) {
            out[m] = hashes_b[q];
            m += (size_t)ctk_bucket_insert(keys, mask, use, hashes_b[q]);
            ctk_oph_put(sig, filled, k, permuted_b[q], power_of_two);
        }
    }
#undef WINDOWS
    for (; s < shingles; s++) {
        uint64_t window = 0;
        for (size_t j = 0; j < n; j++) window ^= __builtin_rotateleft64(t[s + j], (13 * (unsigned)j) & 63);
        const uint64_t h = shingle_mix(seed ^ window);
        out[m] = h;
        m += (size_t)ctk_bucket_insert(keys, mask, use, h);
        ctk_oph_add(sig, filled, k, h, salt, power_of_two);
    }
    return m;
}

CTK_TARGET_AVX512 static size_t distinct_shingles_avx512(uint64_t *t, size_t count, size_t n, uint64_t *out,
                                                         uint32_t *sig, uint8_t *filled, int32_t k, uint64_t salt) {
    if (count < n) return distinct_shingles(t, count, n, out, sig, filled, k, salt);
    ctk_bucket_set set;
    ctk_bucket_set_take(count, &set);
    if (n == 5 && k == 128) return shingles_vector_in(t, count, 5, out, &set, sig, filled, 128, salt, 1);
    if (k > 1 && (k & (k - 1)) == 0) return shingles_vector_in(t, count, n, out, &set, sig, filled, k, salt, 1);
    return shingles_vector_in(t, count, n, out, &set, sig, filled, k, salt, 0);
}

#endif

// The distinct shingles of the tokens, into `out`, and their MinHash bins.
static size_t distinct_shingles_from_tokens(uint64_t *t, size_t count, size_t n, uint64_t *out, uint32_t *sig,
                                            uint8_t *filled, int32_t k, uint64_t salt) {
#if defined(__x86_64__)
    if (ctk_has_avx512()) return distinct_shingles_avx512(t, count, n, out, sig, filled, k, salt);
#endif
    return distinct_shingles(t, count, n, out, sig, filled, k, salt);
}

// splitmix64 of each of the `count` values at t, in place (see `one_character`).
static inline __attribute__((always_inline)) void finish_tokens_in(uint64_t *t, size_t count, int vector) {
    size_t i = 0;
    if (vector) {
        for (; i + 8 <= count; i += 8) {
            u64x8 x = *(const u64x8 *)(t + i) + 0x9E3779B97F4A7C15ULL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
            *(u64x8 *)(t + i) = x ^ (x >> 31);
        }
    }
    for (; i < count; i++) t[i] = splitmix(t[i]);
}

#if defined(__x86_64__)
CTK_TARGET_AVX512 static void finish_tokens_avx512(uint64_t *t, size_t count) { finish_tokens_in(t, count, 1); }
CTK_TARGET_AVX2 static void finish_tokens_avx2(uint64_t *t, size_t count) { finish_tokens_in(t, count, 1); }
#endif

static void finish_tokens(uint64_t *t, size_t count) {
#if defined(__x86_64__)
    if (ctk_has_avx512()) {
        finish_tokens_avx512(t, count);
        return;
    }
    if (ctk_has_avx2()) {
        finish_tokens_avx2(t, count);
        return;
    }
#endif
    finish_tokens_in(t, count, 0);
}

// The token hashes (into this thread's buffer, returns how many) when `emit`, and the exact
// hash when `exact_hash` is not NULL.
static size_t tokens_and_exact(const uint8_t *text, size_t len, const ctk_shingle_tables *tables, int emit,
                               uint64_t *exact_hash) {
    pthread_once(&tables_once, fill_tables);
    if (buffer_capacity > keep_limit) {
        free(buffer);
        pthread_setspecific(buffer_key, NULL);
        buffer = NULL;
        buffer_capacity = 0;
    }
    if (emit) grow(len / 3 + 16, &buffer_capacity);
    collapse c;
    if (exact_hash != NULL) collapse_begin(&c);
    // The counts do not depend on the mode: a text tokenized in the mode its start suggests is
    // tokenized again (without the exact hash, which is done) only when the whole of it says otherwise.
    const int guess = looks_unspaced(text, len);
    size_t unspaced, spaced;
    size_t count = scan_in_mode(text, len, tables, guess, emit, exact_hash != NULL ? &c : NULL, &unspaced, &spaced);
    if (emit && (unspaced > spaced) != guess) count = scan_in_mode(text, len, tables, !guess, emit, NULL, &unspaced, &spaced);
    if (exact_hash != NULL) *exact_hash = collapse_digest(&c);
    if (emit) finish_tokens(buffer, count);
    return count;
}

static size_t clamped_width(int32_t n) { return (size_t)(n < 1 ? 1 : n > 32 ? 32 : n); }

size_t ctk_shingle_scan(const uint8_t *text, size_t len, const ctk_shingle_tables *tables, int32_t n, int32_t what,
                        uint64_t *exact_hash, const uint64_t **values) {
    size_t count = tokens_and_exact(text, len, tables, (what & (CTK_SCAN_SHINGLES | CTK_SCAN_TOKENS)) != 0,
                                    (what & CTK_SCAN_EXACT) ? exact_hash : NULL);
    if (what & CTK_SCAN_SHINGLES) {
        count = shingles_from_tokens(buffer, count, clamped_width(n));
        count = ctk_sort_unique_u64(buffer, count);
    }
    *values = buffer;
    return count;
}

size_t ctk_shingle_tokens(const uint8_t *text, size_t len, const ctk_shingle_tables *tables, uint64_t *exact_hash) {
    return tokens_and_exact(text, len, tables, 1, exact_hash);
}

size_t ctk_shingle_signature(size_t tokens, int32_t n, int32_t sorted, uint64_t *out, const uint64_t **values,
                             uint32_t *sig, int32_t k, uint64_t seed) {
    if (out == NULL) out = buffer;
    uint8_t filled[k > 0 ? k : 1];
    const uint64_t salt = ctk_oph_begin(sig, filled, k, seed);
    const size_t count = distinct_shingles_from_tokens(buffer, tokens, clamped_width(n), out, sig, filled, k, salt);
    if (count > 0) ctk_oph_densify(sig, filled, k, salt);
    if (sorted) ctk_sort_u64(out, count);
    *values = out;
    return count;
}
