// The boilerplate stage's line scan: splits a UTF-8 text into lines and measures each in one
// walk over its bytes (see ctk_line_scan in ctextkit.h; LineScanner.swift says what each
// measure is), and the corpus pre-pass's line keys, hashed by the same code.
#include "ctextkit.h"
#include <stdint.h>
#include <string.h>

static const uint64_t fnv_basis = 0xCBF29CE484222325ULL;
static const uint64_t fnv_prime = 0x00000100000001B3ULL;

enum {
    KIND_LETTER = 1 << 12,
    KIND_JOINS_WORD = 1 << 13,
    KIND_DIGIT = 1 << 14,
    SCRIPT_COMMON = 0,
    SCRIPT_INHERITED = 1,
    SCRIPT_HAN = 17,
    SCRIPT_LATIN = 25,
};

// Stopword table value bits beside the languages (Stopwords.swift).
static const uint32_t language_bits = (1u << 28) - 1;
static const uint32_t pair_start = 1u << 30;
static const uint32_t interface_word = 1u << 31;
static const uint32_t cookie_word = 1u << 29;

// hash_add of a scalar of U+0100...U+FFFF: its two bytes.
static inline uint64_t hash_add2(uint32_t v, uint64_t h) {
    h = (h ^ (v & 0xFF)) * fnv_prime;
    return (h ^ (v >> 8)) * fnv_prime;
}

// TokenHash.add: the scalar's bytes from the lowest, at least one (two, most letters outside
// ASCII, without the loop).
static inline uint64_t hash_add(uint32_t v, uint64_t h) {
    if (v - 0x100 < 0xFF00) return hash_add2(v, h);
    do {
        h = (h ^ (v & 0xFF)) * fnv_prime;
        v >>= 8;
    } while (v != 0);
    return h;
}

// TokenHash.lower; every range it changes lies below U+0430.
static inline uint32_t lower(uint32_t v) {
    if (v >= 0x430) return v;
    if (v - 0x41 <= 0x5A - 0x41 || v - 0xC0 <= 0xD6 - 0xC0 || v - 0xD8 <= 0xDE - 0xD8 || v - 0x391 <= 0x3A1 - 0x391
        || v - 0x3A3 <= 0x3AB - 0x3A3 || v - 0x410 <= 0x42F - 0x410) return v + 0x20;
    if (v - 0x100 <= 0x137 - 0x100 || v - 0x14A <= 0x177 - 0x14A) return v | 1;
    if (v - 0x139 <= 0x148 - 0x139 || v - 0x179 <= 0x17E - 0x179) return (v & 1) ? v + 1 : v;
    if (v - 0x400 <= 0x40F - 0x400) return v + 0x50;
    return v;
}

// LineFeatures.isUnspacedScript: Hani, Hira, Kana, Thai, Laoo, Khmr, Mymr.
static inline int is_unspaced_script(int32_t s) {
    static const uint64_t scripts = 1ULL << 17 | 1ULL << 20 | 1ULL << 22 | 1ULL << 38 | 1ULL << 24 | 1ULL << 23 | 1ULL << 28;
    return (uint32_t)s < 64 && ((scripts >> s) & 1);
}

