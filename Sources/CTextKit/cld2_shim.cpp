// CLD2 wrapper: document language, top 3, reliability and per-span languages.
//
// Parts of this file follow CLD2 (getonescriptspan.cc, offsetmap.cc, tote.cc, cldutil.cc,
// cldutil_shared.cc), Copyright 2013 Google Inc., under the Apache License 2.0
// (LICENSES/Apache-2.0.txt), modified: the README's "Code that follows another project's" lists them.
#include "ctextkit.h"
#include "seeded_draws.h"
#include "sse_bytes.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <dlfcn.h>
#include <string>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif
// The scanner's and the tote's fields are private in Debian's headers; the faster code below works on them.
#define private public
#include <cld2/internal/getonescriptspan.h>
#include <cld2/internal/tote.h>
#include <cld2/internal/cldutil.h>
#include <cld2/internal/lang_script.h>
#undef private

namespace CLD2 {
const char *LanguageCode(Language lang);
Language GetLanguageFromName(const char *src);
// Bytes from src to the first letter, mark or HTML special (< > &) within len; len when none.
int ScanToLetterOrSpecial(const char *src, int len);
// Adds a hit's langprob (its probability byte and up to three languages) to a chunk's tote.
void AddLangProb(uint32 langprob, Tote *chunk_tote);
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
        result->language[i] = language3[i];
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
            chunks[i].language = vec[i].lang1;
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

extern "C" void ctk_cld2_language_code(int32_t index, char code[8]) {
    copy_code(code, static_cast<CLD2::Language>(index));
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
// consecutive steps of one kind, so its state is the same), taken inline (MapSteps). Any other
// scanner goes to libcld2's definition. GetOneScriptSpanLower, which DetectLanguageSummaryV2
// calls, is defined here too: this scanner's span, lower-cased from a per-code-point table of
// what libcld2's LowerScriptSpan makes of each character (sixteen bytes at a time where none
// can change). The text must be valid UTF-8 (it always is here: Swift strings).
// Its logic follows CLD2's getonescriptspan.cc and offsetmap.cc (Apache License 2.0, the CLD2
// authors).

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

#if defined(__x86_64__)
// Whether the scan table's ASCII entries are what the sixteen-byte step of GetOneScriptSpan
// takes them to be: a letter is Latin and stops the scan, < > & stop it with no script, and no
// other byte stops it or has a script.
bool ascii_entries_plain(const uint8_t *table) {
    static const bool plain = [table] {
        for (int b = 0; b < 0x80; b++) {
            bool letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z', special = b == '<' || b == '>' || b == '&';
            uint8_t expected = letter ? (uint8_t)(stops | CLD2::ULScript_Latin) : special ? stops : 0;
            if (table[b] != expected) return false;
        }
        return true;
    }();
    return plain;
}
#endif

// libcld2's own definition of `symbol` (one this file defines too), named `name` in the message
// that aborts when it cannot be found.
void *cld2_original(const char *symbol, const char *name) {
    void *original = dlsym(RTLD_NEXT, symbol);
    if (original == nullptr) {
        fprintf(stderr, "corpusclean: libcld2's %s not found (is libcld2 linked dynamically?)\n", name);
        abort();
    }
    return original;
}

using MapBackFunction = int (*)(CLD2::OffsetMap *, int);

// libcld2's own OffsetMap::MapBack.
MapBackFunction libcld2_map_back() {
    static const MapBackFunction original =
        reinterpret_cast<MapBackFunction>(cld2_original("_ZN4CLD29OffsetMap7MapBackEi", "OffsetMap::MapBack"));
    return original;
}

using SpanFunction = bool (*)(CLD2::ScriptScanner *, CLD2::LangSpan *);

// libcld2's own GetOneScriptSpan, for the scanners the fast one does not serve.
SpanFunction cld2_get_one_script_span() {
    static const SpanFunction original = reinterpret_cast<SpanFunction>(
        cld2_original("_ZN4CLD213ScriptScanner16GetOneScriptSpanEPNS_8LangSpanE", "ScriptScanner::GetOneScriptSpan"));
    return original;
}

// The offset map's steps as OffsetMap::Copy, Insert and Delete take them (the same merging of
// a step into the pending one, the same bytes emitted), with the pending step in locals and the
// bytes emitted gathered here: libcld2's own cost a call through its PLT and a string append for
// every word. `finish` writes them to the map.
struct MapSteps {
    CLD2::OffsetMap &map;
    int op;
    uint32_t length;
    int max_aoffset, max_aprimeoffset;
    // Bytes emitted, not yet appended to the map's.
    char out[64];
    int emitted = 0;

    explicit MapSteps(CLD2::OffsetMap &map)
        : map(map), op(map.pending_op_), length(map.pending_length_), max_aoffset(map.max_aoffset_),
          max_aprimeoffset(map.max_aprimeoffset_) {}

    __attribute__((always_inline)) void emit(int emit_op, int emit_length) {
        if (emitted == (int)sizeof out) {
            map.diffs_.append(out, (size_t)emitted);
            emitted = 0;
        }
        out[emitted++] = (char)(emit_op << 6 | (emit_length & 0x3f));
    }

    __attribute__((always_inline)) void flush() {
        if (length == 0) return;
        if (op == CLD2::OffsetMap::COPY_OP && (emitted > 0 || !map.diffs_.empty())) {
            char &last = emitted > 0 ? out[emitted - 1] : map.diffs_.back();
            if (((last >> 6) & 3) == CLD2::OffsetMap::COPY_OP && (int)(last & 0x3f) + (int)length <= 0x3f) {
                last = (char)(last + length);
                length = 0;
                return;
            }
        }
        if (length > 0x3f) {
            bool prefixed = false;
            for (int shift = 30; shift > 0; shift -= 6) {
                int prefix = (int)(length >> shift) & 0x3f;
                if (prefix > 0 || prefixed) {
                    emit(CLD2::OffsetMap::PREFIX_OP, prefix);
                    prefixed = true;
                }
            }
        }
        emit(op, (int)(length & 0x3f));
        length = 0;
    }

    __attribute__((always_inline)) void copy(int bytes) {
        if (bytes == 0) return;
        max_aoffset += bytes;
        max_aprimeoffset += bytes;
        if (op == CLD2::OffsetMap::COPY_OP) {
            length += bytes;
        } else {
            flush();
            op = CLD2::OffsetMap::COPY_OP;
            length = bytes;
        }
    }

    // A step of `kind` (insert or delete) that, on a pending one-byte step of the other kind,
    // makes it a copy.
    __attribute__((always_inline)) void change(int kind, int other, int bytes) {
        if (bytes == 0) return;
        if (op == kind) {
            length += bytes;
        } else if (bytes == 1 && op == other && length == 1) {
            op = CLD2::OffsetMap::COPY_OP;
        } else {
            flush();
            op = kind;
            length = bytes;
        }
    }

    __attribute__((always_inline)) void insert(int bytes) {
        max_aprimeoffset += bytes;
        change(CLD2::OffsetMap::INSERT_OP, CLD2::OffsetMap::DELETE_OP, bytes);
    }

    __attribute__((always_inline)) void remove(int bytes) {
        max_aoffset += bytes;
        change(CLD2::OffsetMap::DELETE_OP, CLD2::OffsetMap::INSERT_OP, bytes);
    }

    void finish() {
        if (emitted > 0) map.diffs_.append(out, (size_t)emitted);
        emitted = 0;
        map.pending_op_ = (CLD2::OffsetMap::MapOp)op;
        map.pending_length_ = length;
        map.max_aoffset_ = max_aoffset;
        map.max_aprimeoffset_ = max_aprimeoffset;
    }
};

using LowerFunction = void (*)(CLD2::ScriptScanner *, CLD2::LangSpan *);

// libcld2's own LowerScriptSpan, for the spans the fast one does not serve.
LowerFunction cld2_lower_script_span() {
    static const LowerFunction original = reinterpret_cast<LowerFunction>(
        cld2_original("_ZN4CLD213ScriptScanner15LowerScriptSpanEPNS_8LangSpanE", "ScriptScanner::LowerScriptSpan"));
    return original;
}

// Per BMP code point, what libcld2's LowerScriptSpan makes of it when that is one code point
// of the same UTF-8 length (its lower case, or itself); `unlowered` when it is anything else
// (a longer or shorter replacement, a surrogate, a character its state machine stops at).
const uint16_t unlowered = 0xFFFF;

// Code points lowered by one call of libcld2's LowerScriptSpan while the table is filled.
const uint32_t lower_batch = 4096;

// The table, filled once by libcld2's LowerScriptSpan over batches of code points, each
// between spaces (a batch whose output does not split into as many characters of the same
// lengths is redone in halves).
const uint16_t *lower_table() {
    static const uint16_t *table = [] {
        auto *t = new uint16_t[0x10000];
        LowerFunction lower = cld2_lower_script_span();
        CLD2::ScriptScanner scanner("", 0, true);
        // " c c c ...   " and a NUL: four bytes a code point at most.
        std::vector<char> input(4 * lower_batch + 8);
        // Lowers the code points [first, end) (surrogates skipped) into t; false when the
        // output does not split as the input does.
        auto batch = [&](uint32_t first, uint32_t end) {
            char *text = input.data();
            int length = 0;
            text[length++] = ' ';
            for (uint32_t c = first; c < end; c++) {
                if (c >= 0xD800 && c < 0xE000) continue;
                length += encode_bmp(c, text + length);
                text[length++] = ' ';
            }
            text[length++] = ' ';
            text[length++] = ' ';
            text[length] = '\0';
            CLD2::LangSpan span = {};
            span.text = text;
            span.text_bytes = length - 3;
            lower(&scanner, &span);
            if (span.text_bytes != length - 3 || span.text[0] != ' ') return false;
            const uint8_t *out = reinterpret_cast<const uint8_t *>(span.text) + 1;
            for (uint32_t c = first; c < end; c++) {
                if (c >= 0xD800 && c < 0xE000) {
                    t[c] = unlowered;
                    continue;
                }
                // A well-formed character of c's length, then the space.
                int n = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                uint32_t v;
                bool formed;
                if (n == 1) {
                    v = out[0];
                    formed = v < 0x80;
                } else if (n == 2) {
                    v = (out[0] & 0x1Fu) << 6 | (out[1] & 0x3Fu);
                    formed = (out[0] & 0xE0) == 0xC0 && (out[1] & 0xC0) == 0x80 && v >= 0x80;
                } else {
                    v = (out[0] & 0x0Fu) << 12 | (out[1] & 0x3Fu) << 6 | (out[2] & 0x3Fu);
                    formed = (out[0] & 0xF0) == 0xE0 && (out[1] & 0xC0) == 0x80 && (out[2] & 0xC0) == 0x80 && v >= 0x800;
                }
                if (!formed || out[n] != ' ' || (v >= 0xD800 && v < 0xE000) || v == unlowered) return false;
                t[c] = (uint16_t)v;
                out += n + 1;
            }
            return true;
        };
        // A batch that does not split is halved until the characters that change length are alone.
        struct Halving {
            static void fill(decltype(batch) &batch, uint16_t *t, uint32_t first, uint32_t end) {
                if (batch(first, end)) return;
                if (end - first == 1) {
                    t[first] = unlowered;
                    return;
                }
                fill(batch, t, first, first + (end - first) / 2);
                fill(batch, t, first + (end - first) / 2, end);
            }
        };
        for (uint32_t first = 0; first < 0x10000; first += lower_batch) Halving::fill(batch, t, first, first + lower_batch);
        // A space separates the batch's characters: a character that lowers to one could not be told.
        t[0] = unlowered;
        return t;
    }();
    return table;
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
    LowerFunction lower = cld2_lower_script_span();
    CLD2::ScriptScanner fast(src, len, true), cld2(src, len, true);
    for (int32_t spans = 0;; spans++) {
        CLD2::LangSpan a = {}, b = {};
        bool more = fast.GetOneScriptSpanLower(&a);
        bool cld2_more = original(&cld2, &b);
        if (cld2_more) lower(&cld2, &b);
        bool same = more == cld2_more && a.text_bytes == b.text_bytes && a.offset == b.offset &&
                    a.ulscript == b.ulscript && a.lang == b.lang && a.truncated == b.truncated &&
                    fast.next_byte_ - fast.start_byte_ == cld2.next_byte_ - cld2.start_byte_ &&
                    fast.byte_length_ == cld2.byte_length_ && same_map(fast.map2original_, cld2.map2original_) &&
                    same_map(fast.map2uplow_, cld2.map2uplow_) &&
                    (!more || (memcmp(a.text, b.text, (size_t)a.text_bytes + 4) == 0 &&
                               memcmp(fast.script_buffer_, cld2.script_buffer_, (size_t)a.text_bytes + 4) == 0));
        if (!same) return -1;
        if (!more) return spans;
        // Every offset of the lowered text (and a few outside it) maps back to the same input offset.
        for (int offset = -1; offset <= a.text_bytes + 4; offset++) {
            int theirs = libcld2_map_back()(&cld2.map2original_, libcld2_map_back()(&cld2.map2uplow_, offset));
            if (fast.MapBack(offset) != theirs) return -1;
        }
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
    MapSteps map(map2original_);
#if defined(__x86_64__)
    const bool latin = span_script == ULScript_Latin && ascii_entries_plain(table);
#endif
    while (take < length) {
#if defined(__x86_64__)
        // In a Latin span, a word of ASCII letters and the ASCII non-letters after it up to the
        // next ASCII letter, when all lie in the next sixteen bytes (far from the buffer's end):
        // what the loops below do with them, from bit masks. `sc` is then the next letter's, Latin.
        if (latin && take + 16 <= length && put + 16 <= kMaxScriptBytes) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes + take));
            unsigned letters = (unsigned)_mm_movemask_epi8(ctk_ascii_letters(v)), other = (unsigned)_mm_movemask_epi8(v);
            unsigned word = (unsigned)__builtin_ctz(~letters);
            unsigned ends = (letters | other) >> word;
            if (word > 0 && word < 16 && !(other >> word & 1) && ends != 0) {
                unsigned gap = (unsigned)__builtin_ctz(ends);
                if (letters >> (word + gap) & 1) {
                    _mm_storeu_si128(reinterpret_cast<__m128i *>(script_buffer_ + put), v);
                    put += (int)word;
                    map.copy((int)word);
                    map.remove((int)gap);
                    script_buffer_[put++] = ' ';
                    map.insert(1);
                    take += (int)(word + gap);
                    sc = span_script;
                    if (put >= soft_limit) {
                        span->truncated = true;
                        break;
                    }
                    continue;
                }
            }
        }
#endif
        // A word: letters of the span's script, marks, and a lone letter of another script
        // followed by a non-letter or a letter of the span's script. It ends the span's text
        // when it fills the buffer (at `full`).
        const int word = take, full = word + kMaxScriptBytes - put, end = full < length ? full : length;
        while (take < end) {
#if defined(__x86_64__)
            // A run of ASCII letters in a Latin span, sixteen bytes at a time (each would go on
            // with `sc` Latin); the scan goes on from the first other byte.
            if (latin && bytes[take] < 0x80 && take + 16 <= end) {
                __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes + take));
                unsigned run = (unsigned)__builtin_ctz(~(unsigned)_mm_movemask_epi8(ctk_ascii_letters(v)));
                if (run > 0) sc = span_script;
                take += (int)run;
                if (run == 16) continue;
            }
#endif
            int n = 1;
            uint8_t entry = bytes[take] < 0x80 ? table[bytes[take]] : scan_entry(table, src + take, &n);
            sc = entry & ~stops;
            if (sc != span_script && sc != ULScript_Inherited) {
                if (sc == ULScript_Common) break;
                int next = CLD2::GetUTF8LetterScriptNum(src + take + n);
                if (next != ULScript_Common && next != span_script && one_script_only_) break;
            }
            take += n;
        }
        if (take >= full) span->truncated = true;
