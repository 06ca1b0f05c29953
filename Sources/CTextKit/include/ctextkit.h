#ifndef CTEXTKIT_H
#define CTEXTKIT_H
/// C interface over ICU, CLD2, zlib, ISA-L, zstd and xxHash for corpusclean.
/// ICU versions its C symbols (unorm2_normalize_72), so Swift calls these wrappers instead.

#include <stdint.h>
#include <stddef.h>
#include <zlib.h>
#include <zstd.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------- Unicode normalization (ICU Normalizer2, on UTF-8) ---------- */

/// Normalization forms understood by ctk_normalize.
typedef enum { CTK_NFC = 0, CTK_NFKC = 1, CTK_NFKC_CASEFOLD = 2, CTK_NFD = 3, CTK_NFKD = 4 } ctk_norm_form;

/// Returns 1 when `src` is already in `form`, 0 otherwise, -1 on error.
int ctk_is_normalized(int form, const char *src, int32_t len);

/// Normalizes UTF-8 `src` into a malloc'd buffer (*out, *out_len). Returns 0 on success.
/// The caller frees *out with ctk_free.
int ctk_normalize(int form, const char *src, int32_t len, char **out, int32_t *out_len);

void ctk_free(void *p);

/// Fills `classes[c]` for every code point c < `limit`: its canonical combining class when its
/// quick check in `form` is YES (0...254), else 255. A text whose every character has a class
/// below 255 and whose non-zero classes never follow a greater one is in `form` (UAX #15's
/// quick check). Returns 0, or -1 on error.
int ctk_normalization_quick_check_classes(int form, uint8_t *classes, int32_t limit);
/// `ctk_normalization_quick_check_classes` asking ICU about each code point in turn (the
/// reference the tests hold the range-by-range reading to; NFKC_Casefold is always read so).
int ctk_normalization_quick_check_classes_by_character(int form, uint8_t *classes, int32_t limit);

/* ---------- The byte scans of the normalize stage (normalize_scan.c) ---------- */

/// What ctk_plain_span passes over: the bytes in `ok` (set by the caller; a line feed is never
/// in it), a line feed after a byte other than a space or tab (not where the span starts), and
/// the two- and three-byte characters that `blocks` or `bits` call plain.
typedef struct {
    uint8_t ok[256];
    /// Filled from `ok` by ctk_plain_tables_init: a byte b is OK where
    /// low_nibble[b & 15] & high_nibble[b >> 4] is not 0 (at most 8 kinds of rows; a byte of a
    /// further kind is only looked at more closely).
    uint8_t low_nibble[16];
    uint8_t high_nibble[16];
    /// 4096 entries, by (lead & 0x3F) << 6 | (second byte & 0x3F): 1 when every character
    /// that starts with those two bytes is plain.
    const uint8_t *blocks;
    /// One bit per code point below U+10000: 1 when it is plain.
    const uint64_t *bits;
    /// Up to 8 lead bytes (0 for none) whose blocks the vector scan looks up by the second
    /// byte (set by the caller: leads not all of whose characters are plain).
    uint8_t slot_leads[8];
    /// Filled by ctk_plain_tables_init: the bit of each slot lead by its high nibble (C, D, E)
    /// and low nibble, and the bits of the slots whose block with a second byte 0x80...0xBF
    /// is plain, by the second byte's high nibble (8...B) and low nibble.
    uint8_t slot_of_lead[3][16];
    uint8_t plain_block_slots[4][16];
    /// Up to 8 blocks of three-byte characters, by lead and second byte (0 for none), whose
    /// characters the vector scan looks up by the third byte (set by the caller: blocks with
    /// plain characters and others, such as kana).
    uint8_t block_slot_leads[8];
    uint8_t block_slot_seconds[8];
    /// Filled by ctk_plain_tables_init: the bits of the block slots by lead (low nibble, for
    /// leads E0...EF), by second byte and by third byte (high nibble 8...B, low nibble), the
    /// last only where that character is plain.
    uint8_t block_slot_of_lead[16];
    uint8_t block_slot_of_second[4][16];
    uint8_t plain_third_slots[4][16];
    /// A second set of 8 blocks of three-byte characters (set by the caller, 0 for none: Indic
    /// scripts and Myanmar) and its tables (filled as the first's), looked up only where the
    /// first leaves characters of a 32-byte block unresolved.
    uint8_t more_block_slot_leads[8];
    uint8_t more_block_slot_seconds[8];
    uint8_t more_block_slot_of_lead[16];
    uint8_t more_block_slot_of_second[4][16];
    uint8_t more_plain_third_slots[4][16];
} ctk_plain_tables;

/// Fills the nibble and slot tables of `t` from t->ok, t->blocks, t->bits and the slots.
void ctk_plain_tables_init(ctk_plain_tables *t);