static inline int is_sentence_end(uint32_t v) {
    switch (v) {
    case 0x2E: case 0x21: case 0x3F: case 0x3A: case 0x3B: case 0x2026: case 0x3002: case 0xFF01: case 0xFF1F:
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

// HashedWordTable.value.
static inline uint32_t table_value(const ctk_line_tables *t, uint64_t key) {
    size_t i = (size_t)(key >> 7) & t->stopword_mask;
    uint64_t tag = key >> 32;
    if (tag == 0) tag = 1;
    uint64_t slot = t->stopword_slots[i];
    while (slot != 0 && slot >> 32 != tag) {
        i = (i + 1) & t->stopword_mask;
        slot = t->stopword_slots[i];
    }
    return slot >> 32 == tag ? (uint32_t)slot : 0;
}

static inline uint16_t kind_of(const ctk_line_tables *t, uint32_t v) {
    return v < 0x10000 ? t->kinds[v] : t->astral_kind(v);
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

typedef struct {
    size_t end;
    uint64_t hash;
    int32_t letters;
} ascii_run;

// LineScanner's ASCII run: hashes the ASCII letters and digits from `from` on (lowercased):
// where the run ends, its hash, and its letters. bytes[end], when there is one, ends the run
// (white space or a newline ends every line the scans hand in).
static inline ascii_run scan_ascii_run(const uint8_t *bytes, size_t n, size_t from, size_t end, uint64_t hash) {
    uint64_t t = hash;
    size_t i = from;
    int32_t digits = 0;
    if (end < n) {
        for (;;) {
            uint8_t l = word_byte[bytes[i]];
            if (l == 0) break;
            t = (t ^ l) * fnv_prime;
            digits += l < 0x40;
            i++;
        }
    } else {
        while (i < end) {
            uint8_t l = word_byte[bytes[i]];
            if (l == 0) break;
            t = (t ^ l) * fnv_prime;
            digits += l < 0x40;
            i++;
        }
    }
    return (ascii_run){i, t, (int32_t)(i - from) - digits};
}

// The letters of `kind` from bytes[*i] on, while each takes three bytes (ideographs, kana,
// Thai...: scalars of U+0800...U+FFFF) added to `key` (hash_add); *i past them, and their number.
// *other: whether the run stopped at a scalar of three bytes of another kind (then no letter of
// `kind` follows it).
static inline int32_t three_byte_run(const uint8_t *bytes, size_t *i, size_t end, const uint16_t *kinds,
                                     uint16_t kind, uint64_t *key, uint32_t *last, int *other) {
    const uint8_t *p = bytes + *i;
    // A scalar of three bytes that starts below `limit` ends before `end`.
    const uint8_t *limit = end >= *i + 2 ? bytes + end - 2 : p;
    uint64_t h = *key;
    uint32_t w = *last;
    int stop = 0;
    while (p < limit && (p[0] & 0xF0) == 0xE0) {
        uint32_t x = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        if (kinds[x] != kind) {
            stop = 1;
            break;
        }
        h = hash_add2(x, h);
        w = x;
        p += 3;
    }
    size_t j = (size_t)(p - bytes);
    int32_t count = (int32_t)((j - *i) / 3);
    *i = j;
    *key = h;
    *last = w;
    *other = stop;
    return count;
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

typedef struct {
    int32_t script;
    int32_t letters;
} tally;

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

// Whether tally a comes before b: more letters first, then the lower script code.
static inline int before(tally a, tally b) {
    return a.letters != b.letters ? a.letters > b.letters : a.script < b.script;
}

// Whether the line bytes[from..<end] ends a sentence (ctk_line_scan's ends_sentence: its last
// scalar that is not white space or a closer is a sentence end), read from its end.
static int line_ends_sentence(const uint8_t *bytes, size_t from, size_t end) {
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

// The key of bytes[from..<end] (LineFeatures.key: the hash of its lowercased words, 0 when
// it has no letter), without the line's other measures; 0 too once it has `limit` words
// (LineFeatures.words), where the scan stops.
static uint64_t line_key(const uint8_t *bytes, size_t n, size_t from, size_t end, const ctk_line_tables *t,
                         int32_t limit) {
    const uint16_t *kinds = t->kinds;
    int32_t spaced = 0, unspaced = 0;
#define WORDS_REACHED() (spaced + (unspaced + 1) / 2 >= limit)
    int in_token = 0;
    uint64_t token = fnv_basis;
    uint64_t key = fnv_basis;
    int keyed = 0;
    size_t i = from;
    while (i < end) {
        uint8_t b = bytes[i];
        if (b < 0x80) {
            i++;
            if (word_byte[b] != 0) {
                if (!in_token) {
                    in_token = 1;
                    token = fnv_basis;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                for (;;) {
                    ascii_run run = scan_ascii_run(bytes, n, i, end, (token ^ (uint8_t)(b | 0x20)) * fnv_prime);
                    i = run.end;
                    token = run.hash;
                    // One space and an ASCII word after it, taken here (as in scan_line).
                    if (!(i + 1 < end && bytes[i] == 0x20 && word_byte[bytes[i + 1]] != 0)) break;
                    key = (key ^ token) * fnv_prime;
                    b = bytes[i + 1];
                    i += 2;
                    token = fnv_basis;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                keyed = 1;
                continue;
            }
        } else {
            uint32_t v = decode_short(bytes, &i, end);
            uint16_t kind = kind_of(t, v);
            if (kind & KIND_LETTER) {
                keyed = 1;
                if (is_unspaced_script(kind & 0xFFF)) {
                    if (in_token) {
                        in_token = 0;
                        key = (key ^ token) * fnv_prime;
                    }
                    key = hash_add(v, key);
                    // The letters of the same kind after it (an ideograph after another).
                    uint32_t w = v;
                    int length;
                    int other;
                    unspaced += 1 + three_byte_run(bytes, &i, end, kinds, kind, &key, &w, &other);
                    while (!other && i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                        key = hash_add(w, key);
                        i += length;
                        unspaced++;
                    }
                    if (WORDS_REACHED()) return 0;
                    continue;
                }
                if (!in_token) {
                    in_token = 1;
                    token = fnv_basis;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                token = hash_add(lower(v), token);
                // The word's letters of the same kind after it.
                uint32_t w;
                int length;
                while (i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                    token = hash_add(lower(w), token);
                    i += length;
                }
                continue;
            }
            if (kind & KIND_JOINS_WORD) {
                if (!in_token && (kind & KIND_DIGIT)) {
                    in_token = 1;
                    token = fnv_basis;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                if (in_token) token = hash_add(v, token);
                continue;
            }
        }
        if (in_token) {
            in_token = 0;
            key = (key ^ token) * fnv_prime;
        }
    }
#undef WORDS_REACHED
    if (in_token) key = (key ^ token) * fnv_prime;
    return keyed ? key : 0;
}

size_t ctk_line_count(const uint8_t *bytes, size_t n) { return 1 + ctk_count_byte(bytes, n, 0x0A); }

size_t ctk_line_keys(const uint8_t *bytes, size_t n, const ctk_line_tables *t, int32_t sentence_words,
                     uint64_t *keys) {
    size_t count = 0;
    size_t line_start = 0;
    while (line_start < n) {
        const uint8_t *newline = memchr(bytes + line_start, 0x0A, n - line_start);
        size_t line_end = newline ? (size_t)(newline - bytes) : n;
        int32_t limit = sentence_words > 0 && line_ends_sentence(bytes, line_start, line_end) ? sentence_words : INT32_MAX;
        uint64_t key = line_key(bytes, n, line_start, line_end, t, limit);
        if (key != 0) keys[count++] = key;
        line_start = line_end + 1;
    }
    return count;
}

// Measures the line bytes[from..<to] into *line; its stopword tokens' language bits go to
// masks from *mask_count on.
static void scan_line(const uint8_t *bytes, size_t n, size_t from, size_t to, const ctk_line_tables *t,
                      ctk_line *line, uint32_t *masks, size_t *mask_count, tally *tallies) {
    const uint16_t *kinds = t->kinds;
    size_t start = from, end = to;
    while (start < end && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D)) start++;
    while (end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D)) end--;
    memset(line, 0, sizeof *line);
    line->start = (int64_t)start;
    line->end = (int64_t)end;
    line->first_stopword = line->end_stopword = (int32_t)*mask_count;
    line->script = -1;
    line->second_script = -1;
    if (start == end) return;

    int32_t spaced = 0, latin = 0, others = 0, unspaced = 0, separators = 0, numbers = 0;
    int in_token = 0, keyed = 0, previous_space = 0, code_mark = 0;
    uint64_t token = fnv_basis, key = fnv_basis;
    uint32_t last = 0;
    int32_t tally_count = 0;
    // Letters of the current run of one non-Latin script, tallied when it ends.
    int32_t run_script = -1, run_count = 0;
    int32_t inner_slashes = 0;
    // Stopword lookups, as each token ends.
    size_t stopwords = *mask_count;
    uint32_t flags = 0;
    int32_t interface_words = 0, date_words = 0;
    int pair_starter = 0;
    uint64_t previous_token = 0;
#define END_TOKEN()                                                                                            \
    do {                                                                                                       \
        if (in_token) {                                                                                        \
            in_token = 0;                                                                                      \
            key = (key ^ token) * fnv_prime;                                                                   \
            uint32_t mask = table_value(t, token);                                                             \
            uint32_t languages = mask & language_bits;                                                         \
            masks[stopwords] = languages;                                                                      \
            stopwords += languages != 0;                                                                       \
            flags |= mask;                                                                                     \
            interface_words += (int32_t)(mask >> 31);                                                          \
            date_words += (int32_t)((mask >> 28) & 1);                                                         \
            if (pair_starter) {                                                                                \
                uint64_t pair = (previous_token * fnv_prime) ^ (token >> 1) ^ 0x9E3779B97F4A7C15ULL;           \
                if (table_value(t, pair) & interface_word) interface_words++;                                  \
            }                                                                                                  \
            pair_starter = (mask & pair_start) != 0;                                                           \
            previous_token = token;                                                                            \
        }                                                                                                      \
    } while (0)

    size_t i = start;
    while (i < end) {
        uint8_t b = bytes[i];
        uint32_t v;
        if (b < 0x80) {
            v = b;
            i++;
            if (word_byte[b] != 0) {
                if (!in_token) {
                    in_token = 1;
                    spaced++;
                    token = fnv_basis;
                    if (is_ascii_digit(b)) numbers++;
                }
                for (;;) {
                    ascii_run run = scan_ascii_run(bytes, n, i, end, (token ^ (uint8_t)(b | 0x20)) * fnv_prime);
                    i = run.end;
                    token = run.hash;
                    latin += run.letters + is_ascii_letter(b);
                    // One space and an ASCII word after it, the most common sequel, taken here:
                    // what the loop below does for them.
                    if (!(i + 1 < end && bytes[i] == 0x20 && word_byte[bytes[i + 1]] != 0)) break;
                    END_TOKEN();
                    b = bytes[i + 1];
                    i += 2;
                    in_token = 1;
                    spaced++;
                    token = fnv_basis;
                    if (is_ascii_digit(b)) numbers++;
                }
                keyed = 1;
                last = bytes[i - 1];
                previous_space = 0;
                continue;
            }
        } else {
            v = decode_short(bytes, &i, end);
            uint16_t kind = kind_of(t, v);
            if (kind & KIND_LETTER) {
                int32_t s = kind & 0xFFF;
                if (s == SCRIPT_LATIN) {
                    latin++;
                } else {
                    others++;
                    if (s != SCRIPT_COMMON && s != SCRIPT_INHERITED) {
                        if (s == run_script) {
                            run_count++;
                        } else {
                            add_tally(tallies, &tally_count, run_script, run_count);
                            run_script = s;
                            run_count = 1;
                        }
                    }
                }
                keyed = 1;
                last = v;
                previous_space = 0;
                // The letters of the same kind (script) after it, counted as it is.
                int32_t more = 0;
                uint32_t w;
                int length;
                if (is_unspaced_script(s)) {
                    unspaced++;
                    END_TOKEN();
                    key = hash_add(v, key);
                    w = v;
                    int other;
                    more = three_byte_run(bytes, &i, end, kinds, kind, &key, &w, &other);
                    last = w;
                    while (!other && i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                        key = hash_add(w, key);
                        last = w;
                        i += length;
                        more++;
                    }
                    unspaced += more;
                    others += more;
                    run_count += more;
                    continue;
                }
                if (!in_token) {
                    in_token = 1;
                    spaced++;
                    token = fnv_basis;
                }
                token = hash_add(lower(v), token);
                while (i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                    token = hash_add(lower(w), token);
                    last = w;
                    i += length;
                    more++;
                }
                if (s == SCRIPT_LATIN) {
                    latin += more;
                } else {
                    others += more;
                    if (s != SCRIPT_COMMON && s != SCRIPT_INHERITED) run_count += more;
                }
                continue;
            }
            if (kind & KIND_JOINS_WORD) {
                if (!in_token && (kind & KIND_DIGIT)) {
                    in_token = 1;
                    spaced++;
                    numbers++;
                    token = fnv_basis;
                }
                if (in_token) token = hash_add(v, token);
                last = v;
                continue;
            }
        }
        int after_word = in_token;
        END_TOKEN();
        if (v == 0x20 || v == 0x09 || v == 0xA0 || v == 0x3000) {
            previous_space = 1;
            continue;
        }
        if (previous_space) {
            switch (v) {
            case 0x7C: case 0x2F: case 0x203A: case 0xBB: case 0x2D: case 0x2013: case 0x2014:
                if (i < end && bytes[i] == 0x20) separators++;
                break;
            default:
                break;
            }
        }
        if (!code_mark && may_mark(v)) {
            int at_start = i - 1 == start;
            code_mark = is_code_mark((uint8_t)v, bytes, i, end, at_start, previous_space || at_start, after_word,
                                     &inner_slashes);
        }
        previous_space = 0;
        if (!is_closer(v)) last = v;
    }
    END_TOKEN();
#undef END_TOKEN
    line->end_stopword = (int32_t)stopwords;
    *mask_count = stopwords;
    line->interface_words = interface_words;
    line->date_words = date_words;
    line->mentions_cookies = (flags & cookie_word) != 0;
    line->letters = latin + others;
    line->unspaced_letters = unspaced;
    line->separators = separators;
    line->numbers = numbers;
    line->words = spaced + (unspaced + 1) / 2;
    line->ends_sentence = (uint8_t)is_sentence_end(last);
    line->ends_clause = last == 0x2C || last == 0x3001 || last == 0xFF0C || last == 0x060C;
    line->key = keyed ? key : 0;
    line->code_mark = (uint8_t)code_mark;
    // The two scripts with the most letters (ties to the lower code), Latin among them.
    add_tally(tallies, &tally_count, run_script, run_count);
    add_tally(tallies, &tally_count, SCRIPT_LATIN, latin);
    if (tally_count == 0) return;
    tally first = tallies[0];
    tally second = {-1, 0};
    for (int32_t k = 1; k < tally_count; k++) {
        tally x = tallies[k];
        if (before(x, first)) {
            second = first;
            first = x;
        } else if (second.script < 0 || before(x, second)) {
            second = x;
        }
    }
    line->script = first.script;
    line->second_script = second.script;
}

size_t ctk_line_scan(const uint8_t *bytes, size_t n, const ctk_line_tables *t, ctk_line *lines, uint32_t *masks) {
    // Distinct scripts of one line: at most one per script code (12 bits).
    tally tallies[4096];
    size_t mask_count = 0;
    size_t count = 0;
    size_t line_start = 0;
    for (;;) {
        const uint8_t *newline = line_start < n ? memchr(bytes + line_start, 0x0A, n - line_start) : NULL;
        size_t line_end = newline ? (size_t)(newline - bytes) : n;
        scan_line(bytes, n, line_start, line_end, t, &lines[count++], masks, &mask_count, tallies);
        if (newline == NULL) break;
        line_start = line_end + 1;
    }
    return mask_count;
}
