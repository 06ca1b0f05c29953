// CLD2 wrapper: document language, top 3, reliability and per-span languages.
#include "ctextkit.h"

#include <cstring>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <dlfcn.h>
#include <string>
// The scanner's fields are private in Debian's header; the faster scan below works on them.
#define private public
#include <cld2/internal/getonescriptspan.h>
#undef private

namespace CLD2 {
const char *LanguageCode(Language lang);
Language GetLanguageFromName(const char *src);
// Bytes from src to the first letter, mark or HTML special (< > &) within len; len when none.
int ScanToLetterOrSpecial(const char *src, int len);
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

// ---------------------------------------------------------------------------------------------
// CLD2's script scanner, the same spans made faster.
//
// Half of what CLD2 costs is ScriptScanner::GetOneScriptSpan: for every character it asks two
// UTF-8 state machines whether it is a letter and of which script, and records one offset-map
// step per character. This definition interposes over libcld2's (its own calls go through the
// PLT): for plain text of letters and marks (how DetectLanguageSummaryV2 builds its scanner)
// it answers from per-code-point tables filled once by CLD2's own functions
// (GetUTF8LetterScriptNum, and ScanToLetterOrSpecial for where a run of non-letters stops), and
// records each word and each run of non-letters as one offset-map step (the map merges
// consecutive steps of one kind, so its state is the same). Any other scanner goes to
// libcld2's definition. The text must be valid UTF-8 (it always is here: Swift strings).
// Its logic follows CLD2's getonescriptspan.cc (Apache License 2.0, the CLD2 authors).

namespace {

// Per BMP code point: CLD2's script number of it (GetUTF8LetterScriptNum, 0 for a non-letter),
// with `stops` set when ScanToLetterOrSpecial stops at it.
const uint8_t stops = 0x80;
static_assert(CLD2::NUM_ULSCRIPTS <= stops, "a script number fits below the stop bit");

// The UTF-8 of BMP code point c (surrogates too, as three bytes); returns its length.
int encode_bmp(uint32_t c, char *out) {
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | c >> 12);
    out[1] = (char)(0x80 | (c >> 6 & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

// The entries of every BMP code point, filled once (65,536 calls of each function, about 13 M instructions).
const uint8_t *scan_table() {
    static const uint8_t *table = [] {
        auto *t = new uint8_t[0x10000];
        for (uint32_t c = 0; c < 0x10000; c++) {
            char bytes[8] = {0};
            int n = encode_bmp(c, bytes);
            t[c] = (uint8_t)(CLD2::GetUTF8LetterScriptNum(bytes) | (CLD2::ScanToLetterOrSpecial(bytes, n) == 0 ? stops : 0));
        }
        return t;
    }();
    return table;
}

// The entry of the character at p, and its length as CLD2 reads it (by its lead byte).
inline uint8_t scan_entry(const uint8_t *table, const char *p, int *length) {
    const uint8_t *s = reinterpret_cast<const uint8_t *>(p);
    if (s[0] < 0x80) {
        *length = 1;
        return table[s[0]];
    }
    if (s[0] < 0xC0) {
        // A stray continuation byte (never in valid UTF-8): as CLD2 reads it.
        *length = 1;
        return (uint8_t)(CLD2::GetUTF8LetterScriptNum(p) | (CLD2::ScanToLetterOrSpecial(p, 1) == 0 ? stops : 0));
    }
    if (s[0] < 0xE0) {
        *length = 2;
        return table[(s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu)];
    }
    if (s[0] < 0xF0) {
        *length = 3;
        return table[(s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu)];
    }
    *length = 4;
    return (uint8_t)(CLD2::GetUTF8LetterScriptNum(p) | (CLD2::ScanToLetterOrSpecial(p, 4) == 0 ? stops : 0));
}

using SpanFunction = bool (*)(CLD2::ScriptScanner *, CLD2::LangSpan *);

// libcld2's own GetOneScriptSpan, for the scanners the fast one does not serve.
SpanFunction cld2_get_one_script_span() {
    static const SpanFunction original =
        reinterpret_cast<SpanFunction>(dlsym(RTLD_NEXT, "_ZN4CLD213ScriptScanner16GetOneScriptSpanEPNS_8LangSpanE"));
    if (original == nullptr) {
        fprintf(stderr, "corpusclean: libcld2's ScriptScanner::GetOneScriptSpan not found (is libcld2 linked dynamically?)\n");
        abort();
    }
    return original;
}

// Whether the offset maps a and b are in the same state (the same steps, the same position).
bool same_map(const CLD2::OffsetMap &a, const CLD2::OffsetMap &b) {
    return a.diffs_ == b.diffs_ && a.pending_op_ == b.pending_op_ && a.pending_length_ == b.pending_length_ &&
           a.next_diff_sub_ == b.next_diff_sub_ && a.current_lo_aoffset_ == b.current_lo_aoffset_ &&
           a.current_hi_aoffset_ == b.current_hi_aoffset_ && a.current_lo_aprimeoffset_ == b.current_lo_aprimeoffset_ &&
           a.current_hi_aprimeoffset_ == b.current_hi_aprimeoffset_ && a.current_diff_ == b.current_diff_ &&
           a.max_aoffset_ == b.max_aoffset_ && a.max_aprimeoffset_ == b.max_aprimeoffset_;
}

}  // namespace

extern "C" int32_t ctk_cld2_scanner_spans(const char *src, int32_t len) {
    SpanFunction original = cld2_get_one_script_span();
    if (!original) return -1;
    CLD2::ScriptScanner fast(src, len, true), cld2(src, len, true);
    for (int32_t spans = 0;; spans++) {
        CLD2::LangSpan a = {}, b = {};
        bool more = fast.GetOneScriptSpan(&a);
        bool same = more == original(&cld2, &b) && a.text_bytes == b.text_bytes && a.offset == b.offset &&
                    a.ulscript == b.ulscript && a.lang == b.lang && a.truncated == b.truncated &&
                    fast.next_byte_ - fast.start_byte_ == cld2.next_byte_ - cld2.start_byte_ &&
                    fast.byte_length_ == cld2.byte_length_ && same_map(fast.map2original_, cld2.map2original_) &&
                    (!more || memcmp(a.text, b.text, (size_t)a.text_bytes + 4) == 0);
        if (!same) return -1;
        if (!more) return spans;
    }
}

bool CLD2::ScriptScanner::GetOneScriptSpan(CLD2::LangSpan *span) {
    if (!letters_marks_only_ || !is_plain_text_) return cld2_get_one_script_span()(this, span);
    span->text = script_buffer_;
    span->text_bytes = 0;
    span->offset = (int)(next_byte_ - start_byte_);
    span->ulscript = UNKNOWN_ULSCRIPT;
    span->lang = UNKNOWN_LANGUAGE;
    span->truncated = false;
    int soft_limit = kMaxScriptBytes - kWithinScriptTail;
    if (kMaxScriptBytes <= byte_length_ && byte_length_ < 2 * kMaxScriptBytes) soft_limit = byte_length_ / 2;
    script_buffer_[0] = ' ';
    script_buffer_[1] = '\0';
    map2original_.Clear();
    map2original_.Delete(span->offset);

    // To the first character that stops the scan and has a script.
    const uint8_t *table = scan_table();
    int skip = 0, span_script = UNKNOWN_ULSCRIPT;
    while (skip < byte_length_) {
        int n;
        uint8_t entry = scan_entry(table, next_byte_ + skip, &n);
        if ((entry & stops) && (entry & ~stops)) {
            span_script = entry & ~stops;
            break;
        }
        skip += n;
    }
    if (skip > byte_length_) skip = byte_length_;
    next_byte_ += skip;
    byte_length_ -= skip;
    if (skip != 1) {
        map2original_.Delete(skip);
        map2original_.Insert(1);
    } else {
        map2original_.Copy(1);
    }
    if (byte_length_ <= 0) {
        map2original_.Reset();
        return false;
    }
    span->ulscript = (ULScript)span_script;

    const char *src = next_byte_;
    const uint8_t *bytes = reinterpret_cast<const uint8_t *>(src);
    const int length = byte_length_;
    int take = 0, put = 1, sc = UNKNOWN_ULSCRIPT;
    while (take < length) {
        // A word: letters of the span's script, marks, and a lone letter of another script
        // followed by a non-letter or a letter of the span's script. It ends the span's text
        // when it fills the buffer (at `full`).
        const int word = take, full = word + kMaxScriptBytes - put;
        while (take < length) {
            int n = 1;
            uint8_t entry = bytes[take] < 0x80 ? table[bytes[take]] : scan_entry(table, src + take, &n);
            sc = entry & ~stops;
            if (sc != span_script && sc != ULScript_Inherited) {
                if (sc == ULScript_Common) break;
                int next = CLD2::GetUTF8LetterScriptNum(src + take + n);
                if (next != ULScript_Common && next != span_script && one_script_only_) break;
            }
            take += n;
            if (take >= full) {
                span->truncated = true;
                break;
            }
        }
        memcpy(script_buffer_ + put, src + word, (size_t)(take - word));
        put += take - word;
        map2original_.Copy(take - word);
        // The non-letters after it, up to the next character that stops the scan and has a
        // script (the last one the scan stops at gives `sc`).
        const int gap = take;
        while (take < length) {
            int n = 1;
            uint8_t entry = bytes[take] < 0x80 ? table[bytes[take]] : scan_entry(table, src + take, &n);
            if (entry & stops) {
                sc = entry & ~stops;
                if (sc != 0) break;
            }
            take += n;
        }
        map2original_.Delete(take - gap);
        script_buffer_[put++] = ' ';
        map2original_.Insert(1);
        if (sc != span_script && sc != ULScript_Inherited) break;
        if (put >= soft_limit) {
            span->truncated = true;
            break;
        }
    }
    while (0 < take && take < length && (src[take] & 0xC0) == 0x80) {
        --take;
        --put;
    }
    next_byte_ += take;
    byte_length_ -= take;
    script_buffer_[put + 0] = ' ';
    script_buffer_[put + 1] = ' ';
    script_buffer_[put + 2] = ' ';
    script_buffer_[put + 3] = '\0';
    map2original_.Insert(4);
    map2original_.Reset();
    span->text_bytes = put;
    return true;
}
