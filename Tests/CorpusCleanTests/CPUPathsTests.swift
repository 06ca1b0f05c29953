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
        var lines = texts.enumerated().map { n, text in
            let record: [String: String] = ["id": "doc-\(n)", "text": text]
            return String(decoding: try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        }
        // Early, so that a run with --limit reads them too: error documents, blank texts that
        // are told by their characters, a text that is not blank, and an id given again.
        lines.insert(contentsOf: Self.oddLines + [lines[1].replacingOccurrences(of: "\"text\":\"", with: "\"text\":\"Again: ")],
                     at: 5)
        return lines.joined(separator: "\n") + "\n"
    }

    static let oddLines = [
        "not json", #"{"id":"e1","text":" \u0301"}"#, #"{"id":"e2","text":"\u00a0\u3000"}"#,
        #"{"id":"e3","text":" \u65e5\u672c"}"#,
    ]

    @Test func everyKernelCapWritesTheSameBytes() throws {
        let folder = try TestSupport.temporaryDirectory("cpu-paths")
        let input = folder.appendingPathComponent("corpus.jsonl")
        try Self.corpus().write(to: input, atomically: true, encoding: .utf8)
        let config = TestSupport.packageRoot.appendingPathComponent("pipeline.json").path
        var outputs: [String: [Data]] = [:]
        for cap in ["portable", "avx2-slow-pext", "avx2", "native"] {
            for limit in [nil, 100] {
                let name = "out-\(cap)" + (limit.map { "-\($0)" } ?? "")
                let output = folder.appendingPathComponent(name)
                let result = try TestSupport.runBinary(["run", "--config", config, "--input", input.path, "--output", output.path,
                                                        "--workers", "2"] + (limit.map { ["--limit", "\($0)"] } ?? []),
                                                       environment: ["CORPUSCLEAN_CPU": cap])
                // 3: the run wrote error documents.
                #expect(result.status == 3, "\(name): \(result.stderr)")
                outputs[name] = try ["documents.jsonl", "manifest.jsonl", "rejected.jsonl"].map {
                    try Data(contentsOf: output.appendingPathComponent($0))
                }
                // The summary but its timing.
                let summary = try String(contentsOf: output.appendingPathComponent("summary.json"), encoding: .utf8)
                outputs[name]!.append(Data(summary.components(separatedBy: ",\"timing\"").first!.utf8))
            }
        }
        let manifest = try TestSupport.lines(folder.appendingPathComponent("out-native/manifest.jsonl"))
        #expect(manifest.count > 100)
        #expect(try TestSupport.lines(folder.appendingPathComponent("out-native-100/manifest.jsonl")).count == 100)
        let rejected = String(decoding: outputs["out-native"]![2], as: UTF8.self)
        for id in ["e1", "e2"] { #expect(rejected.contains(#""id":"\#(id)""#), "\(id)") }
        #expect(!rejected.contains(#""id":"e3""#))
        #expect(rejected.contains(#""status":"error""#))
        for suffix in ["", "-100"] {
            #expect(outputs["out-avx2" + suffix] == outputs["out-native" + suffix], "\(suffix)")
            #expect(outputs["out-avx2-slow-pext" + suffix] == outputs["out-native" + suffix], "\(suffix)")
            #expect(outputs["out-portable" + suffix] == outputs["out-native" + suffix], "\(suffix)")
        }
    }
}
