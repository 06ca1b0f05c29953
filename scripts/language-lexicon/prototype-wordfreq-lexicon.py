#!/usr/bin/env python3
"""A measured prototype (not shipped): a word-frequency lexicon of every language wordfreq has,
re-ranking the language stage's answer on texts of 1-3 words. See docs/language.md
("Prototype: a lexicon of all wordfreq languages") for the figures and the design for shipping.

Source: wordfreq 3.1.1 (PyPI; word lists from Wikipedia, OpenSubtitles, news, web text,
Twitter and Reddit; data CC BY-SA 4.0, code Apache-2.0), the "best" list of each of its 42
languages, the TOP most frequent words of each, log10 frequency. Nothing is fitted on
../shared/data/langid-dev: the rule was chosen on a gettext set this script makes from the
catalogs installed under /usr/share/locale (translations of 5+ words, words not in the English
original, 200 messages per language, one word and one pair of adjacent words of each) and on
the man-page set (scripts/language-eval/make-manpage-set.py), then measured once on langid-dev.

Rule, for a text of 1-3 words (letters, lower-cased) whose stage answer is not `und`:
  score(L) = ln(10) * sum_w lex_L(w) + ALPHA * ln(share_L + EPS)
where lex_L(w) is log10 of w's frequency in L's list, or the list's smallest kept log10
frequency minus MISS when w is not among L's TOP words; a language wordfreq lacks scores
NEUTRAL per word; share_L is the stage's share of L in its top 3 (0 outside it). wordfreq's
`sh` (Serbo-Croatian, Latin letters) scores bs, hr and sr alike (Serbian Cyrillic words are
transliterated first) and `fil` is `tl`. The best-scoring language is answered unless it is in
the stage answer's close group (bs/hr/sr, id/ms, da/nb/nn), which the stage settles.

    python -m venv /tmp/wfvenv && /tmp/wfvenv/bin/pip install wordfreq==3.1.1
    swift build -c release
    /tmp/wfvenv/bin/python scripts/language-lexicon/prototype-wordfreq-lexicon.py [--top 50000]
"""
import argparse
import collections
import gettext
import json
import math
import os
import random
import re
import subprocess
import tempfile

import wordfreq

ALPHA, NEUTRAL, EPS, MISS = 2.0, -6.5, 0.001, 1.0
MAP = {"fil": "tl"}
GROUPS = [{"bs", "hr", "sr"}, {"id", "ms"}, {"da", "nb", "nn"}]
LANGID_DEV_LANGS = set(
    "af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy id is it "
    "ja ka kk ko la lg lt lv mi mk mn mr ms nb nl nn pa pl pt ro ru sk sl sn so sq sr st sv sw ta "
    "te th tl tn ts uk ur vi xh yo zh zu".split())
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SR_CYRILLIC = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџш",
                       ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m",
                        "n", "nj", "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]))


def group(code):
    return next((frozenset(g) for g in GROUPS if code in g), frozenset([code]))


def words(text):
    return [w.lower() for w in WORD.findall(text)]


class Lexicon:
    def __init__(self, top):
        self.langs = sorted(wordfreq.available_languages("best"))
        self.words = {}  # word -> {wordfreq language: log10 frequency}
        self.floor = {}
        for lang in self.langs:
            ranked = sorted(wordfreq.get_frequency_dict(lang, "best").items(), key=lambda x: -x[1])[:top]
            self.floor[lang] = math.log10(ranked[-1][1])
            for w, f in ranked:
                self.words.setdefault(w, {})[lang] = round(math.log10(f), 2)
        self.covered = {MAP.get(l, l) for l in self.langs if l != "sh"} | {"bs", "hr", "sr"}

    def size(self):
        entries = sum(len(v) for v in self.words.values())
        word_bytes = sum(len(w.encode()) + 1 for w in self.words)
        return len(self.words), entries, word_bytes

    def decide(self, text, answer, top):
        ws = words(text)
        if not ws or len(ws) > 3 or answer == "und":
            return answer
        lexical = {}
        for lang in self.langs:
            s = 0.0
            for w in ws:
                e = self.words.get("".join(SR_CYRILLIC.get(c, c) for c in w) if lang == "sh" else w)
                v = e.get(lang) if e else None
                s += v if v is not None else self.floor[lang] - MISS
            for code in (("bs", "hr", "sr") if lang == "sh" else (MAP.get(lang, lang),)):
                lexical[code] = s
        scores = {c: math.log(10) * lexical.get(c, NEUTRAL * len(ws)) + ALPHA * math.log(top.get(c, 0) + EPS)
                  for c in set(lexical) | set(top)}
        best = max(scores, key=scores.get)
        return answer if group(best) == group(answer) else best


