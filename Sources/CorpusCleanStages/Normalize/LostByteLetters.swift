import CTextKit

/// How often letters occur in the running text of each language (wordfreq's word lists,
/// `scripts/repair-lexicon/generate.py`), for `LostByteRepair`: the shares of the characters a
/// lost byte can stand for, and the languages in which other letters are frequent. Read in
/// place from the table compiled into the binary (its layout: the generator's last comment).
struct LostByteLetters: @unchecked Sendable {
    /// The number of languages (bits of a mask).
    let languages: Int
    private let candidateScalars: UnsafeBufferPointer<UInt32>
    /// Per candidate, the index of its first share; one more entry ends the last.
    private let firsts: UnsafeBufferPointer<UInt32>
    /// (language, share as Float bits) pairs.
    private let shares: UnsafeBufferPointer<UInt32>
    private let maskScalars: UnsafeBufferPointer<UInt32>
    private let masks: UnsafeRawBufferPointer

    /// The table compiled into the binary.
    static let compiled: LostByteLetters = {
        var length = 0
        let base = ctk_lost_byte_letters(&length)!
        return LostByteLetters(UnsafeRawBufferPointer(start: base, count: length))!
    }()

    /// The table in `bytes` (which must outlive it), or nil if they are not one.
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 20, bytes.loadUnaligned(as: UInt32.self) == 0x314C_424C else { return nil }  // "LBL1"
        let counts = (1...4).map { Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        let (languages, candidates, pairs, masked) = (counts[0], counts[1], counts[2], counts[3])
        var offset = 20
        func words(_ count: Int) -> UnsafeBufferPointer<UInt32>? {
            guard offset + 4 * count <= bytes.count else { return nil }
            defer { offset += 4 * count }
            return UnsafeBufferPointer(start: (bytes.baseAddress! + offset).assumingMemoryBound(to: UInt32.self), count: count)
        }
        guard (1...64).contains(languages), let candidateScalars = words(candidates), let firsts = words(candidates + 1),
              let shares = words(2 * pairs), let maskScalars = words(masked) else { return nil }
        offset = (offset + 7) & ~7
        guard offset + 8 * masked == bytes.count, firsts.last.map({ Int($0) == pairs }) ?? false else { return nil }
        self.languages = languages
        self.candidateScalars = candidateScalars
        self.firsts = firsts
        self.shares = shares
        self.maskScalars = maskScalars
        self.masks = UnsafeRawBufferPointer(rebasing: bytes[offset...])
    }

    /// The number of candidates (characters with shares).
    var candidateCount: Int { candidateScalars.count }

    /// The languages `scalar` is frequent in (a share of 2e-5 or more, for candidates as for the
    /// other letters).
    func mask(of scalar: UInt32) -> UInt64 {
        if let i = Self.find(scalar, in: maskScalars) {
            return masks.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
        }
        var mask: UInt64 = 0
        forEachShare(of: scalar) { language, share in
            if share >= 2e-5 && language < 64 { mask |= 1 << UInt64(language) }
        }
        return mask
    }

    /// The shares of `scalar` summed over the languages of `context` (every language when 0):
    /// its frequency in a text of one of them, up to their number.
    func share(of scalar: UInt32, in context: UInt64) -> Float {
        var sum: Float = 0
        forEachShare(of: scalar) { language, share in
            if context == 0 || (language < 64 && context & (1 << UInt64(language)) != 0) { sum += share }
        }
        return sum
    }

    private func forEachShare(of scalar: UInt32, _ body: (Int, Float) -> Void) {
        guard let i = Self.find(scalar, in: candidateScalars) else { return }
        for pair in Int(firsts[i])..<Int(firsts[i + 1]) {
            body(Int(shares[2 * pair]), Float(bitPattern: shares[2 * pair + 1]))
        }
    }

    private static func find(_ scalar: UInt32, in sorted: UnsafeBufferPointer<UInt32>) -> Int? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < scalar { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == scalar ? low : nil
    }
}