/// The index of the first byte at or after `from` (a character boundary) of p[0..<n] that
/// `t` does not pass over, or `n`.
size_t ctk_plain_span(const uint8_t *p, size_t from, size_t n, const ctk_plain_tables *t);

/// The next run at or after `from` (a character boundary, or the end of a run before) of UTF-8
/// p[0..<n] that the mojibake gate (CharmapRepair.isCandidate) must weigh: a maximal run of
/// adjacent characters that have roles (not ASCII) that some code page reads as whole UTF-8
/// sequences. `roles` is Charmap's role table (indexed by code point up to U+25FF, then U+FB01,
/// U+FB02, U+F8FF). Returns the run's start and sets *end to its end, or returns n. Runs whose
/// first two characters are no lead and continuation in any code page are passed over 32 bytes
/// at a time with AVX2 (the same runs either way).
size_t ctk_charmap_run(const uint8_t *p, size_t from, size_t n, const uint64_t *roles, size_t *end);

/* ---------- Charset detection and conversion (ICU ucsdet / ucnv) ---------- */

/// Best charset guess for `bytes`. Writes its name (NUL-terminated) into `name` and
/// returns ICU's confidence 0..100, or -1 when nothing was detected.
int ctk_detect_charset(const char *bytes, int32_t len, char *name, int32_t name_cap);

/// Every charset ICU's detector considers for `bytes`, best first: writes up to `cap` names
/// (each NUL-terminated in a slot of `name_cap` bytes of `names`) and their confidences
/// (0..100). Returns the number written, or -1 on error.
int ctk_detect_charsets(const char *bytes, int32_t len, char *names, int32_t name_cap, int32_t *confidences, int32_t cap);

/// Converts `bytes` from `charset` to UTF-8 into a malloc'd buffer. Returns the number
/// of substituted characters (>= 0) or -1 on error.
int ctk_convert_to_utf8(const char *charset, const char *bytes, int32_t len, char **out, int32_t *out_len);

/* ---------- Scripts and word breaks (ICU uscript / ubrk) ---------- */

/// ICU UScriptCode of a code point (0 = Common, 1 = Inherited, 25 = Latin, 8 = Cyrillic...).
int32_t ctk_script(uint32_t codepoint);

/// ICU UCharCategory of a code point (0 = unassigned, 6/7/8 = nonspacing/enclosing/spacing
/// mark, 15 = control, 17 = private use, 18 = surrogate...).
int32_t ctk_char_category(uint32_t codepoint);

/// 1 when the code point has the Unicode Alphabetic property, else 0.
int ctk_is_alphabetic(uint32_t codepoint);

/// Short ISO 15924 name of a UScriptCode ("Latn", "Cyrl", "Hani"...).
const char *ctk_script_code(int32_t script);

/// Word segments of UTF-8 text by ICU's word break rules. Writes pairs of byte offsets
/// (start, end) of segments whose rule status is a word (letters, numbers, kana, ideographs)
/// into `pairs` (capacity `cap` pairs). Returns the number of segments found (which may
/// exceed `cap`; call again with a bigger buffer), or -1 on error.
int32_t ctk_word_segments(const char *src, int32_t len, int32_t *pairs, int32_t cap);

/// Counts the alphabetic letters of UTF-8 `src` per UScriptCode into `counts[0..<cap]`
/// (Common and Inherited left out; the caller zeroes `counts`). Returns the letters counted.
int32_t ctk_script_histogram(const char *src, int32_t len, int32_t *counts, int32_t cap);

/// How many of `rounds` texts (runs of three-byte sequences, overlong and surrogate ones too,
/// among ASCII, two- and four-byte characters and stray bytes, drawn from `seed`) get other
/// counts from ctk_script_histogram's BMI2 runs than from its portable ones: 0 when none, and -1
/// when the BMI2 runs cannot run (no BMI2, CORPUSCLEAN_CPU=portable, not x86-64).
int32_t ctk_script_histogram_checked(uint32_t seed, int32_t rounds);

/* ---------- Language identification (CLD2 with full tables) ---------- */

/// One span of the input in one language.
typedef struct {
    int32_t offset;
    int32_t length;
    char code[8];
    int32_t language;          ///< CLD2's Language number of `code`
} ctk_lang_chunk;

/// What CLD2 says of a text.
typedef struct {
    char code[3][8];           ///< top 3 language codes ("en", "zh-Hant", "un" for unknown)
    int32_t percent[3];        ///< share of the text for each, 0..100
    double normalized_score[3];///< score relative to typical text of that language
    int32_t text_bytes;        ///< letters that were scored
    int32_t reliable;          ///< CLD2's is_reliable flag
    int32_t valid_prefix;      ///< bytes of valid UTF-8 at the start
    int32_t chunk_count;       ///< total spans (may exceed the capacity given)
    int32_t language[3];       ///< CLD2's Language numbers of `code`
} ctk_lang_result;

