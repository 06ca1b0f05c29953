// The byte kernels of JSON strings: finding the bytes a string cannot hold as they are, 16 at a
// time (SSE2, which every x86-64 has); reading a string's escapes and writing them; and checking
// UTF-8 32 bytes at a time with AVX2 when the processor has it (the lookup algorithm of
// Keiser and Lemire, "Validating UTF-8 in less than one instruction per byte", 2021), else
// byte by byte.
#include "ctextkit.h"
#include "cpu_features.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The byte a two-byte escape `\e` stands for, for the escapes that are one byte; 0 for the
// others (`\u`, and what is no escape).
static inline uint8_t unescaped_byte(uint8_t e) {
    switch (e) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return 0x08;
    case 'f': return 0x0C;
    case 'n': return 0x0A;
    case 'r': return 0x0D;
    case 't': return 0x09;
    default: return 0;
    }
}

// The letter of the two-byte escape of `b` (n, r, t, or the byte itself for '"' and '\\'),
// 0 for a byte written as \u00XX.
static inline uint8_t escape_letter(uint8_t b) {
    return b == '\n' ? 'n' : b == '\r' ? 'r' : b == '\t' ? 't' : (b == '"' || b == '\\') ? b : 0;
}

// Writes the escape of `b` (one that ctk_json_escape escapes) at `dst`: 2 bytes when it has a
// letter, else 6 (\u00XX); returns how many.
static inline size_t write_escape(uint8_t *dst, uint8_t b) {
    static const char hex[] = "0123456789abcdef";
    uint8_t letter = escape_letter(b);
    dst[0] = '\\';
    if (letter) {
        dst[1] = letter;
        return 2;
    }
    dst[1] = 'u'; dst[2] = '0'; dst[3] = '0';
    dst[4] = (uint8_t)hex[b >> 4]; dst[5] = (uint8_t)hex[b & 15];
    return 6;
}

#if defined(__x86_64__)
// One bit per byte of `v` that ctk_json_special stops at: '"', '\\', below 0x20, and 0x7F when `del`.
__attribute__((target("avx2"))) static inline unsigned special_mask_avx2(__m256i v, int del) {
    const __m256i control = _mm256_set1_epi8(0x1F);
    // v <= 0x1F exactly when max(v, 0x1F) == 0x1F (unsigned).
    __m256i found = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                                    _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))),
                                    _mm256_cmpeq_epi8(_mm256_max_epu8(v, control), control));
    if (del) found = _mm256_or_si256(found, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F)));
    return (unsigned)_mm256_movemask_epi8(found);
}

__attribute__((target("avx2"))) static size_t special_avx2(const uint8_t *p, size_t i, size_t end, int del) {
    while (end - i >= 32) {
        unsigned mask = special_mask_avx2(_mm256_loadu_si256((const __m256i *)(p + i)), del);
        if (mask) return i + (size_t)__builtin_ctz(mask);
        i += 32;
    }
    return i;
}

// Copies the 32 bytes at p + *at to out + *put whole and moves both on: past the block when
// it holds no byte ctk_json_special stops at (0), else up to the first such byte (1).
__attribute__((target("avx2"))) static inline int copy_block_avx2(const uint8_t *p, size_t *at, uint8_t *out, size_t *put,
                                                                  int del) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + *at));
    _mm256_storeu_si256((__m256i *)(out + *put), v);
    unsigned mask = special_mask_avx2(v, del);
    size_t n = mask ? (size_t)__builtin_ctz(mask) : 32;
    *at += n;
    *put += n;
    return mask != 0;
}

// Copies p[*i...] to out[*o...] 32 bytes at a time, storing each block whole before looking at
// it, up to the first byte ctk_json_special stops at, while 32 bytes are left to read and
// `room` to write: 1 when it stopped at such a byte (at *i), 0 when it ran out.
__attribute__((target("avx2"))) static int copy_plain_avx2(const uint8_t *p, size_t *i, size_t end, uint8_t *out,
                                                           size_t *o, size_t room, int del) {
    size_t at = *i, put = *o;
    int found = 0;
    while (!found && end - at >= 32 && room - put >= 32) found = copy_block_avx2(p, &at, out, &put, del);
    *i = at;
    *o = put;
    return found;
}

