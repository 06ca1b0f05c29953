#!/usr/bin/env python3
"""Build a boilerplate test set from the HTML documentation shipped in Debian packages.

The boilerplate benchmark (`corpusclean-bench boilerplate --data DIR`) reads DIR/dumps/<id>.txt,
a page's whole visible text (chrome included, one block per line), and DIR/gold/<id>.txt, the
page's main content. This script makes both from documentation HTML whose page chrome is known
(DocBook XSL navheader/navfooter, Publican docnav bars, Sphinx related bars, sidebar and footer,
AsciiDoc header and footer) and whose main-content element can be named, so the gold comes from
the markup and not from a human or another extractor.

- dump: the page's text as resiliparse's `extract_plain_text(main_content=False)` gives it
  (head, script, style, noscript and form fields dropped, image alt texts kept, a line per
  block-level element, table cells of a row on one line), whitespace collapsed, blank lines
  dropped; the format of ../shared/data/boilerplate-dev.
- gold: the text of the main-content element, split the same way, without its first heading
  (the page's headline, as the news gold leaves it out; AsciiDoc's is outside that element) and
  without the navigation inside it (a chapter's table of contents, Sphinx toctrees and local
  contents boxes); every gold line is a line of the dump, in the same order.

Pages are chosen by a fixed rule: for each source (one package in one language) the candidate
pages are its HTML files minus index/search pages; a page qualifies when its gold has at least
MIN_WORDS words, at most MAX_CHARS characters, at least PROSE_SHARE of its characters outside
<pre> and tables, and (for a translation) at most UNTRANSLATED of them in English sentences
left untranslated. The qualifying pages are ordered by id and the first `per_source` taken,
pages not yet taken in another language first, and one page in at most MAX_TRANSLATIONS
languages (translations share their code and untranslated lines, which the stage's corpus-wide
repetition would count as chrome).

Samples (`--sample N`): sample 0, the default, is the set above, the one the boilerplate stage
was tuned on (its output does not change with the sources added for later samples). Sample N
applies the same rule, per source, to the qualifying pages that samples 0..N-1 left: a page taken
by an earlier sample is out in every language of its site (a translation of a page tuned on
shares its structure, code and untranslated lines), so samples never share an id (asserted).
Samples 1 and later also read sources sample 0 does not (the `sample=1` entries of sources():
maint-guide, debian-history, debmake-doc, harden-doc, the kernel handbook, PostgreSQL's and
Python's documentation, git's AsciiDoc articles), where they start from the first pages. The
small sites run out (debian-reference and developers-reference give no page to sample 1).

An id is the first 12 hex digits of the SHA-1 of site/language/file (what `--verbose` prints)
and a slug of the same. Python 3 standard library only. The output goes to the directory given
as argument (default /tmp/doc-pages, for sample N /tmp/doc-pages-<N+1>; never the repository),
with a README.md and a manifest.tsv naming each page's package, version, language
and file.

    scripts/make-doc-pages.sh [DIR]          # installs the packages with apt-get, then runs this
    python3 scripts/make-doc-pages.py [DIR]  # packages already installed
    scripts/make-doc-pages.sh /tmp/doc-pages-2 --sample 1   # a set the stage was never tuned on
    python3 scripts/make-doc-pages.py --packages [--sample N]   # the Debian packages it reads
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

# ---------------------------------------------------------------------------------------------
# Sources: (site, generator, language, package, directory, file pattern, pages per source; the
# first sample that reads it, 0 unless given; subdirectories of the directory, when its pages are
# in several)

DEBIAN_REFERENCE = ["en", "de", "fr", "it", "ja", "pt", "es", "zh-cn", "zh-tw"]
DEVELOPERS_REFERENCE = ["en", "de", "fr", "it", "ja", "ru"]
HANDBOOK = ["en-US", "de-DE", "fr-FR", "es-ES", "it-IT", "pt-BR", "ja-JP", "zh-CN", "ru-RU", "nl-NL"]
INSTALLATION_GUIDE = ["en", "de", "fr", "es", "it", "pt", "ja", "ru", "zh_CN", "sv"]
DEBIAN_FAQ = ["en", "de", "fr", "it"]
MAINT_GUIDE = ["en", "de", "fr", "es", "it", "ca", "ja", "ru", "zh-cn", "zh-tw"]
DEBIAN_HISTORY = ["en", "de", "fr", "es", "it", "pt", "lt", "ja", "ko", "ru"]
DEBMAKE_DOC = ["en", "de", "ja", "ru", "zh-cn", "zh-tw"]
HARDEN_DOC = ["en-US", "de-DE", "fr-FR", "es-ES", "it-IT", "pt-BR", "ja-JP", "zh-CN"]


def sources():
    out = []
    for lang in DEBIAN_REFERENCE:
        out.append(dict(site="debian-reference", generator="docbook-xsl", lang=lang,
                        package="debian-reference-" + lang, dir="/usr/share/debian-reference",
                        pattern=r"(ch\d\d|apa)\." + re.escape(lang) + r"\.html", per_source=2))
    for lang in DEVELOPERS_REFERENCE:
        out.append(dict(site="developers-reference", generator="sphinx", lang=lang,
                        package="developers-reference" + ("" if lang == "en" else "-" + lang),
                        dir="/usr/share/developers-reference" + ("" if lang == "en" else "/" + lang),
                        pattern=r"(?!index|search|genindex|developers-reference)[a-z-]+\.html", per_source=4))
    out.append(dict(site="debian-policy", generator="sphinx", lang="en", package="debian-policy",
                    dir="/usr/share/doc/debian-policy/policy.html",
                    pattern=r"(?!index|search|genindex)[a-z-]+\.html", per_source=3))
    for lang in HANDBOOK:
        out.append(dict(site="debian-handbook", generator="publican", lang=lang, package="debian-handbook",
                        dir="/usr/share/doc/debian-handbook/html/" + lang,
                        pattern=r"(?!index)[\w.-]+\.html", per_source=3))
    for lang in INSTALLATION_GUIDE:
        out.append(dict(site="installation-guide", generator="docbook-xsl", lang=lang,
                        package="installation-guide-amd64", dir="/usr/share/doc/installation-guide-amd64/" + lang,
                        pattern=r"(?!index)\w+\.html", per_source=3))
    for lang in DEBIAN_FAQ:
        out.append(dict(site="debian-faq", generator="docbook-xsl", lang=lang,
                        package="debian-faq" + ("" if lang == "en" else "-" + lang),
                        dir="/usr/share/doc/debian/FAQ" + ("" if lang == "en" else "/" + lang),
                        pattern=r"(?!index|faqinfo)[a-z-]+\." + lang + r"\.html", per_source=2))
    # Sources of samples 1 and later only (sample 0 is the set the stage was tuned on).
    for lang in MAINT_GUIDE:
        out.append(dict(site="maint-guide", generator="docbook-xsl", lang=lang, sample=1,
                        package="maint-guide" + ("" if lang == "en" else "-" + lang),
                        dir="/usr/share/doc/maint-guide" + ("" if lang == "en" else "-" + lang) + "/html",
                        pattern=r"(?!index)[a-z]+\." + lang + r"\.html", per_source=2))
    for lang in DEBIAN_HISTORY:
        out.append(dict(site="debian-history", generator="docbook-xsl", lang=lang, sample=1,
                        package="debian-history", dir="/usr/share/doc/debian-history/docs",
                        pattern=r"(?!index)[a-z-]+\." + lang + r"\.html", per_source=1))
    for lang in DEBMAKE_DOC:
        out.append(dict(site="debmake-doc", generator="docbook-xsl", lang=lang, sample=1,
                        package="debmake-doc", dir="/usr/share/doc/debmake-doc/html",
                        pattern=r"(ch\d\d|apa)\." + re.escape(lang) + r"\.html", per_source=1))
    for lang in HARDEN_DOC:
        out.append(dict(site="harden-doc", generator="publican", lang=lang, sample=1,
                        package="harden-doc", dir="/usr/share/doc/harden-doc/html/" + lang,
                        pattern=r"(?!index)[\w.-]+\.html", per_source=3))
    out.append(dict(site="kernel-handbook", generator="docbook-xsl", lang="en", sample=1,
                    package="debian-kernel-handbook", dir="/usr/share/doc/debian-kernel-handbook/kernel-handbook.html",
                    pattern=r"(?!index)[\w-]+\.html", per_source=2))
    out.append(dict(site="postgresql-doc", generator="docbook-xsl", lang="en", sample=1,
                    package="postgresql-doc-15", dir="/usr/share/doc/postgresql-doc-15/html",
                    pattern=r"(?!index)[\w-]+\.html", per_source=6))
    out.append(dict(site="python-doc", generator="sphinx", lang="en", sample=1,
                    package="python3.11-doc", dir="/usr/share/doc/python3.11/html",
                    subdirs=["faq", "howto", "library", "reference", "tutorial", "using"],
                    pattern=r"(?!index)[\w.-]+\.html", per_source=6))
    out.append(dict(site="git-doc", generator="asciidoc", lang="en", sample=1,
                    package="git-doc", dir="/usr/share/doc/git-doc", subdirs=["", "howto", "technical"],
                    pattern=r"(?!index|howto-index)[\w.-]+\.html", per_source=4))
    return out


MAX_TRANSLATIONS = 3     # languages of one page (the benchmark's corpus repetition needs 4 documents)
MIN_WORDS = 300          # \w+ tokens in the gold (CJK: characters / 2)
MAX_CHARS = 60000        # longer chapters are books, not pages
PROSE_SHARE = 0.6        # share of the gold's characters outside <pre> and tables
UNTRANSLATED = 0.1       # share of a translation's gold in English prose lines

# ---------------------------------------------------------------------------------------------
# A small HTML tree builder (html.parser with the implied end tags that matter for text).

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
# Block-level elements of resiliparse (resiliparse/parse/html.h).
BLOCK = {"address", "article", "aside", "blockquote", "br", "center", "details", "dd", "dt", "div",
         "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
         "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
         "tr", "ul"}
CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
            "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
            "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
            "table", "ul"}
# What extract_plain_text skips with its defaults (form_fields=False, noscript=False).
SKIP = {"head", "script", "style", "noscript", "textarea", "input", "button", "template"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class Element:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = attrs
        self.children = []
        self.parent = parent

    def classes(self):
        return self.attrs.get("class", "").split()

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.iter()


class Text:
    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.stack = [self.root]

    def _close_to(self, names, boundaries):
        """Pops up to and including the innermost element named in `names`, unless an element
        in `boundaries` comes first."""
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in names:
                del self.stack[i:]
                return
            if tag in boundaries:
                return

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P or tag in ("li", "dt", "dd"):
            self._close_to({"p"}, {"table", "td", "th", "caption", "button", "object", "html"})
        if tag == "li":
            self._close_to({"li"}, {"ul", "ol", "table", "td", "th"})
        elif tag in ("dt", "dd"):
            self._close_to({"dt", "dd"}, {"dl", "table", "td", "th"})
        elif tag == "tr":
            self._close_to({"tr"}, {"table", "thead", "tbody", "tfoot"})
        elif tag in ("td", "th"):
            self._close_to({"td", "th"}, {"tr", "table"})
        elif tag in ("thead", "tbody", "tfoot"):
            self._close_to({"thead", "tbody", "tfoot"}, {"table"})
        elif tag == "option":
            self._close_to({"option"}, {"select"})
        element = Element(tag, {k: (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        # XHTML's <a id="x"/>: an empty element (a browser would leave <a> open, which changes
        # no text; an empty <div/> would not swallow what follows).
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "br":
            self.handle_starttag("br", [])
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        children = self.stack[-1].children
        if children and isinstance(children[-1], Text):
            children[-1].data += data
        else:
            children.append(Text(data))


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# ---------------------------------------------------------------------------------------------
# Plain text as resiliparse's extract_plain_text(preserve_formatting=True, main_content=False,
# list_bullets=False, alt_texts=True) gives it (resiliparse/extract/html2text.pyx), followed by
# the dev set's post-processing: whitespace collapsed on each line, blank lines dropped.

WS = " \t\n\r\f\v"  # C isspace on ASCII
WS_RUN = re.compile("[ \t\n\r\f\v]+")


class PlainText:
    def __init__(self, skip=None):
        self.skip = skip or (lambda element: False)
        self.text = []
        self.pre_depth = 0

    def collapsed(self, s):
        if self.pre_depth > 0:
            return s
        s = WS_RUN.sub(" ", s)
        if s.startswith(" ") and (not self.text or self.text[-1][-1] in WS):
            s = s[1:]
        return s

    def make_block(self):
        while self.text and self.text[-1][-1] in WS:
            self.text[-1] = self.text[-1].rstrip(WS)
            if not self.text[-1]:
                self.text.pop()
        if self.text:
            self.text[-1] += "\n"

    def walk(self, node, next_sibling=None):
        if isinstance(node, Text):
            s = self.collapsed(node.data)
            if s:
                self.text.append(s)
            return
        if node.tag in SKIP or self.skip(node):
            return
        if node.tag in ("img", "area"):
            alt = node.attrs.get("alt", "")
            if alt:
                self.text.append(self.collapsed(alt) + " ")
            return
        if node.tag in BLOCK:
            self.make_block()
        if node.tag == "pre":
            self.pre_depth += 1
        children = node.children
        for i, child in enumerate(children):
            self.walk(child, children[i + 1] if i + 1 < len(children) else None)
        if node.tag == "pre":
            self.pre_depth -= 1
        if node.tag in ("td", "th") and self.text:
            self.text[-1] += "\t\t"
        if node.tag == "li" and self.text and not self.text[-1].endswith("\n"):
            self.text[-1] += "\n"
        # A block ends a line only when text follows it directly (resiliparse's rule; an inline
        # element right after a block continues the block's last line).
        if isinstance(next_sibling, Text) and node.tag in BLOCK:
            self.make_block()

    def lines(self, node):
        self.walk(node)
        out = []
        for line in "".join(self.text).split("\n"):
            line = " ".join(line.split())
            if line:
                out.append(line)
        return out


# ---------------------------------------------------------------------------------------------
# Main content and the navigation inside it, per generator.

NAV_IN_MAIN = {
    # DocBook XSL and Publican: a chapter's table of contents (with its lists of tables,
    # figures and examples). Publican's div.highlights under a chapter title is the chapter's
    # abstract: content.
    "docbook-xsl": lambda e: bool({"toc", "list-of-tables", "list-of-figures", "list-of-examples"} & set(e.classes())),
    "publican": lambda e: bool({"toc", "docnav", "list-of-tables", "list-of-figures",
                                "list-of-examples"} & set(e.classes())),
    # Sphinx: toctrees, a local "Contents" box. (The ¶ permalink after each heading stays: it
    # is part of the heading's line in the dump, and no \w token.)
    "sphinx": lambda e: "toctree-wrapper" in e.classes()
    or (e.tag in ("div", "nav", "aside") and "contents" in e.classes()),
    # AsciiDoc (git's articles): a table of contents, when one is generated.
    "asciidoc": lambda e: e.attrs.get("id") in ("toc", "toctitle"),
}


def body_of(root):
    for e in root.iter():
        if e.tag == "body":
            return e
    return None


def main_content(root, generator):
    body = body_of(root)
    if body is None:
        return None
    if generator == "sphinx":
        for e in body.iter():
            if e.tag == "div" and "body" in e.classes() and e.attrs.get("role") == "main":
                return e
        return None
    if generator == "asciidoc":
        # An article's div#content, between div#header (its title) and div#footer; manual pages
        # (body.manpage) put their NAME line in the header and are left out.
        if "article" not in body.classes():
            return None
        for e in body.children:
            if isinstance(e, Element) and e.tag == "div" and e.attrs.get("id") == "content":
                return e
        return None
    # DocBook XSL and Publican: the one element child of <body> that is not navigation.
    chrome = {"navheader", "navfooter", "docnav"}
    candidates = [c for c in body.children if isinstance(c, Element) and c.tag == "div"
                  and not chrome & set(c.classes()) and c.attrs.get("id") != "banner"]
    return candidates[0] if len(candidates) == 1 else None


def first_heading(element):
    for e in element.iter():
        if e.tag in HEADINGS:
            return e
    return None


# ---------------------------------------------------------------------------------------------
# Page selection.

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD = re.compile(r"\w+")
ENGLISH = {"the", "and", "of", "to", "is", "in", "that", "for", "with", "are", "this", "be", "it",
           "on", "as", "you", "can", "if", "or", "by", "not", "which", "your", "will", "an"}


def words(text):
    cjk = len(CJK.findall(text))
    return len(WORD.findall(CJK.sub(" ", text))) + cjk // 2


def english_line(line):
    """A line of English prose: six words or more, no CJK or Cyrillic, a fifth of its words
    English function words (English running text has a third; French, German, Italian...
    lines share one or two of them at most)."""
    if CJK.search(line) or CYRILLIC.search(line):
        return False
    tokens = [t.lower() for t in WORD.findall(line)]
    return len(tokens) >= 6 and sum(1 for t in tokens if t in ENGLISH) >= 0.2 * len(tokens)


def translated(lines, lang):
    """Whether a translation's gold is in its language: untranslated strings fall back to the
    English original, so a page can be half English. At most UNTRANSLATED of the gold's
    characters in English prose lines; CJK languages: most letters CJK; Russian: most Cyrillic."""
    if lang.split("-")[0].split("_")[0].lower() == "en":
        return True
    text = "\n".join(lines)
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return False
    base = lang.split("-")[0].split("_")[0].lower()
    if base in ("ja", "zh", "ko") and len(CJK.findall(text)) < 0.5 * letters:
        return False
    if base == "ru" and len(CYRILLIC.findall(text)) < 0.6 * letters:
        return False
    return sum(len(l) for l in lines if english_line(l)) <= UNTRANSLATED * len(text)


def build_page(path, generator):
    with open(path, encoding="utf-8", errors="replace") as f:
        root = parse(f.read())
    main = main_content(root, generator)
    if main is None:
        return None
    # AsciiDoc's headline (h1) is in div#header, outside the main element.
    headline = None if generator == "asciidoc" else first_heading(main)
    nav = NAV_IN_MAIN[generator]

    def skip_gold(e):
        return e is headline or nav(e)

    def skip_prose(e):
        return skip_gold(e) or e.tag in ("pre", "table")

    dump = PlainText().lines(root)
    gold = PlainText(skip_gold).lines(main)
    prose = PlainText(skip_prose).lines(main)
    return dump, gold, prose


def subsequence(lines, of):
    """Whether `lines` are lines of `of`, in order."""
    it = iter(of)
    return all(any(line == other for other in it) for line in lines)


def neutral(name, lang):
    """A file name without its language and extension: ch04.fr.html -> ch04."""
    return re.sub(r"\.html$", "", name).replace("." + lang, "")


def page_id(site, lang, rel):
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", f"{site}-{lang}-{rel}").strip("-")
    slug = re.sub(r"\.html$", "", slug)
    return hashlib.sha1(f"{site}/{lang}/{rel}".encode()).hexdigest()[:12] + "-" + slug


def package_version(package):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


README = """# doc-pages: Debian documentation pages as plain text, with the main content as gold