#if defined(__x86_64__)
        // A word of sixteen bytes or less in one store (the bytes past it are written over next).
        if (take - word <= 16 && word + 16 <= length) {
            _mm_storeu_si128(reinterpret_cast<__m128i *>(script_buffer_ + put),
                             _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + word)));
        } else {
            memcpy(script_buffer_ + put, src + word, (size_t)(take - word));
        }
#else
        memcpy(script_buffer_ + put, src + word, (size_t)(take - word));
#endif
        put += take - word;
        map.copy(take - word);
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
        map.remove(take - gap);
        script_buffer_[put++] = ' ';
        map.insert(1);
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
    map.finish();
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

namespace {

// What lower_utf8 does with a byte: keep it, add 0x20 (A-Z), read the two- or three-byte
// character it leads from the table, or give up (libcld2 lowers the text).
enum LowerClass : uint8_t { keep, ascii_upper, table2, table3, give_up };

// Per byte: its LowerClass. A lead byte all of whose characters the table leaves as they are is
// kept, with its continuation bytes.
const uint8_t *lower_classes() {
    static const uint8_t *classes = [] {
        const uint16_t *table = lower_table();
        auto *k = new uint8_t[256];
        // The characters a lead byte leads: all kept?
        auto kept = [&](uint32_t first, uint32_t end) {
            for (uint32_t c = first; c < end; c++) {
                if (c >= 0xD800 && c < 0xE000) continue;
                if (table[c] != c) return false;
            }
            return true;
        };
        for (uint32_t b = 0; b < 256; b++) {
            if (b < 0x80) {
                k[b] = table[b] == b ? keep : b >= 'A' && b <= 'Z' && table[b] == b + 0x20 ? ascii_upper : give_up;
            } else if (b < 0xC0) {
                k[b] = keep;
            } else if (b < 0xC2) {
                k[b] = give_up;
            } else if (b < 0xE0) {
                k[b] = kept((b & 0x1F) << 6, ((b & 0x1F) + 1) << 6) ? keep : table2;
            } else if (b < 0xF0) {
                uint32_t first = (b & 0x0F) << 12;
                k[b] = kept(first < 0x800 ? 0x800 : first, first + 0x1000) ? keep : table3;
            } else {
                k[b] = give_up;
            }
        }
        return k;
    }();
    return classes;
}

#if defined(__x86_64__)
// The bytes of v that may be other than kept (SSE2, every x86-64): A-Z, the lead bytes C0-D5,
// E1, E2, EA, EF and F0-FF, whose characters include upper-case ones (as libcld2's tables
// lower them) or give up, and NUL (never in a span's text; the table gives it up).
inline __m128i sse2_flags(__m128i v) {
    __m128i flags = _mm_or_si128(ctk_bytes_in_range(v, 'A', 26), ctk_bytes_in_range(v, 0xC0, 0xD6 - 0xC0));
    flags = _mm_or_si128(flags, _mm_or_si128(ctk_bytes_in_range(v, 0xE1, 2), ctk_bytes_in_range(v, 0xF0, 16)));
    flags = _mm_or_si128(flags, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEA)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
    return _mm_or_si128(flags, _mm_cmpeq_epi8(v, _mm_setzero_si128()));
}

// Whether sse2_flags flags every byte whose class is not `keep` (else the bytes go one by one).
bool sse2_flags_all_changes() {
    static const bool all = [] {
        const uint8_t *classes = lower_classes();
        for (int b = 0; b < 256; b++) {
            uint8_t bytes[16];
            memset(bytes, b, sizeof bytes);
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes));
            if (classes[b] != keep && _mm_movemask_epi8(sse2_flags(v)) == 0) return false;
        }
        return true;
    }();
    return all;
}

// Whether every byte A-Z is of class ascii_upper (then a block's upper-case ASCII letters are
// lowered in the block).
bool ascii_upper_all() {
    static const bool all = [] {
        const uint8_t *classes = lower_classes();
        for (int b = 'A'; b <= 'Z'; b++) {
            if (classes[b] != ascii_upper) return false;
        }
        return true;
    }();
    return all;
}
#endif

