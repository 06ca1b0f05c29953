#!/usr/bin/env python3
"""Writes a JSONL corpus ({"id", "text"} per line, plain or .gz) as a Common Crawl WET file, one
`conversion` record per document after a `warcinfo` record, gzip-compressed per record as
Common Crawl does when the output name ends in .gz. For timing corpusclean's WET reader on the
same documents as the JSONL benchmark:

    python3 scripts/jsonl-to-wet.py ../shared/data/perf-dev/corpus.jsonl.gz /tmp/perf.warc.wet.gz
"""
import gzip
import json
import sys


def records(source):
    opener = gzip.open if source.endswith(".gz") else open
    with opener(source, "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if line.strip():
                doc = json.loads(line)
                yield n, doc["id"], doc["text"]


def record(kind, headers, body):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body + b"\r\n\r\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    out = open(target, "wb")
    compress = gzip.compress if target.endswith(".gz") else (lambda b: b)
    out.write(compress(record("warcinfo", [("WARC-Type", "warcinfo")], b"software: jsonl-to-wet.py\r\n")))
    count = 0
    for n, doc_id, text in records(source):
        headers = [("WARC-Type", "conversion"), ("WARC-Target-URI", f"https://example.org/{doc_id}"),
                   ("WARC-Date", "2026-01-01T00:00:00Z"), ("WARC-Record-ID", f"<urn:uuid:{doc_id}>"),
                   ("Content-Type", "text/plain")]
        out.write(compress(record("conversion", headers, text.encode("utf-8"))))
        count += 1
    out.close()
    print(f"wrote {count} conversion records to {target}")


if __name__ == "__main__":
    main()