/// Detects the language(s) of UTF-8 plain text. `best_effort` asks for an answer on short
/// text. Fills up to `chunk_cap` spans into `chunks` (may be NULL). Returns 0 on success.
/* The address of one of CLD2's full tables (libcld2_full): referring to it keeps that
   library linked ahead of libcld2. */
const void *ctk_cld2_full_tables(void);

int ctk_detect_language(const char *src, int32_t len, int best_effort, const char *language_hint,
                        ctk_lang_result *result, ctk_lang_chunk *chunks, int32_t chunk_cap);

/// CLD2's version string.
const char *ctk_cld2_version(void);

/// The script spans of UTF-8 plain text `src` (a NUL after it) as cld2_shim.cpp's scanner cuts
/// and lower-cases them, checked against libcld2's own scanner and lower-casing (the spans'
/// text before and after lower-casing, script and offsets, both offset maps back to the input
/// and where each offset of a span maps back to): how many there are, or -1 when the two differ
/// in any.
int32_t ctk_cld2_scanner_spans(const char *src, int32_t len);

/// How many of `rounds` totes (keys and scores added as CLD2's scoring adds them, drawn from
/// `seed`) get other top three keys from cld2_shim.cpp's Tote::CurrentTopThreeKeys than from
/// libcld2's own: 0 when none.
int32_t ctk_cld2_tote_checked(uint32_t seed, int32_t rounds);

/// How many of `rounds` totes (hits' langprobs added as CLD2's scoring adds them, drawn from
/// `seed`) end with other scores from cld2_shim.cpp's AddLangProb and ProcessProbV2Tote than
/// from libcld2's own ProcessProbV2Tote: 0 when none.
int32_t ctk_cld2_lang_prob_checked(uint32_t seed, int32_t rounds);

/// How many of `rounds` document totes (used and unused keys, counts with frequent ties,
/// drawn from `seed`), sorted by cld2_shim.cpp's DocTote::Sort, differ in any byte from the
/// same sorted by libcld2's own: 0 when none.
int32_t ctk_cld2_doc_tote_checked(uint32_t seed, int32_t rounds);

/// How many Language numbers from -1024 to 69,999 get another close set from cld2_shim.cpp's
/// LanguageCloseSet than from libcld2's own: 0 when none.
int32_t ctk_cld2_close_sets_checked(void);

/// How many of `rounds` offset maps (copies, inserts and deletes drawn from `seed`, some past
/// 63 bytes, some left pending) answer a run of MapBack queries (mostly ascending, some anywhere,
/// some out of range) otherwise, or end in another state, with cld2_shim.cpp's OffsetMap::MapBack
/// than with libcld2's own: 0 when none.
int32_t ctk_cld2_map_back_checked(uint32_t seed, int32_t rounds);

/// CLD2's detection of UTF-8 plain text `src` (a NUL after it) with each of its quadgram,
/// octagram and CJK bigram look-ups (cld2_shim.cpp's GetQuadHits, GetOctaHits and GetBiHits) also made by libcld2's own
/// on a copy of the hit buffer: the number of look-ups whose hits differ (0 when none), and in
/// `checked` the number compared.
int32_t ctk_cld2_hits_checked(const char *src, int32_t len, int32_t *checked);

/// CLD2's detection of UTF-8 plain text `src` (a NUL after it) with each of its octagram and CJK
/// bigram walks (cld2_shim.cpp's GetOctaHits and GetBiHits) also run, with libcld2's own, on
/// copies of the hit buffer whose delta and distinct counts start at and a few hits short of
/// their limits: the number of runs whose hits, counts or end differ (0 when none), in `checked`
/// the number compared and in `stopped` how many stopped on a full buffer before the span's end.
int32_t ctk_cld2_hits_near_full_checked(const char *src, int32_t len, int32_t *checked, int32_t *stopped);

/// How many of `rounds` random texts (up to 1,600 characters, mostly of three bytes, from a
/// generator seeded with `seed`) get other CJK bigram hits, counts or end from cld2_shim.cpp's
/// GetBiHits than from libcld2's, each walking a random span into tables of random entries that
/// about every other bigram hits, from delta and distinct counts empty or a few hits short of the
/// limits: 0 when none; in `stopped` how many walks stopped on a full buffer before the span's end.
int32_t ctk_cld2_bi_hits_checked(uint32_t seed, int32_t rounds, int32_t *stopped);

/// How many of `rounds` random grams (0–35 bytes, spaces among them, from a generator seeded
/// with `seed`) get another hash from cld2_shim.cpp's inline quadgram, octagram or CJK bigram
/// hash (grams up to 8 bytes) than from libcld2's QuadHashV2, OctaHash40 or BiHashV2, and how many
/// random pairs of hashes another word-pair hash than its PairHash (each gram counts once per
/// hash): 0 when none.
int32_t ctk_cld2_hashes_checked(uint32_t seed, int32_t rounds);

