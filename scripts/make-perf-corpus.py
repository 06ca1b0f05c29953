#!/usr/bin/env python3
"""Makes a large JSONL corpus for throughput runs from the perf-dev corpus.

The output is made of rounds. Round 0 is the corpus as it is (its planted duplicates
included). Every later round emits every document again, with the id `<id>-r<round>` and a
share of its tokens (`--replace`: each token with that probability, 0.3 by default) replaced
by tokens of the same kind drawn, by frequency, from a pool built from the whole corpus:

- in text written with spaces, a word is replaced by a word of the same Unicode script
  (the script of its first character, from the prefix of its Unicode name: LATIN, CYRILLIC,
  HANGUL, ...), from any language written in it;
- in scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar)
  every letter is a token, replaced by a letter of the same script.

Punctuation, spaces and line breaks stay. So a round has the documents, lengths (on average)
and script mix of the corpus, but its copies are no near-duplicates of the other rounds'
(with 30% replaced, about 0.7^5 = 17% of 5-grams survive: Jaccard about 0.1), and dedup does
on them the work it does on new text. Standard library only; the output depends only on the
input and the options.

    python3 scripts/make-perf-corpus.py [CORPUS] [-o /tmp/perf-1g.jsonl] [--bytes N]
                                        [--replace 0.3] [--seed 1]
"""

import argparse
import collections
import functools
import gzip
import itertools
import json
import os
import random
import re
import time
import unicodedata

# Blocks of the scripts written without spaces: each of their letters is one token.
NO_SPACE = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # Han
)
# A token: one word character of those scripts, or a run of other word characters.
TOKEN = re.compile(rf"((?=\w)[{NO_SPACE}]|[^\W{NO_SPACE}]+)")


@functools.lru_cache(maxsize=None)
def script(char):
    """The first word of the character's Unicode name (LATIN, CJK, HIRAGANA, ...)."""
    return unicodedata.name(char, "?").split(" ", 1)[0]


def build_pools(lines):
    """For every token of the corpus, the pool of its script: every token of that script once
    per occurrence (so draws follow frequency)."""
    counts = collections.Counter()
    for line in lines:
        counts.update(TOKEN.findall(json.loads(line)["text"]))
    pools = collections.defaultdict(list)
    for token, n in counts.items():
        pools[script(token[0])].extend([token] * n)
    return {token: pools[script(token[0])] for token in counts}


def rewrite(text, pool_of, share, rng):
    """`text` with about `share` of its tokens replaced by tokens of the same script (drawn
    again, a few times at most, when a short text comes out unchanged: no exact copies)."""
    parts = TOKEN.split(text)  # separators at even indices, tokens at odd ones
    draw = rng.random
    for _ in range(10):
        for i in range(1, len(parts), 2):
            if draw() < share:
                pool = pool_of[parts[i]]
                parts[i] = pool[int(draw() * len(pool))]
        result = "".join(parts)
        if result != text:
            break
    return result


def encode(document):
    """One JSONL line, in UTF-8."""
    try:
        return (json.dumps(document, ensure_ascii=False) + "\n").encode()
    except UnicodeEncodeError:  # a lone surrogate from a \u escape: keep it escaped
        return (json.dumps(document) + "\n").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="../shared/data/perf-dev/corpus.jsonl.gz",
                        help="JSONL or JSONL.gz corpus to grow (default: %(default)s)")
    parser.add_argument("-o", "--output", default="/tmp/perf-1g.jsonl", help="output JSONL (default: %(default)s)")
    parser.add_argument("--bytes", type=int, default=1 << 30,
                        help="stop after the document that reaches this size (default: 1 GiB)")
    parser.add_argument("--replace", type=float, default=0.3, help="share of tokens replaced in rounds 1+ (default: 0.3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    if os.path.commonpath([repo, os.path.realpath(args.output)]) == repo:
        parser.error(f"{args.output} is inside the repository; write it elsewhere (e.g. /tmp)")

    start = time.monotonic()
    opener = gzip.open if args.corpus.endswith(".gz") else open
    with opener(args.corpus, "rb") as f:
        lines = [line if line.endswith(b"\n") else line + b"\n" for line in f if line.strip()]
    pool_of = build_pools(lines)
    print(f"{len(lines)} documents, {sum(map(len, lines))} bytes, {len(pool_of)} distinct tokens, "
          f"read in {time.monotonic() - start:.1f} s", flush=True)

    rng = random.Random(args.seed)
    written = documents = 0
    with open(args.output, "wb") as out:
        for round_ in itertools.count():
            if written >= args.bytes:
                break
            for line in lines:
                if round_ > 0:
                    document = json.loads(line)
                    document["id"] = f"{document['id']}-r{round_}"
                    document["text"] = rewrite(document["text"], pool_of, args.replace, rng)
                    line = encode(document)
                out.write(line)
                written += len(line)
                documents += 1
                if written >= args.bytes:
                    break
    rounds, rest = divmod(documents, len(lines))
    print(f"{args.output}: {documents} documents ({rounds} rounds + {rest}), {written} bytes, "
          f"{time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
