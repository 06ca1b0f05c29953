/// Restores the characters of Windows-1252 mojibake whose one undefined byte (0x81, 0x8D,
/// 0x8F, 0x90 or 0x9D) was lost when the text was decoded: "žluÅ¥ouÄký" (the 0x8D of č),
/// "ΚαλημέÏα" (the 0x81 of ρ), "ã®" (the 0x81 of の), "ðŸ‘" (the 0x8D of 👍). Such a site
/// reads as a UTF-8 lead byte followed by one continuation byte fewer than the lead needs; the
/// lost byte may have stood at any continuation position, so a site has up to 15 readings.
/// Where the decoder wrote U+FFFD for the byte ("ã�®", "é€�"), that is its position.
///
/// Runs only on a text that `MojibakeRepair` repaired something in (clean text is never
/// touched). Where the text has exactly one of a site's readings elsewhere, that is the
/// reading. Otherwise a reading is chosen by how often it occurs in running text
/// (`LostByteLetters`) in the languages most of the text's other letters are frequent in
/// (every language when it has none): it must be a plausible character of the right case,
/// four times as frequent there as any other reading and, where the site is a Latin-1 letter
/// with no strong evidence (no continuation, or only ones that follow letters in real text:
/// "Äk", "Ïα", "é’"), as that letter itself (so "SÃO" stays in Portuguese text); in text of
/// another script such a site must also touch a letter of that script ("Ïα" in Greek;
/// "café’s" in Japanese text stays). Nothing is chosen where a fifth of the text's letters
/// are not frequent in those languages (a language the word lists lack, such as Uyghur, whose
/// frequent letters are not Arabic's or Persian's).
///
/// A site whose lost byte the decoder marked with U+FFFD and that gets no reading ("ã€�", the
/// ideographic comma: punctuation has no shares) becomes that one U+FFFD: the sequence's
/// known bytes are mojibake, and what is left of the character is the ill-formed subpart the
/// U+FFFD stands for (ftfy's `replace_lossy_sequences`). Where the lead is a two-byte one and
/// U+FFFD is all that follows it, the lead must also be a letter not frequent in the text's
/// languages or not found elsewhere in the text: "GRÜ�E" in German text with ü keeps its Ü.
enum LostByteRepair {
    /// The bytes Windows-1252 leaves undefined.
    static let undefined: [UInt8] = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
    /// How many of a text's letters outside the sites tell its languages.
    private static let contextLetters = 256

    /// A lead byte followed by one continuation byte too few: scalars `first..<end` of the text.
    private struct Site {
        let first: Int
        let end: Int
        let lead: UInt32
        /// Some continuation byte reads as a character that never follows a letter.
        let strong: Bool
        /// The decoder wrote U+FFFD for the lost byte.
        let marked: Bool
        let readings: [Unicode.Scalar]
    }

    /// `text` with every site that has a clear reading restored, and every other site marked
    /// with U+FFFD made that U+FFFD; the number of each.
    static func restore(_ text: String) -> (text: String, fixes: Int, lossy: Int) {
        guard mayHaveSite(text) else { return (text, 0, 0) }
        let scalars = Array(text.unicodeScalars)
        let sites = findSites(scalars)
        guard !sites.isEmpty else { return (text, 0, 0) }
        let letters = LostByteLetters.compiled
        let languages = contextLanguages(scalars, sites: sites, letters: letters)
        let (seen, leadsSeen) = languages == nil ? ([], []) : elsewhere(scalars, sites: sites)
        var chosen: [(site: Site, reading: Unicode.Scalar)] = []
        var lossy = 0
        for site in sites {
            let before = site.first > 0 ? scalars[site.first - 1] : nil
            let after = site.end < scalars.count ? scalars[site.end] : nil
            // A site without strong evidence is a Latin letter: in text of another script, one
            // among Latin letters is a foreign word ("café’s"), not mojibake.
            if let (context, latin) = languages, site.strong || latin || isNonLatinLetter(before) || isNonLatinLetter(after),
               let reading = choose(site, before: before, context: context, seen: seen, letters: letters) {
                chosen.append((site, reading))
            } else if site.marked && (site.end - site.first > 2 || isForeignLead(site, scalars, leadsSeen, languages?.languages, letters)) {
                chosen.append((site, "\u{FFFD}"))
                lossy += 1
            }
        }
        guard !chosen.isEmpty else { return (text, 0, 0) }
        return (rebuilt(text, scalars: scalars, replacing: chosen), chosen.count - lossy, lossy)
    }

    /// Whether the lead letter of `site` is no correct letter before a lost character: a capital
    /// after a lower-case letter ("jẹÌ�"), frequent in none of the languages of `context` (nil:
    /// not known), or nowhere in the text outside the sites (where the repairs before took
    /// every other one as mojibake: not in `leadsSeen`).
    private static func isForeignLead(_ site: Site, _ scalars: [Unicode.Scalar], _ leadsSeen: Set<UInt32>, _ context: UInt64?,
                                      _ letters: LostByteLetters) -> Bool {
        let capital = Unicode.Scalar(site.lead)!
        if site.first > 0 && capital.properties.isUppercase && scalars[site.first - 1].properties.isLowercase { return true }
        guard let context, context != 0 else { return false }
        let lead = lowercase(capital)
        guard letters.mask(of: lead.value) & context != 0 else { return true }
        return !leadsSeen.contains(lead.value)
    }

