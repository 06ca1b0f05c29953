import CorpusCleanCore
import CTextKit

/// The line keys of a text (`LineFeatures.key`: the hash of a line's lowercased words) without
/// the rest of `LineScanner`'s measures, for the corpus pre-pass, which reads every document
/// once more only to count its lines. `ctk_line_keys` hashes with the code of `ctk_line_scan_reusing`
/// (a test holds the two together).
enum LineKeys {
    /// The distinct nonzero keys of the lines of `bytes`, sorted. With `sentenceWords` > 0 the
    /// lines that end a sentence and have that many words or more are left out (the stage never
    /// looks them up: `CorpusRepetitionPass`), and their scan stops at that word.
    static func distinct(_ bytes: UnsafeBufferPointer<UInt8>, sentenceWords: Int = 0) -> [UInt64] {
        var keys: [UInt64] = []
        appendDistinct(bytes, sentenceWords: sentenceWords, tables: LineScanTables.shared, to: &keys)
        return keys
    }

    /// `distinct(_:sentenceWords:)` appended to `keys`, with the tables given. With
    /// `newlinesEscaped`, `bytes` are those of a JSON string whose only escapes are `\n`
    /// (`ctk_line_keys_escaped`).
    static func appendDistinct(_ bytes: UnsafeBufferPointer<UInt8>, newlinesEscaped: Bool = false, sentenceWords: Int,
                               tables: LineScanTables, to keys: inout [UInt64]) {
        // A line with a key holds a byte, and a newline parts it from the next: at most n / 2 + 1.
        let capacity = bytes.count / 2 + 1
        // The thread's scratch, kept from document to document; a large document's is its own.
        if let scratch = ctk_line_keys_scratch(capacity) {
            return appendDistinct(bytes, newlinesEscaped: newlinesEscaped, sentenceWords: sentenceWords, tables: tables,
                                  scratch: scratch, to: &keys)
        }
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        defer { scratch.deallocate() }
        appendDistinct(bytes, newlinesEscaped: newlinesEscaped, sentenceWords: sentenceWords, tables: tables,
                       scratch: scratch, to: &keys)
    }

    private static func appendDistinct(_ bytes: UnsafeBufferPointer<UInt8>, newlinesEscaped: Bool, sentenceWords: Int,
                                       tables: LineScanTables, scratch: UnsafeMutablePointer<UInt64>,
                                       to keys: inout [UInt64]) {
        let count = tables.withTables {
            newlinesEscaped
                ? ctk_line_keys_escaped(bytes.baseAddress, bytes.count, $0, Int32(clamping: sentenceWords), scratch)
                : ctk_line_keys(bytes.baseAddress, bytes.count, $0, Int32(clamping: sentenceWords), scratch)
        }
        // Sorted and made unique in the scratch, then copied.
        let unique = ctk_sort_unique_u64(scratch, count)
        keys.append(contentsOf: UnsafeBufferPointer(start: scratch, count: unique))
    }
}
