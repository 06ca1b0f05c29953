#!/usr/bin/env python3
"""Generates the mojibake-repair suites in Tests/Data/repair/ from the message translations
installed under /usr/share/locale (Debian's gettext catalogues, .mo files).

  clean.jsonl      {"lang", "text"}: clean lines, 40+ languages (nothing may change but the form)
  generated.jsonl  {"lang", "half", "codec", "kind", "broken", "original", "expected"}:
                   clean lines broken through a codec pair; "expected" is ftfy.fix_encoding's
                   answer (ftfy 6.3.1, used here as an oracle only), "original" the clean text.
  real.jsonl       {"note", "broken", "original", "expected"}: the hand-written cases of
                   scripts/repair-real-cases.tsv ("original" the text meant, "expected" ftfy's answer).

"half" is "tune" or "held-out", by language (a hash of the language code), so that the
held-out half has languages the repair was never tuned on.

The lines are translations of free software messages, each under its package's licence
(mostly GPL/LGPL; see /usr/share/doc/<package>/copyright); short excerpts are used as test
data. Deterministic: same machine, same output.

Usage: scripts/make-repair-suite.py [outdir]   (needs: pip install ftfy)
"""
import glob
import gettext
import hashlib
import json
import os
import re
import struct
import sys
import unicodedata

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-125x and utf-8-variants)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Tests/Data/repair")

CODECS = ["sloppy-windows-1252", "latin-1", "macroman", "windows-1250", "windows-1251", "windows-1253",
          "windows-1254", "windows-1257", "iso-8859-2", "cp437"]
# Characters the rest of the normalize stage changes on its own (spaces it folds, controls and
# invisible characters it removes, entities it decodes): clean lines hold none of them, so that
# "changed" means changed by the repair.
STAGE_TOUCHES = re.compile("[\x00-\x1f\x7f-\xa0\xad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f"
                           "\u3000\ufeff\ufff9-\ufffb&]")
PLACEHOLDER = re.compile(r"%|\$\{|\{[0-9a-z_]*\}|<[a-z/]|\\")
CLEAN_PER_LANG = 120
BROKEN_PER_LANG_CODEC = 2


def h(s):
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest(), 16)


def language_lines():
    """{language: sorted unique clean lines} from the .mo catalogues."""
    langs = {}
    for path in sorted(glob.glob("/usr/share/locale/*/LC_MESSAGES/*.mo")):
        lang = path.split("/")[4]
        if "@" in lang:
            continue
        try:
            with open(path, "rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog
        except Exception:
            continue
        for key, value in catalog.items():
            if not key or not isinstance(value, str):
                continue
            text = unicodedata.normalize("NFC", value.strip())
            if not (25 <= len(text) <= 200) or text != value or STAGE_TOUCHES.search(text) or PLACEHOLDER.search(text):
                continue
            if text == (key if isinstance(key, str) else key[0]):
                continue  # untranslated
            langs.setdefault(lang, set()).add(text)
    return {lang: sorted(lines, key=h) for lang, lines in langs.items()}


def non_ascii_share(text):
    return sum(ord(c) > 0x7F for c in text) / len(text)


def break_once(text, codec):
    try:
        return text.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return None


def cesu(text):
    """UTF-8 of each UTF-16 code unit (CESU-8): the surrogate halves of astral characters."""
    units = struct.unpack(">%dH" % (len(text.encode("utf-16-be")) // 2), text.encode("utf-16-be"))
    return "".join(chr(u) for u in units).encode("utf-8", "surrogatepass")


C1_PUNCT = {"\u201e": "\x84", "\u201c": "\x93", "\u201d": "\x94", "\u2018": "\x91", "\u2019": "\x92",
            "\u2013": "\x96", "\u2014": "\x97", "\u2026": "\x85", "\u20ac": "\x80", "\u2122": "\x99"}
QUOTES = [("\u201e", "\u201c"), ("\u201c", "\u201d"), ("\u2018", "\u2019")]
EMOJI = ["\U0001F60D", "\U0001F680", "\U0001F44D", "\U0001F389", "\U0001F914", "\U0001F525"]


def with_quotes(text, seed):
    """The line with one word in curly quotes, a dash and an ellipsis (typographic punctuation)."""
    words = text.split(" ")
    k = seed % len(words)
    left, right = QUOTES[seed % len(QUOTES)]
    words[k] = left + words[k] + right
    return " ".join(words) + (" \u2013 \u2026" if seed % 2 else "\u2026")


def main():
    os.makedirs(OUT, exist_ok=True)
    langs = language_lines()
    chosen = sorted(lang for lang, lines in langs.items() if len(lines) >= 150)
    clean, generated = [], []
    for lang in chosen:
        half = "tune" if h("half:" + lang) % 2 == 0 else "held-out"
        lines = langs[lang]
        clean += [{"lang": lang, "text": t} for t in lines[:CLEAN_PER_LANG]]
        pool = [t for t in lines[CLEAN_PER_LANG:] if non_ascii_share(t) > 0]
        if len(pool) < 20:
            continue

        def add(codec, kind, broken, original):
            if broken is None or broken == original:
                return
            generated.append({"lang": lang, "half": half, "codec": codec, "kind": kind, "broken": broken,
                              "original": original, "expected": ftfy.fix_encoding(broken)})

        n = 0
        for codec in CODECS:
            for m in range(BROKEN_PER_LANG_CODEC):
                text = pool[n % len(pool)]
                n += 1
                add(codec, "whole", break_once(text, codec), text)
                twice = break_once(text, codec)
                add(codec, "twice", twice and break_once(twice, codec), text)
                words = text.split(" ")
                targets = [i for i, w in enumerate(words) if any(ord(c) > 0x7F for c in w)]
                if targets:
                    i = targets[h(text) % len(targets)]
                    broken_word = break_once(words[i], codec)
                    if broken_word is not None:
                        add(codec, "word", " ".join(words[:i] + [broken_word] + words[i + 1:]), text)
        for m in range(3):
            text = with_quotes(pool[(n + m) % len(pool)], h(lang) + m)
            add("c1-as-windows-1252", "whole", "".join(C1_PUNCT.get(c, c) for c in text), text)
            emoji = EMOJI[(h(lang) + m) % len(EMOJI)]
            text = pool[(n + 3 + m) % len(pool)] + " " + emoji
            codec = ["latin-1", "sloppy-windows-1252"][m % 2]
            add("cesu-8/" + codec, "whole", cesu(text).decode(codec), text)
    with open(os.path.join(OUT, "clean.jsonl"), "w", encoding="utf-8") as f:
        for r in clean:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "generated.jsonl"), "w", encoding="utf-8") as f:
        for r in generated:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    real = []
    with open(os.path.join(ROOT, "scripts/repair-real-cases.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            note, broken, intended = line.rstrip("\n").split("\t")
            broken, intended = (json.loads('"%s"' % s) for s in (broken, intended))
            real.append({"note": note, "broken": broken, "original": intended, "expected": ftfy.fix_encoding(broken)})
    with open(os.path.join(OUT, "real.jsonl"), "w", encoding="utf-8") as f:
        for r in real:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    held = sum(r["half"] == "held-out" for r in generated)
    print("%d languages; clean: %d lines; generated: %d cases (%d held-out); ftfy recovers the original in %d; real: %d"
          % (len(chosen), len(clean), len(generated), held,
             sum(r["expected"] == r["original"] for r in generated), len(real)), file=sys.stderr)
    print("real: ftfy gives the intended text in %d of %d" % (sum(r["expected"] == r["original"] for r in real), len(real)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
