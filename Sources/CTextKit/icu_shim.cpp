// ICU wrappers: normalization on UTF-8, charset detection and conversion, scripts, word breaks.
#include "ctextkit.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <unicode/normalizer2.h>
#include <unicode/bytestream.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/uscript.h>
#include <unicode/uchar.h>
#include <unicode/ucpmap.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

using namespace icu;

static const Normalizer2 *normalizer_for(int form, UErrorCode &status) {
    switch (form) {
    case CTK_NFC: return Normalizer2::getNFCInstance(status);
    case CTK_NFKC: return Normalizer2::getNFKCInstance(status);
    case CTK_NFKC_CASEFOLD: return Normalizer2::getNFKCCasefoldInstance(status);
    case CTK_NFD: return Normalizer2::getNFDInstance(status);
    case CTK_NFKD: return Normalizer2::getNFKDInstance(status);
    default: status = U_ILLEGAL_ARGUMENT_ERROR; return nullptr;
    }
}

extern "C" int ctk_is_normalized(int form, const char *src, int32_t len) {
    UErrorCode status = U_ZERO_ERROR;
    const Normalizer2 *n = normalizer_for(form, status);
    if (U_FAILURE(status)) return -1;
    UBool yes = n->isNormalizedUTF8(StringPiece(src, len), status);
    if (U_FAILURE(status)) return -1;
    return yes ? 1 : 0;
}

extern "C" int ctk_normalize(int form, const char *src, int32_t len, char **out, int32_t *out_len) {
    UErrorCode status = U_ZERO_ERROR;
    const Normalizer2 *n = normalizer_for(form, status);
    if (U_FAILURE(status)) return -1;
    std::string result;
    result.reserve((size_t)len + 16);
    StringByteSink<std::string> sink(&result);
    n->normalizeUTF8(0, StringPiece(src, len), sink, nullptr, status);
    if (U_FAILURE(status)) return -1;
    char *buf = (char *)malloc(result.size() + 1);
    if (!buf) return -1;
    memcpy(buf, result.data(), result.size());
    buf[result.size()] = 0;
    *out = buf;
    *out_len = (int32_t)result.size();
    return 0;
}

extern "C" void ctk_free(void *p) { free(p); }

/// The Unicode quick-check property of a standard form; UCHAR_INVALID_CODE for NFKC_Casefold,
/// which has none.
static UProperty quick_check_property(int form) {
    return form == CTK_NFC ? UCHAR_NFC_QUICK_CHECK : form == CTK_NFKC ? UCHAR_NFKC_QUICK_CHECK
         : form == CTK_NFD ? UCHAR_NFD_QUICK_CHECK : form == CTK_NFKD ? UCHAR_NFKD_QUICK_CHECK : UCHAR_INVALID_CODE;
}

/// Calls `each(start, end, value)` for the ranges of equal values of `map` below `limit`;
/// false when ICU fails.
template <typename Each> static bool for_each_range(const UCPMap *map, int32_t limit, Each each) {
    for (UChar32 start = 0; start < limit;) {
        uint32_t value = 0;
        UChar32 end = ucpmap_getRange(map, start, UCPMAP_RANGE_NORMAL, 0, nullptr, nullptr, &value);
        if (end < start) return false;
        if (end >= limit) end = limit - 1;
        each(start, end, value);
        start = end + 1;
    }
    return true;
}

extern "C" int ctk_normalization_quick_check_classes_by_character(int form, uint8_t *classes, int32_t limit) {
    UErrorCode status = U_ZERO_ERROR;
    const Normalizer2 *n = normalizer_for(form, status);
    if (U_FAILURE(status)) return -1;
    for (UChar32 c = 0; c < limit; c++) {
        UNormalizationCheckResult qc = U_IS_SURROGATE(c) ? UNORM_NO : n->quickCheck(UnicodeString(c), status);
        if (U_FAILURE(status)) return -1;
        classes[c] = qc == UNORM_YES ? (uint8_t)n->getCombiningClass(c) : 255;
    }
    return 0;
}

extern "C" int ctk_normalization_quick_check_classes(int form, uint8_t *classes, int32_t limit) {
    UProperty property = quick_check_property(form);
    if (property == UCHAR_INVALID_CODE) return ctk_normalization_quick_check_classes_by_character(form, classes, limit);
    UErrorCode status = U_ZERO_ERROR;
    // The standard forms' combining class is the Unicode property's (Normalizer2::getCombiningClass).
    const UCPMap *quickCheck = u_getIntPropertyMap(property, &status);
    const UCPMap *combining = u_getIntPropertyMap(UCHAR_CANONICAL_COMBINING_CLASS, &status);
    if (U_FAILURE(status)) return -1;
    // By ranges of equal values (a few thousand below U+30000) instead of 200,000 look-ups.
    bool read = for_each_range(quickCheck, limit, [&](UChar32 start, UChar32 end, uint32_t value) {
        memset(classes + start, value == UNORM_YES ? 0 : 255, (size_t)(end - start + 1));
    }) && for_each_range(combining, limit, [&](UChar32 start, UChar32 end, uint32_t value) {
        if (value != 0) {
            for (UChar32 c = start; c <= end; c++) if (classes[c] != 255) classes[c] = (uint8_t)value;
        }
    });
    if (!read) return -1;
    for (UChar32 c = 0xD800; c < 0xE000 && c < limit; c++) classes[c] = 255;
    return 0;
}

