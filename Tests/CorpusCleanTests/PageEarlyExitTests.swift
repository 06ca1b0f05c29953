import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages

/// The passes that skip a page by a count `Page` takes of its lines (`SiteSuffixPass`: no line
/// with a separator; `CodeBlockPass`: fewer than two lines with a mark of code;
/// `ForeignScriptPass`: one script) or of its text (`EmbeddedPostPass`, and `SlugPass`'s
/// addresses: no "@") decide what their finders decide without the guard. Each page goes
/// through the default passes in order; at each guarded pass, the page as it is then goes once
/// through the pass and once through its finder without the guard, and the two must leave the
/// same reasons, blocks, foreign lines and closing lines. The pages: the seeds, the boilerplate
/// gate's pages, the texts of Tests/Data, and pages written just over each count (one separator
/// line, two code lines, two scripts, one "@"), where a guard one too strict would skip what
/// the finder finds.
@Suite struct PageEarlyExitTests {
    static let classifier = BoilerplateClassifier(options: .defaults, corpusCounts: nil)
    static let paragraph = "The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring."
    static let japanese = "東京都は月曜日に橋の将来について話し合う会議を開き、委員は春に工事を始めることで合意した。"

    /// The guarded passes.
    enum Guarded: CaseIterable {
        case siteSuffix, codeBlock, foreignScript, embeddedPost, slug
    }

    /// At each guarded pass of one page: whether its guard would skip the page, and whether its
    /// finder, without the guard, changed the page.
    struct Outcome {
        var skipped: [Guarded] = []
        var found: [Guarded] = []
    }

    /// Which guarded pass `pass` is, nil for the others.
    static func guarded(_ pass: any BoilerplatePass) -> Guarded? {
        switch pass {
        case is SiteSuffixPass: .siteSuffix
        case is CodeBlockPass: .codeBlock
        case is ForeignScriptPass: .foreignScript
        case is EmbeddedPostPass: .embeddedPost
        case is SlugPass: .slug
        default: nil
        }
    }

    /// What the page-level guard of `kind` says: the page is skipped.
    static func skips(_ kind: Guarded, _ page: Page) -> Bool {
        switch kind {
        case .siteSuffix: page.separatorLines == 0
        case .codeBlock: page.codeMarkLines < CodeBlocks.minimumLines
        case .foreignScript: !page.mixedScripts
        case .embeddedPost, .slug: !page.hasAt
        }
    }

    /// The pass of `kind` without its guard: its finder or rule over every line.
    static func applyUnguarded(_ kind: Guarded, to page: inout Page) {
        switch kind {
        case .siteSuffix:
            // The rule without the line's own count of separators either: the count must see
            // every separator the suffix needs.
            page.decide(.linkList) { i, line, t in i > 0 && !line.endsSentence && SiteSuffixPass.hasSiteSuffix(t) }
        case .codeBlock:
            page.blocks += CodeBlocks.find(page.lines, page.nonBlank, page.reasons, page.quality)
        case .foreignScript:
            if let script = ForeignScriptPass.documentScript(page.lines) {
                ForeignScriptPass.markForeignLines(&page, documentScript: script)
            }
        case .embeddedPost:
            EmbeddedPostPass.addPosts(to: &page)
        case .slug:
            page.decide(.slug) { _, _, t in SlugPass.isSlug(t, mayHaveAt: true) }
        }
    }

    /// What the passes leave on a page for the later ones.
    static func decisions(_ page: Page) -> String {
        "\(page.reasons) \(page.blocks) \(page.foreign) \(page.closes)"
    }

    /// Runs `text` through the default passes, checking each guarded one against its finder
    /// without the guard.
    static func check(_ text: String, _ name: String) -> Outcome {
        var text = text
        return text.withUTF8 { bytes in
            var page = Page(LineScanner(bytes), bytes, language: nil, stopwordDensity: classifier.stopwordDensity)
            var outcome = Outcome()
            for pass in classifier.passes {
                guard let kind = guarded(pass) else {
                    pass.apply(to: &page)
                    continue
                }
                let before = decisions(page)
                var unguarded = page
                applyUnguarded(kind, to: &unguarded)
                pass.apply(to: &page)
                #expect(decisions(page) == decisions(unguarded), "\(kind) on \(name)")
                if skips(kind, page) { outcome.skipped.append(kind) }
                if decisions(unguarded) != before { outcome.found.append(kind) }
            }
            return outcome
        }
    }

