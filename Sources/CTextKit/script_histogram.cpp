// Letters per script of UTF-8 text in one pass, for the language stage's script prior.
#include "ctextkit.h"

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
    while (i < len) {
        uint8_t b = s[i];
        if (b < 0x80) {
            latin += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
            i++;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0) continue;
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
