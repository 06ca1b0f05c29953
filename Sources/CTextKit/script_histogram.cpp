// Letters per script of UTF-8 text in one pass, for the language stage's script prior.
#include "ctextkit.h"
#include "load.h"
#include "seeded_draws.h"
#include "sse_bytes.h"

#include <cstring>
#if defined(__x86_64__)
extern "C" {
#include "cpu_features.h"
}
#include <immintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

// The UScriptCode of a letter counted, -1 for a code point not counted (not alphabetic,
// Common, Inherited or unknown).
static int32_t letter_script(UChar32 c) {
    if (!u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) return -1;
    return script;
}

// Per BMP code point, built once (two ICU look-ups a letter cost more than the rest of the
// count): 0 when it is not counted, its letter_script + 1, or ask_icu when that does not fit.
static const uint8_t ask_icu = 255;

static const uint8_t *bmp_scripts(void) {
    static const uint8_t *table = [] {
        uint8_t *t = new uint8_t[0x10000];
        for (UChar32 c = 0; c < 0x10000; c++) {
            int32_t script = letter_script(c);
            t[c] = script < 0 ? 0 : script + 1 < ask_icu ? (uint8_t)(script + 1) : ask_icu;
        }
        return t;
    }();
    return table;
}

#if defined(__x86_64__)
// The BMP table by the bits BMI2's pext takes from a three-byte sequence read as a
// little-endian word (mask 0x3F3F0F: the lead's low four bits, then each continuation byte's
// six), ask_icu for the code points a run leaves to the general way: those below U+0800
// (overlong) and the surrogates.
static const uint8_t *pext_scripts(void) {
    static const uint8_t *table = [] {
        const uint8_t *bmp = bmp_scripts();
        uint8_t *t = new uint8_t[0x10000];
        for (uint32_t c = 0; c < 0x10000; c++) {
            uint32_t index = c >> 12 | (c >> 6 & 0x3F) << 4 | (c & 0x3F) << 10;
            t[index] = c < 0x800 || (c >= 0xD800 && c <= 0xDFFF) ? ask_icu : bmp[c];
        }
        return t;
    }();
    return table;
}

// The run of three-byte letters of ctk_script_histogram from byte i (see there), the code point's
// bits taken by one pext and the sequence checked by one mask: counted into counts and *total;
// returns where the run ends.
CTK_TARGET_AVX2_BMI2 static int32_t three_byte_run_bmi2(const uint8_t *s, int32_t i, int32_t len, const uint8_t *table,
                                                         int32_t *counts, int32_t *total) {
    int32_t counted = 0;
    while (i + 4 <= len) {
        uint32_t w = ctk_load_le32(s + i);
        // Lead E0..EF and two continuation bytes; E0's overlong ones and ED's surrogates are ask_icu.
        if ((w & 0xC0C0F0u) != 0x8080E0u) break;
        uint8_t known = table[_pext_u32(w, 0x3F3F0Fu)];
        if (known == ask_icu) break;
        i += 3;
        if (known == 0) continue;
        counts[known - 1]++;
        counted++;
    }
    *total += counted;
    return i;
}
#endif

// ctk_script_histogram, its runs of three-byte letters by three_byte_run_bmi2 when `pext` (the
// processor has BMI2, a fast pext unless checking, and counts holds every script of the BMP table).
static int32_t histogram(const char *src, int32_t len, int32_t *counts, int32_t cap, bool pext);

extern "C" int32_t ctk_script_histogram(const char *src, int32_t len, int32_t *counts, int32_t cap) {
#if defined(__x86_64__)
    return histogram(src, len, counts, cap, cap >= ask_icu && ctk_has_fast_pext());
#else
    return histogram(src, len, counts, cap, false);
#endif
}

extern "C" int32_t ctk_script_histogram_checked(uint32_t seed, int32_t rounds) {
#if defined(__x86_64__)
    if (!ctk_has_avx2_bmi2()) return -1;
    SeededDraws draw{seed};
    int32_t differ = 0;
    uint8_t text[400];
    int32_t ours[256], theirs[256];
    for (int32_t round = 0; round < rounds; round++) {
        // Runs of three-byte sequences (any lead E0..EF, overlong and surrogate ones too) broken
        // by ASCII, two- and four-byte characters and stray bytes.
        int32_t len = 0;
        int32_t target = (int32_t)(draw() % 380);
        while (len < target) {
            uint32_t kind = draw() % 16;
            if (kind < 10) {
                text[len++] = (uint8_t)(0xE0 | draw() % 16);
                text[len++] = (uint8_t)(0x80 | draw() % 64);
                text[len++] = (uint8_t)(0x80 | draw() % 64);
            } else if (kind < 12) {
                text[len++] = (uint8_t)(draw() % 2 == 0 ? ' ' : 'a' + draw() % 26);
            } else if (kind < 14) {
                text[len++] = (uint8_t)(0xC2 | draw() % 30);
                text[len++] = (uint8_t)(0x80 | draw() % 64);
            } else if (kind < 15) {
                text[len++] = (uint8_t)(0xF0 | draw() % 4);
                text[len++] = (uint8_t)(0x80 | draw() % 64);
                text[len++] = (uint8_t)(0x80 | draw() % 64);
                text[len++] = (uint8_t)(0x80 | draw() % 64);
            } else {
                text[len++] = (uint8_t)(draw() % 256);
            }
        }
        memset(ours, 0, sizeof ours);
        memset(theirs, 0, sizeof theirs);
        const char *src = reinterpret_cast<const char *>(text);
        int32_t a = histogram(src, len, ours, 256, true), b = histogram(src, len, theirs, 256, false);
        if (a != b || memcmp(ours, theirs, sizeof ours) != 0) differ++;
    }
    return differ;
#else
    (void)seed;
    (void)rounds;
    return -1;
#endif
}