// The lower case of the `length` bytes of valid UTF-8 at `in` into `out` (as many bytes), from
// the table; false when a character is not one of the table's (four bytes, or `unlowered`):
// libcld2 lowers that text.
bool lower_utf8(const uint8_t *in, int length, uint8_t *out) {
    const uint16_t *table = lower_table();
    const uint8_t *classes = lower_classes();
    int i = 0;
#if defined(__x86_64__)
    const bool blocks = sse2_flags_all_changes(), upper = blocks && ascii_upper_all();
#endif
    while (i < length) {
#if defined(__x86_64__)
        // Sixteen bytes at a time while none may be other than kept or an ASCII upper-case letter
        // (see `sse2_flags`): copied with A-Z lowered, and up to the first other byte that may
        // change when there is one (then it goes the way of its class).
        if (blocks && i + 16 <= length) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + i));
            unsigned flagged = (unsigned)_mm_movemask_epi8(sse2_flags(v));
            if (upper && flagged != 0) {
                __m128i letters = ctk_bytes_in_range(v, 'A', 26);
                flagged &= ~(unsigned)_mm_movemask_epi8(letters);
                v = _mm_add_epi8(v, _mm_and_si128(letters, _mm_set1_epi8(0x20)));
            }
            _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), v);
            if (flagged == 0) {
                i += 16;
                continue;
            }
            i += __builtin_ctz(flagged);
        }
#endif
        uint8_t b = in[i];
        switch (classes[b]) {
        case keep:
            out[i++] = b;
            continue;
        case ascii_upper:
            out[i++] = (uint8_t)(b + 0x20);
            continue;
        case table2: {
            if (i + 1 >= length || (in[i + 1] & 0xC0) != 0x80) return false;
            uint16_t lower = table[(b & 0x1Fu) << 6 | (in[i + 1] & 0x3Fu)];
            if (lower == unlowered || lower < 0x80 || lower >= 0x800) return false;
            out[i] = (uint8_t)(0xC0 | lower >> 6);
            out[i + 1] = (uint8_t)(0x80 | (lower & 0x3F));
            i += 2;
            continue;
        }
        case table3: {
            if (i + 2 >= length || (in[i + 1] & 0xC0) != 0x80 || (in[i + 2] & 0xC0) != 0x80) return false;
            uint32_t c = (b & 0x0Fu) << 12 | (in[i + 1] & 0x3Fu) << 6 | (in[i + 2] & 0x3Fu);
            uint16_t lower = table[c];
            if (c < 0x800 || lower == unlowered || lower < 0x800) return false;
            out[i] = (uint8_t)(0xE0 | lower >> 12);
            out[i + 1] = (uint8_t)(0x80 | (lower >> 6 & 0x3F));
            out[i + 2] = (uint8_t)(0x80 | (lower & 0x3F));
            i += 3;
            continue;
        }
        default:
            return false;
        }
    }
    return true;
}

}  // namespace

// libcld2's GetOneScriptSpanLower is this scanner's GetOneScriptSpan, then LowerScriptSpan. The
// lower-casing is the table's, which keeps every character's length: the text lowered by
// libcld2, and an offset map of one copying step (UTF8GenericReplace records a replacement of
// the same length as copied bytes). Text with a character outside the table goes to libcld2's.
bool CLD2::ScriptScanner::GetOneScriptSpanLower(CLD2::LangSpan *span) {
    if (!GetOneScriptSpan(span)) return false;
    // Its three spaces after the text are lowered too.
    const int length = span->text_bytes + 3;
    if (!is_plain_text_ ||
        !lower_utf8(reinterpret_cast<const uint8_t *>(span->text), length,
                    reinterpret_cast<uint8_t *>(script_buffer_lower_))) {
        cld2_lower_script_span()(this, span);
        return true;
    }
    map2uplow_.Clear();
    map2uplow_.Copy(length);
    map2uplow_.Reset();
    script_buffer_lower_[length] = '\0';
    span->text = script_buffer_lower_;
    return true;
}

// CLD2's Tote::CurrentTopThreeKeys, which ScoreOneChunk asks after every chunk: the three keys of
// highest score, the lower key first on a tie, over the groups of four keys in use. libcld2's
// walks the in-use mask a bit at a time up to its highest group; this goes from set bit to set
// bit, in the same order, so the comparisons and the answer are the same. Its logic follows
// CLD2's tote.cc (Apache License 2.0, the CLD2 authors).
void CLD2::Tote::CurrentTopThreeKeys(int *key3) const {
    key3[0] = -1;
    key3[1] = -1;
    key3[2] = -1;
    int score3[3] = {-1, -1, -1};
    for (uint64 mask = in_use_mask_; mask != 0; mask &= mask - 1) {
        const int base = 4 * __builtin_ctzll(mask);
        for (int i = 0; i < 4; ++i) {
            const int score = score_[base + i];
            if (score <= score3[2]) continue;
            int at = 2;
            if (score > score3[1]) {
                score3[2] = score3[1];
                key3[2] = key3[1];
                at = 1;
                if (score > score3[0]) {
                    score3[1] = score3[0];
                    key3[1] = key3[0];
                    at = 0;
                }
            }
            score3[at] = score;
            key3[at] = base + i;
        }
    }
}

extern "C" int32_t ctk_cld2_tote_checked(uint32_t seed, int32_t rounds) {
    using TopThree = void (*)(const CLD2::Tote *, int *);
    static const TopThree libcld2 = reinterpret_cast<TopThree>(
        cld2_original("_ZNK4CLD24Tote19CurrentTopThreeKeysEPi", "Tote::CurrentTopThreeKeys"));
    SeededDraws next{seed};  // the same totes on every run
    int32_t differing = 0;
    for (int32_t round = 0; round < rounds; round++) {
        CLD2::Tote tote;
        // A few keys in a few groups (as a chunk scores), or many; ties are frequent with small deltas.
        int adds = (int)(next() % 64);
        int spread = next() % 2 ? 256 : 24;
        int deltas = next() % 2 ? 4 : 600;
        for (int a = 0; a < adds; a++) tote.Add((CLD2::uint8)(next() % spread), (int)(next() % deltas));
        int fast[3], cld2[3];
        tote.CurrentTopThreeKeys(fast);
        libcld2(&tote, cld2);
        if (memcmp(fast, cld2, sizeof fast) != 0) differing++;
    }
    return differing;
}

// CLD2's AddLangProb and ProcessProbV2Tote, which ScoreOneChunk asks for every hit of a chunk
// (through libcld2's PLT: AddLangProb jumps to ProcessProbV2Tote, which calls Tote::Add for each
// of up to three languages, each through the PLT again): the same adds, inline. The deltas of
// each probability byte are libcld2's own, taken from its ProcessProbV2Tote at the first call
// (its table is its own copy of cldutil_shared.h's, and a byte past the table's 240 entries
// reads what follows it there). Tote::Add's logic follows CLD2's tote.cc (Apache License 2.0,
// the CLD2 authors).
namespace {
using ProbFunction = void (*)(CLD2::uint32, CLD2::Tote *);

ProbFunction libcld2_process_prob() {
    static const ProbFunction original = reinterpret_cast<ProbFunction>(
        cld2_original("_ZN4CLD217ProcessProbV2ToteEjPNS_4ToteE", "ProcessProbV2Tote"));
    return original;
}

// Per probability byte (the low byte of a langprob), the deltas libcld2 adds to the scores of
// the first, second and third language (the high three bytes).
struct ProbDeltas {
    uint8_t delta[256][4];
};

const ProbDeltas &prob_deltas() {
    static const ProbDeltas table = [] {
        ProbDeltas t{};
        for (uint32_t p = 0; p < 256; p++) {
            CLD2::Tote tote;
            libcld2_process_prob()(p | 1u << 8 | 2u << 16 | 3u << 24, &tote);
            for (int j = 0; j < 3; j++) t.delta[p][j] = (uint8_t)tote.score_[j + 1];
        }
        return t;
    }();
    return table;
}

// Tote::Add: a group of four scores is cleared when first used.
__attribute__((always_inline)) inline void tote_add(CLD2::Tote *tote, uint32_t key, int delta) {
    const uint64_t group = 1ull << (key >> 2);
    if ((tote->in_use_mask_ & group) == 0) {
        tote->gscore_[key >> 2] = 0;
        tote->in_use_mask_ |= group;
    }
    tote->score_[key] += delta;
}

__attribute__((always_inline)) inline void process_prob(CLD2::uint32 probs, CLD2::Tote *tote) {
    const uint8_t *delta = prob_deltas().delta[probs & 0xFF];
    const uint32_t top1 = probs >> 8 & 0xFF, top2 = probs >> 16 & 0xFF, top3 = probs >> 24;
    if (top1 != 0) tote_add(tote, top1, delta[0]);
    if (top2 != 0) tote_add(tote, top2, delta[1]);
    if (top3 != 0) tote_add(tote, top3, delta[2]);
}
}  // namespace

void CLD2::ProcessProbV2Tote(uint32 probs, Tote *tote) { process_prob(probs, tote); }

void CLD2::AddLangProb(uint32 langprob, Tote *chunk_tote) { process_prob(langprob, chunk_tote); }

extern "C" int32_t ctk_cld2_lang_prob_checked(uint32_t seed, int32_t rounds) {
    SeededDraws next{seed};  // the same totes on every run
    int32_t differing = 0;
    for (int32_t round = 0; round < rounds; round++) {
        CLD2::Tote ours, theirs;
        // A few hits on a few languages (as a chunk scores), or many on any; every probability byte.
        int hits = (int)(next() % 48);
        uint32_t spread = next() % 2 ? 256 : 12;
        for (int h = 0; h < hits; h++) {
            CLD2::uint32 probs = (CLD2::uint32)(next() % 256);
            for (int j = 1; j <= 3; j++) {
                if (next() % 4 != 0) probs |= (CLD2::uint32)(next() % spread) << (8 * j);
            }
            if (h % 2 == 0) {
                CLD2::AddLangProb(probs, &ours);
            } else {
                CLD2::ProcessProbV2Tote(probs, &ours);
            }
            libcld2_process_prob()(probs, &theirs);
        }
        // Scores of groups not in use are never read (and never written here): compare the rest.
        bool same = ours.in_use_mask_ == theirs.in_use_mask_ && ours.byte_count_ == theirs.byte_count_ &&
                    ours.score_count_ == theirs.score_count_;
        for (int g = 0; same && g < 64; g++) {
            if ((ours.in_use_mask_ >> g & 1) != 0 && ours.gscore_[g] != theirs.gscore_[g]) same = false;
        }
        if (!same) differing++;
    }
    return differing;
}

