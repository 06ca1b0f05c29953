#!/usr/bin/env python3
"""Builds the character n-gram model of the language stage (Sources/CorpusClean/Resources/ngrams.tsv).

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
PER_LANGUAGE = int(os.environ.get("PER_LANGUAGE", 4000))   # n-grams kept per language
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
    ap.add_argument("--out", default=os.path.join(ROOT, "Sources/CorpusClean/Resources/ngrams.tsv"))
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
    lines = []
    for code, (total, entries) in models.items():
        lines.append(f"#{code}\t{floor}\t{total}")
        lines.extend(f"{g}\t{cost}" for g, cost in entries)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# corpusclean language model: generated by scripts/language-model/generate.py; do not edit\n")
        f.write("# domains: " + " ".join(sorted(domains)) + "\n")
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}: {len([l for l in lines if l.startswith('#')])} languages", file=sys.stderr)


if __name__ == "__main__":
    main()
