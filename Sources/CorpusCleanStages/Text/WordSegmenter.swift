import CorpusCleanCore
import CTextKit

/// ICU word boundaries, for scripts written without spaces.
public enum WordSegmenter {
    /// Byte ranges of the words of `text` (letters, numbers, kana, ideographs).
    public static func words(_ text: Substring) -> [Range<Int>] {
        var copy = String(text)
        return copy.withUTF8 { words(utf8: $0) }
    }

    /// Byte ranges of the words of UTF-8 `bytes`, relative to their start.
    public static func words(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return [] }
        let ptr = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        var cap = max(16, bytes.count / 2)
        while true {
            var pairs = [Int32](repeating: 0, count: cap * 2)
            let n = Int(ctk_word_segments(ptr, Int32(bytes.count), &pairs, Int32(cap)))
            if n < 0 { return [] }
            if n <= cap {
                return (0..<n).map { Int(pairs[2 * $0])..<Int(pairs[2 * $0 + 1]) }
            }
            cap = n
        }
    }
}
