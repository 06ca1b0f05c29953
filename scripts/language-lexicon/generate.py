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

    pip install wordfreq==3.1.1 && scripts/language-lexicon/generate.py
"""
import math
import os
import sys

import wordfreq

# Malay and Indonesian were tried and left out: wordfreq's Malay list pulls real Malay towards
# Indonesian (the gettext benchmark's Malay sentences fell from 93% to 77%).
PAIRS = [("da", "nb")]
TOP = 30000
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
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