/// How many languages CLD2's Language enum numbers (recognized or not).
int32_t ctk_cld2_language_count(void);

/// The code of language number `index` ("en", "zh-Hant", "xx-Qaai"...) when CLD2 recognizes it
/// in some script, else NULL.
const char *ctk_cld2_recognized_language(int32_t index);

/// The code of the language that CLD2 names `name` (an upper-case name such as "ENGLISH", or a
/// code such as "iw" or "en-US"), "un" when it knows none.
const char *ctk_cld2_language_for_name(const char *name);

/// Writes into `code` what `ctk_detect_language` writes as the code of language number `index`
/// (0 <= index < ctk_cld2_language_count()): at most 7 bytes and a NUL.
void ctk_cld2_language_code(int32_t index, char code[8]);

/* ---------- Hashing and MinHash kernels ---------- */

/// 64-bit XXH64 hash of `len` bytes (libxxhash's XXH64).
uint64_t ctk_hash64(const void *data, size_t len, uint64_t seed);

/// A streaming XXH64 (seed 0) of bytes given piece by piece: the digest of the pieces equals
/// ctk_hash64 of their concatenation. NULL when memory runs out.
typedef struct ctk_hash64_stream ctk_hash64_stream;
ctk_hash64_stream *ctk_hash64_stream_new(void);
void ctk_hash64_stream_update(ctk_hash64_stream *stream, const void *data, size_t len);
/// The digest of everything given so far; the stream can go on after it.
uint64_t ctk_hash64_stream_digest(const ctk_hash64_stream *stream);
void ctk_hash64_stream_free(ctk_hash64_stream *stream);

/* ---------- JSON strings and UTF-8 (json_string.c) ---------- */

/// The index of the first byte of p[from..<end] that is '"', '\\' or below 0x20 (and 0x7F
/// when `del`), or `end` when none is.
size_t ctk_json_special(const uint8_t *p, size_t from, size_t end, int del);

/// What ctk_json_unescape found.
enum {
    CTK_JSON_OK = 0,
    /// No closing quote before `end`.
    CTK_JSON_UNTERMINATED = 1,
    /// A byte below 0x20 at *error_at.
    CTK_JSON_CONTROL = 2,
    /// A backslash is the last byte; *error_at is `end`.
    CTK_JSON_UNTERMINATED_ESCAPE = 3,
    /// The byte before *error_at does not follow a backslash in JSON.
    CTK_JSON_BAD_ESCAPE = 4,
    /// Fewer than four bytes after the \u that ends before *error_at.
    CTK_JSON_TRUNCATED_U = 5,
    /// The byte at *error_at is not a hex digit of a \u escape.
    CTK_JSON_BAD_HEX = 6,
};

/// Reads the JSON string whose bytes start at p[from] (after its opening quote) up to its
/// closing quote, whose index goes to *close, writing the bytes it stands for to `out` (room
/// for `end - from` bytes is enough) and their count to *out_len. A lone surrogate escape
/// stands for U+FFFD. UTF-8 is not checked. Returns CTK_JSON_OK or the first error met.
int ctk_json_unescape(const uint8_t *p, size_t from, size_t end, uint8_t *out, size_t *close, size_t *out_len,
                      size_t *error_at);

/// The index of the closing quote of the JSON string whose bytes start at p[from] (after its
/// opening quote), when each of its escapes is \n and no byte in it is below 0x20; `end` for
/// any other string and one not closed before `end` (ctk_json_unescape reads those). When the
/// close is below `end`, ctk_utf8_check of the bytes before it (p[from..<close]) goes to *utf8
/// (left as it is otherwise): both from one pass over the bytes.
size_t ctk_json_newline_escaped_close_checked(const uint8_t *p, size_t from, size_t end, int *utf8);
/// ctk_json_newline_escaped_close_checked without SIMD, whatever the processor: the same answers.
size_t ctk_json_newline_escaped_close_checked_portable(const uint8_t *p, size_t from, size_t end, int *utf8);

/// Writes src[0..<n] as the inside of a JSON string (\n \r \t \" \\ short, other bytes
/// below 0x20 and DEL as \u00XX) to dst, at most `cap` bytes, stopping before an escape that
/// does not fit; *consumed is how many bytes of src it wrote. Returns the bytes written.
size_t ctk_json_escape(const uint8_t *src, size_t n, uint8_t *dst, size_t cap, size_t *consumed);

/// 1 when p[0..<n] is ASCII, 0 when it is other well-formed UTF-8 (The Unicode Standard,
/// table 3-7), -1 when it is not well-formed.
int ctk_utf8_check(const uint8_t *p, size_t n);

