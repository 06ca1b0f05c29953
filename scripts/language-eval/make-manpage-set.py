#!/usr/bin/env python3
"""Makes the language stage's second evaluation set from Debian's translated manual pages.

The translations of manpages-l10n (cs da de el es fi fr hu id it mk nb nl pl pt_BR ro ru sr sv
uk vi), manpages-ja, manpages-tr, manpages-zh and the English `manpages` are fetched with
`apt-get download` (never installed) into OUT/debs and unpacked; running text is taken from
the roff sources: text lines only (no request lines, so no synopses, option names or
examples), escapes removed, paragraphs cut into sentences. A sentence has 5 to 60 words, at
least 30 letters and no marks of code (`/ = _ < > @ { } [ ] |`, `--`); one that reads as
English in another language's pages (po4a leaves untranslated paragraphs in English) is
left out. Per language, at most:

- documents.jsonl: 40 documents, 8-12 consecutive sentences of one page joined by newlines;
- sentences.jsonl: 200 sentences (none of them in a document);
- word_pairs.jsonl: 200 pairs of adjacent words of a sentence;
- single_words.jsonl: 200 words of at least 3 letters;

words that also occur in the English pages are not used as pairs or single words. Lines are
`{"id","text","lang"}`, as in ../shared/data/langid-dev. The set is for measuring only: no
model, lexicon or threshold of the stage is built or fitted on it. Deterministic (seeded)
for a given set of package versions.

    scripts/language-eval/make-manpage-set.py [OUT]     (default .build/language-sets/manpages)
"""
import glob
import gzip
import json
import os
import random
import re
import subprocess
import sys

L10N = "cs da de el es fi fr hu id it mk nb nl pl pt_BR ro ru sr sv uk vi".split()
PACKAGES = {code: "manpages-" + code.lower().replace("_", "-") for code in L10N}
PACKAGES.update({"ja": "manpages-ja", "tr": "manpages-tr", "zh_CN": "manpages-zh", "en": "manpages"})
GOLD = {"pt_BR": "pt", "zh_CN": "zh"}
ENGLISH = set("the and which this that with from will are for of be is to an or by not when it".split())
CODE = re.compile(r"[/=_<>@{}\[\]|]|--|\.\w|\w\.\w|\d{3}")
ESCAPE = re.compile(r"\\(f(\(..|\[[^\]]*\]|.)|\*(\(..|\[[^\]]*\]|.)|\(..|\[[^\]]*\]|s[-+]?\d|[&|^:%c ,/~0edtu-]|n(\(..|.))")
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
NON_LATIN = {"el", "ja", "mk", "ru", "sr", "uk", "zh_CN"}
PER_LANGUAGE = {"documents": 40, "sentences": 200, "word_pairs": 200, "single_words": 200}


def fetch(out):
    debs = os.path.join(out, "debs")
    root = os.path.join(out, "root")
    os.makedirs(debs, exist_ok=True)
    missing = [p for p in PACKAGES.values() if not glob.glob(os.path.join(debs, p + "_*.deb"))]
    if missing:
        subprocess.run(["apt-get", "download", *missing], cwd=debs, check=True)
    for deb in sorted(glob.glob(os.path.join(debs, "*.deb"))):
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    return root


def pages(root, locale):
    pattern = "man/man*/*" if locale == "en" else f"man/{locale}*/man*/*"
    for path in sorted(glob.glob(os.path.join(root, "usr/share", pattern))):
        if os.path.islink(path):
            continue
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8", errors="replace")
        if "\ufffd" in text:
            continue
        yield text


def paragraphs(roff):
    """Runs of text lines between request lines, escapes removed."""
    current = []
    for line in roff.split("\n"):
        if line.startswith((".", "'")) or not line.strip():
            if current:
                yield " ".join(current)
            current = []
            continue
        current.append(ESCAPE.sub("", line.replace("\\-", "-").replace("\\(em", " - ")).replace("\\", "").strip())
    if current:
        yield " ".join(current)


