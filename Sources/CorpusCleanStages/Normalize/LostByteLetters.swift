import CTextKit

/// How often letters occur in the running text of each language (wordfreq's word lists,
/// `scripts/repair-lexicon/generate.py`), for `LostByteRepair`: the shares of the characters a
/// lost byte can stand for, and the languages in which other letters are frequent.
struct LostByteLetters: Sendable {
    /// The number of languages (bits of a mask).
    let languages: Int
    /// Per character whose UTF-8 has one byte Windows-1252 leaves undefined (lower case): its
    /// share of the letters of each language where it reaches 1e-6, as (language, share).
    let candidates: [UInt32: [(language: Int, share: Float)]]
    /// Per other letter: the languages (bits) where its share reaches 2e-5.
    let masks: [UInt32: UInt64]

    /// The table compiled into the binary.
    static let compiled: LostByteLetters = {
        var length = 0
        let base = ctk_lost_byte_letters(&length)!
        return LostByteLetters(String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self))
    }()

    /// Parses the text form (see the generator's documentation).
    init(_ text: String) {
        var languages = 0
        var candidates: [UInt32: [(language: Int, share: Float)]] = [:]
        var masks: [UInt32: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let kind = fields.first else { continue }
            switch kind {
            case "languages":
                languages = fields.count - 1
            case "c" where fields.count >= 3:
                guard let scalar = UInt32(fields[1], radix: 16) else { continue }
                candidates[scalar] = fields.dropFirst(2).compactMap { pair in
                    let parts = pair.split(separator: ":")
                    guard parts.count == 2, let language = Int(parts[0]), (0..<min(languages, 64)).contains(language),
                          let share = Float(parts[1]) else { return nil }
                    return (language, share)
                }
            case "m" where fields.count == 3:
                if let scalar = UInt32(fields[1], radix: 16), let mask = UInt64(fields[2], radix: 16) { masks[scalar] = mask }
            default:
                continue
            }
        }
        self.languages = languages
        self.candidates = candidates
        self.masks = masks
    }

    /// The languages `scalar` is frequent in (a share of 2e-5 or more, for candidates as for the
    /// other letters).
    func mask(of scalar: UInt32) -> UInt64 {
        if let mask = masks[scalar] { return mask }
        return candidates[scalar]?.reduce(0) { $1.share >= 2e-5 ? $0 | (1 << UInt64($1.language)) : $0 } ?? 0
    }

    /// The shares of `scalar` summed over the languages of `context` (every language when 0):
    /// its frequency in a text of one of them, up to their number.
    func share(of scalar: UInt32, in context: UInt64) -> Float {
        guard let shares = candidates[scalar] else { return 0 }
        var sum: Float = 0
        for (language, share) in shares where context == 0 || context & (1 << UInt64(language)) != 0 {
            sum += share
        }
        return sum
    }
}