/// One-permutation MinHash with optimal densification (Shrivastava, 2017): every hash h (a
/// shingle hash, spread evenly already) is XORed with splitmix64(`seed`) and multiplied by an
/// odd constant, falls in one of `k` bins by the product's upper 32 bits and keeps the minimum
/// of its lower 32 bits there; an empty bin then takes the value of the first non-empty bin
/// that a sequence of hashes of (bin, attempt) reaches. One pass over the hashes, whatever k.
/// With n = 0 every bin stays UINT32_MAX. Filling the empty bins takes about k / f attempts
/// each for f filled bins: up to k^2 hashes for a one-shingle text (16K at k = 128).
void ctk_oph_signature(uint32_t *sig, int32_t k, const uint64_t *hashes, size_t n, uint64_t seed);
/// The LSH band keys of a signature of bands * rows values: for each band, XXH64 of its rows'
/// bytes (in the host's byte order) seeded with the band number, its low 10 bits replaced by
/// the band number.
void ctk_band_keys(const uint32_t *sig, int32_t bands, int32_t rows, uint64_t *keys);
/// Looks up `n` keys in an open-addressing table of `mask` + 1 slots (`keys`, and `values`
/// where a negative value marks a free slot; a key's first slot is the top bits of
/// key * 0x9E3779B97F4A7C15, shifted right by `shift`, then linear probing): sets found[j] to
/// the value of query[j] (or -1) and slots[j] to its slot or the free slot where it would go.
/// The first slots of all the keys are prefetched before any is probed, so that their cache
/// misses overlap instead of following one another.
void ctk_entry_table_find(const uint64_t *keys, const int32_t *values, size_t mask, uint32_t shift,
                          const uint64_t *query, size_t n, int32_t *found, int64_t *slots);
/// Sets each of the `n` keys at `query` to `value` in a table of ctk_entry_table_find, in order,
/// writing the value each had (or -1) to previous[j] and counting the keys added in *count;
/// probes from slots[j] (ctk_entry_table_find's, the table not grown since) unless `slots` is
/// NULL. Stops after a key that fills more than three quarters of the slots (the caller grows
/// the table then); returns how many keys were set.
size_t ctk_entry_table_exchange(uint64_t *keys, int32_t *values, size_t mask, uint32_t shift, const uint64_t *query,
                                size_t n, const int64_t *slots, int32_t value, int32_t *previous, size_t *count);
/// Puts the taken slots of a table of `old_slots` slots into an empty one of `mask` + 1, in slot order.
void ctk_entry_table_rehash(const uint64_t *old_keys, const int32_t *old_values, size_t old_slots, uint64_t *keys,
                            int32_t *values, size_t mask, uint32_t shift);
/// How many of the `m` distinct values at `b` are among the `n` at `a` (both in any order): a
/// hash set of them, where sorting both and merging took longer.
size_t ctk_common_count(const uint64_t *a, size_t n, const uint64_t *b, size_t m);
/// ctk_common_count without AVX-512 (a linearly probed set), whatever the processor: the same count.
size_t ctk_common_count_portable(const uint64_t *a, size_t n, const uint64_t *b, size_t m);
/// ctk_common_count, or once the count can no longer reach `need` (what is left of b would not
/// make it), some count below `need`, without looking at the rest of b. The n values at a go into
/// this thread's set unless *set_use holds what an earlier call with the same a on this thread
/// left there and the set has not been used since (0: make it); the call leaves its use there.
size_t ctk_common_count_reaching(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t need, uint64_t *set_use);
/// ctk_common_count_reaching without AVX-512, whatever the processor: the same count.
size_t ctk_common_count_reaching_portable(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t need,
                                          uint64_t *set_use);
/// 1 when ctk_common_count and ctk_common_count_reaching take their AVX-512 path on this processor.
int ctk_common_count_uses_avx512(void);

/// Sorts `n` 64-bit values in place and removes repeats; returns the count left. Linear time
/// on hashes (values spread evenly over 64 bits), std::sort's time on others.
size_t ctk_sort_unique_u64(uint64_t *values, size_t n);
/// Sorts `values` in place (as `ctk_sort_unique_u64`, keeping repeats).
void ctk_sort_u64(uint64_t *values, size_t n);

/* ---------- The dedup stage's text pass ---------- */

/// Bits of a code point's class byte in ctk_shingle_tables: its role in a token (0 separator,
/// 1 letter or digit, 2 letter that changes when lowercased, 3 letter of a script written
/// without spaces, 4 mark), whether it is white space, and whether its lowercase is not the
/// one BMP scalar that `lower` holds (then the callback gives it).
#define CTK_CLASS_ROLE 0x07
#define CTK_CLASS_SPACE 0x08
#define CTK_CLASS_SLOW_LOWERCASE 0x10
/// Room for the scalars of one lowercase mapping, as the callback of ctk_shingle_tables fills it.
#define CTK_LOWERCASE_MAX 8

