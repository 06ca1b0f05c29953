#!/usr/bin/env python3
"""Builds the character n-gram model of the language stage (Sources/CTextKit/language_model.bin,
compiled into the binary by language_model.c with #embed; the format is described in write_binary).

Training text: the gettext translations shipped in the Debian packages listed in packages.txt,
downloaded with `apt-get download` (not installed) and unpacked in a scratch directory. None of
these packages is installed on the evaluation machine (the benchmark reads /usr/share/locale,
and skips these catalogs' domains should they ever be installed), and every message whose
English original or translation also occurs in an installed catalog is dropped, so the
training and evaluation texts share no message (gnulib and GTK strings recur across packages).

Usage: scripts/language-model/generate.py [--scratch DIR] [--locale-root /usr/share/locale]
       [--hold-out DOMAIN,...] [--out PATH]
--hold-out leaves out the given domains and writes them as a locale tree under
DIR/dev/locale, to tune the stage on them with `corpusclean-bench language DIR/dev/locale`.
"""
import argparse, collections, math, os, re, shutil, struct, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ORDERS = (1, 2, 3, 4)
PER_LANGUAGE = int(os.environ.get("PER_LANGUAGE", 10000))   # n-grams kept per language
FLOOR_MARGIN = int(os.environ.get("FLOOR_MARGIN", 5))
SKIPPED_DOMAINS = {"gnome-control-center-2.0-timezones"}  # city names, not language
SKIPPED_LOCALES = {"ca@valencia", "sr@ije", "be@latin", "en@boldquot", "en@quot", "en@shaw",
                   "uz@cyrillic", "tt@iqtelif", "az_IR", "pa_PK", "bn_BD", "en", "en_GB", "en_CA", "en_AU"}
LOCALE_CODES = {"sr@latin": "sr-Latn", "sr@Latn": "sr-Latn", "nb_NO": "nb", "no": "nb", "fil": "tl"}
# Languages CLD2 detects (on the evaluation set, or on the training catalogs): the model only
# re-ranks those, so that it never answers a language CLD2 cannot confirm on long text.
LANGUAGES = set("""af ar as az be bg bn bs ca cs cy da de dz el en eo es et eu fa fi fr ga gd gl gu
he hi hr hu hy id is it ja ka kk km kn ko ky lg lt lv mg mi mk ml mn mr ms my nb ne nl nn nso oc or
pa pl pt ro ru si sk sl sq sr sr-Latn sv ta te th tl tr ug uk uz vi xh yi zh
am br fy ha ig la ln ps rw sw tg tk ts tt ur wo yo zu""".split())


def read_mo(path):
    data = open(path, "rb").read()
    if len(data) < 28:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    e = "<" if magic == 0x950412DE else ">"
    _, count, orig, trans = struct.unpack(e + "4I", data[4:20])
    out = []
    for i in range(count):
        ol, oo = struct.unpack(e + "2I", data[orig + 8 * i: orig + 8 * i + 8])
        tl, to = struct.unpack(e + "2I", data[trans + 8 * i: trans + 8 * i + 8])
        out.append((data[oo:oo + ol].decode("utf-8", "replace"), data[to:to + tl].decode("utf-8", "replace")))
    return out


PLACEHOLDER = re.compile(r"%(\d+\$)?[-+ #0-9.*]*(l|ll|h|z)?[a-zA-Z]|\$\{?\w+\}?|<[^>]+>|\\[nt]")


def clean(s):
    s = PLACEHOLDER.sub(" ", s).replace("_", "").replace("&", "")
    return " ".join(s.split())


def code_of(locale):
    if locale in SKIPPED_LOCALES:
        return None
    return LOCALE_CODES.get(locale, re.split(r"[_@]", locale)[0])


def catalogs(root):
    """(code, domain, path) for every .mo under a locale root."""
    for locale in sorted(os.listdir(root)):
        d = os.path.join(root, locale, "LC_MESSAGES")
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".mo"):
                yield locale, f[:-3], os.path.join(d, f)


def normalized(s):
    return " ".join(clean(s).lower().split())


def words(text):
    """Lowercased runs of letters (and combining marks), as the Swift side cuts them."""
    out, cur = [], []
    for ch in text.lower():
        cat = unicodedata.category(ch)
        if cat[0] == "L" or cat[0] == "M":
            cur.append(ch)
        elif cur:
            out.append("".join(cur)); cur = []
    if cur:
        out.append("".join(cur))
    return out


