import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// ctk_hash64 is libxxhash's XXH64: the published vectors, and values of the hand-written
/// implementation it replaced (every path: under 32 bytes, 32 and more, 8-, 4- and 1-byte tails).
@Suite struct Hash64Tests {
    @Test func knownXXH64Vectors() {
        #expect(Hash64.hash("") == 0xEF46_DB37_51D8_E999)
        #expect(Hash64.hash("abc") == 0x44BC_2CF5_AD77_0999)
        #expect(Hash64.hash("The quick brown fox jumps over the lazy dog") == 0x0B24_2D36_1FDA_71BC)
    }

    @Test func sameValuesAsBefore() {
        let long = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?"
        let golden: [(text: String, seed: UInt64, hash: UInt64)] = [
            ("", 1, 0xD5AF_BA13_36A3_BE4B),
            ("", 0x9E37_79B9_7F4A_7C15, 0xC434_9FC9_3C01_0000),
            ("abc", 1, 0xBEA9_CA81_9932_8908),
            ("The quick brown fox jumps over the lazy dog", 1, 0xDF50_91B6_DAD2_C6DB),
            ("The quick brown fox jumps over the lazy dog", 0x9E37_79B9_7F4A_7C15, 0x7CFA_C668_32F6_6B74),
            (long, 0, 0xC02A_83E7_5F3E_D6ED),
            (long, 1, 0xBD0F_2908_477F_4DC3),
            (long, 0x9E37_79B9_7F4A_7C15, 0x2E1C_F439_FCE5_5D8A),
        ]
        for g in golden {
            #expect(Hash64.hash(g.text, seed: g.seed) == g.hash, "\(g.text.count) bytes, seed \(g.seed)")
            #expect(Hash64.hash(Array(g.text.utf8), seed: g.seed) == g.hash)
        }
        #expect(Hash64.hex(0xEF46_DB37_51D8_E999) == "ef46db3751d8e999")
    }
}