/// What the tokenizer of ctk_shingle_scan knows of code points.
typedef struct {
    /// Per BMP code point, its class byte (CTK_CLASS_*).
    const uint8_t *classes;
    /// Per BMP code point of role 2 without CTK_CLASS_SLOW_LOWERCASE, its lowercase.
    const uint16_t *lower;
    /// Per byte, 1 when a white space character may start with it (ASCII white space, the lead
    /// bytes of the others, and of every four-byte sequence).
    const uint8_t *space_leads;
    /// The class byte of a code point the tables do not answer (past the BMP, or of slow
    /// lowercase); for role 2 also its lowercase scalars into lower[0..<*lower_count].
    uint8_t (*slow)(uint32_t codepoint, uint32_t *lower, int32_t *lower_count);
} ctk_shingle_tables;

/// What ctk_shingle_scan gives: token hashes in text order, or the sorted distinct hashes of
/// the n-grams of tokens; and (or only) the exact-duplicate hash.
#define CTK_SCAN_TOKENS 1
#define CTK_SCAN_SHINGLES 2
#define CTK_SCAN_EXACT 4

/// One pass of the dedup stage over UTF-8 `text` (Shingler.swift defines its tokens, their
/// FNV-1a hashes, the n-gram hashes over `n` tokens and the exact hash). With CTK_SCAN_EXACT,
/// *exact_hash is XXH64 of the text with white space runs collapsed to one space and the ends
/// trimmed. Returns the count of values at *values: a buffer of this thread's, valid until
/// its next call.
size_t ctk_shingle_scan(const uint8_t *text, size_t len, const ctk_shingle_tables *tables, int32_t n, int32_t what,
                        uint64_t *exact_hash, const uint64_t **values);
/// The first half of the dedup stage's signature: the tokens of ctk_shingle_scan (in its
/// buffer, until the next call on this thread; returns their count) and its exact hash.
size_t ctk_shingle_tokens(const uint8_t *text, size_t len, const ctk_shingle_tables *tables, uint64_t *exact_hash);
/// The second half, over the `tokens` token hashes of this thread's last ctk_shingle_tokens: the
/// distinct shingles of ctk_shingle_scan (CTK_SCAN_SHINGLES), in the order of their first
/// occurrence unless `sorted`, into `out` (room for `tokens` values) or, when NULL, into the
/// buffer of the tokens; and their ctk_oph_signature with `seed` into sig[0..<k], k >= 1 (every
/// bin UINT32_MAX when there are none), made as each distinct shingle is found. Returns the count
/// of shingles, at *values.
size_t ctk_shingle_signature(size_t tokens, int32_t n, int32_t sorted, uint64_t *out, const uint64_t **values,
                             uint32_t *sig, int32_t k, uint64_t seed);

/* ---------- The language stage's n-gram model ---------- */

/// The model's bytes in the format of scripts/language-model/generate.py (static storage,
/// 8-byte aligned); writes their count to *length.
const unsigned char *ctk_language_model(size_t *length);

/// The close groups' rows of the n-gram model (language_close_rows.bin) compiled into the binary.
const unsigned char *ctk_language_close_rows(size_t *length);
/// Adds to total[0..<width] the rows of the `count` n-grams of `hashes` in a table of slots of
/// `stride` bytes (`mask` + 1 of them; SubsetTable's layout: the 48-bit key and the taken bit in
/// the first 7 bytes, then one cost per language, 0 where the language never had the n-gram),
/// each probed from slot `places[i]` on: every non-zero cost less that language's floor, modulo
/// 2^32. N-grams not in the table add nothing. Rows of 2 to 9 languages (16-byte slots) in SSE2
/// lanes on x86-64, others a cost at a time.
void ctk_close_rows_add(const unsigned char *slots, intptr_t stride, intptr_t mask, const uint64_t *hashes,
                        const intptr_t *places, intptr_t count, const int32_t *floors, int32_t *total, int32_t width);
/// ctk_close_rows_add without SIMD, whatever the processor: the same totals (a test holds the two
/// paths together).
void ctk_close_rows_add_portable(const unsigned char *slots, intptr_t stride, intptr_t mask, const uint64_t *hashes,
                                 const intptr_t *places, intptr_t count, const int32_t *floors, int32_t *total,
                                 int32_t width);

/// Asks the processor to bring the cache line of `p` in: a hint for a look-up to come.
static inline void ctk_prefetch(const void *p) { __builtin_prefetch(p); }
/// The word lexicon of close language pairs (pair_lexicon.txt) compiled into the binary.
const unsigned char *ctk_pair_lexicon(size_t *length);
/// The letter shares per language for the repair of lost Windows-1252 bytes
/// (lost_byte_letters.bin) compiled into the binary.
const unsigned char *ctk_lost_byte_letters(size_t *length);
/// The BMP character tables (character_tables.bin, see CharacterTables.swift) compiled into
/// the binary; writes their byte count to *length.
const unsigned char *ctk_character_tables(size_t *length);

