import Foundation

/// The `boilerplate` stage: classifies every line as article or page chrome and removes the
/// chrome, recording a reason code for each removed line.
public struct BoilerplateStage: DocumentStage {
    public let name = StageName.boilerplate
    public let options: BoilerplateOptions

    public init(options: BoilerplateOptions) { self.options = options }

    public func process(_ state: inout DocumentState) -> StageReport {
        var report = StageReport(stage: name)
        let lines = state.text.split(separator: "\n", omittingEmptySubsequences: false)
        let features = lines.map(LineFeatures.init)
        let reasons = classify(features)
        var output: [Substring] = []
        var pendingBlank = false
        for (index, line) in lines.enumerated() {
            if let reason = reasons[index] {
                report.removedLines.append(RemovedLine(line: index + 1, text: String(line), reason: reason.rawValue))
                continue
            }
            if features[index].isBlank {
                pendingBlank = !output.isEmpty
                continue
            }
            if pendingBlank { output.append("") }
            pendingBlank = false
            output.append(line)
        }
        let text = output.joined(separator: "\n")
        report.changedText = !text.utf8.elementsEqual(state.text.utf8)
        if text.isEmpty && !state.text.allSatisfy(\.isWhitespace) {
            report.dropReason = "no_content"
            report.dropDetail = "every line was classified as boilerplate"
        }
        state.text = text
        return report
    }

    /// A reason for every line to remove; nil keeps the line.
    func classify(_ lines: [LineFeatures]) -> [BoilerplateReason?] {
        var reasons = [BoilerplateReason?](repeating: nil, count: lines.count)
        let totalLetters = lines.reduce(0) { $0 + $1.letters }
        var scriptLetters: [Int32: Int] = [:]
        for line in lines { if let s = line.script { scriptLetters[s, default: 0] += line.letters } }
        let documentScript = scriptLetters.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
        let conservative = options.mode == "conservative"

        // Rules that look at one line alone.
        for (i, line) in lines.enumerated() where !line.isBlank {
            reasons[i] = lineRule(line, index: i, documentScript: documentScript, totalLetters: totalLetters)
        }

        // Article content: long lines that read as sentences.
        let isContent = lines.enumerated().map { i, line in
            reasons[i] == nil && !line.isBlank
                && ((line.words >= options.contentMinWords && line.endsSentence) || line.words >= 2 * options.contentMinWords)
        }
        guard let first = isContent.firstIndex(of: true), let last = isContent.lastIndex(of: true) else {
            return protect(reasons, lines, conservative: conservative)
        }

        if options.headTail {
            var titleSeen = false
            for i in 0..<first where reasons[i] == nil && !lines[i].isBlank {
                if !titleSeen {
                    titleSeen = true
                } else if lines[i].words < 4 {
                    reasons[i] = .shortInHead
                }
            }
            for i in (last + 1)..<lines.count where reasons[i] == nil && !lines[i].isBlank {
                reasons[i] = .shortInTail
            }
        }

        if options.linkLists {
            // Runs of headline-like lines (no sentence end, at most 15 words) between paragraphs;
            // a lone heading stays.
            var i = first
            while i <= last {
                guard isHeadlineLike(lines[i], reasons[i], isContent[i]) else { i += 1; continue }
                var run = [i]
                var j = i + 1
                while j <= last {
                    if lines[j].isBlank || reasons[j] != nil { j += 1; continue }
                    if isHeadlineLike(lines[j], reasons[j], isContent[j]) { run.append(j); j += 1 } else { break }
                }
                if run.count >= 2 { for k in run { reasons[k] = .linkList } }
                i = j
            }
        }

        if options.repeatedInDocument {
            var seen = Set<String>()
            for (i, line) in lines.enumerated() where reasons[i] == nil && !line.isBlank {
                let key = UIPhrases.key(line.trimmed)
                if !seen.insert(key).inserted && line.words < 20 { reasons[i] = .repeatedInDocument }
            }
        }
        return protect(reasons, lines, conservative: conservative)
    }

    private func isHeadlineLike(_ line: LineFeatures, _ reason: BoilerplateReason?, _ content: Bool) -> Bool {
        reason == nil && !line.isBlank && !content && !line.endsSentence && line.words <= 15
    }

    /// Conservative mode keeps every line of 20 or more words whatever the rules said.
    private func protect(_ reasons: [BoilerplateReason?], _ lines: [LineFeatures], conservative: Bool) -> [BoilerplateReason?] {
        guard conservative else { return reasons }
        return zip(reasons, lines).map { reason, line in line.words >= 20 ? nil : reason }
    }

    private func lineRule(_ line: LineFeatures, index: Int, documentScript: Int32?, totalLetters: Int) -> BoilerplateReason? {
        let t = line.trimmed
        if options.uiPhrases, line.words <= 25, UIPhrases.matches(t) { return .uiPhrase }
        if t.hasPrefix("©") || t.lowercased().hasPrefix("(c) ") { return .credit }
        if options.slugs, BoilerplateStage.isSlug(t) { return .slug }
        if options.foreignScript, let documentScript, let script = line.script, script != documentScript,
           line.letters * 5 < totalLetters {
            return .foreignScript
        }
        if !line.endsSentence, line.words <= 8, t.lowercased().hasPrefix("by ") { return .byline }
        if !line.endsSentence, BoilerplateStage.separatorCount(t) >= 2 { return .byline }
        if index > 0, !line.endsSentence, BoilerplateStage.hasSiteSuffix(t) { return .linkList }
        return nil
    }

    /// `ypj-milicias-kurdas`, `img_2041-final`: lowercase ASCII words joined by - or _.
    static func isSlug(_ t: Substring) -> Bool {
        guard t.count >= 5, !t.contains(" ") else { return false }
        var separators = 0
        var letters = 0
        for c in t.unicodeScalars {
            switch c.value {
            case 0x61...0x7A: letters += 1
            case 0x30...0x39: break
            case 0x2D, 0x5F: separators += 1
            default: return false
            }
        }
        return separators >= 1 && letters >= 3
    }

    /// Breadcrumb separators: " / ", " | ", " › ", " » ".
    static func separatorCount(_ t: Substring) -> Int {
        let s = String(t)
        return [" / ", " | ", " › ", " » "].reduce(0) { $0 + s.components(separatedBy: $1).count - 1 }
    }

    /// "Headline - Sputnik International": a short capitalized site name after a dash or bar.
    static func hasSiteSuffix(_ t: Substring) -> Bool {
        for separator in [" - ", " | ", " — ", " – "] {
            guard let range = t.range(of: separator, options: .backwards) else { continue }
            let suffix = t[range.upperBound...]
            let words = suffix.split(separator: " ")
            guard (1...3).contains(words.count), t[..<range.lowerBound].split(separator: " ").count >= 3 else { continue }
            if words.allSatisfy({ $0.first?.isUppercase == true }) { return true }
        }
        return false
    }
}
