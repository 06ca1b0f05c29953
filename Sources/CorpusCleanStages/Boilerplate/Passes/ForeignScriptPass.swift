import CorpusCleanCore
/// Lines in another script than the document's: not decided here but marked `foreign`, so that
/// their neighbours decide (a quotation inside the article stays, interface strings in the head
/// or tail go: `ForeignLinePass`). Option `foreign_script` (with `ForeignLinePass`).
struct ForeignScriptPass: BoilerplatePass {
    /// A foreign line has less than one in this many of the document's letters.
    static let letterFraction = 5

    func apply(to page: inout Page) {
        // On a page in one script that script is the document's: no line is foreign.
        guard page.mixedScripts, let documentScript = Self.documentScript(page.lines) else { return }
        Self.markForeignLines(&page, documentScript: documentScript)
    }

    /// Marks the undecided lines of `page` that are in another script than `documentScript`.
    static func markForeignLines(_ page: inout Page, documentScript: Int32) {
        let total = page.letters
        for i in page.nonBlank where page.isUndecided(i) {
            let line = page.lines[i]
            // Brand names in Latin inside a Japanese or Russian sentence do not make it foreign.
            if let script = line.script, script != documentScript, line.letters * letterFraction < total,
               line.secondScript != documentScript {
                page.markForeign(i)
            }
        }
    }

    /// The script with most letters over the lines' dominant scripts (the lower code of two
    /// with as many), nil when no line has letters.
    static func documentScript(_ lines: [LineFeatures]) -> Int32? {
        // Letters per script: a handful of scripts, searched linearly, on the stack (no array
        // a page).
        withUnsafeTemporaryAllocation(of: (script: Int32, letters: Int).self, capacity: max(1, lines.count)) { tallies in
            var count = 0
            for line in lines {
                guard let s = line.script, line.letters > 0 else { continue }
                if let at = tallies[..<count].firstIndex(where: { $0.script == s }) {
                    tallies[at].letters += line.letters
                } else {
                    tallies.initializeElement(at: count, to: (s, line.letters))
                    count += 1
                }
            }
            guard count > 0 else { return nil }
            var best = tallies[0]
            for t in tallies[1..<count] where t.letters != best.letters ? t.letters > best.letters : t.script < best.script {
                best = t
            }
            return best.script
        }
    }
}
