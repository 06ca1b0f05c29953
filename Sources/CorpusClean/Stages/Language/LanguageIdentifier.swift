/// Identifies the language of a text with CLD2 and ICU scripts.
public struct LanguageIdentifier: Sendable {
    public let bestEffort: Bool
    /// Bytes sampled from a long document: the head, the middle and the tail.
    public static let sampleBytes = 64 * 1024

    public init(bestEffort: Bool) { self.bestEffort = bestEffort }

    public func identify(_ text: String) -> LanguageResult {
        let sample = LanguageIdentifier.sample(text)
        let script = Script.dominant(Substring(sample)).map { Script.isoCode($0.script) } ?? "Zyyy"
        guard sample.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
            return LanguageResult(code: "und", confidence: 0, reliable: false, top: [], spans: [], script: script)
        }
        let detection = CLD2.detect(sample, bestEffort: bestEffort)
        let top = detection.languages
            .filter { $0.percent > 0 && LanguageCodes.iso($0.code) != "und" }
            .map { LanguageResult.Candidate(code: LanguageCodes.iso($0.code), share: Double($0.percent) / 100) }
        guard let best = top.first else {
            return LanguageResult(code: "und", confidence: 0, reliable: false, top: [], spans: [], script: script)
        }
        var spanBytes: [String: Int] = [:]
        var total = 0
        for chunk in detection.chunks {
            spanBytes[LanguageCodes.iso(chunk.code), default: 0] += chunk.length
            total += chunk.length
        }
        let spans = spanBytes
            .map { LanguageResult.Candidate(code: $0.key, share: total > 0 ? Double($0.value) / Double(total) : 0) }
            .sorted { $0.share != $1.share ? $0.share > $1.share : $0.code < $1.code }
        let confidence = best.share * (detection.reliable ? 1 : 0.5)
        return LanguageResult(code: best.code, confidence: confidence, reliable: detection.reliable,
                              top: Array(top.prefix(3)), spans: spans, script: script)
    }

    /// The whole text when short; otherwise three slices (head, middle, tail) that start
    /// after a line break, so a 10 MB document costs what a 64 KB one does.
    static func sample(_ text: String) -> String {
        guard text.utf8.count > sampleBytes else { return text }
        var text = text
        return text.withUTF8 { bytes -> String in
            let slice = sampleBytes / 3
            var parts: [String] = []
            for start in [0, bytes.count / 2 - slice / 2, bytes.count - slice] {
                var lo = start
                if lo > 0, let newline = bytes[lo..<min(bytes.count, lo + slice / 2)].firstIndex(of: 0x0A) {
                    lo = newline + 1
                }
                while lo < bytes.count, bytes[lo] & 0xC0 == 0x80 { lo += 1 }
                var hi = min(bytes.count, lo + slice)
                while hi < bytes.count, bytes[hi] & 0xC0 == 0x80 { hi += 1 }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self))
            }
            return parts.joined(separator: "\n")
        }
    }
}
