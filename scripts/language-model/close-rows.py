#!/usr/bin/env python3
"""Writes the close groups' rows of the language stage's n-gram model
(Sources/CTextKit/language_close_rows.bin, compiled into the binary by language_close_rows.c with
#embed) from Sources/CTextKit/language_model.bin: the table NgramModel.subset(closeLanguages)
builds, so that a run reads it instead of building it (26 M instructions when the first long text
of a close group asked for it). Run it whenever language_model.bin changes; NgramModelTests checks
that the compiled-in rows are the ones the model builds, and the stage builds them itself when
the file was written from another model.

Format, little-endian: "CCROWS01"; the model's 24-byte header ("CCNGRAM1" and its four counts)
and its byte length as u32, to tell its model; u32 width W, u32 slots S, u32 stride D (bytes a
slot), u32 keys; W u32 indices of the languages in the model; S * D bytes of SubsetTable slots.

Usage: scripts/language-model/close-rows.py [--model PATH] [--out PATH]
"""
import argparse, os, struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# NgramModel.closeLanguages, in its order.
CLOSE_LANGUAGES = ["bs", "hr", "sr", "sr-Latn", "id", "ms", "da", "nb", "nn"]
MASK64 = (1 << 64) - 1
TAKEN = 1 << 48


def read_model(data):
    assert data[:8] == b"CCNGRAM1", "not a model file"
    languages, keys, entries, text_bytes = struct.unpack_from("<4I", data, 8)
    at = 24
    text = data[at:at + text_bytes]
    at += (text_bytes + 3) & ~3
    at += (languages + 3) & ~3  # floors
    bucket = struct.unpack_from(f"<{65537}I", data, at)
    at += 4 * 65537
    key_low = struct.unpack_from(f"<{keys}I", data, at)
    at += 4 * keys
    starts = struct.unpack_from(f"<{keys + 1}I", data, at)
    at += 4 * (keys + 1)
    entry_language = data[at:at + entries]
    entry_cost = data[at + entries:at + 2 * entries]
    codes = text.decode("utf-8").split("\n")[0].split(" ")
    return codes, bucket, key_low, starts, entry_language, entry_cost


def home(key, shift):
    return ((key * 0x9E3779B97F4A7C15) & MASK64) >> shift


def close_rows(data):
    """NgramModel.subset(closeLanguages) and SubsetTable.init, step by step."""
    codes, bucket, key_low, starts, entry_language, entry_cost = read_model(data)
    chosen = [codes.index(c) for c in CLOSE_LANGUAGES if c in codes]
    column = {language: i for i, language in enumerate(chosen)}
    found = []
    for b in range(65536):
        first, end = bucket[b], bucket[b + 1]
        for key in range(first, end):
            if not any(entry_language[e] in column for e in range(starts[key], starts[key + 1])):
                continue
            low = key_low[key]
            if any(key_low[k] == low for k in range(first, key)):
                continue
            found.append(((b << 32) | low, key))
    width = len(chosen)
    stride = 8
    while stride < 7 + width:
        stride *= 2
    slots = 2
    while 7 * slots < 10 * len(found):
        slots *= 2
    shift = 64 - (slots.bit_length() - 1)
    table = bytearray(slots * stride)
    for key, index in found:
        i = home(key, shift)
        while struct.unpack_from("<Q", table, i * stride)[0] & TAKEN:
            i = (i + 1) & (slots - 1)
        struct.pack_into("<Q", table, i * stride, key | TAKEN)
        for e in range(starts[index], starts[index + 1]):
            c = column.get(entry_language[e])
            if c is not None:
                table[i * stride + 7 + c] = max(1, entry_cost[e])
    header = b"CCROWS01" + data[:24] + struct.pack("<5I", len(data), width, slots, stride, len(found))
    return header + struct.pack(f"<{width}I", *chosen) + bytes(table)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=os.path.join(ROOT, "Sources/CTextKit/language_model.bin"))
    parser.add_argument("--out", default=os.path.join(ROOT, "Sources/CTextKit/language_close_rows.bin"))
    args = parser.parse_args()
    with open(args.model, "rb") as f:
        out = close_rows(f.read())
    with open(args.out, "wb") as f:
        f.write(out)
    print(f"{args.out}: {len(out)} bytes")


if __name__ == "__main__":
    main()