    /// `text` with each chosen site's scalars replaced by its reading, copied as UTF-8 between them.
    private static func rebuilt(_ text: String, scalars: [Unicode.Scalar], replacing chosen: [(site: Site, reading: Unicode.Scalar)]) -> String {
        var text = text
        return text.withUTF8 { src in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(src.count + 4 * chosen.count)
            var scalarIndex = 0
            var offset = 0
            for (site, reading) in chosen {
                let start = offset
                while scalarIndex < site.first {
                    offset += UTF8.width(scalars[scalarIndex])
                    scalarIndex += 1
                }
                bytes.append(contentsOf: src[start..<offset])
                bytes.append(contentsOf: UTF8.encode(reading)!)
                while scalarIndex < site.end {
                    offset += UTF8.width(scalars[scalarIndex])
                    scalarIndex += 1
                }
            }
            bytes.append(contentsOf: src[offset...])
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Whether the UTF-8 of `text` has a letter that can start a site: Â...ß (a lead of two
    /// bytes), or à...ô before a character that Windows-1252 writes as a continuation byte or
    /// before U+FFFD. The cheap test before the scalars are taken apart.
    private static func mayHaveSite(_ text: String) -> Bool {
        MojibakeRepair.anyAccentedLetter(text, followedBy: 0) { src, i in
            let second = src[i + 1]
            if second >= 0x82 && second <= 0x9F { return true }
            let next = i + 2
            guard second >= 0xA0 && second <= 0xB4 && next < src.count && src[next] >= 0x80 else { return false }
            let length = UTF8Decoding.length(lead: src[next])
            guard next + length <= src.count else { return false }
            let v = UTF8Decoding.value(src, at: next, length: length)
            return v == 0xFFFD || continuation(v) != nil
        }
    }

    private static func findSites(_ scalars: [Unicode.Scalar]) -> [Site] {
        var sites: [Site] = []
        var i = 0
        while i < scalars.count {
            let lead = scalars[i].value
            guard lead >= 0xC2 && lead <= 0xF4 else {
                i += 1
                continue
            }
            let need = lead <= 0xDF ? 2 : lead <= 0xEF ? 3 : 4
            var bytes: [UInt8] = []
            // Where a decoder wrote U+FFFD for the undefined byte: the lost byte's position.
            var replaced: Int?
            var strong = false
            var j = i + 1
            while j < scalars.count, bytes.count + (replaced == nil ? 0 : 1) < need - 1 {
                if scalars[j].value == 0xFFFD && replaced == nil {
                    replaced = bytes.count
                    strong = true
                } else if let byte = continuation(scalars[j].value) {
                    if MojibakeRepair.isStrongContinuation(scalars[j].value, byte: byte) { strong = true }
                    bytes.append(byte)
                } else {
                    break
                }
                j += 1
            }
            let next = j < scalars.count ? scalars[j].value : 0
            let complete = bytes.count + (replaced == nil ? 0 : 1) == need - 1
            guard replaced == nil ? bytes.count == need - 2 && continuation(next) == nil : complete else {
                i += 1
                continue
            }
            let readings = readings(lead: UInt8(lead), present: bytes, at: replaced)
            if !readings.isEmpty || replaced != nil {
                sites.append(Site(first: i, end: j, lead: lead, strong: strong, marked: replaced != nil, readings: readings))
            }
            i = j
        }
        return sites
    }

    /// The byte Windows-1252 writes `v` as, if it is a UTF-8 continuation byte.
    private static func continuation(_ v: UInt32) -> UInt8? {
        guard let byte = MojibakeRepair.windows1252Byte(v), byte >= 0x80 && byte <= 0xBF else { return nil }
        return byte
    }

    /// The plausible characters of `lead`, `present` and one undefined byte at position `known`
    /// of the continuation bytes, or at any.
    private static func readings(lead: UInt8, present: [UInt8], at known: Int?) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for position in known.map({ $0...$0 }) ?? 0...present.count {
            for byte in undefined {
                var sequence = present
                sequence.insert(byte, at: position)
                guard let scalar = decode(lead: lead, sequence),
                      MojibakeRepair.isPlausible(scalar, afterLetter: { true }), !found.contains(scalar) else { continue }
                found.append(scalar)
            }
        }
        return found
    }

    private static func decode(lead: UInt8, _ continuation: [UInt8]) -> Unicode.Scalar? {
        MojibakeRepair.sequenceValue(lead: lead, count: continuation.count + 1) { continuation[$0 - 1] }.flatMap(Unicode.Scalar.init)
    }

    /// The languages in which most of the text's letters outside the sites (its first
    /// `contextLetters`) are frequent (0: the text has no such letter, every language), and
    /// whether most of those letters are Latin; nil where a fifth of them are frequent in none
    /// of those languages.
    private static func contextLanguages(_ scalars: [Unicode.Scalar], sites: [Site],
                                         letters: LostByteLetters) -> (languages: UInt64, latin: Bool)? {
        var votes = [Int](repeating: 0, count: max(letters.languages, 1))
        var letterCount = 0
        var latinCount = 0
        var siteIndex = 0
        var i = 0
        while i < scalars.count {
            if siteIndex < sites.count && i == sites[siteIndex].first {
                i = sites[siteIndex].end
                siteIndex += 1
                continue
            }
            if scalars[i].value >= 0x80 && WordCharacterTable.shared.isAlphabetic(scalars[i]) {
                // The first letters are sample enough of a long text.
                if letterCount == contextLetters { break }
                letterCount += 1
                if isLatin(scalars[i].value) { latinCount += 1 }
                var mask = letters.mask(of: lowercase(scalars[i]).value)
                while mask != 0 {
                    let bit = mask.trailingZeroBitCount
                    if bit < votes.count { votes[bit] += 1 }
                    mask &= mask - 1
                }
            }
            i += 1
        }
        let latin = 2 * latinCount > letterCount
        guard let most = votes.max(), most > 0 else { return letterCount == 0 ? (0, true) : nil }
        guard 5 * most >= 4 * letterCount else { return nil }
        var context: UInt64 = 0
        for (language, count) in votes.enumerated() where 4 * count >= 3 * most { context |= 1 << UInt64(language) }
        return (context, latin)
    }

    /// The sites' readings, and the marked sites' leads, (lower case) that the text has outside
    /// the sites: one walk for both.
    private static func elsewhere(_ scalars: [Unicode.Scalar], sites: [Site]) -> (readings: Set<UInt32>, leads: Set<UInt32>) {
        var wanted = Set<UInt32>(), wantedLeads = Set<UInt32>()
        var filter: UInt64 = 0
        for site in sites {
            for reading in site.readings {
                let v = lowercase(reading).value
                wanted.insert(v)
                filter |= 1 << UInt64(v & 63)
            }
            if site.marked {
                let v = lowercase(Unicode.Scalar(site.lead)!).value
                wantedLeads.insert(v)
                filter |= 1 << UInt64(v & 63)
            }
        }
        var seen = Set<UInt32>(), leadsSeen = Set<UInt32>()
        var siteIndex = 0
        for (i, scalar) in scalars.enumerated() where scalar.value >= 0x80 {
            while siteIndex < sites.count && sites[siteIndex].end <= i { siteIndex += 1 }
            if siteIndex < sites.count && i >= sites[siteIndex].first { continue }
            let v = lowercase(scalar).value
            guard filter >> UInt64(v & 63) & 1 != 0 else { continue }
            if wanted.contains(v) { seen.insert(v) }
            if wantedLeads.contains(v) { leadsSeen.insert(v) }
        }
        return (seen, leadsSeen)
    }

    private static func isLatin(_ v: UInt32) -> Bool {
        MojibakeBadness.script(v) == .latin
    }

    private static func isNonLatinLetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar, scalar.value >= 0x250 else { return false }
        return !isLatin(scalar.value) && WordCharacterTable.shared.isAlphabetic(scalar)
    }

    /// The reading of `site`: the only one the text has elsewhere (`seen`, lower case), else the
    /// clearly most frequent of those it has, or of all when it has none.
    private static func choose(_ site: Site, before: Unicode.Scalar?, context: UInt64, seen: Set<UInt32>,
                               letters: LostByteLetters) -> Unicode.Scalar? {
        let afterLower = before.map { $0.properties.isLowercase } ?? false
        let cased = site.readings.filter {
            !(afterLower && ($0.properties.isUppercase || $0.properties.generalCategory == .titlecaseLetter))
        }
        let present = cased.filter { seen.contains(lowercase($0).value) }
        var best: (scalar: Unicode.Scalar, share: Float)?
        var second: Float = 0
        for reading in present.isEmpty ? cased : present {
            let share = letters.share(of: lowercase(reading).value, in: context)
            if let current = best, share <= current.share {
                second = max(second, share)
            } else {
                second = max(second, best?.share ?? 0)
                best = (reading, share)
            }
        }
        guard let best else { return nil }
        if present.count != 1 {
            guard best.share >= (context == 0 ? 1e-6 : 1e-5), best.share >= 4 * second else { return nil }
        }
        if !site.strong {
            let leadShare = letters.share(of: lowercase(Unicode.Scalar(site.lead)!).value, in: context)
            guard best.share > 0, best.share >= 4 * leadShare else { return nil }
        }
        return best.scalar
    }

    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if let lower = WordCharacterTable.shared.lowercase(of: scalar.value) { return Unicode.Scalar(lower)! }
        guard scalar.value >= 0x10000 else { return scalar }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }
}
