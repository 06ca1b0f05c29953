// The line scans of line_scan.c, which includes this file once for each way it finds runs of
// ASCII letters and digits: SCAN_NAME(x) names a function of this copy, SCAN_ATTR is its
// target attribute, ASCII_RUN(bytes, n, i, &letters) its run finder (ascii_run_portable's
// answers), BLOCK_MASKS(p) its block_masks (block_masks_portable's), DECODE3(w) its
// decode3_portable, TABLE_VALUES(t, keys, count, values) its table_values_portable,
// FIND_BYTE(p, n, c) its memchr(p, c, n), and
// WORDS_REACH(bytes, n, from, end, kinds, limit, han) its words_reach_portable.

// Looks up a batch of tokens (look_up_values), out of line.
SCAN_ATTR __attribute__((noinline)) static void SCAN_NAME(look_up)(const ctk_line_tables *t, const uint64_t *tokens,
                                                                  int32_t count, uint32_t *masks, lookups *found) {
    if (count <= 0) return;
    uint32_t values[token_batch + 32];
    TABLE_VALUES(t, tokens, count, values);
    look_up_values(t, tokens, count, values, masks, found);
}

// take_words on the 64 bytes at p, out of line: the scans keep fewer values at hand.
SCAN_ATTR __attribute__((noinline)) static int SCAN_NAME(take_words)(const uint8_t *p, size_t room, uint64_t *token,
                                                                    uint64_t *key, uint64_t *tokens, int32_t *count,
                                                                    word_block *taken) {
    return take_words(p, BLOCK_MASKS(p), room, token, key, tokens, count, taken);
}

// The letters of three bytes of the common script (ー) from p on, which unspaced_run met in a
// run of letters of the kind `current` (kana and kanji are one kind: ユーザーの is one run):
// when a letter of that kind follows them (before `limit`, as in unspaced_run), their token
// (the main loop's) goes into words, and the function returns where the letter starts; else
// NULL. Out of line: inlined, it took registers from unspaced_run's loop. It decodes the first
// letter again: with unspaced_run's scalar passed in, that loop kept the kinds pointer on the
// stack (13.9 M more instructions in tallied_run on perf-dev, 0.6 M fewer here).
SCAN_ATTR __attribute__((noinline)) static const uint8_t *SCAN_NAME(common_word)(const uint8_t *p, const uint8_t *limit,
                                                                                const uint16_t *kinds, uint16_t current,
                                                                                run_words *words) {
    // scan_line's token of a letter outside the unspaced scripts, for these letters only.
    uint64_t token = CTK_HASH_SEED;
    uint32_t y = DECODE3(ctk_load_le32(p));
    int32_t letters = 0;
    for (;;) {
        // lower(y) is y (lower_changes_below).
        token = ctk_hash_scalar(token, y);
        p += 3;
        letters++;
        if (p >= limit) return NULL;
        uint32_t next = ctk_load_le32(p);
        if ((next & 0xF0) != 0xE0) return NULL;
        y = DECODE3(next);
        uint16_t after = kinds[y];
        if (after == current) break;
        if (after != KIND_LETTER) return NULL;
    }
    words->tokens[words->count++] = token;
    words->letters += letters;
    return p;
}