def ngrams(text):
    for w in words(text):
        padded = " " + w + " "
        if len(padded) > max(ORDERS):
            yield padded
        for n in ORDERS:
            for i in range(len(padded) - n + 1):
                g = padded[i:i + n]
                if g != " ":
                    yield g


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scratch", default="/tmp/corpusclean-language-model")
    ap.add_argument("--locale-root", default="/usr/share/locale")
    ap.add_argument("--hold-out", default="")
    ap.add_argument("--out", default=os.path.join(ROOT, "Sources/CTextKit/language_model.bin"))
    args = ap.parse_args()
    hold_out = set(filter(None, args.hold_out.split(",")))

    packages = [l.split("#")[0].strip() for l in open(os.path.join(HERE, "packages.txt"))]
    packages = [p for p in packages if p]
    debs, tree = os.path.join(args.scratch, "debs"), os.path.join(args.scratch, "tree")
    os.makedirs(debs, exist_ok=True)
    have = {f.split("_")[0] for f in os.listdir(debs)}
    missing = [p for p in packages if p not in have]
    if missing:
        subprocess.run(["apt-get", "download"] + missing, cwd=debs, check=True)
    if not os.path.isdir(tree):
        for f in sorted(os.listdir(debs)):
            subprocess.run(["dpkg-deb", "-x", os.path.join(debs, f), tree], check=True)

    # Everything the evaluation may read: installed catalogs except iso-codes' names.
    seen_originals, seen_translations = set(), set()
    for locale, domain, path in catalogs(args.locale_root):
        if domain.startswith("iso_"):
            continue
        for original, translation in read_mo(path):
            seen_originals.add(normalized(original))
            for m in translation.split("\0"):
                seen_translations.add(normalized(m))

    counts = collections.defaultdict(collections.Counter)
    domains = set()
    english_done, dropped, kept = set(), 0, 0
    dev = os.path.join(args.scratch, "dev", "locale")
    if hold_out and os.path.isdir(dev):
        shutil.rmtree(dev)
    for locale, domain, path in catalogs(os.path.join(tree, "usr/share/locale")):
        if domain in SKIPPED_DOMAINS:
            continue
        if domain in hold_out:
            target = os.path.join(dev, locale, "LC_MESSAGES")
            os.makedirs(target, exist_ok=True)
            shutil.copy(path, target)
            continue
        code = code_of(locale)
        domains.add(domain)
        for original, translation in read_mo(path):
            if not original or original == translation or normalized(original) in seen_originals:
                dropped += 1
                continue
            if domain not in english_done:
                counts["en"].update(ngrams(clean(original)))
            for m in translation.split("\0"):
                if normalized(m) in seen_translations:
                    dropped += 1
                    continue
                if code in LANGUAGES:
                    counts[code].update(ngrams(clean(m)))
                    kept += 1
        english_done.add(domain)
    print(f"messages kept {kept}, dropped as shared with the evaluation catalogs {dropped}", file=sys.stderr)

    # Costs are negative log-probabilities in tenths of a natural log. An n-gram a language
    # never had costs the same in every language (a bit more than the rarest kept one
    # anywhere), so that unseen n-grams do not favour languages with little training text.
    models = {}
    for code in sorted(counts):
        c = counts[code]
        total = sum(c.values())
        top = c.most_common(PER_LANGUAGE)
        if len(top) < 1000:
            print(f"skipping {code}: {len(top)} n-grams", file=sys.stderr)
            continue
        models[code] = (total, [(g, round(-10 * math.log(n / total))) for g, n in top])
    floor = max(entries[-1][1] for _, entries in models.values()) + FLOOR_MARGIN
    write_binary(args.out, models, floor, domains)
    print(f"wrote {args.out}: {len(models)} languages", file=sys.stderr)


def fnv1a(gram):
    """FNV-1a over the code points, as NgramModel.hash computes it."""
    h = 0xCBF29CE484222325
    for ch in gram:
        h = ((h ^ ord(ch)) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def write_binary(path, models, floor, domains):
    """Little-endian, read in place by NgramModel(binary:):
    "CCNGRAM1", u32 languages L, u32 keys K, u32 entries E, u32 text bytes T;
    T bytes of UTF-8 "code code ...\ndomain domain ..." padded to 4; u8 floor[L] padded to 4;
    u32 bucket[65537] (keys whose hash has top 16 bits b are keys[bucket[b]..<bucket[b+1]]);
    u32 key[K] (bits 0-31 of the hash, ascending within a bucket); u32 start[K+1] (entries of
    key i are start[i]..<start[i+1]); u8 language[E]; u8 cost[E]."""
    codes = list(models)
    table = collections.defaultdict(dict)
    for index, code in enumerate(codes):
        for gram, cost in models[code][1]:
            key = fnv1a(gram)
            table[key][index] = min(cost, table[key].get(index, 255))
    # Sorted by (top 16 bits, low 32 bits): the 16 bits in between are not stored; 48 bits tell
    # 200,000 n-grams apart.
    keys = sorted(table, key=lambda k: (k >> 48, k & 0xFFFFFFFF))
    bucket, starts, languages, costs = [0] * 65537, [], bytearray(), bytearray()
    for k in keys:
        bucket[(k >> 48) + 1] += 1
        starts.append(len(languages))
        for index, cost in sorted(table[k].items()):
            languages.append(index)
            costs.append(min(cost, 255))
    starts.append(len(languages))
    for b in range(1, 65537):
        bucket[b] += bucket[b - 1]
    text = (" ".join(codes) + "\n" + " ".join(sorted(domains))).encode("utf-8")
    pad = lambda b: b + bytes(-len(b) % 4)
    out = b"CCNGRAM1" + struct.pack("<4I", len(codes), len(keys), len(languages), len(text))
    out += pad(text) + pad(bytes([floor] * len(codes)))
    out += struct.pack(f"<{len(bucket)}I", *bucket)
    out += struct.pack(f"<{len(keys)}I", *(k & 0xFFFFFFFF for k in keys))
    out += struct.pack(f"<{len(starts)}I", *starts)
    out += bytes(languages) + bytes(costs)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(out)

if __name__ == "__main__":
    main()
