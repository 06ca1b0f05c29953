#!/usr/bin/env python3
"""Writes Sources/CTextKit/pair_lexicon.txt: per pair of close languages, the words whose
frequencies tell them apart, with the log of the ratio of their frequencies.

Source: wordfreq 3.1.1 (PyPI; its word lists are built from Wikipedia, OpenSubtitles, news,
web text, Twitter and Reddit; data under CC BY-SA 4.0, code Apache-2.0), the "best" list of
each language. Only the lists are read: no evaluation set (../shared/data/langid-dev and the
gettext benchmark are for measuring only).

Format: a line "pair A B" starts a pair, then "word<TAB>weight" lines, weight = ln(P_B(w) /
P_A(w)) clipped to +-6, where a word missing from a list gets that list's smallest frequency
over 4. Words among the 30,000 most frequent of either language, kept when |weight| >= 0.5.
A side may name several languages ("hr+bs"): the stage then answers the one of them that it
ranked higher, the first by default.

Croatian and Bosnian against Serbian in Latin letters ("pair hr+bs sr"): wordfreq has one
Serbo-Croatian list (`sh`), so the words come from the yat reflex, the one systematic
difference: standard Serbian is ekavian (vreme, mesto, dete, uvek), Croatian and Bosnian
ijekavian (vrijeme, mjesto, dijete, uvijek). A word of the 40,000 most frequent of `sh` that
Debian's Serbian (Latin) hunspell dictionary (hunspell-sr: GPL-2+, LGPL-2.1 or MPL-1.1)
accepts and the Croatian one (hunspell-hr: LGPL or SISSL) does not, and whose ijekavian form
(one e read as ije or je) the Croatian one accepts and `sh` has, is ekavian (weight +REFLEX);
that form is ijekavian (-REFLEX). Only words are shipped, no dictionary text. The packages
are fetched with `apt-get download` (never installed) and read with the `hunspell` command.

Croatian against Bosnian ("pair hr bs"), from the same words and dictionaries: the two standards
share the ijekavian reflex but not all their words, Bosnian taking many of Serbian's (tačka,
hemija, evropski, fudbal, uslovi) where Croatian has its own (točka, kemija, europski, nogomet,
uvjeti). A word that the Serbian and Bosnian dictionaries accept and the Croatian one does not,
and that is not an ekavian word of the reflex pair, weighs +STANDARD (Bosnian): half the margin
the stage asks for, so that two such words are needed, since the Croatian dictionary lacks
ordinary Croatian words (ligi, brojao, trpi, lebdi, bendu) and towns (sinj, makarske), and one
of them must not make a Croatian text Bosnian. The other side
is left out: Debian's Bosnian dictionary (hunspell-bs: GPL-2+, LGPL-2.1+ or MPL-1.1) is small and accepts most
Croatian words anyway (tko, tjedan), so the 43 words of the Croatian dictionary alone are mostly
its gaps (direktorica, which Bosnian writes too). Left out as well: words without a vowel
(abbreviations: dr, npr, tj), words among wordfreq's 50,000 most frequent English ones, and
names, which the dictionaries list capitalized: a word whose capitalized form the Croatian
dictionary accepts (varaždin, čakovec).

    pip install wordfreq==3.1.1 && apt-get install hunspell && scripts/language-lexicon/generate.py
"""
import glob
import subprocess
import tempfile
import math
import os
import sys

import wordfreq