static int32_t histogram(const char *src, int32_t len, int32_t *counts, int32_t cap, bool pext) {
    const uint8_t *s = reinterpret_cast<const uint8_t *>(src);
    const uint8_t *bmp = bmp_scripts();
    int32_t total = 0, latin = 0, i = 0;
    // Every script of the BMP table fits in counts: the run of three-byte letters counts without checking.
    const bool wide = cap >= ask_icu;
#if defined(__x86_64__)
    const uint8_t *pext_table = pext ? pext_scripts() : nullptr;
#else
    (void)pext;
#endif
#if defined(__x86_64__)
    // Letters of all-ASCII 16-byte blocks, per byte lane, and the blocks added since emptied.
    __m128i letters = _mm_setzero_si128();
    int blocks = 0;
    auto flush_letters = [&] {
        __m128i sums = _mm_sad_epu8(letters, _mm_setzero_si128());
        latin += (int32_t)(_mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
        letters = _mm_setzero_si128();
        blocks = 0;
    };
#endif
    while (i < len) {
        uint8_t b = s[i];
        if (b < 0x80) {
#if defined(__x86_64__)
            // Sixteen bytes at a time (SSE2, every x86-64): all ASCII, their letters go to
            // per-byte counters (emptied before they can wrap); else the ASCII bytes before the
            // first other byte are counted at once, and the scan goes on from that byte.
            if (i + 16 <= len) {
                __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
                unsigned high = (unsigned)_mm_movemask_epi8(v);
                if (high == 0) {
                    letters = _mm_sub_epi8(letters, ctk_ascii_letters(v));
                    if (++blocks == 255) flush_letters();
                    i += 16;
                    continue;
                }
                unsigned before = (1u << __builtin_ctz(high)) - 1;
                latin += __builtin_popcount((unsigned)_mm_movemask_epi8(ctk_ascii_letters(v)) & before);
                i += __builtin_ctz(high);
                continue;
            }
#else
            // Eight ASCII bytes at a time: a letter is a byte whose value with bit 0x20 set lies
            // in 'a'..'z' (each byte stays below 0x80, so the sums carry into no other byte).
            uint64_t w;
            if (i + 8 <= len && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ull) == 0)) {
                uint64_t x = w | 0x2020202020202020ull;
                uint64_t from_a = (x + 0x1F1F1F1F1F1F1F1Full) & 0x8080808080808080ull;
                uint64_t past_z = (x + 0x0505050505050505ull) & 0x8080808080808080ull;
                latin += __builtin_popcountll(from_a & ~past_z);
                i += 8;
                continue;
            }
#endif
            latin += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
            i++;
            continue;
        }
        // A run of well-formed three-byte sequences (kana, Han, Hangul, Thai, Indic...) but
        // overlong ones and surrogates: decoded and counted here while they last.
        if (b >= 0xE1 && b != 0xED && b < 0xF0 && wide) {
#if defined(__x86_64__)
            if (pext_table != nullptr) {
                i = three_byte_run_bmi2(s, i, len, pext_table, counts, &total);
            } else
#endif
            // Four bytes read for three: the last sequence of the text goes the general way below.
            while (i + 4 <= len) {
                uint32_t w = ctk_load_le32(s + i), b0 = w & 0xFF;
                // Lead E1..EF but ED, and two continuation bytes (each 0x80..0xBF).
                if (b0 - 0xE1 > 0x0E || b0 == 0xED || (w & 0xC0C000) != 0x808000) break;
                uint8_t known = bmp[(b0 & 0x0F) << 12 | (w >> 2 & 0xFC0) | (w >> 16 & 0x3F)];
                if (known == ask_icu) break;
                i += 3;
                if (known == 0) continue;
                counts[known - 1]++;
                total++;
            }
            if (i >= len || s[i] < 0x80) continue;
            b = s[i];
        }
        UChar32 c = -1;
        // Well-formed two- and three-byte sequences decoded here; anything else as ICU reads it.
        if (b >= 0xC2 && b < 0xE0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
            c = (b & 0x1F) << 6 | (s[i + 1] & 0x3F);
            i += 2;
        } else if (b >= 0xE0 && b < 0xF0 && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            c = (b & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
            if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
                i += 3;
            } else {
                c = -1;
            }
        }
        if (c < 0) {
            U8_NEXT(s, i, len, c);
            if (c < 0) continue;
        }
        uint8_t known = c < 0x10000 ? bmp[c] : ask_icu;
        if (known == 0) continue;
        int32_t script = known != ask_icu ? known - 1 : letter_script(c);
        if (script < 0) continue;
        if (script < cap) counts[script]++;
        total++;
    }
#if defined(__x86_64__)
    flush_letters();
#endif
    if (USCRIPT_LATIN < cap) counts[USCRIPT_LATIN] += latin;
    return total + latin;
}
