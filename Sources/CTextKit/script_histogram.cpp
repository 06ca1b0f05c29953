// Letters per script of UTF-8 text in one pass, for the language stage's script prior.
#include "ctextkit.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

extern "C" int32_t ctk_script_histogram(const char *src, int32_t len, int32_t *counts, int32_t cap) {
    const uint8_t *s = reinterpret_cast<const uint8_t *>(src);
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
        if (c < 0 || !u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) continue;
        UErrorCode status = U_ZERO_ERROR;
        int32_t script = uscript_getScript(c, &status);
        if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
        if (script < cap) counts[script]++;
        total++;
    }
    if (USCRIPT_LATIN < cap) counts[USCRIPT_LATIN] += latin;
    return total + latin;
}
