// The dedup stage's text pass: the tokens and the exact-duplicate hash of a UTF-8 text in one
// walk over its bytes, then the word n-gram shingles of the tokens (see ctk_shingle_scan in
// ctextkit.h; Shingler.swift says what a token is).
#include "ctextkit.h"
#include "mix.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

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

// The hash of the token of one code point v below 0x10000 (as the scan makes it: splitmix of its
// FNV-1a), for the one-character tokens of scripts written without spaces and of text cut into
// characters; filled once, at the first scan.
static uint64_t one_character[0x10000];
static pthread_once_t one_character_once = PTHREAD_ONCE_INIT;

static void fill_one_character(void) {
    for (uint32_t v = 0; v < 0x10000; v++) one_character[v] = splitmix((fnv_basis ^ v) * fnv_prime);
}

// The ASCII letters and digits lowercased, 0 for the other bytes (so also their class).
static const uint8_t ascii_lower_word[256] = {
    ['0'] = '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ['A'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    ['a'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
};

// The exact-duplicate hash: XXH64 of the text with white space runs collapsed to one space and
// the ends trimmed, fed as the runs of the text that stand unchanged in it (`start` is where the
// current one began), each after a space when white space came before it.
typedef struct {
    XXH64_state_t state;
    size_t start;
    int written;
    int space;
} collapse;

static inline void flush(collapse *c, const uint8_t *text, size_t end) {
    if (end <= c->start) return;
    if (c->space) XXH64_update(&c->state, " ", 1);
    XXH64_update(&c->state, text + c->start, end - c->start);
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

    // The current token's FNV-1a state; while `single` is 2, the code point (below 0x10000) that
    // is the whole token so far instead, whose hash `one_character` has.
    uint64_t h = fnv_basis;
    int in_token = 0, single = 0;
    size_t unspaced_count = 0, spaced_count = 0;
#define PUSH(value) do { if (count == capacity) out = grow(count, &capacity); out[count++] = (value); } while (0)
#define END_TOKEN() do { \
        if (in_token) { \
            in_token = 0; \
            EMIT(single == 2 ? one_character[h] : splitmix(h)); \
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
                size_t j = i;
                for (;;) {
                    // Two bytes a round while two are left, each lowercased and checked by one
                    // look-up (0 past the word).
                    uint64_t x = ascii_lower_word[s[j]];
                    FEED(x);
                    j++;
                    while (j + 2 <= len) {
                        x = ascii_lower_word[s[j]];
                        if (!x) goto word_end;
                        const uint64_t y = ascii_lower_word[s[j + 1]];
                        FEED(x);
                        if (!y) {
                            j++;
                            goto word_end;
                        }
                        FEED(y);
                        j += 2;
                    }
                    if (j < len && ascii_lower_word[s[j]]) {
                        FEED(ascii_lower_word[s[j]]);
                        j++;
                    }
                word_end:
                    // One space, then another ASCII word (the common case): the space stays in
                    // the collapsed text, and the next token starts without the dispatch.
                    if (j + 1 >= len || s[j] != ' ' || !ascii_lower_word[s[j + 1]]) break;
                    spaced_count += j - i;
                    END_TOKEN();
                    h = fnv_basis;
                    in_token = 1;
                    single = 0;
                    i = ++j;
                }
                spaced_count += j - i;
                i = j;
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
            // written without spaces: the common case of such text, on its own.
            const uint32_t v = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
            if ((classes[v] & CTK_CLASS_ROLE) == ROLE_UNSPACED) {
                OPEN_ONE(v);
                unspaced_count++;
                i += 3;
                // More of them: each one's token ends where the next begins (a mark after a
                // letter would join its token, so the last stays open).
                while (i + 3 <= len && (uint8_t)(s[i] - 0xE0) < 0x10) {
                    const uint32_t w = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
                    if ((classes[w] & CTK_CLASS_ROLE) != ROLE_UNSPACED) break;
                    EMIT(one_character[h]);
                    h = w;
                    unspaced_count++;
                    i += 3;
                }
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
// bytes) than ASCII letters and digits: a guess at the mode of the text.
static int looks_unspaced(const uint8_t *s, size_t len) {
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
// than n give one shingle of all of them. Compiled for n = 5 (the default) on its own, so that
// its rotation is a constant.
static inline __attribute__((always_inline)) size_t shingles_in(uint64_t *t, size_t count, size_t n) {
    if (count < n) {
        uint64_t window = 0;
        for (size_t k = 0; k < count; k++) window ^= __builtin_rotateleft64(t[k], (13 * (unsigned)k) & 63);
        if (count > 0) t[0] = shingle_mix(golden * (uint64_t)count ^ window);
        return count > 0;
    }
    const uint64_t seed = golden * (uint64_t)n;
    const unsigned last = (13 * (unsigned)(n - 1)) & 63;
    uint64_t window = 0;
    for (size_t k = 0; k < n; k++) window ^= __builtin_rotateleft64(t[k], (13 * (unsigned)k) & 63);
    // Slot s takes the shingle that starts there, once its token (the next window's leaver) is read.
    uint64_t leaver = t[0];
    t[0] = shingle_mix(seed ^ window);
    const size_t shingles = count - n + 1;
    for (size_t s = 1; s < shingles; s++) {
        const uint64_t next = t[s];
        window = __builtin_rotateright64(window ^ leaver, 13) ^ __builtin_rotateleft64(t[s + n - 1], last);
        t[s] = shingle_mix(seed ^ window);
        leaver = next;
    }
    return shingles;
}

static size_t shingles_from_tokens(uint64_t *t, size_t count, size_t n) {
    return n == 5 ? shingles_in(t, count, 5) : shingles_in(t, count, n);
}

size_t ctk_shingle_scan(const uint8_t *text, size_t len, const ctk_shingle_tables *tables, int32_t n, int32_t what,
                        uint64_t *exact_hash, const uint64_t **values) {
    pthread_once(&one_character_once, fill_one_character);
    if (buffer_capacity > keep_limit) {
        free(buffer);
        pthread_setspecific(buffer_key, NULL);
        buffer = NULL;
        buffer_capacity = 0;
    }
    const int emit = (what & (CTK_SCAN_SHINGLES | CTK_SCAN_TOKENS)) != 0;
    if (emit) grow(len / 3 + 16, &buffer_capacity);
    const int32_t width = n < 1 ? 1 : n > 32 ? 32 : n;
    collapse c;
    if (what & CTK_SCAN_EXACT) {
        XXH64_reset(&c.state, 0);
        c.start = 0;
        c.written = 0;
        c.space = 0;
    }
    // The counts do not depend on the mode: a text tokenized in the mode its start suggests is
    // tokenized again (without the exact hash, which is done) only when the whole of it says otherwise.
    const int guess = looks_unspaced(text, len);
    size_t unspaced, spaced;
    size_t count = scan_in_mode(text, len, tables, guess, emit, (what & CTK_SCAN_EXACT) ? &c : NULL, &unspaced, &spaced);
    if (emit && (unspaced > spaced) != guess) count = scan_in_mode(text, len, tables, !guess, emit, NULL, &unspaced, &spaced);
    if (what & CTK_SCAN_EXACT) *exact_hash = XXH64_digest(&c.state);
    if (what & CTK_SCAN_SHINGLES) {
        count = shingles_from_tokens(buffer, count, (size_t)width);
        count = what & CTK_SCAN_UNSORTED ? ctk_unique_u64(buffer, count) : ctk_sort_unique_u64(buffer, count);
    }
    *values = buffer;
    return count;
}
