import CorpusCleanCore
import CTextKit

/// The boilerplate stage's token hash (`ctk_token_hash`, defined in C beside the scan that
/// hashes the text's tokens, `ctk_line_scan_reusing`): the same function builds the word tables and
/// scans the text, so lookups need no String.
enum TokenHash {
    /// The hash the scan gives the token of `word` (its UTF-8, lowercased).
    static func hash(_ word: some StringProtocol) -> UInt64 {
        Array(word.utf8).withUnsafeBufferPointer { ctk_token_hash($0.baseAddress, $0.count) }
    }

    /// Hash of two consecutive tokens.
    @inline(__always)
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { ctk_token_pair(a, b) }

    /// `lower` changes no scalar at or above this (C's lower, beside the scan, relies on it too).
    static let lowerChangesBelow = UInt32(CTK_LOWER_CHANGES_BELOW)

    /// Lowercase of the cased scripts that matter most (ASCII, Latin-1, Latin Extended-A,
    /// Greek, Cyrillic); other scalars are returned unchanged.
    @inline(__always)
    static func lower(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x391...0x3A1, 0x3A3...0x3AB, 0x410...0x42F: return v + 0x20
        case 0x100...0x137, 0x14A...0x177: return v | 1
        case 0x139...0x148, 0x179...0x17E: return v & 1 == 1 ? v + 1 : v
        case 0x400...0x40F: return v + 0x50
        default: return v
        }
    }
}
