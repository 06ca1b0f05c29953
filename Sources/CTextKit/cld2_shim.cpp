// CLD2 wrapper: document language, top 3, reliability and per-span languages.
#include "ctextkit.h"

#include <cstring>
#include <vector>
#include <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace CLD2 {
const char *LanguageCode(Language lang);
Language GetLanguageFromName(const char *src);
}

// The full tables are in libcld2_full, whose data symbols interpose over the small tables of
// libcld2 when it is loaded first. Referring to one of them here, with libcld2_full linked
// before libcld2 (Package.swift), makes the linker resolve it there and keep libcld2_full
// first among the libraries, also when it links with --as-needed. Only the symbol's address
// is taken (its type does not matter to the linker: C++ does not mangle a variable's type).
namespace CLD2 {
extern const char kQuad_obj;
}
extern "C" const void *ctk_cld2_full_tables(void) { return &CLD2::kQuad_obj; }

static void copy_code(char dst[8], CLD2::Language lang) {
    const char *code = CLD2::LanguageCode(lang);
    strncpy(dst, code ? code : "un", 7);
    dst[7] = 0;
}

extern "C" int ctk_detect_language(const char *src, int32_t len, int best_effort, const char *language_hint,
                                   ctk_lang_result *result, ctk_lang_chunk *chunks, int32_t chunk_cap) {
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    if (language_hint && *language_hint) hints.language_hint = CLD2::GetLanguageFromName(language_hint);
    // CLD2 leaves these unset when it gives up early; never read them uninitialized.
    CLD2::Language language3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percent3[3] = {0, 0, 0};
    double score3[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    CLD2::ResultChunkVector vec;
    int flags = best_effort ? CLD2::kCLDFlagBestEffort : 0;
    // The input is valid UTF-8 (a Swift string). The checking entry point would stop at the
    // first C1 control or noncharacter and answer nothing for the whole text; this one reads
    // past them as it reads past punctuation.
    CLD2::ExtDetectLanguageSummary(src, len, true, &hints, flags, language3, percent3, score3,
                                   chunks ? &vec : nullptr, &text_bytes, &reliable);
    valid_prefix = len;
    for (int i = 0; i < 3; i++) {
        copy_code(result->code[i], language3[i]);
        result->percent[i] = percent3[i];
        result->normalized_score[i] = score3[i];
    }
    result->text_bytes = text_bytes;
    result->reliable = reliable ? 1 : 0;
    result->valid_prefix = valid_prefix;
    result->chunk_count = (int32_t)vec.size();
    if (chunks) {
        for (int32_t i = 0; i < (int32_t)vec.size() && i < chunk_cap; i++) {
            chunks[i].offset = vec[i].offset;
            chunks[i].length = vec[i].bytes;
            copy_code(chunks[i].code, static_cast<CLD2::Language>(vec[i].lang1));
        }
    }
    return 0;
}

extern "C" const char *ctk_cld2_version(void) { return CLD2::DetectLanguageVersion(); }

extern "C" int32_t ctk_cld2_language_count(void) { return CLD2::NUM_LANGUAGES; }

extern "C" const char *ctk_cld2_recognized_language(int32_t index) {
    if (index < 0 || index >= CLD2::NUM_LANGUAGES) return nullptr;
    CLD2::Language lang = static_cast<CLD2::Language>(index);
    // A language CLD2 recognizes in no script (ULScript_Common is "none") never comes out.
    if (CLD2::LanguageRecognizedScript(lang, 0) == CLD2::ULScript_Common) return nullptr;
    return CLD2::LanguageCode(lang);
}

extern "C" const char *ctk_cld2_language_for_name(const char *name) {
    return CLD2::LanguageCode(CLD2::GetLanguageFromName(name));
}
