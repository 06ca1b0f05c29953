import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Foundation

/// Accuracy of the language identifier on a folder of labelled sets (`documents.jsonl`,
/// `sentences.jsonl`, `word_pairs.jsonl`, `single_words.jsonl`; lines `{"id","text","lang"}`
/// with an ISO 639-1 gold `lang`), as `../shared/data/langid-dev` and the man-page set of
/// scripts/language-eval/make-manpage-set.py are laid out: accuracy over items (an unknown
/// answer counts as wrong), per language, and the most frequent confusions.
struct LabelledSetEvaluation {
    static let files = ["documents", "sentences", "word_pairs", "single_words"]

    /// Gold and answer of every item of one set.
    struct Outcome {
        var gold: [String] = []
        var answers: [String] = []
    }

    let name: String
    let folder: String
    var outcomes: [String: Outcome] = [:]

    /// Identifies every item of the folder's sets; nil when the folder holds none of them.
    init?(name: String, folder: String, identifier: LanguageIdentifier) {
        self.name = name
        self.folder = folder
        for file in Self.files {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(file).jsonl") else { continue }
            var outcome = Outcome()
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let text = object["text"] as? String, let lang = object["lang"] as? String else { continue }
                outcome.gold.append(lang)
                outcome.answers.append(identifier.identify(text).code)
            }
            outcomes[file] = outcome
        }
        if outcomes.isEmpty { return nil }
    }

    /// Share of the items of `file` answered right, over all items or those of one language.
    func accuracy(_ file: String, language: String? = nil) -> Double? {
        guard let outcome = outcomes[file] else { return nil }
        var total = 0, right = 0
        for (gold, answer) in zip(outcome.gold, outcome.answers) where language == nil || gold == language {
            total += 1
            if gold == answer { right += 1 }
        }
        return total > 0 ? Double(right) / Double(total) : nil
    }

    /// The most frequent wrong answers of `file` as "gold→answer count".
    func confusions(_ file: String, limit: Int) -> [(pair: String, count: Int)] {
        guard let outcome = outcomes[file] else { return [] }
        var counts: [String: Int] = [:]
        for (gold, answer) in zip(outcome.gold, outcome.answers) where gold != answer {
            counts["\(gold)→\(answer)", default: 0] += 1
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { ($0.key, $0.value) }
    }

    /// Prints the set's figures: totals, per-language accuracy and the top confusions of each size.
    func report() {
        let present = Self.files.filter { outcomes[$0] != nil }
        let totals = present.map { "\($0) \(Self.pct(accuracy($0)))% (\(outcomes[$0]!.gold.count))" }
        print("\(name) (\(folder)): " + totals.joined(separator: ", "))
        let languages = Set(outcomes.values.flatMap(\.gold)).sorted()
        print("  code  " + present.map { String($0.prefix(9)).padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
        for code in languages {
            let cells = present.map { Self.pct(accuracy($0, language: code)).padding(toLength: 10, withPad: " ", startingAt: 0) }
            print("  " + code.padding(toLength: 6, withPad: " ", startingAt: 0) + cells.joined())
        }
        for file in present {
            let top = confusions(file, limit: 12).map { "\($0.pair) \($0.count)" }
            print("  top confusions, \(file): " + top.joined(separator: ", "))
        }
        if outcomes["documents"] != nil {
            let below = languages.compactMap { code -> String? in
                guard let a = accuracy("documents", language: code), a < 0.9 else { return nil }
                return "\(code) \(Self.pct(a))%"
            }
            print("  below 90% on documents: " + (below.isEmpty ? "none" : below.joined(separator: ", ")))
        }
    }

    static func pct(_ x: Double?) -> String { x.map { String(format: "%.2f", $0 * 100) } ?? "-" }
}
