#!/usr/bin/env python3
"""Writes Tests/Data/quality/normalize.jsonl, the normalize stage's gold set for the quality gate.

Each case is a short document: three to five sentences of one language from
Tests/Data/quality/language.jsonl (written for these tests), one a line, with two to four kinds
of web noise planted in it (a line's UTF-8 read as Windows-1252, Latin-1 or Windows-1251,
HTML entities, no-break spaces, zero-width spaces, soft hyphens, a BOM, CRLF line ends,
trailing blanks, a line in NFD, terminal colour escapes, C0 controls). `expected` is the
clean document in NFC with LF line ends: what the stage, at its defaults, must give back.
Deterministic: running it again gives the same file.
"""
import json, random, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "Tests/Data/quality"

def mojibake(line, codec):
    try:
        broken = line.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return None
    return broken if broken != line else None

def entity(line, rng):
    out = []
    for ch in line:
        if ord(ch) > 127 and ch.isalpha() and rng.random() < 0.5:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    text = "".join(out)
    return text.replace(" ", "&nbsp;", 1) if text != line or " " in line else None

def in_words(line, rng, mark, share=0.3):
    words = line.split(" ")
    for i, w in enumerate(words):
        if len(w) > 3 and rng.random() < share:
            cut = rng.randrange(1, len(w) - 1)
            words[i] = w[:cut] + mark + w[cut:]
    text = " ".join(words)
    return text if text != line else None

NOISE = {
    "cp1252": lambda l, r: mojibake(l, "cp1252"),
    "latin-1": lambda l, r: mojibake(l, "latin-1"),
    "cp1251": lambda l, r: mojibake(l, "cp1251"),
    "entities": entity,
    "nbsp": lambda l, r: l.replace(" ", "\u00a0", 2) if " " in l else None,
    "zero-width": lambda l, r: in_words(l, r, "\u200b"),
    "soft-hyphen": lambda l, r: in_words(l, r, "\u00ad"),
    "nfd": lambda l, r: unicodedata.normalize("NFD", l) if unicodedata.normalize("NFD", l) != l else None,
    "terminal-escape": lambda l, r: "\x1b[1;31m" + l + "\x1b[0m",
    "control": lambda l, r: in_words(l, r, "\x07", 0.2),
    "trailing": lambda l, r: l + r.choice([" ", "  ", "\t", " \t "]),
}
DOCUMENT_NOISE = ["bom", "crlf"]

def main():
    rng = random.Random(21)
    by_lang = {}
    for line in (DATA / "language.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["size"] in ("sentence", "document"):
            by_lang.setdefault(r["lang"], []).append(r["text"])
    cases = []
    for lang in sorted(by_lang):
        lines = by_lang[lang][:5]
        if len(lines) < 3: continue
        clean = [unicodedata.normalize("NFC", l) for l in lines]
        kinds = rng.sample(sorted(NOISE) + DOCUMENT_NOISE, rng.randint(2, 4))
        if lang in ("ru", "uk") and "cp1251" not in kinds: kinds[0] = "cp1251"
        broken = list(clean)
        applied = []
        for kind in kinds:
            if kind in DOCUMENT_NOISE:
                applied.append(kind)
                continue
            # One line a kind, a line not yet touched, so the kinds do not stack.
            for i in rng.sample(range(len(broken)), len(broken)):
                if broken[i] != clean[i]: continue
                noisy = NOISE[kind](clean[i], rng)
                if noisy is not None:
                    broken[i] = noisy
                    applied.append(kind)
                    break
        text = ("\r\n" if "crlf" in applied else "\n").join(broken)
        if "bom" in applied: text = "\ufeff" + text
        cases.append({"id": f"{lang}-web", "lang": lang, "noise": applied, "input": text, "expected": "\n".join(clean)})
    with open(DATA / "normalize.jsonl", "w", encoding="utf-8") as out:
        for c in cases:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    kinds = sorted({k for c in cases for k in c["noise"]})
    print(f"{len(cases)} documents, noise kinds: {', '.join(kinds)}")

main()
