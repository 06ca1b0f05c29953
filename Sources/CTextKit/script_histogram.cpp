// Letters per script of UTF-8 text in one pass, for the language stage's script prior.
#include "ctextkit.h"

#include <cstring>

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

extern "C" int32_t ctk_script_histogram(const char *src, int32_t len, int32_t *counts, int32_t cap) {
    const uint8_t *s = reinterpret_cast<const uint8_t *>(src);
    const uint8_t *bmp = bmp_scripts();
    int32_t total = 0, latin = 0, i = 0;
    // Every script of the BMP table fits in counts: the run of three-byte letters counts without checking.
    const bool wide = cap >= ask_icu;
    while (i < len) {
        uint8_t b = s[i];
        if (b < 0x80) {
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
            latin += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
            i++;
            continue;
        }
        // A run of well-formed three-byte sequences (kana, Han, Hangul, Thai, Indic...) but
        // overlong ones and surrogates: decoded and counted here while they last.
        if (b >= 0xE1 && b != 0xED && b < 0xF0 && wide) {
            while (i + 2 < len && s[i] >= 0xE1 && s[i] != 0xED && s[i] < 0xF0 && (s[i + 1] & 0xC0) == 0x80 &&
                   (s[i + 2] & 0xC0) == 0x80) {
                uint8_t known = bmp[(s[i] & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F)];
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
    if (USCRIPT_LATIN < cap) counts[USCRIPT_LATIN] += latin;
    return total + latin;
}