// CLD2's DocTote::Sort, which DetectLanguageSummaryV2 calls twice a text: the first `n` entries
// by decreasing byte count, an unused key's count taken as -1. libcld2's compares each of them
// with every later entry and swaps when the later one has more; this marks the later entries
// that have more than the entry has at the start (SSE2, four at a time) and visits only them,
// in order: an entry not marked has no more than the entry ever holds (it only grows), so the
// swaps and the result are the same. Its logic follows CLD2's tote.cc (Apache License 2.0, the
// CLD2 authors).
namespace {
using SortFunction = void (*)(CLD2::DocTote *, int);

SortFunction libcld2_sort() {
    static const SortFunction original =
        reinterpret_cast<SortFunction>(cld2_original("_ZN4CLD27DocTote4SortEi", "DocTote::Sort"));
    return original;
}

void sort_tote(CLD2::DocTote *t, int n) {
    static_assert(CLD2::DocTote::kMaxSize_ == 24, "six groups of four counts");
    // libcld2 gives every unused key's entry -1 before it compares that entry.
    if (n > 0) {
        for (int i = 0; i < CLD2::DocTote::kMaxSize_; ++i) {
            if (t->key_[i] == CLD2::DocTote::kUnusedKey) t->value_[i] = -1;
        }
    }
    for (int sub = 0; sub < n; ++sub) {
#if defined(__x86_64__)
        const __m128i start = _mm_set1_epi32(t->value_[sub]);
        uint32_t more = 0;
        for (int group = 0; group < CLD2::DocTote::kMaxSize_ / 4; ++group) {
            const __m128i values = _mm_loadu_si128(reinterpret_cast<const __m128i *>(t->value_ + 4 * group));
            more |= (uint32_t)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpgt_epi32(values, start))) << (4 * group);
        }
#else
        uint32_t more = (1u << CLD2::DocTote::kMaxSize_) - 1;
#endif
        for (more &= ~((2u << sub) - 1); more != 0; more &= more - 1) {
            const int sub2 = __builtin_ctz(more);
            if (t->value_[sub2] <= t->value_[sub]) continue;
            std::swap(t->key_[sub], t->key_[sub2]);
            std::swap(t->value_[sub], t->value_[sub2]);
            std::swap(t->score_[sub], t->score_[sub2]);
            std::swap(t->reliability_[sub], t->reliability_[sub2]);
        }
    }
    t->sorted_ = 1;
}
}  // namespace

extern "C" int32_t ctk_cld2_doc_tote_checked(uint32_t seed, int32_t rounds) {
    SeededDraws next{seed};  // the same totes on every run
    int32_t differing = 0;
    for (int32_t round = 0; round < rounds; round++) {
        CLD2::DocTote tote;
        // A few languages or many; unused keys with stale counts; ties frequent or rare.
        const int used = (int)(next() % 25);
        const int range = next() % 2 ? 8 : 5000;
        for (int i = 0; i < tote.MaxSize(); i++) {
            const bool unused = (int)(next() % 25) >= used;
            tote.SetKey(i, unused ? CLD2::DocTote::kUnusedKey : (int)(next() % 1024));
            tote.SetValue(i, unused && next() % 2 ? -1 : (int)(next() % range) - (next() % 8 == 0 ? range / 2 : 0));
            tote.SetScore(i, (int)(next() % 100000));
            tote.SetReliability(i, (int)(next() % 101));
        }
        const int n = next() % 2 ? 3 : (int)(next() % 25);
        // Byte copies: the comparison reads every byte.
        CLD2::DocTote fast, cld2;
        memcpy(static_cast<void *>(&fast), &tote, sizeof tote);
        memcpy(static_cast<void *>(&cld2), &tote, sizeof tote);
        sort_tote(&fast, n);
        libcld2_sort()(&cld2, n);
        if (memcmp(&fast, &cld2, sizeof fast) != 0) differing++;
    }
    return differing;
}

// Like the hit walks: checked against the loaded libcld2's on random totes at the first call,
// and libcld2's own sort for good if they differ.
void CLD2::DocTote::Sort(int n) {
    static const bool agrees = ctk_cld2_doc_tote_checked(0x5EEDu, 512) == 0;
    if (n > kMaxSize_ || !agrees) {
        libcld2_sort()(this, n);
        return;
    }
    sort_tote(this, n);
}

// CLD2's LanguageCloseSet, which RefineScoredClosePairs asks of each of the 24 entries of a
// text's tote (through libcld2's PLT): libcld2's compares the number with the languages of each
// close set in turn. Its answer depends on the number alone, so the numbers below 256 (every
// language of a close set among them) and an unused entry's key (0xFFFF, most of them) are
// answered from libcld2's own answers, taken at the first call, and the others by libcld2's.
namespace {
using CloseSetFunction = int (*)(CLD2::Language);

struct CloseSets {
    CloseSetFunction libcld2;
    int32_t of[256];
    int32_t unused;  // of CLD2::DocTote::kUnusedKey
};

const CloseSets &close_sets() {
    static const CloseSets sets = [] {
        CloseSets made;
        made.libcld2 = reinterpret_cast<CloseSetFunction>(
            cld2_original("_ZN4CLD216LanguageCloseSetENS_8LanguageE", "LanguageCloseSet"));
        for (int lang = 0; lang < 256; lang++) made.of[lang] = made.libcld2(static_cast<CLD2::Language>(lang));
        made.unused = made.libcld2(static_cast<CLD2::Language>(CLD2::DocTote::kUnusedKey));
        return made;
    }();
    return sets;
}
}  // namespace

int CLD2::LanguageCloseSet(CLD2::Language lang) {
    const CloseSets &sets = close_sets();
    const unsigned number = static_cast<unsigned>(lang);
    if (number < 256) return sets.of[number];
    return number == CLD2::DocTote::kUnusedKey ? sets.unused : sets.libcld2(lang);
}

extern "C" int32_t ctk_cld2_close_sets_checked(void) {
    int32_t differing = 0;
    for (int lang = -1024; lang < 70000; lang++) {
        const CLD2::Language language = static_cast<CLD2::Language>(lang);
        if (CLD2::LanguageCloseSet(language) != close_sets().libcld2(language)) differing++;
    }
    return differing;
}

// ---------------------------------------------------------------------------------------------
// CLD2's OffsetMap::MapBack, which SummaryBufferToVector asks (through ScriptScanner::MapBack and
// libcld2's PLT) for both ends of every chunk of a span: libcld2's moves its window a range at a
// time by MoveRight, which parses the next range by ParseNext, each a call through the PLT. This
// definition walks right with both inline (the same steps on the same fields), and leaves
// flushing and walking left to libcld2's. Its logic follows CLD2's offsetmap.cc (Apache License
// 2.0, the CLD2 authors).
namespace {
__attribute__((always_inline)) inline int map_back(CLD2::OffsetMap *map, int aprimeoffset) {
    using CLD2::OffsetMap;
    if (0 < map->pending_length_ || map->diffs_.empty()) map->MaybeFlushAll();
    if (aprimeoffset < 0) return 0;
    if (map->max_aprimeoffset_ <= aprimeoffset) return (aprimeoffset - map->max_aprimeoffset_) + map->max_aoffset_;
    bool ok = true;
    while (ok && aprimeoffset < map->current_lo_aprimeoffset_) ok = map->MoveLeft();
    const char *diffs = map->diffs_.data();
    const int size = (int)map->diffs_.size();
    while (ok && map->current_hi_aprimeoffset_ <= aprimeoffset) {
        // MoveRight: past the last range it sets the window RIGHT.
        bool right = map->next_diff_sub_ >= size;
        if (!right) {
            // ParseNext: prefix bytes, then the range's op; a trailing prefix leaves PREFIX_OP.
            OffsetMap::MapOp op = OffsetMap::PREFIX_OP;
            int length = 0, sub = map->next_diff_sub_;
            while (sub < size && op == OffsetMap::PREFIX_OP) {
                char c = diffs[sub++];
                op = static_cast<OffsetMap::MapOp>((c >> 6) & 3);
                length = (length << 6) + (c & 0x3f);
            }
            map->next_diff_sub_ = sub;
            map->current_lo_aoffset_ = map->current_hi_aoffset_;
            map->current_lo_aprimeoffset_ = map->current_hi_aprimeoffset_;
            if (op == OffsetMap::COPY_OP) {
                map->current_hi_aoffset_ = map->current_lo_aoffset_ + length;
                map->current_hi_aprimeoffset_ = map->current_lo_aprimeoffset_ + length;
            } else if (op == OffsetMap::INSERT_OP) {
                map->current_hi_aoffset_ = map->current_lo_aoffset_;
                map->current_hi_aprimeoffset_ = map->current_lo_aprimeoffset_ + length;
            } else if (op == OffsetMap::DELETE_OP) {
                map->current_hi_aoffset_ = map->current_lo_aoffset_ + length;
                map->current_hi_aprimeoffset_ = map->current_lo_aprimeoffset_;
            } else {
                right = true;
            }
        }
        if (right) {
            // SetRight.
            map->current_lo_aoffset_ = map->current_hi_aoffset_ = map->max_aoffset_;
            map->current_lo_aprimeoffset_ = map->current_hi_aprimeoffset_ = map->max_aprimeoffset_;
            map->next_diff_sub_ = 0;
            ok = false;
        }
        map->current_diff_ = map->current_lo_aprimeoffset_ - map->current_lo_aoffset_;
    }
    int aoffset = aprimeoffset - map->current_diff_;
    // In an inserted range every byte maps back to its end in A.
    if (aoffset >= map->current_hi_aoffset_) aoffset = map->current_hi_aoffset_;
    return aoffset;
}
}  // namespace

