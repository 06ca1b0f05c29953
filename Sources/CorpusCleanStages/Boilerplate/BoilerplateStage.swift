import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// The `boilerplate` stage: classifies every line as article or page chrome and removes the
/// chrome, recording a reason code for each removed line.
///
/// Signals: rules on the line alone (UI phrases, slugs, credits, bylines, another script),
/// repetition inside the document and across the corpus, then jusText's classes (stopword
/// density of the document's language, length, C4's sentence end) smoothed by the
/// neighbouring lines, the main text (the stretch where paragraphs outweigh the other lines),
/// and the position before the first or after the last paragraph. Tables, numbered lists, code
/// blocks and introduced lists of the article (`Tables`, `CodeBlocks`, `IntroducedLists`) stay.
/// Each signal is a pass over a `Page` (Passes/), run in order by `BoilerplateClassifier`.
public struct BoilerplateStage: DocumentStage {
    public let options: BoilerplateOptions
    /// Corpus-wide line counts, filled by the runner's pre-pass when `corpus_repetition` is on.
    public let corpusCounts: CorpusLineCounts?
    /// The passes the options turn on.
    let classifier: BoilerplateClassifier

    public init(options: BoilerplateOptions) {
        self.options = options
        corpusCounts = options.corpusRepetition
            ? CorpusLineCounts(threshold: options.corpusRepetitionDocuments, sentenceWords: 2 * options.contentMinWords) : nil
        classifier = BoilerplateClassifier(options: options, corpusCounts: corpusCounts)
    }

    public var prepass: (any CorpusPrepass)? { corpusCounts }

    public func process(_ state: inout DocumentState) -> StageReport { report(processing: &state) }

    public func process(_ state: inout DocumentState, into report: inout StageReport) {
        let language = state.languageCode
        var text = state.text
        // The arrays of the scan and the page are the thread's, kept from document to document.
        let scratch = PageScratch.ofThisThread
        let output: String = text.withUTF8 { bytes in
            let scan = LineScanner(bytes, reusing: scratch)
            let page = classifier.classify(scan, bytes, language: language, scratch: scratch)
            defer { scratch.keep(page) }
            let reasons = page.reasons
            report.count("uncertain_main_text", page.uncertainMainText)
            // Kept lines joined by one newline, or two where blank lines stood between them. A
            // run of kept lines whose separators are already those is copied as one slice of
            // the (valid) input: no copy per line, and no validation of the output.
            let source = state.text.utf8
            var output = ""
            var span = 0..<0
            var pendingBlank = false
            // One allocation for the removed lines, where appends would grow the array in steps.
            var removed = 0
            for reason in reasons where reason != nil { removed += 1 }
            // Not for none: reserving even nothing allocates.
            if removed > 0 { report.removedLines.reserveCapacity(removed) }
            func flush() {
                guard !span.isEmpty else { return }
                if output.isEmpty { output.reserveCapacity(bytes.count) }
                let from = source.index(source.startIndex, offsetBy: span.lowerBound)
                output.append(contentsOf: state.text[from..<source.index(from, offsetBy: span.count)])
            }
            for (index, line) in scan.lines.enumerated() {
                if let reason = reasons[index] {
                    // Kept as a range of the text, not copied out (RemovedLine.text copies it when asked).
                    report.removedLines.append(RemovedLine(line: index + 1, in: state.text, bytes: line.start..<line.end,
                                                           reason: reason.code))
                    continue
                }
                if line.isBlank {
                    pendingBlank = !span.isEmpty
                    continue
                }
                // The line as it was, leading white space included.
                var from = line.start
                while from > 0 && bytes[from - 1] != 0x0A { from -= 1 }
                var to = line.end
                while to < bytes.count && bytes[to] != 0x0A { to += 1 }
                if span.isEmpty {
                    span = from..<to
                } else if from == span.upperBound + (pendingBlank ? 2 : 1) && (!pendingBlank || bytes[span.upperBound + 1] == 0x0A) {
                    span = span.lowerBound..<to
                } else {
                    flush()
                    output.append(pendingBlank ? "\n\n" : "\n")
                    span = from..<to
                }
                pendingBlank = false
            }
            // Every line kept as it was (the text is one span): the text itself, not a copy.
            if output.isEmpty && span == 0..<bytes.count { return state.text }
            flush()
            return output
        }
        // By bytes: `!=` compares by canonical equivalence, slowly outside ASCII.
        var kept = output
        report.changedText = output.utf8.count != text.utf8.count || kept.withUTF8 { kept in
            text.withUTF8 { text in kept.count > 0 && memcmp(kept.baseAddress!, text.baseAddress!, kept.count) != 0 }
        }
        if output.isEmpty && !state.text.allSatisfy(\.isWhitespace) {
            report.dropReason = .noContent
            report.dropDetail = "every line was classified as boilerplate"
        }
        state.text = output
    }
}