def sentences(paragraph, english_words):
    """Sentences of a paragraph; with `english_words`, those that read as English are left out."""
    for s in SENTENCE_END.split(paragraph):
        s = " ".join(s.split())
        words = s.split()
        letters = sum(c.isalpha() for c in s)
        if not 5 <= len(words) <= 60 or letters < 30 or CODE.search(s):
            continue
        if english_words is not None:
            lower = [w.lower().strip(",.;:()'\"`") for w in words]
            function = len(ENGLISH & set(lower))
            known = sum(w in english_words for w in lower) / len(lower)
            if function >= 3 or (function >= 2 and known >= 0.5):
                continue
        yield s


def words_of(sentence, locale):
    """Words of letters only, not all capitals; runs of Han and kana cut into pieces of 2-4."""
    words = [w for w in re.findall(r"\w+", sentence) if w.isalpha() and not (len(w) > 1 and w.isupper())]
    if locale in NON_LATIN:
        words = [w for w in words if not w.isascii()]
    if locale in ("ja", "zh_CN"):
        pieces = []
        for w in words:
            i = 0
            while i + 2 <= len(w):
                n = 2 + (i * 7 + len(w)) % 3
                pieces.append(w[i:i + n])
                i += n
        words = pieces
    return words


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else ".build/language-sets/manpages"
    root = fetch(out)
    english = [[s for p in paragraphs(page) for s in sentences(p, None)] for page in pages(root, "en")]
    english_words = {w.lower() for page in english for s in page for w in words_of(s, "en")}
    per_locale = {"en": english}
    for locale in PACKAGES:
        if locale != "en":
            per_locale[locale] = [[s for p in paragraphs(page) for s in sentences(p, english_words)]
                                  for page in pages(root, locale)]
    rows = {name: [] for name in PER_LANGUAGE}
    for locale, page_sentences in sorted(per_locale.items()):
        gold = GOLD.get(locale, locale)
        rng = random.Random("manpages-" + locale)
        page_sentences = [p for p in page_sentences if p]
        rng.shuffle(page_sentences)
        used = set()
        documents = []
        for page in page_sentences:
            if len(documents) == PER_LANGUAGE["documents"]:
                break
            k = rng.randint(8, 12)
            if len(page) < k:
                continue
            start = rng.randrange(len(page) - k + 1)
            documents.append("\n".join(page[start:start + k]))
            used.update(page[start:start + k])
        pool = sorted({s for page in page_sentences for s in page if s not in used})
        rng.shuffle(pool)
        chosen = pool[:PER_LANGUAGE["sentences"]]
        pairs, singles, seen = [], [], set()
        for s in pool:
            words = words_of(s, locale)
            foreign = [i for i, w in enumerate(words) if w.lower() not in english_words or locale == "en"]
            adjacent = [i for i in foreign if i + 1 < len(words) and (i + 1) in foreign]
            if adjacent and len(pairs) < PER_LANGUAGE["word_pairs"]:
                i = rng.choice(adjacent)
                pair = words[i] + " " + words[i + 1]
                if pair.lower() not in seen:
                    seen.add(pair.lower())
                    pairs.append(pair)
            candidates = [words[i] for i in foreign if len(words[i]) >= 3 and words[i].lower() not in seen]
            if candidates and len(singles) < PER_LANGUAGE["single_words"]:
                word = rng.choice(candidates)
                seen.add(word.lower())
                singles.append(word)
        for name, items in [("documents", documents), ("sentences", chosen), ("word_pairs", pairs), ("single_words", singles)]:
            rows[name] += [{"id": f"{gold}-{name}-{i}", "text": t, "lang": gold} for i, t in enumerate(items)]
        print(f"{gold}: {len(documents)} documents, {len(chosen)} sentences, {len(pairs)} pairs, {len(singles)} words",
              file=sys.stderr)
    for name, items in rows.items():
        with open(os.path.join(out, name + ".jsonl"), "w", encoding="utf-8") as f:
            for row in items:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
