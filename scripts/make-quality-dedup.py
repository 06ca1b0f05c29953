#!/usr/bin/env python3
"""Writes Tests/Data/quality/dedup.jsonl, the dedup stage's gold set for the quality gate.

Originals: the seeds, the article lines of Tests/Data/quality/boilerplate/*.txt, the documents
of Tests/Data/quality/language.jsonl and the Japanese and Chinese texts of
Tests/Data/quality/dedup-sources.jsonl (all written for these tests or taken from seeds/). An
original that shares half its shingles with one before it (the close-language translations) is
left out. Each original gets planted copies: exact ones (white space changed), near ones (words
or, in Japanese and Chinese, characters replaced, deleted or a sentence added at a known rate)
and far ones (a quarter of the words replaced, or the text cut to its first 40%). The gold
says whether a copy is a duplicate of its original: yes when its Jaccard to it (word 5-gram
shingles as the stage counts them, character 5-grams in unspaced scripts) is at least 0.85, no
when at most 0.65; a copy in between is left out, so the gold does not hinge on the 0.8
threshold. Deterministic: running it again gives the same file.
"""
import json, random, re, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "Tests/Data/quality"

def unspaced(ch):
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"))

def tokens(text):
    letters = [c for c in text if c.isalnum()]
    if letters and sum(unspaced(c) for c in letters) * 2 > len(letters):
        return [c.lower() for c in letters]
    out = []
    for word in re.findall(r"[^\W_]+", text):
        run = ""
        for c in word:
            if unspaced(c):
                if run: out.append(run.lower()); run = ""
                out.append(c)
            else:
                run += c
        if run: out.append(run.lower())
    return out

def shingles(text, n=5):
    t = tokens(text)
    if len(t) < n: return {tuple(t)}
    return {tuple(t[i:i + n]) for i in range(len(t) - n + 1)}

def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)

def originals():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield "seed-" + path.stem, path.read_text(encoding="utf-8")
    for path in sorted((DATA / "boilerplate").glob("*.txt")):
        if path.name.startswith("seed-"): continue
        lines = [l[2:] for l in path.read_text(encoding="utf-8").split("\n") if l.startswith("+ ")]
        yield "page-" + path.stem, "\n\n".join(lines)
    for line in (DATA / "language.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["size"] == "document": yield "lang-" + r["id"], r["text"]
    for line in (DATA / "dedup-sources.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        yield r["id"], r["text"]

FILLER = ["river", "window", "orange", "seven", "quiet", "garden", "market", "yellow", "paper", "winter"]
CJK_FILLER = "山川木石花鳥雲雨風雪"

def units(text):
    """The text cut into units to edit: characters in unspaced text, else words with the spaces after them."""
    letters = [c for c in text if c.isalnum()]
    if letters and sum(unspaced(c) for c in letters) * 2 > len(letters):
        return list(text), True
    return re.findall(r"\S+\s*", text), False

def edit(text, kind, rate, rng):
    parts, cjk = units(text)
    editable = [i for i, p in enumerate(parts) if p.strip() and (not cjk or p.isalnum())]
    count = max(1, round(rate * len(editable)))
    chosen = sorted(rng.sample(editable, min(count, len(editable))), reverse=True)
    for i in chosen:
        if kind == "replace":
            if cjk:
                parts[i] = rng.choice(CJK_FILLER)
            else:
                tail = parts[i][len(parts[i].rstrip()):]
                parts[i] = rng.choice(FILLER) + (tail or " ")
        elif kind == "delete":
            del parts[i]
    return "".join(parts)

def variants(text, rng, number):
    out = []
    if number % 2 == 0:
        out.append(("exact", 0.0, "  " + re.sub(r" ", "  ", text, count=5).replace("\n", "\n\n", 2) + "\n\n"))
    out.append(("replace", 0.01, edit(text, "replace", 0.01, rng)))
    out.append(("delete", 0.02, edit(text, "delete", 0.02, rng)))
    add = "新しい情報は後で追加します。" if units(text)[1] else "This article was updated with a short correction."
    out.append(("append", round(len(add) / len(text), 3), text + "\n\n" + add))
    out.append(("replace", 0.25, edit(text, "replace", 0.25, rng)))
    cut = units(text)[0]
    out.append(("truncate", 0.6, "".join(cut[: max(1, len(cut) * 4 // 10)])))
    return out

def main():
    rng = random.Random(21)
    kept = []
    for ident, text in originals():
        close = [other for other, t in kept if jaccard(text, t) >= 0.5]
        if close:
            print(f"left out {ident}: shares half its shingles with {close[0]}")
            continue
        kept.append((ident, text))
    records = []
    left_out = 0
    for number, (ident, text) in enumerate(kept):
        cjk = units(text)[1]
        records.append({"id": ident, "text": text, "original": ident, "unspaced": cjk, "edit": "original",
                        "rate": 0.0, "jaccard": 1.0, "duplicate": False})
        for k, (kind, rate, copy) in enumerate(variants(text, rng, number)):
            j = 1.0 if kind == "exact" else jaccard(text, copy)
            if 0.65 < j < 0.85:
                left_out += 1
                continue
            records.append({"id": f"{ident}~{k}", "text": copy, "original": ident, "unspaced": cjk, "edit": kind,
                            "rate": rate, "jaccard": round(j, 3), "duplicate": j >= 0.85})
    rng.shuffle(records)
    with open(DATA / "dedup.jsonl", "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    dups = sum(r["duplicate"] for r in records)
    print(f"{len(kept)} originals, {len(records)} documents, {dups} duplicates of their original, {left_out} copies left out (Jaccard between 0.65 and 0.85)")

main()
