import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// The dedup benchmark's corpus, built from what Debian installed: every entry of the Debian
/// changelogs (`/usr/share/doc/*/changelog.Debian.gz`, natural exact and near copies between
/// binary packages of one source), every man page (`/usr/share/man`, all languages; of the
/// google-cloud-cli pages only the GA commands, not the alpha/beta copies), as plain text;
/// then near copies of a fifth of them made by realistic edits.
struct DedupCorpus {
    struct Doc {
        let id: String
        let text: String
    }

    var docs: [Doc] = []
    /// Documents read before the edited copies were added.
    var originals = 0

    /// Reads the installed documents (at least 150 bytes of text each) and adds edited copies.
    static func build(limit: Int) -> DedupCorpus {
        var corpus = DedupCorpus()
        let files = FileManager.default
        for package in ((try? files.contentsOfDirectory(atPath: "/usr/share/doc")) ?? []).sorted() {
            let path = "/usr/share/doc/\(package)/changelog.Debian.gz"
            guard let lines = readLines(path) else { continue }
            var entry: [String] = []
            var index = 0
            func flush() {
                let text = entry.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if text.utf8.count >= 150 { corpus.docs.append(Doc(id: "changelog/\(package)/\(index)", text: text)) }
                entry.removeAll()
                index += 1
            }
            for line in lines {
                if let first = line.unicodeScalars.first, first != " ", first != "\t", !entry.isEmpty, line.contains("urgency=") {
                    flush()
                }
                entry.append(line)
            }
            flush()
        }
        let manRoot = "/usr/share/man"
        var manPaths: [String] = []
        if let walker = files.enumerator(atPath: manRoot) {
            for case let path as String in walker where path.hasSuffix(".gz") {
                let name = (path as NSString).lastPathComponent
                if name.hasPrefix("gcloud_alpha") || name.hasPrefix("gcloud_beta") { continue }
                manPaths.append(path)
            }
        }
        for path in manPaths.sorted() {
            guard let lines = readLines(manRoot + "/" + path) else { continue }
            let text = troffToText(lines)
            if text.utf8.count >= 150 { corpus.docs.append(Doc(id: "man/\(path)", text: text)) }
        }
        if corpus.docs.count > limit { corpus.docs.removeLast(corpus.docs.count - limit) }
        corpus.originals = corpus.docs.count
        var random = SplitMix(seed: 42)
        for i in 0..<corpus.originals where random.next() % 5 == 0 {
            let original = corpus.docs[i]
            corpus.docs.append(Doc(id: original.id + "#edited", text: edit(original.text, &random)))
        }
        // Interleave the copies with the originals, deterministically.
        corpus.docs.sort { Hash64.hash($0.id) < Hash64.hash($1.id) }
        return corpus
    }

    static func readLines(_ path: String) -> [String]? {
        guard FileManager.default.fileExists(atPath: path), let source = try? LineSource(path: path) else { return nil }
        var lines: [String] = []
        while let line = try? source.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    /// Plain text of a troff man page: macro lines dropped except their text arguments, font
    /// and character escapes removed.
    static func troffToText(_ lines: [String]) -> String {
        var out: [String] = []
        for var line in lines {
            if line.hasPrefix(".\\\"") || line.hasPrefix("'\\\"") || line.hasPrefix(".so ") { continue }
            if line.hasPrefix(".") {
                let parts = line.split(separator: " ", maxSplits: 1)
                let macro = parts.first.map(String.init) ?? ""
                guard parts.count == 2, [".SH", ".SS", ".B", ".I", ".BR", ".IR", ".BI", ".IB", ".RB", ".RI", ".IP", ".TP"].contains(macro) else { continue }
                line = String(parts[1].filter { $0 != "\"" })
            }
            out.append(unescape(line))
        }
        return out.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A troff line without font escapes, with the common character escapes replaced.
    static func unescape(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.contains(0x5C) else { return line }
        let named: [String: String] = ["em": "—", "en": "–", "bu": "•", "aq": "'", "lq": "\"", "rq": "\""]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x5C, i + 1 < bytes.count else { out.append(bytes[i]); i += 1; continue }
            switch bytes[i + 1] {
            case UInt8(ascii: "f"): i += 3
            case UInt8(ascii: "&"): i += 2
            case UInt8(ascii: "e"): out.append(0x5C); i += 2
            case UInt8(ascii: "("):
                let name = i + 4 <= bytes.count ? String(decoding: bytes[(i + 2)..<(i + 4)], as: UTF8.self) : ""
                out.append(contentsOf: (named[name] ?? "").utf8)
                i += 4
            default: out.append(bytes[i + 1]); i += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let boilerplate = [
        "Subscribe to our newsletter for updates.", "Share this page on social media.",
        "Copyright © 2024. All rights reserved.", "Read more: related articles below.",
        "This page was last updated on 12 March 2024.", "Cookies help us deliver our services.",
    ]

    /// A near copy: one or two of word edits (1–15%), truncation (to 80–97%), boilerplate
    /// lines at the top or bottom, whitespace and punctuation changes.
    static func edit(_ text: String, _ random: inout SplitMix) -> String {
        var text = text
        let kinds = 1 + Int(random.next() % 2)
        for _ in 0..<kinds {
            switch random.next() % 4 {
            case 0:
                let rate = 0.01 + Double(random.next() % 1400) / 10000
                var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                var i = 0
                while i < words.count {
                    if Double(random.next() % 10000) / 10000 < rate {
                        switch random.next() % 3 {
                        case 0: words[i] = "word\(random.next() % 5000)"
                        case 1: words.remove(at: i); continue
                        default: words.insert("also", at: i); i += 1
                        }
                    }
                    i += 1
                }
                text = words.joined(separator: " ")
            case 1:
                let keep = 0.80 + Double(random.next() % 170) / 1000
                text = String(text.prefix(Int(Double(text.count) * keep)))
            case 2:
                let line = boilerplate[Int(random.next() % UInt64(boilerplate.count))]
                text = random.next() % 2 == 0 ? line + "\n" + text : text + "\n\n" + line
            default:
                text = text.replacingOccurrences(of: ", ", with: " ").replacingOccurrences(of: "\n", with: "\n\n")
                    .replacingOccurrences(of: ". ", with: ".  ")
            }
        }
        return text
    }
}