// copy_plain_avx2 for a string being unescaped, going on past the escapes of one byte
// (`\n`, `\"`...) instead of returning at each: stops at any other special byte (the closing
// quote, a control, `\u`, a bad escape) with *i on it, or when 32 bytes or fewer are left.
// The output is never longer than what was read, so `out` has room for every store.
__attribute__((target("avx2"))) static void unescape_runs_avx2(const uint8_t *p, size_t *i, size_t end, uint8_t *out,
                                                               size_t *o) {
    size_t at = *i, put = *o;
    // More than 32 left, so that an escape's second byte is there to read.
    while (end - at > 32) {
        if (!copy_block_avx2(p, &at, out, &put, 0)) continue;
        uint8_t byte = p[at] == '\\' ? unescaped_byte(p[at + 1]) : 0;
        if (!byte) break;
        out[put++] = byte;
        at += 2;
    }
    *i = at;
    *o = put;
}

// copy_plain_avx2 for a string being escaped, writing the escapes on the way instead of
// returning at each, while 32 bytes are left to read and room for 32 and an escape to write.
__attribute__((target("avx2"))) static void escape_runs_avx2(const uint8_t *src, size_t *i, size_t n, uint8_t *dst,
                                                             size_t *o, size_t cap) {
    size_t at = *i, put = *o;
    while (n - at >= 32 && cap - put >= 38) {
        if (copy_block_avx2(src, &at, dst, &put, 1)) put += write_escape(dst + put, src[at++]);
    }
    *i = at;
    *o = put;
}
#endif

// Copies p[*i...] to out[*o...] up to the first byte ctk_json_special stops at (or the end, or
// `room` written); leaves *i and *o after what it copied.
static void copy_plain(const uint8_t *p, size_t *i, size_t end, uint8_t *out, size_t *o, size_t room, int del) {
#if defined(__x86_64__)
    if (ctk_has_avx2() && copy_plain_avx2(p, i, end, out, o, room, del)) return;
#endif
    size_t j = ctk_json_special(p, *i, end, del);
    size_t run = j - *i;
    if (run > room - *o) run = room - *o;
    memcpy(out + *o, p + *i, run);
    *i += run;
    *o += run;
}

size_t ctk_json_special(const uint8_t *p, size_t from, size_t end, int del) {
    size_t i = from;
#if defined(__x86_64__)
    if (end - i >= 32 && ctk_has_avx2()) {
        i = special_avx2(p, i, end, del);
        if (end - i >= 32) return i;
    }
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F), delete = _mm_set1_epi8(0x7F);
    while (end - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i found = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                     _mm_cmpeq_epi8(_mm_max_epu8(v, control), control));
        if (del) found = _mm_or_si128(found, _mm_cmpeq_epi8(v, delete));
        unsigned mask = (unsigned)_mm_movemask_epi8(found);
        if (mask) return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    for (; i < end; i++) {
        uint8_t c = p[i];
        if (c == '"' || c == '\\' || c < 0x20 || (del && c == 0x7F)) return i;
    }
    return end;
}