    /// The pages just over each count, the seeds, the boilerplate gate's pages and the texts of
    /// Tests/Data, named.
    static func pages() throws -> [(name: String, text: String)] {
        var pages = pagesJustOver.map { ("\($0.0) just over", $0.1.joined(separator: "\n")) }
        pages += try TestSupport.seedNames.map { ($0, try TestSupport.seedText($0)) }
        pages += try QualityGateBoilerplateTests.pageNames.map { ($0, try QualityGateBoilerplateTests.page($0).text) }
        for file in ["clean-multilingual.jsonl", "mojibake.jsonl", "web-noise.jsonl", "web-noise-policy.jsonl"] {
            for (n, record) in try NormalizeEvaluation.records(NormalizeSuiteTests.data(file)).enumerated() {
                for field in ["text", "input", "expected", "broken"] {
                    if let text = record[field]?.stringValue { pages.append(("\(file):\(n + 1).\(field)", text)) }
                }
            }
        }
        return pages
    }

    @Test func theGuardsSkipOnlyPagesTheirFindersFindNothingOn() throws {
        let pages = try Self.pages()
        #expect(pages.count > 1000)
        var skipped: [Guarded: Int] = [:]
        var found: [Guarded: Int] = [:]
        for (name, text) in pages {
            let outcome = Self.check(text, name)
            for kind in outcome.skipped { skipped[kind, default: 0] += 1 }
            for kind in outcome.found { found[kind, default: 0] += 1 }
        }
        // Each guard skipped pages, and each finder found something on others: the comparison
        // saw both sides.
        for kind in Guarded.allCases {
            #expect(skipped[kind, default: 0] > 0, "\(kind)")
            #expect(found[kind, default: 0] > 0, "\(kind)")
        }
    }

    /// Pages just over each count (one separator line, two lines of code, two scripts, one "@"
    /// in an address, one in an embedded post's attribution), for the pass each needs.
    static let pagesJustOver: [(Guarded, [String])] = [
        (.siteSuffix, ["Title of the story", paragraph, "Bridge works to begin in the spring - Sputnik International", paragraph]),
        (.codeBlock, [paragraph, paragraph, "INSTALL_DIR = $(INSTALL) -p -d -o root -g root -m 755",
                      "/etc/group -rw-r--r-- root root Informationen zur Gruppe", paragraph, paragraph]),
        (.foreignScript, [japanese, japanese, "Tokyo Metropolitan Government", japanese, japanese]),
        (.slug, [paragraph, "jane.doe@example.com", paragraph]),
        (.embeddedPost, [paragraph, "The bridge will be closed all summer, the council said.",
                         "— Jane Doe (@janedoe) November 2, 2012", paragraph]),
    ]

    /// Each page just over a count: the finder finds something, and the pass must too.
    @Test func pagesJustOverEachCountGetTheFindersDecision() {
        for (kind, lines) in Self.pagesJustOver {
            let page = Self.page(lines)
            switch kind {
            case .siteSuffix: #expect(page.separatorLines == 1)
            case .codeBlock: #expect(page.codeMarkLines == CodeBlocks.minimumLines)
            case .foreignScript: #expect(page.mixedScripts)
            case .embeddedPost, .slug: #expect(page.text.count(where: { $0 == "@" }) == 1)
            }
            #expect(Self.check(page.text, "\(kind) just over").found.contains(kind), "\(kind)")
        }
    }

    /// Pages just under each count: the guard skips, and the finder finds nothing.
    @Test func pagesJustUnderEachCountAreSkipped() {
        let cases: [(Guarded, [String])] = [
            (.siteSuffix, ["Title of the story", Self.paragraph, "Bridge works to begin in the spring, Sputnik International", Self.paragraph]),
            (.codeBlock, [Self.paragraph, Self.paragraph, "$ sudo apt-get update", Self.paragraph, Self.paragraph]),
            (.foreignScript, [Self.japanese, Self.japanese, Self.japanese]),
            (.slug, [Self.paragraph, "jane.doe at example.com", Self.paragraph]),
            (.embeddedPost, [Self.paragraph, "The bridge will be closed all summer, the council said.",
                             "— Jane Doe (janedoe) November 2, 2012", Self.paragraph]),
        ]
        for (kind, lines) in cases {
            let outcome = Self.check(Self.page(lines).text, "\(kind) just under")
            #expect(outcome.skipped.contains(kind), "\(kind)")
            #expect(!outcome.found.contains(kind), "\(kind)")
        }
    }

    /// A page of `lines`, with the counts its guards read.
    static func page(_ lines: [String]) -> (text: String, separatorLines: Int, codeMarkLines: Int, mixedScripts: Bool) {
        var text = lines.joined(separator: "\n")
        return text.withUTF8 { bytes in
            let page = Page(LineScanner(bytes), bytes, language: nil, stopwordDensity: classifier.stopwordDensity)
            return (lines.joined(separator: "\n"), page.separatorLines, page.codeMarkLines, page.mixedScripts)
        }
    }
}