Made by corpusclean's `scripts/make-doc-pages.py` from HTML documentation in Debian packages
(versions in manifest.tsv), for measuring the boilerplate stage on pages it was not tuned on.

- `dumps/<id>.txt`: the page's visible text, one block per line, chrome included, as resiliparse
  `extract_plain_text(main_content=False, list_bullets=False)` gives it (head, script, style and form
  fields dropped, image alt texts kept, a table row on one line), whitespace collapsed, blank
  lines dropped: the format of boilerplate-dev.
- `gold/<id>.txt`: the text of the page's main-content element (DocBook XSL: the element between
  navheader and navfooter; Publican: the element between the docnav bars; Sphinx:
  `div.body[role=main]`), split the same way, WITHOUT the page's headline (the first heading of
  that element, as the news gold leaves the headline out) and without the navigation inside it
  (a chapter's table of contents, Sphinx toctrees and local contents boxes); every gold line is a
  line of the dump, in the same order.
- `manifest.tsv`: id, site, generator, language, package, version, file.

{count} pages: {summary}
"""


SAMPLE_README = """
This is sample {sample} (`--sample {sample}`): for each source, the qualifying pages that follow
those of the earlier samples by the same rule; no page of an earlier sample is here in any
language (sample 0 is the set the boilerplate stage was tuned on). The sources from maint-guide
on are not in sample 0. AsciiDoc (git-doc articles): the main-content element is `div#content`,
the headline is the h1 of `div#header`, outside it.
"""


def qualify(source):
    """The source's candidate pages that qualify, as (id, file, dump, gold), by id; the number of
    candidates; and the reasons the others were skipped."""
    if "subdirs" in source:
        names = sorted(os.path.join(sub, n) if sub else n for sub in source["subdirs"]
                       for n in os.listdir(os.path.join(source["dir"], sub))
                       if re.fullmatch(source["pattern"], n))
    else:
        names = sorted(n for n in os.listdir(source["dir"]) if re.fullmatch(source["pattern"], n))
    eligible = []
    reasons = {}
    for name in names:
        built = build_page(os.path.join(source["dir"], name), source["generator"])
        if built is None:
            reasons["no main element"] = reasons.get("no main element", 0) + 1
            continue
        dump, gold, prose = built
        text = "\n".join(gold)
        chars = sum(len(l) for l in gold)
        if not subsequence(gold, dump):
            why = "gold not in dump"  # a block boundary the two walks split differently
        elif words(text) < MIN_WORDS:
            why = "short"
        elif chars > MAX_CHARS:
            why = "long"
        elif sum(len(l) for l in prose) < PROSE_SHARE * chars:
            why = "code/tables"
        elif not translated(gold, source["lang"]):
            why = "not translated"
        else:
            why = None
        if why:
            reasons[why] = reasons.get(why, 0) + 1
            continue
        eligible.append((page_id(source["site"], source["lang"], name), name, dump, gold))
    return eligible, len(names), reasons


def select(srcs, qualified, sample):
    """The pages of each source in sample `sample`, as a list of (chosen, skipped reasons) in the
    order of `srcs`. Sample 0: the qualifying pages ordered by id, the first `per_source` taken,
    pages not yet taken in another language first, one page in at most MAX_TRANSLATIONS
    languages. Sample n: the same rule over what samples 0..n-1 left, a page (in any language
    of its site) taken by an earlier sample being out."""
    earlier = {}  # site -> neutral names taken by earlier samples
    for k in range(sample + 1):
        picks = []
        taken_per_site = {}
        for source, (eligible, _, reasons) in zip(srcs, qualified):
            reasons = dict(reasons)
            if source.get("sample", 0) > k:
                picks.append(([], reasons))
                continue
            seen = earlier.get(source["site"], set())
            fresh = [e for e in eligible if neutral(e[1], source["lang"]) not in seen]
            if len(fresh) < len(eligible):
                reasons["in an earlier sample"] = len(eligible) - len(fresh)
            # The same page in many languages shares its code and untranslated lines: at most
            # MAX_TRANSLATIONS languages of a page, and pages not yet taken in another language first.
            taken = taken_per_site.setdefault(source["site"], {})
            eligible = [e for e in fresh if taken.get(neutral(e[1], source["lang"]), 0) < MAX_TRANSLATIONS]
            if len(eligible) < len(fresh):
                reasons[f"taken in {MAX_TRANSLATIONS} languages"] = len(fresh) - len(eligible)
            eligible.sort(key=lambda e: (taken.get(neutral(e[1], source["lang"]), 0), e[0]))
            chosen = eligible[: source["per_source"]]
            for _, name, _, _ in chosen:
                taken[neutral(name, source["lang"])] = taken.get(neutral(name, source["lang"]), 0) + 1
            picks.append((chosen, reasons))
        if k < sample:
            for site, names in taken_per_site.items():
                earlier.setdefault(site, set()).update(names)
    return picks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", help="default /tmp/doc-pages, for --sample N /tmp/doc-pages-<N+1>")
    parser.add_argument("--packages", action="store_true", help="print the Debian packages --sample N reads and exit")
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="0 (default): the set the stage was tuned on; N: the pages after those of "
                             "samples 0..N-1, with the sources added from sample 1 on")
    args = parser.parse_args()
    if args.packages:
        # Sample N reads the sources of samples 0..N (the earlier ones to leave their pages out).
        print(" ".join(sorted({s["package"] for s in sources() if s.get("sample", 0) <= args.sample})))
        return 0
    if args.sample < 0:
        sys.exit("make-doc-pages: --sample is 0 or more")
    if args.out is None:
        args.out = "/tmp/doc-pages" if args.sample == 0 else f"/tmp/doc-pages-{args.sample + 1}"
    repo = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    out = os.path.realpath(args.out)
    if out == repo or out.startswith(repo + os.sep):
        sys.exit("make-doc-pages: write the pages outside the repository")

    srcs = [s for s in sources() if s.get("sample", 0) <= args.sample]
    missing = sorted({s["package"] for s in srcs if not package_version(s["package"])})
    if missing:
        sys.exit("make-doc-pages: not installed: " + " ".join(missing)
                 + "\n(apt-get install -y " + " ".join(missing) + ", or scripts/make-doc-pages.sh)")

    if os.path.exists(out):
        for sub in ("dumps", "gold"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(os.path.join(out, "dumps"))
    os.makedirs(os.path.join(out, "gold"))

    qualified = [qualify(source) for source in srcs]
    picks = select(srcs, qualified, args.sample)
    if args.sample > 0:
        before = {c[0] for k in range(args.sample) for chosen, _ in select(srcs, qualified, k) for c in chosen}
        now = {c[0] for chosen, _ in picks for c in chosen}
        assert not before & now, f"sample {args.sample} shares pages with an earlier sample: {sorted(before & now)}"

    manifest = []
    per_site = {}  # site -> the languages it gave pages in
    for source, (eligible, count, _), (chosen, reasons) in zip(srcs, qualified, picks):
        version = package_version(source["package"])
        for _, name, dump, gold in sorted(chosen, key=lambda c: c[1]):
            pid = page_id(source["site"], source["lang"], name)
            with open(os.path.join(out, "dumps", pid + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(dump) + "\n")
            with open(os.path.join(out, "gold", pid + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(gold) + "\n")
            manifest.append((pid, source["site"], source["generator"], source["lang"], source["package"],
                             version, os.path.join(source["dir"], name)))
        if chosen:
            per_site.setdefault(source["site"], []).append(source["lang"])
        skipped = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items()))
        print(f"{source['site']:21} {source['lang']:6} {count:3} files, {len(eligible):3} qualify,"
              f" {len(chosen)} taken" + (f" (skipped: {skipped})" if skipped else ""), file=sys.stderr)

    manifest.sort()
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("id\tsite\tgenerator\tlanguage\tpackage\tversion\tfile\n")
        for row in manifest:
            f.write("\t".join(row) + "\n")
    counts = {}
    for row in manifest:
        counts[row[1]] = counts.get(row[1], 0) + 1
    summary = "; ".join(f"{site} ({counts.get(site, 0)} pages, {', '.join(langs)})"
                        for site, langs in per_site.items())
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write(README.format(count=len(manifest), summary=summary))
        if args.sample > 0:
            f.write(SAMPLE_README.format(sample=args.sample))
    languages = {row[3].split("-")[0].split("_")[0].lower() for row in manifest}
    print(f"{len(manifest)} pages, {len(languages)} languages, {len(per_site)} sites -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