static int hex_digit(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// The four hex digits at p[*at...]: the value, or -1 with *at on the first bad digit (or left
// where it was, with *truncated set, when fewer than four bytes are left).
static int32_t hex4(const uint8_t *p, size_t *at, size_t end, int *truncated) {
    if (end - *at < 4) { *truncated = 1; return -1; }
    int32_t value = 0;
    for (int k = 0; k < 4; k++) {
        int d = hex_digit(p[*at]);
        if (d < 0) return -1;
        value = value << 4 | d;
        *at += 1;
    }
    return value;
}

static size_t put_scalar(uint8_t *out, uint32_t s) {
    if (s < 0x80) { out[0] = (uint8_t)s; return 1; }
    if (s < 0x800) { out[0] = (uint8_t)(0xC0 | s >> 6); out[1] = (uint8_t)(0x80 | (s & 0x3F)); return 2; }
    if (s < 0x10000) {
        out[0] = (uint8_t)(0xE0 | s >> 12); out[1] = (uint8_t)(0x80 | (s >> 6 & 0x3F)); out[2] = (uint8_t)(0x80 | (s & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | s >> 18); out[1] = (uint8_t)(0x80 | (s >> 12 & 0x3F));
    out[2] = (uint8_t)(0x80 | (s >> 6 & 0x3F)); out[3] = (uint8_t)(0x80 | (s & 0x3F));
    return 4;
}

int ctk_json_unescape(const uint8_t *p, size_t from, size_t end, uint8_t *out, size_t *close, size_t *out_len,
                      size_t *error_at) {
    size_t i = from, o = 0;
#if defined(__x86_64__)
    const int avx2 = ctk_has_avx2();
#endif
    while (1) {
#if defined(__x86_64__)
        if (avx2) unescape_runs_avx2(p, &i, end, out, &o);
#endif
        // The output is never longer than the input read, so `end - from` is room enough.
        copy_plain(p, &i, end, out, &o, end - from, 0);
        if (i == end) return CTK_JSON_UNTERMINATED;
        uint8_t c = p[i];
        if (c == '"') { *close = i; *out_len = o; return CTK_JSON_OK; }
        if (c < 0x20) { *error_at = i; return CTK_JSON_CONTROL; }
        i++;
        if (i == end) { *error_at = i; return CTK_JSON_UNTERMINATED_ESCAPE; }
        uint8_t e = p[i++];
        uint8_t byte = unescaped_byte(e);
        if (byte) {
            out[o++] = byte;
            continue;
        }
        switch (e) {
        case 'u': {
            int truncated = 0;
            int32_t scalar = hex4(p, &i, end, &truncated);
            if (scalar < 0) { *error_at = i; return truncated ? CTK_JSON_TRUNCATED_U : CTK_JSON_BAD_HEX; }
            if (scalar >= 0xD800 && scalar <= 0xDBFF) {
                if (end - i >= 6 && p[i] == '\\' && p[i + 1] == 'u') {
                    i += 2;
                    int32_t low = hex4(p, &i, end, &truncated);
                    if (low < 0) { *error_at = i; return CTK_JSON_BAD_HEX; }
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        // The second escape is read again on its own.
                        scalar = 0xFFFD;
                        i -= 6;
                    }
                } else {
                    scalar = 0xFFFD;
                }
            } else if (scalar >= 0xDC00 && scalar <= 0xDFFF) {
                scalar = 0xFFFD;
            }
            o += put_scalar(out + o, (uint32_t)scalar);
            break;
        }
        default:
            *error_at = i;
            return CTK_JSON_BAD_ESCAPE;
        }
    }
}

size_t ctk_json_escape(const uint8_t *src, size_t n, uint8_t *dst, size_t cap, size_t *consumed) {
    size_t i = 0, o = 0;
#if defined(__x86_64__)
    const int avx2 = ctk_has_avx2();
#endif
    while (i < n) {
#if defined(__x86_64__)
        if (avx2) escape_runs_avx2(src, &i, n, dst, &o, cap);
#endif
        copy_plain(src, &i, n, dst, &o, cap, 1);
        if (i == n || o == cap) break;
        if (cap - o < (escape_letter(src[i]) ? 2 : 6)) break;
        o += write_escape(dst + o, src[i]);
        i++;
    }
    *consumed = i;
    return o;
}

// Byte by byte, as the Unicode Standard's table 3-7 has it.
static int utf8_check_scalar(const uint8_t *p, size_t n, size_t i, int ascii) {
    while (i < n) {
        uint8_t c = p[i];
        if (c < 0x80) {
            i++;
            while (n - i >= 8) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ULL) break;
                i += 8;
            }
            continue;
        }
        ascii = 0;
        if (c < 0xC2) return -1;
        if (c < 0xE0) {
            if (n - i < 2 || (p[i + 1] & 0xC0) != 0x80) return -1;
            i += 2;
        } else if (c < 0xF0) {
            if (n - i < 3) return -1;
            uint8_t c1 = p[i + 1];
            uint8_t low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
            if (c1 < low || c1 > high || (p[i + 2] & 0xC0) != 0x80) return -1;
            i += 3;
        } else {
            if (c > 0xF4 || n - i < 4) return -1;
            uint8_t c1 = p[i + 1];
            uint8_t low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
            if (c1 < low || c1 > high || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) return -1;
            i += 4;
        }
    }
    return ascii;
}

