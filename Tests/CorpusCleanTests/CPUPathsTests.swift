import Foundation
import Testing

/// The kernels compiled for AVX-512 and AVX2 give the answers of their portable twins: the
/// default pipeline, run by the binary with `CORPUSCLEAN_CPU` capping the kernels it may use,
/// writes the same bytes for every cap, on long multi-script documents and near-duplicates.
@Suite struct CPUPathsTests {
    /// The seeds, documents of 25 lines of one language each from the multilingual test
    /// lines (Japanese, Chinese, Thai, Arabic, Cyrillic, Latin...), and a near-copy of every
    /// third document (the same, or with words changed and a sentence added).
    static func corpus() throws -> String {
        let root = TestSupport.packageRoot
        var texts = try TestSupport.seedNames.map(TestSupport.seedText)
        var byLanguage: [String: [String]] = [:]
        for line in try TestSupport.lines(root.appendingPathComponent("Tests/Data/clean-multilingual.jsonl")) {
            guard case .string(let language)? = line["lang"], case .string(let text)? = line["text"] else { continue }
            byLanguage[language, default: []].append(text)
        }
        for language in byLanguage.keys.sorted() {
            let lines = byLanguage[language]!
            texts.append(lines.joined(separator: "\n"))
            texts.append(lines.reversed().joined(separator: " ") + "\n" + lines.joined(separator: ", "))
        }
        for (n, text) in texts.enumerated() where n % 3 == 0 {
            texts.append(n % 2 == 0 ? text : text.replacingOccurrences(of: "the", with: "a") + " Updated at noon.")
        }
        return texts.enumerated().map { n, text in
            let record: [String: String] = ["id": "doc-\(n)", "text": text]
            return String(decoding: try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    @Test func everyKernelCapWritesTheSameBytes() throws {
        let folder = try TestSupport.temporaryDirectory("cpu-paths")
        let input = folder.appendingPathComponent("corpus.jsonl")
        try Self.corpus().write(to: input, atomically: true, encoding: .utf8)
        let config = TestSupport.packageRoot.appendingPathComponent("pipeline.json").path
        var outputs: [String: [Data]] = [:]
        for cap in ["portable", "avx2", "native"] {
            let output = folder.appendingPathComponent("out-\(cap)")
            let result = try TestSupport.runBinary(["run", "--config", config, "--input", input.path, "--output", output.path,
                                                    "--workers", "2"], environment: ["CORPUSCLEAN_CPU": cap])
            #expect(result.status == 0, "\(cap): \(result.stderr)")
            outputs[cap] = try ["documents.jsonl", "manifest.jsonl", "rejected.jsonl"].map {
                try Data(contentsOf: output.appendingPathComponent($0))
            }
        }
        let kept = try TestSupport.lines(folder.appendingPathComponent("out-native/manifest.jsonl"))
        #expect(kept.count > 100)
        #expect(outputs["avx2"] == outputs["native"])
        #expect(outputs["portable"] == outputs["native"])
    }
}