extern "C" int ctk_detect_charset(const char *bytes, int32_t len, char *name, int32_t name_cap) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(det, bytes, len, &status);
    const UCharsetMatch *match = ucsdet_detect(det, &status);
    int confidence = -1;
    if (U_SUCCESS(status) && match) {
        const char *n = ucsdet_getName(match, &status);
        confidence = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && n && name_cap > 0) {
            strncpy(name, n, (size_t)name_cap - 1);
            name[name_cap - 1] = 0;
        } else {
            confidence = -1;
        }
    }
    ucsdet_close(det);
    return confidence;
}

extern "C" int ctk_detect_charsets(const char *bytes, int32_t len, char *names, int32_t name_cap, int32_t *confidences, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(det, bytes, len, &status);
    int32_t found = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(det, &found, &status);
    int32_t written = 0;
    for (int32_t i = 0; U_SUCCESS(status) && i < found && written < cap; i++) {
        const char *n = ucsdet_getName(matches[i], &status);
        int32_t confidence = ucsdet_getConfidence(matches[i], &status);
        if (U_FAILURE(status) || !n || name_cap <= 0) break;
        char *slot = names + (size_t)written * (size_t)name_cap;
        strncpy(slot, n, (size_t)name_cap - 1);
        slot[name_cap - 1] = 0;
        confidences[written++] = confidence;
    }
    ucsdet_close(det);
    return U_FAILURE(status) && written == 0 ? -1 : written;
}

extern "C" int ctk_convert_to_utf8(const char *charset, const char *bytes, int32_t len, char **out, int32_t *out_len) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -1;
    // Count substitutions through a callback-free approach: convert to UTF-16 first.
    int32_t cap16 = len * 2 + 16;
    UChar *u16 = (UChar *)malloc(sizeof(UChar) * (size_t)cap16);
    if (!u16) { ucnv_close(from); return -1; }
    int32_t n16 = ucnv_toUChars(from, u16, cap16, bytes, len, &status);
    ucnv_close(from);
    if (U_FAILURE(status)) { free(u16); return -1; }
    int substituted = 0;
    for (int32_t i = 0; i < n16; i++) if (u16[i] == 0xFFFD || u16[i] == 0x1A) substituted++;
    int32_t cap8 = n16 * 3 + 16;
    char *u8 = (char *)malloc((size_t)cap8);
    if (!u8) { free(u16); return -1; }
    UConverter *to = ucnv_open("UTF-8", &status);
    int32_t n8 = ucnv_fromUChars(to, u8, cap8, u16, n16, &status);
    ucnv_close(to);
    free(u16);
    if (U_FAILURE(status)) { free(u8); return -1; }
    *out = u8;
    *out_len = n8;
    return substituted;
}

extern "C" int32_t ctk_script(uint32_t codepoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)codepoint, &status);
    return U_FAILURE(status) ? USCRIPT_INVALID_CODE : (int32_t)s;
}

extern "C" int32_t ctk_char_category(uint32_t codepoint) { return u_charType((UChar32)codepoint); }

extern "C" int ctk_is_alphabetic(uint32_t codepoint) { return u_isUAlphabetic((UChar32)codepoint) ? 1 : 0; }

extern "C" const char *ctk_script_code(int32_t script) {
    return uscript_getShortName((UScriptCode)script);
}

extern "C" int32_t ctk_word_segments(const char *src, int32_t len, int32_t *pairs, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(nullptr, src, len, &status);
    if (U_FAILURE(status)) return -1;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", nullptr, 0, &status);
    if (U_FAILURE(status)) { utext_close(ut); return -1; }
    ubrk_setUText(bi, ut, &status);
    if (U_FAILURE(status)) { ubrk_close(bi); utext_close(ut); return -1; }
    int32_t count = 0;
    int32_t start = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
        if (ubrk_getRuleStatus(bi) == UBRK_WORD_NONE) continue;
        if (count < cap) {
            pairs[2 * count] = start;
            pairs[2 * count + 1] = end;
        }
        count++;
    }
    ubrk_close(bi);
    utext_close(ut);
    return count;
}
