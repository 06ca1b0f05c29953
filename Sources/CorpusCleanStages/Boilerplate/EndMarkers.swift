import CorpusCleanCore
import CTextKit
#if canImport(Glibc)
import Glibc
#endif

/// Lines that close an article: the header of a comment thread or comment form, an author
/// box. The main text does not run on past one of them. (Headers of related-article lists
/// are not among them: news sites put such boxes between the paragraphs of an article.)
enum EndMarkers {
    /// Whole lines (compared by `LineFeatures.key`).
    static let exact: [String] = ["comments", "discussion", "responses", "about the author", "about the authors"]

    /// Line openings: comment forms and author boxes in several languages.
    static let prefixes = PrefixSet([
        "about the author", "leave a reply", "leave a comment", "comments are closed", "join the conversation",
        "join the discussion", "deixe uma resposta", "deixe um comentário", "deja una respuesta", "deja un comentario",
        "laisser un commentaire", "laisser une réponse", "schreibe einen kommentar", "lascia un commento",
        "lascia una risposta", "geef een reactie", "laat een reactie achter", "добавить комментарий",
        "оставить комментарий", "dodaj komentarz", "tinggalkan balasan", "tinggalkan komentar", "bir yanıt yazın",
        "sobre el autor", "sobre o autor", "à propos de l'auteur", "über den autor", "über die autorin",
        "об авторе", "tentang penulis", "o autorze", "yazar hakkında", "informazioni sull'autore", "over de auteur",
    ])

    /// "About Jane Doe": these words and one to three capitalized words make an author box header.
    static let namePrefixes = PrefixSet(["about ", "über ", "sobre ", "à propos de ", "acerca de ", "tentang "])

    /// After a count, the words of a comment thread's header ("3 thoughts on ...").
    static let countNouns = PrefixSet([
        "thought", "comment", "response", "reply", "replies", "kommentar", "commentaire", "comentario", "comentário",
        "commento", "commenti", "reactie", "komentar", "комментари", "yorum",
    ])

    /// What an author's bio says the author is.
    static let roleWords = [
        "writer", "reporter", "editor", "contributor", "journalist", "correspondent", "columnist", "author",
        "producer", "freelancer", "freelance", "blogger", "critic", "photographer", "staff",
    ]
    static let roles = HashedWordTable(words: roleWords)

    static let copulas: [[UInt8]] = [Array("is a ".utf8), Array("is an ".utf8), Array("is the ".utf8)]

    /// Fewest letters outside the scripts without spaces of a line `isAuthorBio` accepts: "is a"
    /// and the shortest of `roleWords` ("staff") are ASCII letters, which the scan counts in
    /// `letters` and not in `unspacedLetters`. (A literal: a static computed from `roleWords`
    /// would be checked for its initialization at every line; `EndMarkerTests` hold it to them.)
    static let bioLetters = 3 + 5

    static let exactKeys = HashedWordTable(keys: exact.map(UIPhrases.lineKey))

    /// Whether the line in `bytes[line.start..<line.end]` closes the article, and how surely;
    /// nil when it does not.
    /// (Inlined into `EndMarkerPass`'s loop, as it was before its bio test grew.)
    @inline(__always)
    static func kind(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>) -> EndMarkerKind? {
        guard !line.isBlank else { return nil }
        if line.words >= 8 && line.words <= 80 {
            // A bio may be cut short behind a link ("... audio formats for... Read more"). It
            // has `bioLetters` ASCII letters at least: most lines of scripts without spaces have
            // fewer (and would be read to their end for a space).
            if line.letters - line.unspacedLetters >= bioLetters
                && isAuthorBio(UnsafeBufferPointer(rebasing: bytes[line.start..<line.end])) { return .strong }
            if line.endsSentence { return nil }
        }
        guard line.words <= 25 else { return nil }
        if prefixes.match(bytes, line.start, line.end) != nil { return .strong }
        if line.words <= 4 && exactKeys.value(line.key) != 0 { return .weak }
        if line.words <= 4, !line.endsSentence, let n = namePrefixes.match(bytes, line.start, line.end) {
            return capitalizedWords(bytes, line.start + n, line.end) ? .weak : nil
        }
        return countedThreadHeader(line, bytes) ? .strong : nil
    }