// Like DocTote::Sort: checked against the loaded libcld2's on random maps at the first call, and
// libcld2's own for good if they differ.
int CLD2::OffsetMap::MapBack(int aprimeoffset) {
    static const bool agrees = ctk_cld2_map_back_checked(0x5EEDu, 512) == 0;
    if (!agrees) return libcld2_map_back()(this, aprimeoffset);
    return map_back(this, aprimeoffset);
}

extern "C" int32_t ctk_cld2_map_back_checked(uint32_t seed, int32_t rounds) {
    const MapBackFunction libcld2 = libcld2_map_back();
    SeededDraws draw{seed};
    int32_t differ = 0;
    for (int32_t round = 0; round < rounds; round++) {
        // Runs of copies, inserts and deletes as the scanner makes them (short, some past 63
        // bytes so that prefix bytes are written), sometimes with the last step still pending.
        CLD2::OffsetMap map;
        int steps = (int)(draw() % 40);
        for (int i = 0; i < steps; i++) {
            uint32_t r = draw();
            int length = r % 16 == 0 ? (int)(draw() % 5000) : (int)(draw() % 12);
            switch (r % 3) {
            case 0: map.Copy(length); break;
            case 1: map.Insert(length); break;
            default: map.Delete(length); break;
            }
        }
        if (draw() % 2 == 0) map.Flush();
        CLD2::OffsetMap ours = map, theirs = map;
        int limit = map.max_aprimeoffset_ + 8;
        int queries = 1 + (int)(draw() % 30);
        int at = -2;
        for (int q = 0; q < queries; q++) {
            // Mostly ascending, as SummaryBufferToVector asks; sometimes anywhere.
            at = draw() % 4 == 0 ? (int)(draw() % (uint32_t)(limit + 3)) - 2 : at + (int)(draw() % 20);
            // map_back, not MapBack: MapBack's first call runs this check.
            int a = map_back(&ours, at), b = libcld2(&theirs, at);
            if (a != b || !same_map(ours, theirs)) {
                differ++;
                break;
            }
        }
    }
    return differ;
}

// ---------------------------------------------------------------------------------------------
// CLD2's quadgram, octagram (word) and CJK bigram look-ups, the same hits with their cache misses
// overlapped.
//
// ScoreQuadScriptSpan fills a hit buffer from GetQuadHits (a look-up every other character) and
// GetOctaHits (three look-ups a word), ScoreCJKScriptSpan from libcld2's GetUniHits and GetBiHits
// (two look-ups a character), in tables of megabytes, each look-up a cache miss that libcld2
// waits for before reading on. These definitions interpose over libcld2's (its calls go through
// the PLT): they walk the text as libcld2 does and hash as it does (its QuadHashV2, OctaHash40,
// PairHash and BiHashV2 inline, checked against them by ctk_cld2_hashes_checked), a batch of
// grams at a time, prefetching each gram's bucket, then look the batch up in order as its inline
// look-ups do, filtering repeats and stopping when the buffer is full where libcld2 does. A run
// of ASCII letters of a word is walked sixteen bytes at a time. Their logic follows CLD2's
// cldutil.cc (Apache License 2.0, the CLD2 authors). With `hits_check` set
// (ctk_cld2_hits_checked), each call also runs libcld2's on a copy of the buffer and counts the
// calls whose hits differ; with `near_full_check` set (ctk_cld2_hits_near_full_checked), each
// delta and distinct walk also runs both on copies whose counts start a few hits short of the
// limits, so that the stop is reached and compared; ctk_cld2_bi_hits_checked does so for the
// bigram walk in tables of random entries.

namespace {

using HitFunction = int (*)(const char *, int, int, CLD2::ScoringContext *, CLD2::ScoringHitBuffer *);
using OctaFunction = void (*)(const char *, int, int, CLD2::ScoringContext *, CLD2::ScoringHitBuffer *);

HitFunction cld2_get_quad_hits() {
    static const HitFunction original = reinterpret_cast<HitFunction>(
        cld2_original("_ZN4CLD211GetQuadHitsEPKciiPNS_14ScoringContextEPNS_16ScoringHitBufferE", "GetQuadHits"));
    return original;
}

OctaFunction cld2_get_octa_hits() {
    static const OctaFunction original = reinterpret_cast<OctaFunction>(
        cld2_original("_ZN4CLD211GetOctaHitsEPKciiPNS_14ScoringContextEPNS_16ScoringHitBufferE", "GetOctaHits"));
    return original;
}

OctaFunction cld2_get_bi_hits() {
    static const OctaFunction original = reinterpret_cast<OctaFunction>(
        cld2_original("_ZN4CLD29GetBiHitsEPKciiPNS_14ScoringContextEPNS_16ScoringHitBufferE", "GetBiHits"));
    return original;
}

// Grams hashed and prefetched before the first of them is looked up.
const int hit_batch = 64;

// The bucket CLD2's QuadHashV3Lookup4 and OctaHashV3Lookup4 read for a gram's hash.
inline const CLD2::IndirectProbBucket4 *bucket_of(const CLD2::CLD2TableSummary *table, uint64_t hash) {
    uint32_t subscript = (uint32_t)(hash + (hash >> 12)) & (table->kCLDTableSize - 1);
    return &table->kCLDTable[subscript];
}

// What QuadHashV3Lookup4 and OctaHashV3Lookup4 answer from the bucket of a gram whose key
// (the hash's bits that the table keeps) is `key`: the first entry whose masked bits are the
// key's, else 0.
inline uint32_t look_up(const CLD2::IndirectProbBucket4 *bucket, uint32_t key, uint32_t keymask) {
    for (int i = 0; i < 4; i++) {
        if (((key ^ bucket->keyvalue[i]) & keymask) == 0) return bucket->keyvalue[i];
    }
    return 0;
}

// look_up with the four entries compared at once (SSE2), for the word look-ups: most find
// none, after four compares (a quadgram is mostly found at the first).
inline uint32_t look_up_all(const CLD2::IndirectProbBucket4 *bucket, uint32_t key, uint32_t keymask) {
#if defined(__x86_64__)
    __m128i entries = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bucket->keyvalue));
    __m128i differ = _mm_and_si128(_mm_xor_si128(entries, _mm_set1_epi32((int)key)), _mm_set1_epi32((int)keymask));
    unsigned found = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(differ, _mm_setzero_si128())));
    return found != 0 ? bucket->keyvalue[__builtin_ctz(found)] : 0;
#else
    return look_up(bucket, key, keymask);
#endif
}

// Starts the load of what LinearizeAll reads for a hit whose indirect subscript is `indirect`:
// its langprob entry (the second table's when the top bit is set; two entries from
// kCLDTableSizeOne on, at start + 2 * (indirect - start)). The walks find the hits well before
// LinearizeAll takes them in order, and that load, a cache miss, stalled three quarters of its time.
inline void prefetch_langprob(const CLD2::CLD2TableSummary *table, const CLD2::CLD2TableSummary *table2, uint32_t indirect) {
    if ((indirect & 0x80000000u) != 0) {
        if (table2 == nullptr) return;
        table = table2;
        indirect &= ~0x80000000u;
    }
    if (indirect >= table->kCLDTableSizeOne) indirect += indirect - table->kCLDTableSizeOne;
    __builtin_prefetch(&table->kCLDTableInd[indirect]);
}

// libcld2's QuadHashV2 and OctaHash40 (cldutil_shared.cc), inline: a gram's bytes read four
// at a time (up to three bytes past it), mixed by shifts and adds, with bits for a space
// before and after it.
const uint32_t pre_space = 0x00004444, post_space = 0x44440000;
const uint32_t word_mask0[4] = {0xFFFFFFFF, 0x000000FF, 0x0000FFFF, 0x00FFFFFF};