// The letters of unspaced scripts from bytes[*i] on while each takes three bytes (ideographs,
// kana, Thai...: scalars of U+0800...U+FFFF), whatever their script, added to `key`
// (ctk_hash_scalar), and the punctuation and marks of three bytes between them that change
// nothing but the line's last scalar (is_passed_mark: 、。「」): *i past them, the letters'
// number, the last scalar as the scan's `last` reads it in *last and the last letter's kind in
// *kind.
// At most `most` scalars are taken. Unless `tallies` is NULL, each letter counts to the run of
// its script (*run_script, *run_count), a run that ends into the tallies. *other: whether the
// run stopped at a scalar of three bytes that is not such a letter (then no letter of the kind
// follows it), or after `most`.
// Unless `words` is NULL, the run also takes letters of three bytes of the common script (the
// prolonged sound mark ー, about 160,000 on perf-dev) between two letters of its kind: what the
// main loop makes of them, a token (into words->tokens, keyed before the letter after it) and
// letters outside the unspaced ones (words->letters); it does so while the tokens stay below
// token_batch, so that no lookup is due.
SCAN_ATTR __attribute__((always_inline)) static inline int32_t SCAN_NAME(unspaced_run)(const uint8_t *bytes, size_t n, size_t *i, size_t end,
                                                       size_t most, const uint16_t *kinds, uint16_t *kind,
                                                       uint64_t *key, uint32_t *last, int *other, tally *tallies,
                                                       int32_t *tally_count, int32_t *run_script, int32_t *run_count,
                                                       run_words *words) {
    const uint8_t *p = bytes + *i;
    const uint8_t *first = p;
    // A scalar of three bytes that starts below `limit` ends before `end`, and four bytes from
    // it may be read.
    size_t stop_at = end < n ? end : end - 1;
    const uint8_t *limit = stop_at >= *i + 2 ? bytes + stop_at - 2 : p;
    int bounded = (size_t)(limit - p) > 3 * most;
    if (bounded) limit = p + 3 * most;
    uint64_t h = *key;
    uint16_t current = *kind;
    // Letters taken, and of them those counted to *run_count (tallies).
    int32_t letters = 0, counted = 0;
    int stop = 0;
    while (p < limit) {
        uint32_t word = ctk_load_le32(p);
        if ((word & 0xF0) != 0xE0) break;
        uint32_t x = DECODE3(word);
        uint16_t k = kinds[x];
        // A letter of the run's kind is hashed, a mark passed, by a select rather than a branch
        // (which each mark mispredicted); both found as values, or the compiler branches on the
        // letter.
        int letter = k == current;
        int passed = is_passed_mark(k, x);
        __asm__("" : "+r"(letter), "+r"(passed));
        if (letter | passed) {
            uint64_t hashed = ctk_hash_scalar(h, x);
            h = letter ? hashed : h;
            letters += letter;
            p += 3;
            continue;
        }
        if (is_unspaced_letter(k)) {
            current = k;
            if (tallies) {
                int32_t s = k & 0xFFF;
                *run_count += letters - counted;
                counted = letters;
                if (s != *run_script) {
                    add_tally(tallies, tally_count, *run_script, *run_count);
                    *run_script = s;
                    *run_count = 0;
                }
            }
            continue;
        }
        const uint8_t *q;
        if (k == KIND_LETTER && words != NULL && words->count < token_batch - 1
            && (q = SCAN_NAME(common_word)(p, limit, kinds, current, words)) != NULL) {
            h = ctk_hash_step(h, words->tokens[words->count - 1]);
            p = q;
            continue;
        }
        stop = 1;
        break;
    }
    if (bounded && p >= limit) stop = 1;
    if (tallies) *run_count += letters - counted;
    // The line's last scalar as the main loop reads it: the last letter taken, or the last
    // mark after it that joins a word or is no closer (a run that passes ー ends with a letter).
    uint32_t w = *last;
    for (const uint8_t *q = p; q > first;) {
        q -= 3;
        uint32_t y = DECODE3(ctk_load_le32(q));
        uint16_t ky = kinds[y];
        if (is_unspaced_letter(ky) || (ky & KIND_JOINS_WORD) || !is_closer(y)) {
            w = y;
            break;
        }
    }
    *i = (size_t)(p - bytes);
    *key = h;
    *last = w;
    *kind = current;
    *other = stop;
    return letters;
}

// unspaced_run with the tallies, out of line: inlined, the scan keeps its values on the stack.
SCAN_ATTR __attribute__((noinline)) static int32_t SCAN_NAME(tallied_run)(const uint8_t *bytes, size_t n, size_t *i,
                                                                         size_t end, const uint16_t *kinds,
                                                                         uint16_t *kind, uint64_t *key, uint32_t *last,
                                                                         int *other, tally *tallies,
                                                                         int32_t *tally_count, int32_t *run_script,
                                                                         int32_t *run_count, run_words *words) {
    return SCAN_NAME(unspaced_run)(bytes, n, i, end, SIZE_MAX / 4, kinds, kind, key, last, other, tallies, tally_count,
                                   run_script, run_count, words);
}