    /// "3 thoughts on “...”", "One response to “...”", "45 comments", also in brackets ("{ 7
    /// comments… read them below or add one }"). ("12 Comments" is also a link beside the
    /// byline, above the article: the main text only ends at a marker after a paragraph.)
    private static func countedThreadHeader(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = line.start
        while start < line.end && isOpeningMark(bytes[start]) { start += 1 }
        guard start < line.end else { return false }
        let first = bytes[start]
        if first &- 0x30 < 10 || first | 0x20 == 0x6F {
            guard line.words >= 2 else { return false }
            var i = start
            while i < line.end && bytes[i] != 0x20 { i += 1 }
            let count = UnsafeBufferPointer(rebasing: bytes[start..<i])
            guard count.allSatisfy({ $0 &- 0x30 < 10 }) || (count.count == 3 && count[1] | 0x20 == 0x6E && count[2] | 0x20 == 0x65) else {
                return false
            }
            return i + 1 < line.end && countNouns.match(bytes, i + 1, line.end) != nil
        }
        return line.words <= 4 && countInBrackets(line, bytes)
    }

    /// "Comments (14)", "Reader Comments (4)": a count noun, then its count in brackets last.
    private static func countInBrackets(_ line: LineFeatures, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = line.end - 1
        guard i > line.start, bytes[i] == 0x29 else { return false }
        i -= 1
        let last = i
        while i > line.start && bytes[i] &- 0x30 < 10 { i -= 1 }
        guard i < last, bytes[i] == 0x28, i > line.start else { return false }
        i -= 1
        if bytes[i] == 0x20 { i -= 1 }
        var word = i
        while word > line.start && bytes[word - 1] != 0x20 { word -= 1 }
        return countNouns.match(bytes, word, i + 1) != nil
    }

    /// A bracket or a space before a thread header's count.
    private static func isOpeningMark(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x7B || b == 0x28 || b == 0x5B
    }

    /// Entries of a comment thread in a row that make it one: a commenter's name, its dateline.
    static let threadEntries = 3
    /// Non-blank lines from one entry to the next at most (the comment and its rating between).
    static let threadEntryGap = 12

    /// The first line of a comment thread that no header announces: `threadEntries` or more
    /// entries, each within `threadEntryGap` lines of the last, each a name (at most three
    /// words, no sentence end but "says:") right above a line the dateline rule removed, or a
    /// commenter's header (`headerThreadStart`). Returns the first entry's first line; `nonBlank`
    /// are the non-blank lines.
    static func threadStart(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ nonBlank: [Int],
                            _ reasons: [BoilerplateReason?]) -> Int? {
        let dated = datedThreadStart(lines, bytes, nonBlank, reasons)
        guard let byHeaders = headerThreadStart(lines, bytes, nonBlank) else { return dated }
        return dated.map { min($0, byHeaders) } ?? byHeaders
    }

    /// The first of `threadEntries` commenters' headers in a row, each within `threadEntryGap`
    /// lines of the last: lines of 2 to 14 words followed by a line of text, that have a time
    /// ("Jane 07.19.12 at 07:57", the text after it without one) or end in the same word ending
    /// in ":" or "," ("Jane says:", "Jane said,").
    static func headerThreadStart(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ nonBlank: [Int]) -> Int? {
        var entries: [(signature: UInt64, first: Int, last: Int, count: Int)] = []
        for k in 0..<max(0, nonBlank.count - 1) {
            let line = lines[nonBlank[k]]
            let next = lines[nonBlank[k + 1]]
            guard line.words >= 2 && line.words <= 14, next.words >= 3 else { continue }
            var signature: UInt64
            let end = bytes[line.end - 1]
            if line.numbers >= 1 && hasTime(bytes, line.start, line.end) {
                // Rows of a schedule have times one after the other.
                guard next.numbers == 0 || !hasTime(bytes, next.start, next.end) else { continue }
                signature = 1
            } else if end == 0x3A || end == 0x2C {
                var at = line.end - 1
                while at > line.start && bytes[at - 1] != 0x20 { at -= 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[at..<(line.end - 1)])
                guard word.count >= 2, word.allSatisfy({ $0 | 0x20 &- 0x61 < 26 || $0 >= 0x80 }) else { continue }
                signature = 14_695_981_039_346_656_037
                for c in word { signature = (signature ^ UInt64(c | 0x20)) &* 1_099_511_628_211 }
            } else {
                continue
            }
            if let n = entries.firstIndex(where: { $0.signature == signature }) {
                if k - entries[n].last > threadEntryGap {
                    entries[n] = (signature, k, k, 1)
                } else {
                    entries[n].last = k
                    entries[n].count += 1
                    if entries[n].count == threadEntries { return nonBlank[entries[n].first] }
                }
            } else {
                entries.append((signature, k, k, 1))
            }
        }
        return nil
    }