def gettext_items(rnd, per_language=200):
    """Pairs and single words of the installed gettext translations (the design set)."""
    pools = collections.defaultdict(list)
    root = "/usr/share/locale"
    for loc in sorted(os.listdir(root)):
        d = f"{root}/{loc}/LC_MESSAGES"
        code = loc.split("_")[0].split("@")[0]
        if not os.path.isdir(d) or loc.startswith("en") or "@latin" in loc or code not in LANGID_DEV_LANGS:
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith(".mo") or f.startswith("iso_"):
                continue
            try:
                catalog = gettext.GNUTranslations(open(f"{d}/{f}", "rb"))._catalog
            except Exception:
                continue
            for k, v in catalog.items():
                k = k[0] if isinstance(k, tuple) else k
                if not k or not isinstance(v, str) or v == k:
                    continue
                t = re.sub(r"%(\d+\$)?[-+ #0-9.*]*(l|ll|h|z)?[a-zA-Z]|\$\{?\w+\}?|<[^>]+>|\\[nt]", " ", v)
                t = t.replace("_", "").replace("&", "")
                english = {w.lower() for w in WORD.findall(k)}
                ws = [w for w in WORD.findall(t) if w.lower() not in english and len(w) > 1]
                if len(t.split()) >= 5 and ws:
                    pools[code].append(ws)
    items = []
    for code, pool in sorted(pools.items()):
        if len(pool) < 30:
            continue
        rnd.shuffle(pool)
        for i, ws in enumerate(pool[:per_language]):
            items.append(("gettext", "single_words", rnd.choice(ws), code))
            if len(ws) >= 2:
                j = rnd.randrange(len(ws) - 1)
                items.append(("gettext", "word_pairs", ws[j] + " " + ws[j + 1], code))
    return items


def stage_answers(binary, root, items):
    """The language stage's answer and top 3 for each item, from a language-only run."""
    config = json.load(open(os.path.join(root, "pipeline.json")))
    config["stages"] = ["language"]
    with tempfile.TemporaryDirectory() as tmp:
        json.dump(config, open(f"{tmp}/config.json", "w"))
        with open(f"{tmp}/items.jsonl", "w") as out:
            for i, (_, _, text, _) in enumerate(items):
                out.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")
        subprocess.run([binary, "run", "--config", f"{tmp}/config.json", "--input", f"{tmp}/items.jsonl",
                        "--output", f"{tmp}/out", "--workers", "1"], check=True, capture_output=True)
        answers = {}
        for line in open(f"{tmp}/out/manifest.jsonl"):
            m = json.loads(line)
            answers[int(m["id"])] = (m["language"], {x["code"]: x["share"] for x in m["languages"]})
    return [answers[i] for i in range(len(items))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=50000)
    parser.add_argument("--binary", default=".build/release/corpusclean")
    parser.add_argument("--langid-dev", default="../shared/data/langid-dev")
    parser.add_argument("--manpages", default=".build/language-sets/manpages")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    items = gettext_items(random.Random(7))
    sets = {"langid-dev": args.langid_dev, "manpages": os.path.join(root, args.manpages)}
    for name, d in sets.items():
        for size in ("word_pairs", "single_words", "sentences"):
            for line in open(f"{d}/{size}.jsonl"):
                r = json.loads(line)
                items.append((name, size, r["text"], r["lang"]))
    answers = stage_answers(os.path.join(root, args.binary), root, items)
    lexicon = Lexicon(args.top)
    print("lexicon: %d languages, %d words, %d entries, %d bytes of words" % ((len(lexicon.langs),) + lexicon.size()))
    n, before, after = collections.Counter(), collections.Counter(), collections.Counter()
    moved = collections.Counter()
    for (name, size, text, gold), (answer, top) in zip(items, answers):
        new = lexicon.decide(text, answer, top)
        key = (name, size)
        n[key] += 1
        before[key] += answer == gold
        after[key] += new == gold
        if name == "langid-dev" and (answer == gold) != (new == gold):
            moved[(gold, answer, new)] += 1
    for key in sorted(n):
        print("%-10s %-12s %6d  %.2f -> %.2f" % (key + (n[key], 100 * before[key] / n[key], 100 * after[key] / n[key])))
    net = collections.Counter()
    for (gold, answer, new), c in moved.items():
        net[gold] += c if new == gold else -c
    print("langid-dev, net items per language (pairs, words, sentences):",
          " ".join(f"{g} {c:+d}" for g, c in sorted(net.items(), key=lambda x: x[1]) if c))
    print("langid-dev, most frequent new errors:",
          " ".join(f"{g}->{b}:{c}" for (g, a, b), c in moved.most_common() if a == g)[:600])


if __name__ == "__main__":
    main()