// The key of bytes[from..<end] (LineFeatures.key: the hash of its lowercased words, 0 when
// it has no letter), without the line's other measures; 0 too once it has `limit` words
// (LineFeatures.words), where the scan stops (INT32_MAX: no limit; line_keys gives a limit to
// the lines that end a sentence).
SCAN_ATTR static uint64_t SCAN_NAME(line_key)(const uint8_t *bytes, size_t n, size_t from, size_t end,
                                             const ctk_line_tables *t, int32_t limit) {
    const uint16_t *kinds = t->kinds;
    int32_t spaced = 0, unspaced = 0;
#define WORDS_REACHED() (spaced + (unspaced + 1) / 2 >= limit)
    int in_token = 0;
    uint64_t token = CTK_HASH_SEED;
    uint64_t key = CTK_HASH_SEED;
    int keyed = 0;
    int32_t no_tokens = 0;
    size_t i = from;
    while (i < end) {
        uint8_t b = bytes[i];
        if (b < 0x80) {
            if (word_byte[b] != 0) {
                if (!in_token) {
                    in_token = 1;
                    token = CTK_HASH_SEED;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                for (;;) {
                    // Words parted by spaces and stops, taken here (as in scan_line).
                    word_block taken;
                    if (i + 72 <= n
                        && SCAN_NAME(take_words)(bytes + i, end - i, &token, &key, NULL, &no_tokens, &taken)) {
                        i += taken.length;
                        spaced += taken.words;
                        if (WORDS_REACHED()) return 0;
                        if (taken.open) break;
                        if (!(i < end && word_byte[bytes[i]] != 0)) {
                            // The run ended with a space or stop, and its last token with it.
                            in_token = 0;
                            break;
                        }
                    } else {
                        int32_t letters;
                        size_t run_end = ASCII_RUN(bytes, n, i, &letters);
                        token = hash_ascii(token, bytes + i, run_end - i, n - i);
                        i = run_end;
                        if (!(i + 1 < end && bytes[i] == 0x20 && word_byte[bytes[i + 1]] != 0)) break;
                        key = ctk_hash_step(key, token);
                        i++;
                    }
                    token = CTK_HASH_SEED;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                keyed = 1;
                continue;
            }
            i++;
        } else {
            uint32_t v = decode_short(bytes, &i, end);
            uint16_t kind = kind_of(kinds, t, v);
            if (kind & KIND_LETTER) {
                keyed = 1;
                if (is_unspaced_script(kind & 0xFFF)) {
                    if (in_token) {
                        in_token = 0;
                        key = ctk_hash_step(key, token);
                    }
                    key = ctk_hash_scalar(key, v);
                    // The letters of unspaced scripts after it (an ideograph after another).
                    uint32_t w = v;
                    int length;
                    int other;
                    unspaced++;
                    if (WORDS_REACHED()) return 0;
                    // Letters up to the word where the scan stops: 2 x its words to come, less one.
                    size_t most = (size_t)(2 * ((int64_t)limit - spaced) - 1 - unspaced);
                    unspaced += SCAN_NAME(unspaced_run)(bytes, n, &i, end, most, kinds, &kind, &key, &w, &other, NULL, NULL, NULL,
                                                        NULL, NULL);
                    while (!other && i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                        key = ctk_hash_scalar(key, w);
                        i += length;
                        unspaced++;
                    }
                    if (WORDS_REACHED()) return 0;
                    continue;
                }
                if (!in_token) {
                    in_token = 1;
                    token = CTK_HASH_SEED;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                token = ctk_hash_scalar(token, lower(v));
                // The word's letters of the same kind after it.
                uint32_t w;
                int length;
                while (i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                    token = ctk_hash_scalar(token, lower(w));
                    i += length;
                }
                continue;
            }
            if (kind & KIND_JOINS_WORD) {
                if (!in_token && (kind & KIND_DIGIT)) {
                    in_token = 1;
                    token = CTK_HASH_SEED;
                    spaced++;
                    if (WORDS_REACHED()) return 0;
                }
                if (in_token) token = ctk_hash_scalar(token, v);
                continue;
            }
        }
        if (in_token) {
            in_token = 0;
            key = ctk_hash_step(key, token);
        }
    }
#undef WORDS_REACHED
    if (in_token) key = ctk_hash_step(key, token);
    return keyed ? key : 0;
}

// With `escaped`, bytes are those of a JSON string whose only escapes are \n: its lines are
// parted by those escapes (each backslash starts one), read where they are.
SCAN_ATTR static size_t SCAN_NAME(line_keys)(const uint8_t *bytes, size_t n, const ctk_line_tables *t,
                                             int32_t sentence_words, uint64_t *keys, int escaped) {
    size_t count = 0;
    size_t line_start = 0;
    int han = t->han_unspaced;
    while (line_start < n) {
        const uint8_t *newline = FIND_BYTE(bytes + line_start, n - line_start, escaped ? 0x5C : 0x0A);
        size_t line_end = newline ? (size_t)(newline - bytes) : n;
        // A line that ends a sentence and has sentence_words words has no key: most of the
        // text's bytes are in such lines, told by a count of their words without the hashes
        // (each letter's waits for the one before). A word takes a byte at least.
        // The line's end is read once, for the lines long enough to reach the limit.
        int ends = sentence_words > 0 && line_end - line_start >= (size_t)sentence_words
            && line_ends_sentence_quick(bytes, line_start, line_end);
        int keyless = ends && WORDS_REACH(bytes, n, line_start, line_end, t->kinds, sentence_words, han);
        uint64_t key = keyless ? 0
            : SCAN_NAME(line_key)(bytes, n, line_start, line_end, t, ends ? sentence_words : INT32_MAX);
        if (key != 0) keys[count++] = key;
        line_start = line_end + 1 + (size_t)escaped;
    }
    return count;
}

// Measures the line bytes[from..<to] into *line; its stopword tokens' language bits go to
// masks from *mask_count on.
SCAN_ATTR static void SCAN_NAME(scan_line)(const uint8_t *bytes, size_t n, size_t from, size_t to,
                                           const ctk_line_tables *t, ctk_line *line, uint32_t *masks,
                                           size_t *mask_count, tally *tallies) {
    const uint16_t *kinds = t->kinds;
    size_t start = from, end = to;
    while (start < end && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D)) start++;
    while (end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D)) end--;
    memset(line, 0, sizeof *line);
    line->start = (int64_t)start;
    line->end = (int64_t)end;
    line->first_stopword = line->end_stopword = (int32_t)*mask_count;
    line->script = -1;
    line->second_script = -1;
    if (start == end) return;

    int32_t spaced = 0, latin = 0, others = 0, unspaced = 0, separators = 0, numbers = 0;
    int in_token = 0, keyed = 0, previous_space = 0, code_mark = 0;
    uint64_t token = CTK_HASH_SEED, key = CTK_HASH_SEED;
    uint32_t last = 0;
    int32_t tally_count = 0;
    // Letters of the current run of one non-Latin script, tallied when it ends.
    int32_t run_script = -1, run_count = 0;
    int32_t inner_slashes = 0;
    // The tokens' hashes, looked up in the stopword table a batch at a time (look_up), so that
    // the scan keeps fewer values and the lookups overlap.
    uint64_t tokens[token_batch + 32];
    int32_t token_count = 0;
    lookups found = {*mask_count, 0, 0, 0, 0, 0};
#define END_TOKEN()                                                                                            \
    do {                                                                                                       \
        if (in_token) {                                                                                        \
            in_token = 0;                                                                                      \
            key = ctk_hash_step(key, token);                                              \
            tokens[token_count++] = token;                                                                     \
            if (token_count == token_batch) {                                                                  \
                SCAN_NAME(look_up)(t, tokens, token_count, masks, &found);                                                \
                token_count = 0;                                                                               \
            }                                                                                                  \
        }                                                                                                      \
    } while (0)

    size_t i = start;
    while (i < end) {
        uint8_t b = bytes[i];
        uint32_t v;
        if (b < 0x80) {
            v = b;
            if (word_byte[b] != 0) {
                if (!in_token) {
                    in_token = 1;
                    spaced++;
                    token = CTK_HASH_SEED;
                    if (is_ascii_digit(b)) numbers++;
                }
                int closed = 0;
                for (;;) {
                    // Words parted by spaces and stops, the most common sequel, taken here: what
                    // the loop below does for them.
                    word_block taken;
                    if (i + 72 <= n && SCAN_NAME(take_words)(bytes + i, end - i, &token, &key, tokens,
                                                             &token_count, &taken)) {
                        i += taken.length;
                        spaced += taken.words;
                        numbers += taken.numbers;
                        latin += taken.letters;
                        if (token_count >= token_batch) {
                            SCAN_NAME(look_up)(t, tokens, token_count, masks, &found);
                            token_count = 0;
                        }
                        if (taken.open) break;
                        if (!(i < end && word_byte[bytes[i]] != 0)) {
                            // The run ended with a space or stop, and its last token with it.
                            closed = 1;
                            in_token = 0;
                            last = taken.last;
                            previous_space = taken.space;
                            break;
                        }
                    } else {
                        int32_t letters;
                        size_t run_end = ASCII_RUN(bytes, n, i, &letters);
                        token = hash_ascii(token, bytes + i, run_end - i, n - i);
                        latin += letters;
                        i = run_end;
                        if (!(i + 1 < end && bytes[i] == 0x20 && word_byte[bytes[i + 1]] != 0)) break;
                        END_TOKEN();
                        i++;
                    }
                    in_token = 1;
                    spaced++;
                    token = CTK_HASH_SEED;
                    if (is_ascii_digit(bytes[i])) numbers++;
                }
                keyed = 1;
                if (!closed) {
                    last = bytes[i - 1];
                    previous_space = 0;
                }
                continue;
            }
            i++;
        } else {
            v = decode_short(bytes, &i, end);
            uint16_t kind = kind_of(kinds, t, v);
            if (kind & KIND_LETTER) {
                int32_t s = kind & 0xFFF;
                if (s == SCRIPT_LATIN) {
                    latin++;
                } else {
                    others++;
                    if (s != SCRIPT_COMMON && s != SCRIPT_INHERITED) {
                        if (s == run_script) {
                            run_count++;
                        } else {
                            add_tally(tallies, &tally_count, run_script, run_count);
                            run_script = s;
                            run_count = 1;
                        }
                    }
                }
                keyed = 1;
                last = v;
                previous_space = 0;
                // The letters of the same kind (script) after it, counted as it is.
                int32_t more = 0;
                uint32_t w;
                int length;
                if (is_unspaced_script(s)) {
                    unspaced++;
                    END_TOKEN();
                    key = ctk_hash_scalar(key, v);
                    w = v;
                    int other;
                    run_words words = {tokens, token_count, 0};
                    int32_t run = SCAN_NAME(tallied_run)(bytes, n, &i, end, kinds, &kind, &key, &w, &other, tallies, &tally_count,
                                               &run_script, &run_count, &words);
                    spaced += words.count - token_count;
                    token_count = words.count;
                    others += words.letters;
                    last = w;
                    while (!other && i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                        key = ctk_hash_scalar(key, w);
                        last = w;
                        i += length;
                        more++;
                    }
                    unspaced += run + more;
                    others += run + more;
                    run_count += more;
                    continue;
                }
                // common_word does this for ー inside a run of unspaced letters.
                if (!in_token) {
                    in_token = 1;
                    spaced++;
                    token = CTK_HASH_SEED;
                }
                token = ctk_hash_scalar(token, lower(v));
                while (i < end && (length = peek(bytes, i, end, &w)) != 0 && kinds[w] == kind) {
                    token = ctk_hash_scalar(token, lower(w));
                    last = w;
                    i += length;
                    more++;
                }
                if (s == SCRIPT_LATIN) {
                    latin += more;
                } else {
                    others += more;
                    if (s != SCRIPT_COMMON && s != SCRIPT_INHERITED) run_count += more;
                }
                continue;
            }
            if (kind & KIND_JOINS_WORD) {
                if (!in_token && (kind & KIND_DIGIT)) {
                    in_token = 1;
                    spaced++;
                    numbers++;
                    token = CTK_HASH_SEED;
                }
                if (in_token) token = ctk_hash_scalar(token, v);
                last = v;
                continue;
            }
        }
        int after_word = in_token;
        END_TOKEN();
        if (v == 0x20 || v == 0x09 || v == 0xA0 || v == 0x3000) {
            previous_space = 1;
            continue;
        }
        if (previous_space) {
            switch (v) {
            case 0x7C: case 0x2F: case 0x203A: case 0xBB: case 0x2D: case 0x2013: case 0x2014:
                if (i < end && bytes[i] == 0x20) separators++;
                break;
            default:
                break;
            }
        }
        if (!code_mark && may_mark(v)) {
            int at_start = i - 1 == start;
            code_mark = is_code_mark((uint8_t)v, bytes, i, end, at_start, previous_space || at_start, after_word,
                                     &inner_slashes);
        }
        previous_space = 0;
        if (!is_closer(v)) last = v;
    }
    END_TOKEN();
#undef END_TOKEN
    SCAN_NAME(look_up)(t, tokens, token_count, masks, &found);
    line->end_stopword = (int32_t)found.stopwords;
    *mask_count = found.stopwords;
    line->interface_words = found.interface_words;
    line->date_words = found.date_words;
    line->mentions_cookies = (found.flags & cookie_word) != 0;
    line->letters = latin + others;
    line->unspaced_letters = unspaced;
    line->separators = separators;
    line->numbers = numbers;
    line->words = spaced + (unspaced + 1) / 2;
    line->ends_sentence = (uint8_t)is_sentence_end(last);
    line->ends_clause = last == 0x2C || last == 0x3001 || last == 0xFF0C || last == 0x060C;
    line->key = keyed ? key : 0;
    line->code_mark = (uint8_t)code_mark;
    // The two scripts with the most letters (ties to the lower code), Latin among them.
    add_tally(tallies, &tally_count, run_script, run_count);
    add_tally(tallies, &tally_count, SCRIPT_LATIN, latin);
    if (tally_count == 0) return;
    tally first = tallies[0];
    tally second = {-1, 0};
    for (int32_t k = 1; k < tally_count; k++) {
        tally x = tallies[k];
        if (before(x, first)) {
            second = first;
            first = x;
        } else if (second.script < 0 || before(x, second)) {
            second = x;
        }
    }
    line->script = first.script;
    line->second_script = second.script;
}

// The lines go to out->lines, grown as they come (line_buffer), their number to out->count.
SCAN_ATTR static size_t SCAN_NAME(line_scan)(const uint8_t *bytes, size_t n, const ctk_line_tables *t,
                                             line_buffer *out, uint32_t *masks) {
    // Distinct scripts of one line: at most one per script code (12 bits).
    tally tallies[4096];
    size_t mask_count = 0;
    size_t count = 0;
    size_t line_start = 0;
    for (;;) {
        const uint8_t *newline = line_start < n ? FIND_BYTE(bytes + line_start, n - line_start, 0x0A) : NULL;
        size_t line_end = newline ? (size_t)(newline - bytes) : n;
        if (count == out->capacity) grow_lines(out);
        SCAN_NAME(scan_line)(bytes, n, line_start, line_end, t, &out->lines[count++], masks, &mask_count, tallies);
        if (newline == NULL) break;
        line_start = line_end + 1;
    }
    out->count = count;
    return mask_count;
}