    /// Has a time of day: a digit, ":" and two digits.
    static func hasTime(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = from + 1
        // From colon to colon (memchr): most lines have none.
        while i + 2 < to {
            guard let colon = memchr(base + i, 0x3A, to - 2 - i) else { return false }
            i = UnsafeRawPointer(colon) - UnsafeRawPointer(base)
            if bytes[i - 1] &- 0x30 < 10 && bytes[i + 1] &- 0x30 < 10 && bytes[i + 2] &- 0x30 < 10 { return true }
            i += 1
        }
        return false
    }

    /// The first of `threadEntries` commenters' names each right above a dateline (see `threadStart`).
    static func datedThreadStart(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ nonBlank: [Int],
                                 _ reasons: [BoilerplateReason?]) -> Int? {
        var first = 0, last = -threadEntryGap - 1, entries = 0
        for k in 1..<max(1, nonBlank.count) where reasons[nonBlank[k]] == .dateline {
            let name = lines[nonBlank[k - 1]]
            // A name has a word: a dash above each embedded post's author and date is none.
            guard name.words >= 1 && name.words <= 3 && (!name.endsSentence || name.endsWithColon(bytes)) else { continue }
            if k - 1 - last > threadEntryGap {
                first = k - 1
                entries = 0
            }
            entries += 1
            last = k - 1
            if entries == threadEntries { return nonBlank[first] }
        }
        return nil
    }

    /// The first of `threadEntries` commenters' datelines that start with the
    /// commenter's name ("Jane Doe 07 Nov 12": a capitalized word that is no date word, not "Sunday,
    /// May 12, 2019 (2 months ago)" above each post of a blog's front page), each right above a
    /// line of text of three words or more that is no dateline, each within
    /// `threadEntryGap` lines of the last (the thread rules of `EndMarkers` want the name
    /// on a line of its own, or a time). The names must not all be one word: "Update 12 Nov",
    /// "By Jane Doe, May 12" or "Day 1 – 12 May" above each entry is a series, not commenters.
    static func namedDatelineThreadStart(_ lines: [LineFeatures], _ bytes: UnsafeBufferPointer<UInt8>, _ nonBlank: [Int],
                                         _ reasons: [BoilerplateReason?]) -> Int? {
        var first = 0, last = -threadEntryGap - 1, entries = 0
        var firstName: UInt64 = 0, varied = false
        for k in 0..<max(0, nonBlank.count - 1) where reasons[nonBlank[k]] == .dateline {
            let line = lines[nonBlank[k]], next = nonBlank[k + 1]
            guard line.words > line.numbers + line.dateWords, lines[next].words >= 3, reasons[next] != .dateline,
                  let name = nameHash(UnsafeBufferPointer(rebasing: bytes[line.start..<line.end])) else { continue }
            if k - last > threadEntryGap {
                first = k
                entries = 0
                firstName = name
                varied = false
            }
            if name != firstName { varied = true }
            entries += 1
            last = k
            if entries >= threadEntries && varied { return nonBlank[first] }
        }
        return nil
    }

    /// The hash of the word `text` starts with, if it is a word of ASCII letters, capitalized,
    /// that is no date word.
    private static func nameHash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let first = text.first, first &- 0x41 < 26 else { return nil }
        var end = 1
        while end < text.count && text[end] | 0x20 &- 0x61 < 26 { end += 1 }
        let hash = ctk_token_hash(text.baseAddress, end)
        return Stopwords.table.value(hash) & Stopwords.dateWord == 0 ? hash : nil
    }

    /// An author's bio: "Jane Doe (@janedoe) is a freelance writer based in ...": two to four
    /// capitalized words (and a handle), "is a", "is an" or "is the", and a role within eight words.
    static func isAuthorBio(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var names = 0
        let n = t.count
        while i < n && names <= 4 {
            let c = t[i]
            if c == 0x28 {
                // A handle in brackets.
                while i < n && t[i] != 0x29 { i += 1 }
                i += 2
                continue
            }
            if c == 0x69, let copula = copulas.first(where: { i + $0.count < n && t[i..<(i + $0.count)].elementsEqual($0) }) {
                return names >= 2 && roles.holdsWord(of: t, from: i + copula.count, to: n, limit: 8)
            }
            guard c &- 0x41 < 26 || c >= 0xC3 else { return false }
            names += 1
            // Past the next space.
            i = ByteSearch.firstSpace(t, from: i) + 1
        }
        return false
    }

    /// One to three words after `from`, each starting with a capital (or a non-ASCII letter).
    private static func capitalizedWords(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Bool {
        var words = 0
        var atStart = true
        for i in from..<end {
            let b = bytes[i]
            if b == 0x20 { atStart = true; continue }
            if atStart {
                guard b &- 0x41 < 26 || b >= 0xC3 else { return false }
                words += 1
                atStart = false
            }
        }
        return (1...3).contains(words)
    }
}
