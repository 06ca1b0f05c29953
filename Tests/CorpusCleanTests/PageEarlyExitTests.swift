import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The passes that skip a page by a count `Page` takes of its lines (`SiteSuffixPass`,
/// `CodeBlockPass`, `ForeignScriptPass`) or of its text (`EmbeddedPostPass`, and `SlugPass`'s
/// addresses, without an "@"): a page just over each count still gets the pass's decision, a page
/// under it could not have got one.
@Suite struct PageEarlyExitTests {
    static let classifier = BoilerplateClassifier(options: .defaults, corpusCounts: nil)
    static let paragraph = "The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring."

    static func page(_ lines: [String]) -> Page {
        var text = lines.joined(separator: "\n")
        return text.withUTF8 { bytes in classifier.classify(LineScanner(bytes), bytes, language: nil) }
    }

    @Test func aSiteSuffixNeedsASeparator() {
        let page = Self.page(["Title of the story", Self.paragraph, "Bridge works to begin in the spring - Sputnik International", Self.paragraph])
        #expect(page.separatorLines == 1)
        #expect(page.reasons[2] == .linkList)
        #expect(Self.page(["Title of the story", Self.paragraph]).separatorLines == 0)
    }

    @Test func aCodeBlockNeedsTwoLinesOfCode() {
        // Commands and a table of shell operators between paragraphs (as `BoilerplateStageTests`
        // keeps inside an article).
        let code = ["${var%suffix} remove smallest suffix pattern", "${var%%suffix} remove largest suffix pattern",
                    "${var#prefix} remove smallest prefix pattern", "if [ conditional_expression ]; then",
                    "if_success_run_this_command", "else", "if_not_success_run_this_command", "fi"]
        let block = Self.page([Self.paragraph, Self.paragraph] + code + [Self.paragraph, Self.paragraph])
        #expect(block.codeMarkLines >= 2)
        #expect(!block.blocks.isEmpty)
        // One line of code makes no block: `CodeBlocks.find` says so, and the pass skips the page.
        let one = Self.page([Self.paragraph, "$ lspci", Self.paragraph])
        #expect(one.codeMarkLines == 1)
        #expect(CodeBlocks.find(one.lines, one.nonBlank, one.reasons, one.quality).isEmpty)
    }

    @Test func anAddressAndAnEmbeddedPostNeedAnAt() {
        let post = Self.page([Self.paragraph, "The bridge will be closed all summer, the council said.",
                              "— Jane Doe (@janedoe) November 2, 2012", "jane.doe@example.com", Self.paragraph])
        #expect(post.hasAt)
        #expect(post.reasons[3] == .slug)
        #expect(!post.blocks.isEmpty)
        let none = Self.page([Self.paragraph, "The bridge will be closed all summer, the council said.", Self.paragraph])
        #expect(!none.hasAt)
        #expect(none.blocks.isEmpty)
    }

    @Test func aForeignLineNeedsASecondScript() {
        let japanese = "東京都は月曜日に橋の将来について話し合う会議を開き、委員は春に工事を始めることで合意した。"
        let mixed = Self.page([japanese, japanese, "Tokyo Metropolitan Government", japanese, japanese])
        #expect(mixed.mixedScripts)
        #expect(mixed.isForeign(2))
        let one = Self.page([japanese, japanese, japanese])
        #expect(!one.mixedScripts)
        // Every line with letters is in the document's script: none could be foreign.
        let script = ForeignScriptPass.documentScript(one.lines)
        #expect(one.lines.allSatisfy { $0.script == nil || $0.script == script })
    }
}