inline uint32_t load32(const char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

inline uint32_t quad_hash(const char *word_ptr, int bytecount) {
    if (bytecount == 0) return 0;
    uint32_t prepost = 0;
    if (word_ptr[-1] == ' ') prepost |= pre_space;
    if (word_ptr[bytecount] == ' ') prepost |= post_space;
    uint32_t word0, word1, word2;
    if (bytecount <= 4) {
        word0 = load32(word_ptr) & word_mask0[bytecount & 3];
        word0 = word0 ^ (word0 >> 3);
        return word0 ^ prepost;
    }
    if (bytecount <= 8) {
        word0 = load32(word_ptr);
        word0 = word0 ^ (word0 >> 3);
        word1 = load32(word_ptr + 4) & word_mask0[bytecount & 3];
        word1 = word1 ^ (word1 << 4);
        return (word0 ^ prepost) + word1;
    }
    word0 = load32(word_ptr);
    word0 = word0 ^ (word0 >> 3);
    word1 = load32(word_ptr + 4);
    word1 = word1 ^ (word1 << 4);
    word2 = load32(word_ptr + 8) & word_mask0[bytecount & 3];
    word2 = word2 ^ (word2 << 2);
    return (word0 ^ prepost) + word1 + word2;
}

// libcld2's PairHash (cldutil_shared.cc), inline: the first word's hash rotated right by 13,
// plus the second's.
inline uint64_t pair_hash(uint64_t first, uint64_t second) { return (first >> 13 | first << 51) + second; }

// libcld2's BiHashV2 (cldutil_shared.cc), inline: a CJK bigram's bytes (up to eight, no spaces
// around them) read four at a time, mixed by shifts and an add.
inline uint32_t bi_hash(const char *word_ptr, int bytecount) {
    if (bytecount == 0) return 0;
    uint32_t word0 = load32(word_ptr);
    if (bytecount <= 4) {
        word0 &= word_mask0[bytecount & 3];
        return word0 ^ (word0 >> 3);
    }
    word0 = word0 ^ (word0 >> 3);
    uint32_t word1 = load32(word_ptr + 4) & word_mask0[bytecount & 3];
    word1 = word1 ^ (word1 << 18);
    return word0 + word1;
}

inline uint64_t octa_hash(const char *word_ptr, int bytecount) {
    if (bytecount == 0) return 0;
    uint64_t prepost = 0;
    if (word_ptr[-1] == ' ') prepost |= pre_space;
    if (word_ptr[bytecount] == ' ') prepost |= post_space;
    // Words of 4, 8, 12, 16, 20 and 24 bytes and more: each further four bytes mixed by its shift.
    const uint64_t mask = word_mask0[bytecount & 3];
    int words = bytecount > 24 ? 6 : (bytecount + 3) >> 2;
    uint64_t word0 = load32(word_ptr) & (words == 1 ? mask : 0xFFFFFFFF);
    uint64_t sum = word0;
    word0 = word0 ^ (word0 >> 3);
    for (int w = 1; w < words; w++) {
        uint64_t word1 = load32(word_ptr + 4 * w) & (w == words - 1 ? mask : 0xFFFFFFFF);
        sum += word1;
        switch (w) {
        case 1: word1 = word1 ^ (word1 << 4); break;
        case 2: word1 = word1 ^ (word1 << 2); break;
        case 3: word1 = word1 ^ (word1 >> 8); break;
        case 4: word1 = word1 ^ (word1 >> 4); break;
        default: word1 = word1 ^ (word1 >> 6); break;
        }
        word0 += word1;
    }
    sum += (sum >> 17);
    sum += (sum >> 9);
    sum = (sum & 0xff) << 32;
    return (word0 ^ prepost) + sum;
}

thread_local bool hits_check = false;
thread_local int32_t hits_checked = 0, hits_differing = 0;
thread_local bool near_full_check = false;
thread_local int32_t near_full_checked = 0, near_full_differing = 0, near_full_stopped = 0;

// The walks above copy libcld2's (and read tables from its headers): a libcld2 other than the one
// they were checked against could answer differently. So the first calls of a process run both
// and compare, and the hashes are checked at the first call; on any difference every later call
// goes to libcld2's own functions (and the call that differed takes libcld2's hits).
std::atomic<int> calls_to_compare{64};
std::atomic<bool> libcld2_only{false};

bool own_hits_agree() {
    static const bool hashes_agree = ctk_cld2_hashes_checked(0x9E3779B9u, 4096) == 0;
    return hashes_agree && !libcld2_only.load(std::memory_order_relaxed);
}

// Which walk answers a call: libcld2's alone, this file's alone, or both, compared (every call
// under `hits_check`, and the first calls of a process).
enum class Walk { libcld2, own, both };

Walk walk() {
    if (hits_check) return Walk::both;
    if (!own_hits_agree()) return Walk::libcld2;
    return calls_to_compare.load(std::memory_order_relaxed) > 0 ? Walk::both : Walk::own;
}

// Records a compared call: under `hits_check` counts it (and a difference); otherwise counts it
// down, and when the two differed hands this call (`hitbuffer` takes libcld2's hits) and every
// later one to libcld2. True when libcld2's answer stands.
bool compared(bool differ, CLD2::ScoringHitBuffer *hitbuffer, const CLD2::ScoringHitBuffer &theirs) {
    if (hits_check) {
        hits_checked++;
        if (differ) hits_differing++;
        return false;
    }
    calls_to_compare.fetch_sub(1, std::memory_order_relaxed);
    if (!differ) return false;
    libcld2_only.store(true, std::memory_order_relaxed);
    *hitbuffer = theirs;
    return true;
}

// Whether the entries [0, count] (the last one the dummy after the hits) of a and b are the same.
bool same_hits(const CLD2::ScoringHit *a, const CLD2::ScoringHit *b, int count) {
    for (int i = 0; i <= count; i++) {
        if (a[i].offset != b[i].offset || a[i].indirect != b[i].indirect) return false;
    }
    return true;
}

// Whether two walks' delta and distinct hits agree: their counts, and their entries from
// `delta_from` and `distinct_from` on (those before are the buffer both walks started from).
bool same_delta_distinct(const CLD2::ScoringHitBuffer &a, const CLD2::ScoringHitBuffer &b, int delta_from = 0,
                         int distinct_from = 0) {
    return a.next_delta == b.next_delta && a.next_distinct == b.next_distinct &&
           same_hits(a.delta + delta_from, b.delta + delta_from, a.next_delta - delta_from) &&
           same_hits(a.distinct + distinct_from, b.distinct + distinct_from, a.next_distinct - distinct_from);
}

// Whether kAdvanceOneCharButSpace steps over every ASCII byte above 0x20 and over none up to it,
// as quad_hits' four-byte step takes it to. The table is `static` in libcld2's header, so this is
// the copy compiled in here from the header this build read (not the installed library's), and
// the answer is known when the process starts.
bool ascii_steps_plain() {
    for (int b = 0; b < 0x80; b++) {
        if (CLD2::kAdvanceOneCharButSpace[b] != (b > 0x20 ? 1 : 0)) return false;
    }
    return true;
}

const bool ascii_steps = ascii_steps_plain();

int quad_hits(const char *text, int letter_offset, int letter_limit, CLD2::ScoringContext *scoringcontext,
              CLD2::ScoringHitBuffer *hitbuffer) {
    using namespace CLD2;
    const char *src = &text[letter_offset];
    const char *srclimit = &text[letter_limit];
    const CLD2TableSummary *quadgram_obj = scoringcontext->scoringtables->quadgram_obj;
    const CLD2TableSummary *quadgram_obj2 = scoringcontext->scoringtables->quadgram_obj2;
    int next_base = hitbuffer->next_base;
    const int next_base_limit = hitbuffer->maxscoringhits;
    // The last two hits' hashes: a repeat of either is not looked up.
    int next_prior_quadhash = 0;
    uint32 prior_quadhash[2] = {0, 0};
    const uint32 quad_keymask = quadgram_obj->kCLDTableKeyMask;
    struct Quad {
        uint32 hash;
        int offset;
        const IndirectProbBucket4 *bucket;
        const char *after;
    } quads[hit_batch];
    if (src[0] == ' ') ++src;
    while (src < srclimit) {
        int n = 0;
        while (src < srclimit && n < hit_batch) {
            const char *src_end = src, *src_mid;
            uint32_t w = load32(src);
            if (ascii_steps && (w & 0x80808080u) == 0) {
                // Four ASCII bytes, stepped over from one load (the table's steps each waited
                // for the one before): the walk stops at the first one up to 0x20 (exact as a
                // first set bit: a borrow only flags bytes above a flagged one).
                uint32_t stops = (w - 0x21212121u) & ~w & 0x80808080u;
                int letters = stops != 0 ? __builtin_ctz(stops) >> 3 : 4;
                src_mid = src + (letters < 2 ? letters : 2);
                src_end = src + letters;
            } else {
                src_end += kAdvanceOneCharButSpace[(uint8)src_end[0]];
                src_end += kAdvanceOneCharButSpace[(uint8)src_end[0]];
                src_mid = src_end;
                src_end += kAdvanceOneCharButSpace[(uint8)src_end[0]];
                src_end += kAdvanceOneCharButSpace[(uint8)src_end[0]];
            }
            uint32 quadhash = quad_hash(src, (int)(src_end - src));
            quads[n].bucket = bucket_of(quadgram_obj, quadhash);
            __builtin_prefetch(quads[n].bucket);
            quads[n].hash = quadhash;
            quads[n].offset = (int)(src - text);
            // All the way past the word at its end, else two characters; then over a space or
            // an ASCII vowel.
            src = src_end[0] == ' ' ? src_end : src_mid;
            if (src < srclimit) {
                src += kAdvanceOneCharSpaceVowel[(uint8)src[0]];
            } else {
                src = srclimit;
            }
            quads[n++].after = src;
        }
        for (int i = 0; i < n; i++) {
            uint32 quadhash = quads[i].hash;
            if (quadhash != prior_quadhash[0] && quadhash != prior_quadhash[1]) {
                uint32 probs = look_up(quads[i].bucket, quadhash & quad_keymask, quad_keymask);
                if (probs != 0) {
                    prior_quadhash[next_prior_quadhash] = quadhash;
                    next_prior_quadhash = (next_prior_quadhash + 1) & 1;
                    hitbuffer->base[next_base].offset = quads[i].offset;
                    hitbuffer->base[next_base].indirect = probs & ~quad_keymask;
                    prefetch_langprob(quadgram_obj, quadgram_obj2, probs & ~quad_keymask);
                    ++next_base;
                }
            }
            if (next_base >= next_base_limit) {
                src = quads[i].after;
                goto full;
            }
        }
    }
full:
    hitbuffer->next_base = next_base;
    // A dummy entry past the last, for the length of the last span.
    int dummy_offset = (int)(src - text);
    hitbuffer->base[next_base].offset = dummy_offset;
    hitbuffer->base[next_base].indirect = 0;
    return dummy_offset;
}

// The limits of a walk's delta and distinct hits in `hitbuffer` (two distinct hits a word at
// most, so one short of the buffer's): libcld2 stops a walk once its counts reach one.
struct HitLimits {
    int delta, distinct;
    explicit HitLimits(const CLD2::ScoringHitBuffer &hitbuffer)
        : delta(hitbuffer.maxscoringhits), distinct(hitbuffer.maxscoringhits - 1) {}
    bool reached(int next_delta, int next_distinct) const { return next_delta >= delta || next_distinct >= distinct; }
    // Whether the walk that left `hitbuffer` stopped on a full buffer before `letter_limit`.
    bool stopped_short(const CLD2::ScoringHitBuffer &hitbuffer, int letter_limit) const {
        return reached(hitbuffer.next_delta, hitbuffer.next_distinct) && hitbuffer.delta[hitbuffer.next_delta].offset < letter_limit;
    }
};

// Ends a walk of the delta and distinct hits: their counts, and a dummy entry past the last of
// each at `dummy_offset`, for the length of the last span.
inline void end_delta_distinct(CLD2::ScoringHitBuffer *hitbuffer, int next_delta, int next_distinct, int dummy_offset) {
    hitbuffer->next_delta = next_delta;
    hitbuffer->next_distinct = next_distinct;
    hitbuffer->delta[next_delta].offset = dummy_offset;
    hitbuffer->delta[next_delta].indirect = 0;
    hitbuffer->distinct[next_distinct].offset = dummy_offset;
    hitbuffer->distinct[next_distinct].indirect = 0;
}

void octa_hits(const char *text, int letter_offset, int letter_limit, CLD2::ScoringContext *scoringcontext,
               CLD2::ScoringHitBuffer *hitbuffer) {
    using namespace CLD2;
    const char *src = &text[letter_offset];
    // The end and the space after it.
    const char *srclimit = &text[letter_limit + 1];
    const CLD2TableSummary *deltaocta_obj = scoringcontext->scoringtables->deltaocta_obj;
    const CLD2TableSummary *distinctocta_obj = scoringcontext->scoringtables->distinctocta_obj;
    int next_delta = hitbuffer->next_delta;
    int next_distinct = hitbuffer->next_distinct;
    const HitLimits limits(*hitbuffer);
    // libcld2 stops after the first character then: its own walk serves.
    if (limits.reached(next_delta, next_distinct)) {
        cld2_get_octa_hits()(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
        return;
    }
    // The last two words' hashes (looked up or not): a repeat of either is not looked up.
    int next_prior_octahash = 0;
    uint64 prior_octahash[2] = {0, 0};
    // Words are truncated to eight characters.
    int charcount = 0;
    if (src[0] == ' ') ++src;
    const char *prior_word_start = src, *word_start = src, *word_end = src;
    const uint32 delta_keymask = deltaocta_obj->kCLDTableKeyMask, distinct_keymask = distinctocta_obj->kCLDTableKeyMask;
    // A word ended by a space: when it is looked up, its buckets and key, its start, and the
    // pair's bucket and key with the word before and its start (no bucket when the pair is not
    // looked up); where the walk goes on after the space.
    struct Word {
        const IndirectProbBucket4 *distinct, *delta, *pair;
        uint32 key, pair_key;
        int start, prior_start;
        const char *after;
    } words[hit_batch];
    while (src < srclimit) {
        int n = 0;
        while (src < srclimit && n < hit_batch) {
            if (src[0] == ' ') {
                Word &word = words[n++];
                uint64 wordhash40 = octa_hash(word_start, (int)(word_end - word_start));
                word.distinct = nullptr;
                word.pair = nullptr;
                if (wordhash40 != prior_octahash[0] && wordhash40 != prior_octahash[1]) {
                    prior_octahash[next_prior_octahash] = wordhash40;
                    next_prior_octahash = 1 - next_prior_octahash;
                    word.distinct = bucket_of(distinctocta_obj, wordhash40);
                    word.delta = bucket_of(deltaocta_obj, wordhash40);
                    word.key = (uint32)(wordhash40 >> 4);
                    word.start = (int)(word_start - text);
                    __builtin_prefetch(word.distinct);
                    __builtin_prefetch(word.delta);
                    // The pair of this word and the one before (none of two equal words).
                    uint64 tmp_prior_hash = prior_octahash[next_prior_octahash];
                    if (tmp_prior_hash != 0 && tmp_prior_hash != wordhash40) {
                        uint64 pair = pair_hash(tmp_prior_hash, wordhash40);
                        word.pair = bucket_of(distinctocta_obj, pair);
                        word.pair_key = (uint32)(pair >> 4);
                        word.prior_start = (int)(prior_word_start - text);
                        __builtin_prefetch(word.pair);
                    }
                }
                charcount = 0;
                prior_word_start = word_start;
                ++src;
                word_start = src;
                word_end = src;
                word.after = src;
                continue;
            }
#if defined(__x86_64__)
            // A run of ASCII bytes but spaces: characters of one byte, sixteen at a time.
            if ((uint8)src[0] < 0x80) {
                while (src + 16 <= srclimit) {
                    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src));
                    unsigned other = (unsigned)(_mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
                    int run = other != 0 ? __builtin_ctz(other) : 16;
                    if (charcount + run <= 8) {
                        word_end = src + run;
                    } else if (charcount < 8) {
                        word_end = src + (8 - charcount);
                    }
                    charcount += run;
                    src += run;
                    if (run < 16) break;
                }
                if (src >= srclimit || src[0] == ' ' || (uint8)src[0] >= 0x80) continue;
            }
#endif
            ++charcount;
            src += UTF8OneCharLen(src);
            if (charcount <= 8) word_end = src;
        }
        for (int i = 0; i < n; i++) {
            const Word &word = words[i];
            if (word.distinct != nullptr) {
                uint32 probs;
                if (word.pair != nullptr) {
                    probs = look_up_all(word.pair, word.pair_key & distinct_keymask, distinct_keymask);
                    if (probs != 0) {
                        hitbuffer->distinct[next_distinct].offset = word.prior_start;
                        hitbuffer->distinct[next_distinct].indirect = probs & ~distinct_keymask;
                        __builtin_prefetch(&distinctocta_obj->kCLDTableInd[probs & ~distinct_keymask]);
                        ++next_distinct;
                    }
                }
                probs = look_up_all(word.distinct, word.key & distinct_keymask, distinct_keymask);
                if (probs != 0) {
                    hitbuffer->distinct[next_distinct].offset = word.start;
                    hitbuffer->distinct[next_distinct].indirect = probs & ~distinct_keymask;
                    __builtin_prefetch(&distinctocta_obj->kCLDTableInd[probs & ~distinct_keymask]);
                    ++next_distinct;
                }
                probs = look_up_all(word.delta, word.key & delta_keymask, delta_keymask);
                if (probs != 0) {
                    hitbuffer->delta[next_delta].offset = word.start;
                    hitbuffer->delta[next_delta].indirect = probs & ~delta_keymask;
                    __builtin_prefetch(&deltaocta_obj->kCLDTableInd[probs & ~delta_keymask]);
                    ++next_delta;
                }
            }
            if (limits.reached(next_delta, next_distinct)) {
                src = word.after;
                goto full;
            }
        }
    }
full:
    end_delta_distinct(hitbuffer, next_delta, next_distinct, (int)(src - text));
}

// GetBiHits: every character that starts two characters of six bytes or more (CJK) starts a
// bigram, looked up in the delta and the distinct tables, each a bucket of megabytes that
// libcld2 waits for before reading on. Its one caller, ScoreCJKScriptSpan, empties the buffer
// (SpliceHitBuffer) before each call and ends the span where GetUniHits took its
// maxscoringhits-th unigram hit (at most one a character): the stop on a full buffer needs a
// delta hit at nearly every character of the span, or a distinct one (the shipped tables find no
// bigram of the test texts at all). ctk_cld2_bi_hits_checked reaches it, in tables that every
// other bigram hits, from counts a few hits short of the limits.
void bi_hits(const char *text, int letter_offset, int letter_limit, CLD2::ScoringContext *scoringcontext,
             CLD2::ScoringHitBuffer *hitbuffer) {
    using namespace CLD2;
    const char *src = &text[letter_offset];
    const char *srclimit1 = &text[letter_limit];
    const CLD2TableSummary *deltabi_obj = scoringcontext->scoringtables->deltabi_obj;
    const CLD2TableSummary *distinctbi_obj = scoringcontext->scoringtables->distinctbi_obj;
    int next_delta = hitbuffer->next_delta;
    int next_distinct = hitbuffer->next_distinct;
    const HitLimits limits(*hitbuffer);
    // libcld2 stops after the first character then: its own walk serves.
    if (limits.reached(next_delta, next_distinct)) {
        cld2_get_bi_hits()(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
        return;
    }
    const uint32 delta_keymask = deltabi_obj->kCLDTableKeyMask, distinct_keymask = distinctbi_obj->kCLDTableKeyMask;
    // A bigram looked up: its hash, its offset, its two buckets, where the walk goes on after
    // its first character.
    struct Bigram {
        uint32 hash;
        int offset;
        const IndirectProbBucket4 *delta, *distinct;
        const char *after;
    } bigrams[hit_batch];
    while (src < srclimit1) {
        int n = 0;
        while (src < srclimit1 && n < hit_batch) {
            const int len = UTF8OneCharLen(src);
            const int len2 = UTF8OneCharLen(src + len) + len;
            if (len2 >= 6) {
                const uint32 bihash = bi_hash(src, len2);
                bigrams[n].hash = bihash;
                bigrams[n].offset = (int)(src - text);
                bigrams[n].delta = bucket_of(deltabi_obj, bihash);
                bigrams[n].distinct = bucket_of(distinctbi_obj, bihash);
                __builtin_prefetch(bigrams[n].delta);
                __builtin_prefetch(bigrams[n].distinct);
                bigrams[n++].after = src + len;
            }
            src += len;
        }
        // libcld2 tests the limits after every character; they change only at a bigram.
        for (int i = 0; i < n; i++) {
            const Bigram &bigram = bigrams[i];
            uint32 probs = look_up(bigram.delta, bigram.hash & delta_keymask, delta_keymask);
            if (probs != 0) {
                hitbuffer->delta[next_delta].offset = bigram.offset;
                hitbuffer->delta[next_delta].indirect = probs & ~delta_keymask;
                ++next_delta;
            }
            probs = look_up(bigram.distinct, bigram.hash & distinct_keymask, distinct_keymask);
            if (probs != 0) {
                hitbuffer->distinct[next_distinct].offset = bigram.offset;
                hitbuffer->distinct[next_distinct].indirect = probs & ~distinct_keymask;
                ++next_distinct;
            }
            if (limits.reached(next_delta, next_distinct)) {
                src = bigram.after;
                goto full;
            }
        }
    }
full:
    end_delta_distinct(hitbuffer, next_delta, next_distinct, (int)(src - text));
}

}  // namespace

int CLD2::GetQuadHits(const char *text, int letter_offset, int letter_limit, ScoringContext *scoringcontext,
                      ScoringHitBuffer *hitbuffer) {
    const Walk route = walk();
    if (route == Walk::libcld2) return cld2_get_quad_hits()(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
    if (route == Walk::own) return quad_hits(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
    auto theirs = std::make_unique<ScoringHitBuffer>(*hitbuffer);
    int cld2 = cld2_get_quad_hits()(text, letter_offset, letter_limit, scoringcontext, theirs.get());
    int fast = quad_hits(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
    bool differ = fast != cld2 || hitbuffer->next_base != theirs->next_base ||
                  !same_hits(hitbuffer->base, theirs->base, hitbuffer->next_base);
    return compared(differ, hitbuffer, *theirs) ? cld2 : fast;
}

namespace {
// Runs libcld2's walk `theirs_walk` and `own` on copies of `hitbuffer` whose delta and distinct
// counts start at, and a few hits short of, the limits (each alone and both), and counts the
// runs compared, those whose hits, counts or end differ, and those that stopped on a full buffer
// before the span's end. CLD2's callers give these walks an emptied buffer (SpliceHitBuffer), so
// texts alone hardly reach the stop.
void near_full_compare(OctaFunction theirs_walk, OctaFunction own, const char *text, int letter_offset,
                       int letter_limit, CLD2::ScoringContext *scoringcontext, const CLD2::ScoringHitBuffer *hitbuffer) {
    const HitLimits limits(*hitbuffer);
    const int delta_limit = limits.delta, distinct_limit = limits.distinct;
    const int starts[][2] = {
        {delta_limit - 3, 0}, {delta_limit - 2, 0}, {delta_limit - 1, 0}, {delta_limit, 0},
        {0, distinct_limit - 3}, {0, distinct_limit - 2}, {0, distinct_limit - 1}, {0, distinct_limit},
        {delta_limit - 2, distinct_limit - 2},
    };
    for (const auto &start : starts) {
        auto ours = std::make_unique<CLD2::ScoringHitBuffer>(*hitbuffer);
        ours->next_delta = start[0];
        ours->next_distinct = start[1];
        auto theirs = std::make_unique<CLD2::ScoringHitBuffer>(*ours);
        theirs_walk(text, letter_offset, letter_limit, scoringcontext, theirs.get());
        own(text, letter_offset, letter_limit, scoringcontext, ours.get());
        near_full_checked++;
        if (!same_delta_distinct(*ours, *theirs, start[0], start[1])) near_full_differing++;
        if (!limits.reached(start[0], start[1]) && limits.stopped_short(*ours, letter_limit)) near_full_stopped++;
    }
}

// A walk of delta and distinct hits (GetOctaHits, GetBiHits) as walk() routes it: libcld2's
// `theirs`, `own`, or both compared.
void delta_distinct_hits(OctaFunction theirs_walk, OctaFunction own, const char *text, int letter_offset,
                         int letter_limit, CLD2::ScoringContext *scoringcontext, CLD2::ScoringHitBuffer *hitbuffer) {
    if (near_full_check) near_full_compare(theirs_walk, own, text, letter_offset, letter_limit, scoringcontext, hitbuffer);
    const Walk route = walk();
    if (route == Walk::libcld2) return theirs_walk(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
    if (route == Walk::own) return own(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
    auto theirs = std::make_unique<CLD2::ScoringHitBuffer>(*hitbuffer);
    theirs_walk(text, letter_offset, letter_limit, scoringcontext, theirs.get());
    own(text, letter_offset, letter_limit, scoringcontext, hitbuffer);
    compared(!same_delta_distinct(*hitbuffer, *theirs), hitbuffer, *theirs);
}
}  // namespace

void CLD2::GetOctaHits(const char *text, int letter_offset, int letter_limit, ScoringContext *scoringcontext,
                       ScoringHitBuffer *hitbuffer) {
    delta_distinct_hits(cld2_get_octa_hits(), octa_hits, text, letter_offset, letter_limit, scoringcontext, hitbuffer);
}

void CLD2::GetBiHits(const char *text, int letter_offset, int letter_limit, ScoringContext *scoringcontext,
                     ScoringHitBuffer *hitbuffer) {
    delta_distinct_hits(cld2_get_bi_hits(), bi_hits, text, letter_offset, letter_limit, scoringcontext, hitbuffer);
}

extern "C" int32_t ctk_cld2_hashes_checked(uint32_t seed, int32_t rounds) {
    SeededDraws next{seed};  // the same grams on every run
    int32_t differing = 0;
    char buffer[48];
    for (int32_t round = 0; round < rounds; round++) {
        // A byte before the gram and its bytes (spaces among them, as around words), read past its end.
        int length = (int)(next() % 36);  // up to eight four-byte characters and more
        for (char &b : buffer) b = next() % 4 == 0 ? ' ' : (char)(next() & 0xFF);
        const char *gram = buffer + 1;
        if (quad_hash(gram, length) != CLD2::QuadHashV2(gram, length)) differing++;
        if (octa_hash(gram, length) != CLD2::OctaHash40(gram, length)) differing++;
        uint64_t a = (uint64_t)next() << 32 | next(), b = (uint64_t)next() << 32 | next();
        if (pair_hash(a, b) != CLD2::PairHash(a, b)) differing++;
        if (length <= 8 && bi_hash(gram, length) != CLD2::BiHashV2(gram, length)) differing++;
    }
    return differing;
}

// A detection of `src` for a check, its answers left unread.
static void detect_for_check(const char *src, int32_t len) {
    ctk_lang_result result;
    ctk_lang_chunk chunks[64];
    ctk_detect_language(src, len, 1, nullptr, &result, chunks, 64);
}

extern "C" int32_t ctk_cld2_hits_checked(const char *src, int32_t len, int32_t *checked) {
    hits_check = true;
    hits_checked = 0;
    hits_differing = 0;
    detect_for_check(src, len);
    hits_check = false;
    *checked = hits_checked;
    return hits_differing;
}

extern "C" int32_t ctk_cld2_hits_near_full_checked(const char *src, int32_t len, int32_t *checked, int32_t *stopped) {
    near_full_check = true;
    near_full_checked = 0;
    near_full_differing = 0;
    near_full_stopped = 0;
    detect_for_check(src, len);
    near_full_check = false;
    *checked = near_full_checked;
    *stopped = near_full_stopped;
    return near_full_differing;
}

extern "C" int32_t ctk_cld2_bi_hits_checked(uint32_t seed, int32_t rounds, int32_t *stopped) {
    SeededDraws next{seed};  // the same texts on every run
    // Tables of 64 buckets of random entries whose keys are the hash's low three or four bits:
    // about two bigrams in five find a delta hit and one in four a distinct one.
    CLD2::IndirectProbBucket4 delta_buckets[64], distinct_buckets[64];
    for (auto &bucket : delta_buckets) for (uint32_t &entry : bucket.keyvalue) entry = next();
    for (auto &bucket : distinct_buckets) for (uint32_t &entry : bucket.keyvalue) entry = next();
    CLD2::CLD2TableSummary delta_table = {delta_buckets, nullptr, 0, 64, 0x7, 0, ""};
    CLD2::CLD2TableSummary distinct_table = {distinct_buckets, nullptr, 0, 64, 0xF, 0, ""};
    CLD2::ScoringTables tables = {};
    tables.deltabi_obj = &delta_table;
    tables.distinctbi_obj = &distinct_table;
    CLD2::ScoringContext context = {};
    context.scoringtables = &tables;
    auto buffer = std::make_unique<CLD2::ScoringHitBuffer>();
    buffer->init();
    const HitLimits limits(*buffer);
    int32_t differing = 0;
    *stopped = 0;
    std::string text;
    std::vector<int> starts;
    for (int32_t round = 0; round < rounds; round++) {
        // A space, then characters of three bytes mostly, some of four, two and one, and spaces;
        // three spaces and a NUL after them, and bytes for the hash's loads past the end.
        text.assign(1, ' ');
        starts.clear();
        int characters = 1 + (int)(next() % 1600);
        for (int c = 0; c < characters; c++) {
            starts.push_back((int)text.size());
            uint32_t kind = next() % 10;
            if (kind < 6) {
                text += (char)(0xE4 + next() % 6);
                text += (char)(0x80 + next() % 64);
                text += (char)(0x80 + next() % 64);
            } else if (kind == 6) {
                text += (char)0xF0;
                text += (char)(0x90 + next() % 48);
                text += (char)(0x80 + next() % 64);
                text += (char)(0x80 + next() % 64);
            } else if (kind == 7) {
                text += (char)(0xC3 + next() % 8);
                text += (char)(0x80 + next() % 64);
            } else {
                text += kind == 8 ? (char)('a' + next() % 26) : ' ';
            }
        }
        const int end = (int)text.size();
        text.append("   ");
        text.append(16, '\0');
        const int letter_offset = next() % 2 == 0 ? 1 : starts[next() % starts.size()];
        const int letter_limit = next() % 2 == 0 ? end : std::max(letter_offset, starts[next() % starts.size()]);
        // Counts from empty to a few hits short of the limits.
        buffer->next_delta = next() % 3 == 0 ? 0 : limits.delta - 1 - (int)(next() % 12);
        buffer->next_distinct = next() % 3 == 0 ? 0 : limits.distinct - 1 - (int)(next() % 12);
        auto theirs = std::make_unique<CLD2::ScoringHitBuffer>(*buffer);
        cld2_get_bi_hits()(text.data(), letter_offset, letter_limit, &context, theirs.get());
        auto ours = std::make_unique<CLD2::ScoringHitBuffer>(*buffer);
        bi_hits(text.data(), letter_offset, letter_limit, &context, ours.get());
        if (!same_delta_distinct(*ours, *theirs, buffer->next_delta, buffer->next_distinct)) differing++;
        if (limits.stopped_short(*ours, letter_limit)) (*stopped)++;
    }
    return differing;
}
