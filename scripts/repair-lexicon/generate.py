#!/usr/bin/env python3
"""Writes Sources/CTextKit/lost_byte_letters.bin: how often letters occur in the running text
of each language of wordfreq, for the normalize stage's repair of mojibake whose undefined
Windows-1252 byte was lost (see docs/normalize-repair.md, "Lost bytes").

Two kinds of entries (index of a language = bit of a mask):
  candidate: a character whose UTF-8 (or its capital's) has exactly one continuation byte
    that Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D): what a lost byte can stand
    for; or a Latin-1 letter (what the lead byte of such a sequence reads as). Its share of the
    letters of each language's text where it is >= 1e-6 (lower case: the word lists are).
  mask: any other letter with a share >= 2e-5 in some language: the languages (bit mask)
    where it is that frequent, which tell the context's languages.

The shares are of the letters of each language's word list weighted by word frequency
(wordfreq 3.1.1, its "best" list of each language; data CC BY-SA 4.0).

    python -m venv /tmp/wfvenv && /tmp/wfvenv/bin/pip install wordfreq==3.1.1
    /tmp/wfvenv/bin/python scripts/repair-lexicon/generate.py
"""
import os
import struct
import unicodedata
from collections import defaultdict
from wordfreq import available_languages, get_frequency_dict

UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
CANDIDATE_MIN = 1e-6
CONTEXT_MIN = 2e-5


def lost_form(ch):
    b = ch.encode("utf-8")
    return len(b) >= 2 and sum(1 for x in b[1:] if x in UNDEFINED) == 1


def candidate(ch):
    """A lost form, in either case, or a Latin-1 letter (what the lead byte reads as)."""
    return lost_form(ch) or any(lost_form(c) for c in ch.upper()) or 0xC0 <= ord(ch) <= 0xFF


def letter_like(ch):
    return unicodedata.category(ch)[0] in "LMS" and ord(ch) >= 0x80


languages = sorted(available_languages(wordlist="best"))
assert len(languages) <= 64
shares = defaultdict(dict)
for index, lang in enumerate(languages):
    counts = defaultdict(float)
    total = 0.0
    for word, freq in get_frequency_dict(lang, wordlist="best").items():
        for ch in word:
            if ch.isalpha() or letter_like(ch):
                counts[ch] += freq
                total += freq
    for ch, f in counts.items():
        shares[ch][index] = f / total

candidates = []
masks = []
for ch in sorted(shares, key=ord):
    if ord(ch) < 0x80:
        continue
    per = shares[ch]
    if candidate(ch):
        kept = sorted((i, s) for i, s in per.items() if s >= CANDIDATE_MIN)
        if kept:
            candidates.append((ord(ch), kept))
    else:
        mask = sum(1 << i for i, s in per.items() if s >= CONTEXT_MIN)
        if mask:
            masks.append((ord(ch), mask))

# Little-endian: "LBL1", the counts of languages, candidates, their shares and masks (u32 each);
# the candidates' scalars (u32, ascending); the index of each one's first share, and the count
# of shares after the last (u32); the shares (u32 language, f32 share); the masked letters'
# scalars (u32, ascending, then 0 to a multiple of 8 bytes); their masks (u64).
pairs = [pair for _, kept in candidates for pair in kept]
out = bytearray(b"LBL1")
out += struct.pack("<4I", len(languages), len(candidates), len(pairs), len(masks))
out += struct.pack("<%dI" % len(candidates), *[c for c, _ in candidates])
first = 0
starts = []
for _, kept in candidates:
    starts.append(first)
    first += len(kept)
starts.append(first)
out += struct.pack("<%dI" % len(starts), *starts)
for language, share in pairs:
    out += struct.pack("<If", language, share)
out += struct.pack("<%dI" % len(masks), *[c for c, _ in masks])
while len(out) % 8:
    out += b"\0"
out += struct.pack("<%dQ" % len(masks), *[m for _, m in masks])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(root, "Sources/CTextKit/lost_byte_letters.bin"), "wb") as f:
    f.write(out)