/* ---------- Boilerplate line scan ---------- */

/// What ctk_line_scan_reusing and ctk_line_keys read beside the text: the kind of every BMP code point
/// (ScalarKindTable: the script in the low 12 bits, then letter, joins-word and digit bits),
/// the kind of a code point past it, and the stopword table (HashedWordTable's slots:
/// stopword_mask + 2 of them, the last always free, and its filter).
typedef struct {
    const uint16_t *kinds;
    uint16_t (*astral_kind)(uint32_t codepoint);
    const uint64_t *stopword_slots;
    size_t stopword_mask;
    /// Bit key >> 48 is set for every key of the stopword table (HashedWordTable.filter):
    /// a token whose bit is clear is not looked up.
    const uint64_t *stopword_filter;
    /// ctk_line_kinds_han_unspaced(kinds), set where the tables are built: the keys' scan then
    /// counts those ideographs from their lead bytes (bit 0) and those kana from their bytes
    /// (bit 1) without a look-up (bit clear: it looks them up).
    int32_t han_unspaced;
} ctk_line_tables;

/// Bit 0: whether every scalar U+5000...U+9FFF (lead bytes E5...E9: most ideographs of a Chinese
/// or Japanese text) is a letter of an unspaced script in `kinds`; bit 1: whether every kana
/// U+3041...U+3096 and U+30A1...U+30FA is. Both are, in the shipped tables.
int ctk_line_kinds_han_unspaced(const uint16_t *kinds);

/// One line's measures (LineFeatures): byte offsets without its outer white space, its key,
/// counts, the range of its stopword tokens in the masks, and its two main scripts (-1: none).
typedef struct {
    int64_t start;
    int64_t end;
    uint64_t key;
    int32_t words;
    int32_t letters;
    int32_t unspaced_letters;
    int32_t separators;
    int32_t interface_words;
    int32_t date_words;
    int32_t numbers;
    int32_t first_stopword;
    int32_t end_stopword;
    int32_t script;
    int32_t second_script;
    uint8_t ends_sentence;
    uint8_t ends_clause;
    uint8_t code_mark;
    uint8_t mentions_cookies;
} ctk_line;

/// Measures every line of the UTF-8 text `bytes` (newlines and one) and the language bits of
/// their stopword tokens, line after line, into buffers that this thread reuses from call to
/// call (valid until its next call): the lines into *lines (*line_count of them), the masks
/// into *masks; returns the number of masks. No count of the lines first: the lines' buffer
/// grows as the scan meets them.
size_t ctk_line_scan_reusing(const uint8_t *bytes, size_t n, const ctk_line_tables *tables, const ctk_line **lines,
                             size_t *line_count, const uint32_t **masks);

/// The nonzero keys of the lines of `bytes`, as ctk_line_scan_reusing computes them, in line order
/// (duplicates kept) into `keys` (room for n / 2 + 1). Returns their number. With
/// `sentence_words` > 0 a line that ends a sentence and has that many words or more (ends_sentence
/// and words as ctk_line_scan_reusing measures them) has no key, and its scan stops at that word.
size_t ctk_line_keys(const uint8_t *bytes, size_t n, const ctk_line_tables *tables, int32_t sentence_words,
                     uint64_t *keys);

/// ctk_line_keys of the text that the bytes of a JSON string (between its quotes) stand for,
/// when its only escapes are \n (each backslash starts one): the lines are parted by those
/// escapes and keyed where they are, so that no unescaped copy of the text is made. Lines end
/// at a backslash as they do at a newline; the keys are ctk_line_keys' of the unescaped text.
size_t ctk_line_keys_escaped(const uint8_t *bytes, size_t n, const ctk_line_tables *tables, int32_t sentence_words,
                             uint64_t *keys);
/// ctk_line_keys_escaped without SIMD, whatever the processor: the same answers.
size_t ctk_line_keys_escaped_portable(const uint8_t *bytes, size_t n, const ctk_line_tables *tables,
                                      int32_t sentence_words, uint64_t *keys);

/// Room for `capacity` keys (ctk_line_keys' `keys`) that this thread reuses from call to call
/// (valid until its next call), or NULL past 65,536 keys (a buffer the caller allocates then):
/// the pre-pass needs such room for every document.
uint64_t *ctk_line_keys_scratch(size_t capacity);

/// ctk_line_scan_reusing (into the same buffers) and ctk_line_keys without SIMD, whatever the
/// processor: the same answers (a test holds the two paths together).
size_t ctk_line_scan_reusing_portable(const uint8_t *bytes, size_t n, const ctk_line_tables *tables,
                                      const ctk_line **lines, size_t *line_count, const uint32_t **masks);