#if defined(__x86_64__)
#define TOO_SHORT (1 << 0)
#define TOO_LONG (1 << 1)
#define OVERLONG_3 (1 << 2)
#define TOO_LARGE (1 << 3)
#define SURROGATE (1 << 4)
#define OVERLONG_2 (1 << 5)
#define TOO_LARGE_1000 (1 << 6)
#define OVERLONG_4 (1 << 6)
#define TWO_CONTS (1 << 7)
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)
#define TWICE(...) { __VA_ARGS__, __VA_ARGS__ }

// The bytes of `input` shifted by n, the last n of `prev` coming in first.
#define PREV(input, prev, n) _mm256_alignr_epi8(input, _mm256_permute2x128_si256(prev, input, 0x21), 16 - (n))

// The lookup tables and state of utf8_check_avx2, one 32-byte block after another.
typedef struct {
    __m256i byte_1_high_table, byte_1_low_table, byte_2_high_table, incomplete_max;
    __m256i error, prev_input, prev_incomplete;
    int ascii;
} utf8_blocks;

__attribute__((target("avx2"))) static inline void utf8_blocks_start(utf8_blocks *u) {
    static const uint8_t byte_1_high_table_bytes[32] = TWICE(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    static const uint8_t byte_1_low_table_bytes[32] = TWICE(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,
        CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000);
    static const uint8_t byte_2_high_table_bytes[32] = TWICE(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    u->byte_1_high_table = _mm256_loadu_si256((const __m256i *)byte_1_high_table_bytes);
    u->byte_1_low_table = _mm256_loadu_si256((const __m256i *)byte_1_low_table_bytes);
    u->byte_2_high_table = _mm256_loadu_si256((const __m256i *)byte_2_high_table_bytes);
    // A lead byte in the last three places whose sequence the block does not finish.
    u->incomplete_max = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    u->error = u->prev_input = u->prev_incomplete = _mm256_setzero_si256();
    u->ascii = 1;
}

// Checks the next 32 bytes, `input`. A sequence the block does not finish is an error only once
// the next block (or the end) says so: it is in prev_incomplete until then.
__attribute__((target("avx2"))) static inline void utf8_blocks_step(utf8_blocks *u, __m256i input) {
    const __m256i low_nibble = _mm256_set1_epi8(0x0F);
    if (_mm256_movemask_epi8(input) == 0) {
        u->error = _mm256_or_si256(u->error, u->prev_incomplete);
        u->prev_incomplete = _mm256_setzero_si256();
    } else {
        u->ascii = 0;
        __m256i prev1 = PREV(input, u->prev_input, 1);
        __m256i byte_1_high = _mm256_shuffle_epi8(u->byte_1_high_table, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibble));
        __m256i byte_1_low = _mm256_shuffle_epi8(u->byte_1_low_table, _mm256_and_si256(prev1, low_nibble));
        __m256i byte_2_high = _mm256_shuffle_epi8(u->byte_2_high_table, _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble));
        __m256i special = _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
        __m256i prev2 = PREV(input, u->prev_input, 2), prev3 = PREV(input, u->prev_input, 3);
        __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
        __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
        __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
        u->error = _mm256_or_si256(u->error, _mm256_xor_si256(must23, special));
        u->prev_incomplete = _mm256_subs_epu8(input, u->incomplete_max);
    }
    u->prev_input = input;
}

// The answer of the blocks read, the input ending after them: 1, 0 or -1 as ctk_utf8_check.
__attribute__((target("avx2"))) static inline int utf8_blocks_end(const utf8_blocks *u) {
    __m256i error = _mm256_or_si256(u->error, u->prev_incomplete);
    return _mm256_testz_si256(error, error) ? u->ascii : -1;
}

__attribute__((target("avx2"))) static int utf8_check_avx2(const uint8_t *p, size_t n) {
    utf8_blocks u;
    utf8_blocks_start(&u);
    size_t i = 0;
    uint8_t tail[32];
    while (i < n) {
        __m256i input;
        if (n - i >= 32) {
            input = _mm256_loadu_si256((const __m256i *)(p + i));
        } else {
            memset(tail, 0, sizeof tail);
            memcpy(tail, p + i, n - i);
            input = _mm256_loadu_si256((const __m256i *)tail);
        }
        i += 32;
        utf8_blocks_step(&u, input);
    }
    return utf8_blocks_end(&u);
}

