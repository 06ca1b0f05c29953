import CorpusCleanCore
/// Lines in another script than the document's: not decided here but marked `foreign`, so that
/// their neighbours decide (a quotation inside the article stays, interface strings in the head
/// or tail go: `ForeignLinePass`). Option `foreign_script` (with `ForeignLinePass`).
struct ForeignScriptPass: BoilerplatePass {
    /// A foreign line has less than one in this many of the document's letters.
    static let letterFraction = 5

    func apply(to page: inout Page) {
        // Letters per dominant script of the lines: a handful of scripts, searched linearly.
        var scriptLetters: [(script: Int32, letters: Int)] = []
        for line in page.lines {
            if let s = line.script { LineScanner.tally(&scriptLetters, s, line.letters) }
        }
        guard let documentScript = scriptLetters.max(by: { a, b in
            a.letters != b.letters ? a.letters < b.letters : a.script > b.script
        })?.script else { return }
        let total = page.letters
        for i in page.nonBlank where page.isUndecided(i) {
            let line = page.lines[i]
            // Brand names in Latin inside a Japanese or Russian sentence do not make it foreign.
            if let script = line.script, script != documentScript, line.letters * Self.letterFraction < total,
               line.secondScript != documentScript {
                page.markForeign(i)
            }
        }
    }
}