size_t ctk_line_keys_portable(const uint8_t *bytes, size_t n, const ctk_line_tables *tables, int32_t sentence_words,
                              uint64_t *keys);

/// The seed of the boilerplate stage's token hashes and line keys (ctk_hash_step).
#define CTK_HASH_SEED 0xE7037ED1A0B428DBULL

/// The boilerplate stage's lowercasing of a token's scalars (TokenHash.lower) changes none at or
/// above this.
#define CTK_LOWER_CHANGES_BELOW 0x430

/// One step of the boilerplate stage's token hashes and line keys: `h` absorbs the 64-bit
/// word `m` (h ^ m times a constant, 64 x 64 -> 128 bits, its two halves XORed). From
/// CTK_HASH_SEED, a token absorbs each run of its ASCII letters and digits eight bytes at a
/// time (lowercased by | 0x20, little-endian, the last word zero-padded) and each of its other
/// scalars alone (ctk_hash_scalar, lowercased); a line key absorbs the hash of each of its
/// tokens and each of its letters of unspaced scripts (ctk_hash_scalar). ctk_token_hash hashes
/// a word so.
static inline uint64_t ctk_hash_step(uint64_t h, uint64_t m) {
    __uint128_t p = (__uint128_t)(h ^ m) * 0xA0761D6478BD642FULL;
    return (uint64_t)p ^ (uint64_t)(p >> 64);
}

/// ctk_hash_step of a scalar outside ASCII: its value with the top bit set (a word of ASCII
/// bytes never has it).
static inline uint64_t ctk_hash_scalar(uint64_t h, uint32_t v) { return ctk_hash_step(h, (uint64_t)v | 1ULL << 63); }

/// The key of two consecutive tokens (the stopword table's two-word interface keywords).
static inline uint64_t ctk_token_pair(uint64_t a, uint64_t b) {
    return (a * 0x00000100000001B3ULL) ^ (b >> 1) ^ 0x9E3779B97F4A7C15ULL;
}

/// The hash ctk_line_scan_reusing gives the token of the UTF-8 word `bytes` (lowercased as the scan
/// lowercases: TokenHash.lower).
uint64_t ctk_token_hash(const uint8_t *bytes, size_t n);

/// How many of the `n` bytes at `p` are below `limit`.
size_t ctk_count_below(const uint8_t *p, size_t n, uint8_t limit);

/// How many of the `n` bytes at `p` are `byte` (32 at a time with AVX2).
size_t ctk_count_byte(const uint8_t *p, size_t n, uint8_t byte);

/// A gzip decoder over ISA-L's inflate; its state (87 KB) stays on the C side.
typedef struct ctk_gunzip ctk_gunzip;
ctk_gunzip *ctk_gunzip_new(void);
void ctk_gunzip_free(ctk_gunzip *decoder);
/// Reads the header of a gzip member from the `avail` bytes at `bytes` and starts inflating
/// its data: returns the header's length, 0 when more bytes are needed to hold it whole, or
/// CTK_GUNZIP_BAD_HEADER / CTK_GUNZIP_BAD_METHOD.
long ctk_gunzip_start(ctk_gunzip *decoder, const uint8_t *bytes, size_t avail);
#define CTK_GUNZIP_BAD_HEADER (-100)
#define CTK_GUNZIP_BAD_METHOD (-101)
/// After ctk_gunzip_start, inflates from `*next_in` (`*avail_in` bytes, both advanced past what was read) into `out`;
/// `*produced` bytes written, `*member_end` set when the member and its trailer (CRC-32 and
/// length, checked) are done. Returns 0 or an ISA-L error (negative).
int ctk_gunzip_inflate(ctk_gunzip *decoder, const uint8_t **next_in, size_t *avail_in, uint8_t *out, size_t out_len,
                       size_t *produced, int *member_end);
/// What an error of ctk_gunzip_inflate means.
const char *ctk_gunzip_error(int status);

/// Starts writing the `length` bytes of file `fd` from `offset` to disk without waiting for
/// them (sync_file_range's SYNC_FILE_RANGE_WRITE on Linux, nothing elsewhere), so that a later
/// fsync finds little left to write. Returns 0 or -1 (errno set); an fsync still reports
/// errors of the write.
int ctk_start_writeback(int fd, int64_t offset, int64_t length);
/// Allocates the blocks of file `fd` from `offset` for `length` bytes without changing its size
/// (fallocate's FALLOC_FL_KEEP_SIZE on Linux), so that writes there find their blocks
/// allocated; an ftruncate to the file's size frees what lies past its end. Returns 0, or -1
/// (errno set; EOPNOTSUPP where the file system or the system cannot).
int ctk_preallocate(int fd, int64_t offset, int64_t length);

#ifdef __cplusplus
}
#endif
#endif
