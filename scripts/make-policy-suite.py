#!/usr/bin/env python3
"""Writes Tests/Data/web-noise-policy.jsonl: the categories of ../shared/data/unicode/
web-noise-policy.md as cases written for this project. Each record has "category", the input
("input", or "input_base64" for bytes), "expected" (the policy with NFKC) and "expected_nfc"
(with NFC). The expected texts are written out below; Python's unicodedata only checks that
the two agree (NFKC of the NFC answer is the NFKC answer)."""
import base64, json, os, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cases = []


def case(category, source, nfkc, nfc=None):
    nfc = nfkc if nfc is None else nfc
    record = {"category": category}
    if isinstance(source, bytes):
        record["input_base64"] = base64.b64encode(source).decode()
    else:
        record["input"] = source
    record["expected"] = nfkc
    record["expected_nfc"] = nfc
    assert unicodedata.normalize("NFKC", nfc) == nfkc, (source, nfkc, nfc)
    cases.append(record)


E = "entities"
case(E, "Salt &amp; pepper", "Salt & pepper")
case(E, "He said &quot;hi&quot; &amp; left", 'He said "hi" & left')
case(E, "caf&eacute; na&iuml;ve &Uuml;ber", "café naïve Über")
case(E, "&#150; and &#x2014; and &#8230;", "– and — and ...", "– and — and …")
case(E, "Price: 5&euro; &amp; 3&pound;", "Price: 5€ & 3£")
case(E, "AT&T and R&D, ?id=42&lang=en", "AT&T and R&D, ?id=42&lang=en")
case(E, "&copy 2024 &copyright; &T;", "&copy 2024 &copyright; &T;")
case(E, "10&nbsp;km", "10 km", "10\u00a0km")
case(E, "soft&shy;ware zero&#8203;width", "software zerowidth")
case(E, "&lt;b&gt; is not a tag", "<b> is not a tag")
case(E, "&laquo;Bonjour&raquo; &bdquo;Hallo&ldquo;", "«Bonjour» „Hallo“")
case(E, "&rsquo;tis &#39;so&#39; &#x27;x&#x27;", "’tis 'so' 'x'")
N = "nbsp"
case(N, "Page\u00a012", "Page 12", "Page\u00a012")
case(N, "1\u202f000\u2009m", "1 000 m", "1\u202f000\u2009m")
case(N, "東京\u3000大阪", "東京 大阪", "東京\u3000大阪")
case(N, "a\u2007b\u2002c", "a b c", "a\u2007b\u2002c")
Z = "zero_width"
case(Z, "zero\u200bwidth", "zerowidth")
case(Z, "word\u2060joiner", "wordjoiner")
case(Z, "in\ufeffside", "inside")
case(Z, "می\u200cخواهم", "می\u200cخواهم")
case(Z, "क्\u200dष and 👨\u200d👩\u200d👧", "क्\u200dष and 👨\u200d👩\u200d👧")
case(Z, "ab\u200b\u200ccd", "ab\u200ccd")
S = "soft_hyphen"
case(S, "Donau\u00addampf\u00adschiff", "Donaudampfschiff")
case(S, "hyphen\u00adation", "hyphenation")
L = "line_endings"
case(L, "one\r\ntwo", "one\ntwo")
case(L, "one\rtwo", "one\ntwo")
case(L, "a\r\nb\rc\nd\r\n", "a\nb\nc\nd\n")
B = "bom"
case(B, "\ufeffHello", "Hello")
case(B, b"\xef\xbb\xbfHello there", "Hello there")
case(B, "first file\ufeffsecond file", "first filesecond file")
case(B, "\u00ef\u00bb\u00bfHello", "Hello")
C0 = "c0_controls"
case(C0, "a\x00b\x01c\x07d", "abcd")
case(C0, "back\x08space\x0bvt\x0e\x10\x1a\x1f", "backspacevt")
case(C0, "del\x7fete", "delete")
case(C0, "\x1b[1;32mgreen\x1b[0m \x1b[2Kline\x1b[?25h", "green line")
case(C0, "col1\tcol2", "col1\tcol2")
C1 = "c1_controls"
case(C1, "It\x92s here", "It’s here")
case(C1, "\x93quoted\x94 \x91single\x92", "“quoted” ‘single’")
case(C1, "1990\x962000 \x97 long", "1990–2000 — long")
case(C1, "wait\x85", "wait...", "wait…")
case(C1, "\x805 and Brand\x99", "€5 and BrandTM", "€5 and Brand™")
case(C1, "a\x81b\x8dc\x8fd\x90e\x9df", "abcdef")
case(C1, "\x84Handwerk\x93", "„Handwerk“")
F = "fullwidth"
case(F, "ＡＢＣ１２３", "ABC123", "ＡＢＣ１２３")
case(F, "ｶﾞｲﾄﾞ", "ガイド", "ｶﾞｲﾄﾞ")
case(F, "はい，そうです！", "はい,そうです!", "はい，そうです！")
CO = "compat"
case(CO, "ﬁne ﬂow", "fine flow", "ﬁne ﬂow")
case(CO, "x² + y³, H₂O", "x2 + y3, H2O", "x² + y³, H₂O")
case(CO, "½ cup", "1⁄2 cup", "½ cup")
case(CO, "①② ™ ℃ ㈱", "12 TM °C (株)", "①② ™ ℃ ㈱")
D = "decomposed"
case(D, "Cafe\u0301", "Café")
case(D, "\u1100\u1161\u11a8", "각")
case(D, "Vie\u0323\u0302t Nam", "Việt Nam")
case(D, "I\u0307stanbul", "İstanbul")
case(D, "\u03b1\u0301\u03b8\u03b7\u03bd\u03b1", "άθηνα")
case(D, "a\u0301\u0316", "á\u0316")
Q = "curly_quotes"
case(Q, "“Quoted” and ‘single’ and „low“ and ‚x‘", "“Quoted” and ‘single’ and „low“ and ‚x‘")
case(Q, "«guillemets» don’t change", "«guillemets» don’t change")
M = "mojibake"
case(M, "Itâ€™s fine", "It’s fine")
case(M, "The cafÃ© is open", "The café is open")
case(M, "donÃ¢â‚¬â„¢t", "don’t")
case(M, "Total:Â\u00a0100", "Total: 100", "Total:\u00a0100")
case(M, "Launch ðŸš€ now", "Launch 🚀 now")
case(M, "MÃ¼nchen and Ã‰cole", "München and École")
case(M, "â€œQuoteâ€\u009d", "“Quote”")
I = "invalid_utf8"
case(I, b"caf\xc3\xa9 \xc0\xaf end", "café \ufffd\ufffd end")
case(I, b"\xe2\x82\xac5 \xed\xa0\x80 x", "€5 \ufffd\ufffd\ufffd x")
case(I, b"na\xc3\xafve \xe2\x80 cut", "naïve \ufffd cut")
case(I, b"\xc3\xa9t\xc3\xa9 \xf4\x90\x80\x80", "été \ufffd\ufffd\ufffd\ufffd")
case(I, b"ok \xc3\xa9 then cut \xe2\x82", "ok é then cut \ufffd")
LE = "legacy_encoding"
case(LE, "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e".encode("cp1252"), "café crème brûlée")
case(LE, "\u201cSmart\u201d quotes \u2013 and \u20ac5".encode("cp1252"), "“Smart” quotes – and €5")
case(LE, b"\xff\xfe" + "Grüße aus Köln".encode("utf-16-le"), "Grüße aus Köln")
case(LE, b"\xfe\xff" + "Ελληνικά κείμενα".encode("utf-16-be"), "Ελληνικά κείμενα")
NEG = "negative"
for text in ["مرحبا بالعالم", "नमस्ते दुनिया", "你好，世界"[:2] + "世界", "שלום עולם", "می\u200cروم به خانه",
             "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f flag", "👍🏽 ok", "R&D and AT&T",
             "a\tb\tc", "Рівне, Сі, ВКонтакте", "İstanbul’da güzel", "Þú ert ágæt", "El col·legi",
             "SÃO PAULO — Área", "¿Qué? ¡Ánimo!", "naïve café"]:
    case(NEG, text, text)
CB = "combined"
case(CB, "Itâ€™s&nbsp;a \x93test\x94\r\nnext\u200bline", "It’s a “test”\nnextline", "It’s\u00a0a “test”\nnextline")
case(CB, "\ufeff\x1b[31mＷａｒｎ\x1b[0m: caf&eacute;\u00ad\r", "Warn: café\n", "Ｗａｒｎ: café\n")
case(CB, b"\xef\xbb\xbfcaf\xc3\xa9\r\n\x1b[0mok \xc3", "café\nok \ufffd")
case(CB, "\x93Quote\x94 &amp; cafÃ©\u2060 ﬁn", "“Quote” & café fin", "“Quote” & café ﬁn")

with open(os.path.join(ROOT, "Tests/Data/web-noise-policy.jsonl"), "w", encoding="utf-8") as f:
    for r in cases:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(cases), "cases,", len({r["category"] for r in cases}), "categories")