# Malay and Indonesian were tried and left out: wordfreq's Malay list pulls real Malay towards
# Indonesian (the gettext benchmark's Malay sentences fell from 93% to 77%).
PAIRS = [("da", "nb")]
TOP = 30000
REFLEX_TOP = 40000
# One reflex word settles it: the margin the stage asks for (LanguageIdentifier.lexiconMargin).
REFLEX = 2.0
# Two words of one standard settle it (the margin is 2.0): one alone may be a gap of the Croatian
# dictionary (ligi, brojao, trpi, bendu, sinj) in a Croatian text.
STANDARD = 1.0
ENGLISH_TOP = 50000
VOWELS = set("aeiou")
CLIP = 6.0
KEEP = 0.5


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "Sources", "CTextKit", "pair_lexicon.txt")
    lines = []
    for a, b in PAIRS:
        fa = wordfreq.get_frequency_dict(a, wordlist="best")
        fb = wordfreq.get_frequency_dict(b, wordlist="best")
        floor_a = min(fa.values()) / 4
        floor_b = min(fb.values()) / 4
        words = set(wordfreq.top_n_list(a, TOP)) | set(wordfreq.top_n_list(b, TOP))
        lines.append(f"pair {a} {b}")
        kept = 0
        for word in sorted(words):
            if not word.isalpha() or word != word.lower():
                continue
            weight = math.log(fb.get(word, floor_b) / fa.get(word, floor_a))
            weight = max(-CLIP, min(CLIP, weight))
            if abs(weight) >= KEEP:
                lines.append(f"{word}\t{weight:.2f}")
                kept += 1
        print(f"{a}/{b}: {kept} words", file=sys.stderr)
    lines += serbo_croatian_pairs()
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def accepted(dictionary, words):
    """The words that hunspell's `dictionary` (a path without .dic/.aff) accepts."""
    run = subprocess.run(["hunspell", "-d", dictionary, "-G"], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def serbo_croatian_pairs():
    """The "pair hr+bs sr" (the yat reflex) and "pair hr bs" (Bosnian's Serbian words) lines."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", "hunspell-bs", "hunspell-hr", "hunspell-sr"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        for deb in glob.glob(os.path.join(tmp, "*.deb")):
            subprocess.run(["dpkg-deb", "-x", deb, os.path.join(tmp, "root")], check=True)
        dictionaries = os.path.join(tmp, "root", "usr", "share", "hunspell")
        words = [w for w in wordfreq.top_n_list("sh", REFLEX_TOP) if w.isalpha() and len(w) >= 2]
        capitalized = [w.capitalize() for w in words]
        hr = accepted(os.path.join(dictionaries, "hr_HR"), words)
        sr = accepted(os.path.join(dictionaries, "sr_Latn_RS"), words)
        bs = accepted(os.path.join(dictionaries, "bs_BA"), words)
        hr_names = {w.lower() for w in accepted(os.path.join(dictionaries, "hr_HR"), capitalized)}
    reflex = reflex_weights(words, hr, sr)
    lines = ["pair hr+bs sr"] + [f"{w}\t{reflex[w]:.2f}" for w in sorted(reflex)]
    standard = standard_weights(words, hr, sr, bs, hr_names, reflex)
    return lines + ["pair hr bs"] + [f"{w}\t{standard[w]:.2f}" for w in sorted(standard)]


def standard_weights(words, hr, sr, bs, hr_names, reflex):
    """Words of the Serbian and Bosnian dictionaries but not the Croatian one (+STANDARD,
    Bosnian), but the reflex pair's words, abbreviations, English words and names."""
    english = set(wordfreq.top_n_list("en", ENGLISH_TOP))
    weights = {}
    for word in words:
        if word in reflex or not VOWELS & set(word) or word in english:
            continue
        if word in sr and word in bs and word not in hr and word not in hr_names:
            weights[word] = STANDARD
    print(f"hr/bs: {len(weights)} words", file=sys.stderr)
    return weights


def reflex_weights(words, hr, sr):
    """The yat reflex: ekavian words of the Serbian dictionary +REFLEX, their ijekavian forms -REFLEX."""
    known = set(words)
    weights = {}
    for word in words:
        if word not in sr or word in hr:
            continue
        ijekavian = {word[:i] + r + word[i + 1:] for i, c in enumerate(word) if c == "e" for r in ("ije", "je")}
        ijekavian = {w for w in ijekavian if w in hr and w in known}
        if ijekavian:
            weights[word] = REFLEX
            for w in ijekavian:
                weights.setdefault(w, -REFLEX)
    print(f"hr+bs/sr: {len(weights)} words", file=sys.stderr)
    return weights


if __name__ == "__main__":
    main()