#endif

int ctk_utf8_check(const uint8_t *p, size_t n) {
#if defined(__x86_64__)
    // Short strings (keys, ids) are not worth the vector set-up.
    if (n >= 32 && ctk_has_avx2()) return utf8_check_avx2(p, n);
#endif
    return utf8_check_scalar(p, n, 0, 1);
}

// The closing quote ctk_json_newline_escaped_close_checked finds, byte by byte from p[i].
static size_t newline_escaped_close_scalar(const uint8_t *p, size_t i, size_t end) {
    while (i < end) {
        uint8_t c = p[i];
        if (c == '"') return i;
        if (c < 0x20) return end;
        if (c == '\\') {
            if (i + 1 < end && p[i + 1] == 'n') {
                i += 2;
                continue;
            }
            return end;
        }
        i++;
    }
    return end;
}

#if defined(__x86_64__)
// ctk_json_newline_escaped_close_checked with AVX2: the close's masks and the UTF-8 check of
// each block from one load. The block that holds the quote is checked with its bytes from the
// quote on read as zeros (ASCII, so that a sequence the quote cuts short is an error); once
// fewer than 33 bytes are left, the close is found byte by byte and those bytes are checked from
// where the blocks left off (back to the lead of a sequence the last block did not finish).
__attribute__((target("avx2"))) static size_t newline_escaped_close_checked_avx2(const uint8_t *p, size_t from, size_t end,
                                                                                 int *utf8) {
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i letter_n = _mm256_set1_epi8('n');
    const __m256i control = _mm256_set1_epi8(0x1F);
    const __m256i index = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                           16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    utf8_blocks u;
    utf8_blocks_start(&u);
    size_t at = from;
    uint32_t carry = 0;
    while (end - at >= 33) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + at));
        uint32_t quotes = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote));
        uint32_t backslashes = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, backslash));
        uint32_t ns = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, letter_n));
        uint32_t controls = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(v, control), control));
        uint32_t refused = ((backslashes << 1 | carry) & ~ns) | controls;
        if (quotes != 0) {
            // Up to the quote and it: an escaped quote is refused too.
            if ((refused & (quotes ^ (quotes - 1))) != 0) return end;
            int q = __builtin_ctz(quotes);
            utf8_blocks_step(&u, _mm256_and_si256(v, _mm256_cmpgt_epi8(_mm256_set1_epi8((char)q), index)));
            *utf8 = utf8_blocks_end(&u);
            return at + (size_t)q;
        }
        if (refused != 0) return end;
        utf8_blocks_step(&u, v);
        carry = backslashes >> 31;
        at += 32;
    }
    // A backslash that ended the last block: its escape is read on from there.
    size_t close = newline_escaped_close_scalar(p, at - carry, end);
    if (close >= end) return end;
    size_t rest = at;
    if (!_mm256_testz_si256(u.prev_incomplete, u.prev_incomplete)) {
        // The lead among the last three bytes whose sequence runs past the blocks.
        rest = at - 1;
        while (rest > at - 3 && (p[rest] & 0xC0) == 0x80) rest--;
    }
    __m256i error = u.error;
    *utf8 = !_mm256_testz_si256(error, error) ? -1 : utf8_check_scalar(p + rest, close - rest, 0, u.ascii);
    return close;
}
#endif

size_t ctk_json_newline_escaped_close_checked(const uint8_t *p, size_t from, size_t end, int *utf8) {
#if defined(__x86_64__)
    if (ctk_has_avx2()) return newline_escaped_close_checked_avx2(p, from, end, utf8);
#endif
    return ctk_json_newline_escaped_close_checked_portable(p, from, end, utf8);
}

size_t ctk_json_newline_escaped_close_checked_portable(const uint8_t *p, size_t from, size_t end, int *utf8) {
    size_t close = newline_escaped_close_scalar(p, from, end);
    if (close < end) *utf8 = utf8_check_scalar(p + from, close - from, 0, 1);
    return close;
}
