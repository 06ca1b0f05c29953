import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct BoilerplateStageTests {
    let normalize = NormalizeStage(options: .defaults)
    let stage = BoilerplateStage(options: .defaults)

    private func clean(_ name: String) throws -> (text: String, report: StageReport) {
        let normalized = TestSupport.run(normalize, try TestSupport.seedText(name)).text
        return TestSupport.run(stage, normalized)
    }

    /// Chrome named in the end-to-end issue, per seed.
    static let chrome: [String: [String]] = [
        "000_08959dc2a29a28c1.txt": ["Subscribe", "log in or register", "READ MORE: French Troops Providing Artillery Support to Kurdish Militia in Syria — Reports",
                                     "READ MORE: Syrian Opposition Hails Statement on Foreign Troops' Withdrawal From Syria",
                                     "Заголовок открываемого материала", "Newsfeed", "Chats", "loader"],
        "001_31e518bab099aebc.txt": ["Rate it", "Add comment", "Сообщите об орфографической ошибке", "Выделенный текст слишком длинный."],
        "002_1e1ff2a081c457dc.txt": ["photo_camera putin-al-asad-reunion", "al-asad-putin-reunion", "elecciones-siria-urnas",
                                     "resistencia-sirias", "ypj-milicias-kurdas", "siria-milicias-resistencia"],
        "004_0d338e59a798ac51.txt": ["Leave a Reply", "%d bloggers like this:", "Blog at", "Up ↑", "Connecting to %s",
                                     "You are commenting using your Twitter account. Log Out /  Change )"],
    ]

    @Test(arguments: Array(chrome.keys).sorted())
    func removesTheChromeOfTheSeeds(_ name: String) throws {
        let (text, report) = try clean(name)
        let kept = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in Self.chrome[name]! {
            #expect(!kept.contains(line), "\(name): chrome line kept: \(line)")
        }
        #expect(report.removedLines.allSatisfy { BoilerplateReason(rawValue: $0.reason.rawValue) != nil })
    }

    @Test(arguments: TestSupport.seedNames)
    func keepsEveryArticleParagraph(_ name: String) throws {
        let normalized = TestSupport.run(normalize, try TestSupport.seedText(name)).text
        let (text, _) = TestSupport.run(stage, normalized)
        let kept = Set(text.split(separator: "\n").map(String.init))
        // A paragraph: a line of 15 or more words that ends a sentence.
        let paragraphs = normalized.split(separator: "\n").map(String.init).filter { line in
            line.split(separator: " ").count >= 15 && line.last.map { ".!?\"”'’".contains($0) } == true
                && !line.hasPrefix("READ MORE") && !line.hasPrefix("You are commenting")
        }
        #expect(!paragraphs.isEmpty)
        for paragraph in paragraphs {
            #expect(kept.contains(paragraph), "\(name): paragraph removed: \(paragraph.prefix(60))")
        }
    }

    @Test func keepsTitleAndLoneHeadings() throws {
        let (text, _) = try clean("004_0d338e59a798ac51.txt")
        #expect(text.hasPrefix("Assad-Invited Foreign Forces Not Leaving Syria"))
        #expect(text.contains("\nA Final Comment\n"))
        let (text2, _) = try clean("002_1e1ff2a081c457dc.txt")
        #expect(text2.contains("Syrian resistance"))
    }

    @Test func keepTitleFalseLeavesTheBodyOnly() throws {
        let config = try TestSupport.config(#"{"boilerplate": {"keep_title": false}}"#)
        let normalized = TestSupport.run(normalize, try TestSupport.seedText("004_0d338e59a798ac51.txt")).text
        let (text, report) = TestSupport.run(BoilerplateStage(options: config[BoilerplateStage.self]), normalized)
        #expect(!text.hasPrefix("Assad-Invited Foreign Forces Not Leaving Syria"))
        #expect(report.removedLines.contains { $0.text == "Assad-Invited Foreign Forces Not Leaving Syria" })
    }

    @Test func conservativeModeNeverDropsLongLines() throws {
        let config = try TestSupport.config(#"{"boilerplate": {"mode": "conservative"}}"#)
        let conservative = BoilerplateStage(options: config[BoilerplateStage.self])
        let long = "You are commenting using your account and this line goes on for more than twenty words so it is kept whatever it says here."
        let (text, _) = TestSupport.run(conservative, "Title\n\n" + long)
        #expect(text.contains(long))
        let (normalText, _) = TestSupport.run(stage, "Title\n\n" + long)
        #expect(!normalText.contains(long))
    }

    @Test func dropsADocumentThatIsAllChrome() {
        let (_, report) = TestSupport.run(stage, "Subscribe\nLog in\nShare")
        #expect(report.dropReason == "no_content")
    }

    @Test func corpusPrepassDropsLinesSharedByManyDocuments() throws {
        let input = try TestSupport.temporaryDirectory("bp-in")
        let output = try TestSupport.temporaryDirectory("bp-out")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        let topics = ["river", "harbour", "market", "school", "bridge"]
        for (n, topic) in topics.enumerated() {
            let text = """
                The \(topic) story
                The council met on Monday to discuss the future of the \(topic), and the members agreed that the work should begin in the spring.
                Our newsroom is supported by readers like you
                Residents said they had waited for years and that the \(topic) had been a problem for the whole town since it was built.
                """
            try text.write(to: input.appendingPathComponent("\(n).txt"), atomically: false, encoding: .utf8)
        }
        for workers in [1, 3] {
            var config = try TestSupport.config(#"{"stages": ["normalize", "boilerplate"], "boilerplate": {"corpus_repetition_documents": 3}}"#)
            config.workers = workers
            try TestSupport.runJob(config, input: input, output: output)
            for record in try TestSupport.manifest(output) {
                #expect(record["removed_by_reason"]?["repeated_across_corpus"] == .number("1"))
            }
        }
    }

    @Test func scriptsWithoutSpacesKeepTheirParagraphs() {
        let article = "東京都は月曜日、新しい公園の建設計画を発表した。計画では川沿いに広い緑地を整備し、住民が自由に利用できるようにする。"
        let (text, _) = TestSupport.run(stage, "ホーム\nニュース\n公園の建設計画\n\(article)\n\(article)2\nシェアする")
        #expect(text.contains(article))
    }

    /// Seed 003 (a real article) with a dateline and a caption above it, and a caption, a
    /// newsletter promotion, an address, share buttons, an author's bio and a WordPress comment
    /// thread below it.
    private func seedWithThread() throws -> (article: [String], text: String, report: StageReport) {
        let normalized = TestSupport.run(normalize, try TestSupport.seedText("003_04ed8dd39542b3b4.txt")).text
        let lines = normalized.split(separator: "\n").map(String.init)
        let article = lines.filter { $0.split(separator: " ").count >= 15 }
        let page = [lines[0], "Updated: November 19, 2019 at 9:01 am",
                    "Syrian army soldiers stand guard in Damascus, Syria, on April 14, 2018. (AP Photo/Hassan Ammar, File)"]
            + lines.dropFirst()
            + ["Syrian President Bashar Assad, right, meets Russian President Vladimir Putin in Sochi, Russia, Thursday, May 17, 2018.",
               "Sign up for our daily newsletter and get the stories that matter delivered to your inbox every morning.",
               "jane.doe@example.com", "Share on FacebookShare on TwitterShare via Email",
               "Jane Doe is a freelance writer based in Beirut. Her work has appeared in several publications.",
               "2 thoughts on “US & France Consider New Military Action Against Syrian Government”",
               "November 20, 2019 at 3:17 pm",
               "The whole coalition has been in Syria without any mandate from the United Nations or an invitation from the government in Damascus, and everybody knows it.",
               "Reply", "Leave a Reply Cancel reply"]
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        return (article, text, report)
    }

    @Test func dropsDatelinesCaptionsAndTheCommentThread() throws {
        let (article, text, report) = try seedWithThread()
        for paragraph in article { #expect(text.contains(paragraph), "paragraph removed: \(paragraph.prefix(60))") }
        let reasons = Dictionary(report.removedLines.map { ($0.text, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["Updated: November 19, 2019 at 9:01 am"] == "dateline")
        #expect(reasons["Syrian army soldiers stand guard in Damascus, Syria, on April 14, 2018. (AP Photo/Hassan Ammar, File)"] == "caption")
        #expect(reasons["Syrian President Bashar Assad, right, meets Russian President Vladimir Putin in Sochi, Russia, Thursday, May 17, 2018."] == "caption")
        #expect(reasons["Sign up for our daily newsletter and get the stories that matter delivered to your inbox every morning."] == "ui_phrase")
        #expect(reasons["jane.doe@example.com"] == "slug")
        #expect(reasons["Share on FacebookShare on TwitterShare via Email"] == "ui_phrase")
        #expect(reasons["Jane Doe is a freelance writer based in Beirut. Her work has appeared in several publications."] == "end_marker")
        #expect(reasons["2 thoughts on “US & France Consider New Military Action Against Syrian Government”"] == "end_marker")
        #expect(!text.contains("without any mandate"), "a comment after the thread's header is not article")
    }

    /// The footers that blog platforms print under a post go, though they read as running text
    /// next to the post's last paragraph.
    @Test func dropsBlogPlatformFooters() {
        let post = ["The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring after a long debate about its cost.",
                    "Residents said they had waited for years and that the bridge had been a problem for the whole town since it was first built by the old county government."]
        let footers = ["This entry was posted on Monday, November 5th, 2012 at 11:18 am and is filed under News and Reviews. You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or trackback from your own site.",
                       "You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or trackback from your own site.",
                       "Posted in Carnivals, Current Events, Links | No Comments »",
                       "This page contains a single entry by Jane published on November 6, 2012 6:33 AM."]
        let (text, report) = TestSupport.run(stage, (["The new bridge"] + post + footers).joined(separator: "\n"))
        for line in post { #expect(text.contains(line), "paragraph removed: \(line.prefix(60))") }
        for line in footers {
            #expect(report.removedLines.contains { $0.text == line && $0.reason == "ui_phrase" }, "kept: \(line)")
        }
    }

    /// "Posted in" opens WordPress's list of a post's categories, a line that ends no sentence;
    /// a sentence of prose that opens with the same words stays.
    @Test func postedInIsChromeOnlyWithoutASentenceEnd() {
        let post = ["The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring after a long debate about its cost.",
                    "Posted in Iraq in 2004, the sergeant was wounded twice before he came home to the town.",
                    "Residents said they had waited for years and that the bridge had been a problem for the whole town since it was first built by the old county government."]
        let footer = "Posted in Carnivals, Current Events, Links | No Comments »"
        let (text, report) = TestSupport.run(stage, (["The new bridge"] + post + [footer]).joined(separator: "\n"))
        for line in post { #expect(text.contains(line), "removed: \(line.prefix(60)) \(report.removedLines.map { ($0.text, $0.reason) })") }
        #expect(report.removedLines.contains { $0.text == footer && $0.reason == "ui_phrase" }, "kept: \(footer)")
    }

    @Test func endMarkersCanBeTurnedOff() throws {
        let config = try TestSupport.config(#"{"boilerplate": {"end_markers": false, "datelines": false, "captions": false}}"#)
        let (text, _) = TestSupport.run(BoilerplateStage(options: config[BoilerplateStage.self]),
                                        "Title of the story\nUpdated: November 19, 2019 at 9:01 am\n"
                                        + "The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring.")
        #expect(text.contains("Updated: November 19, 2019"))
    }

    @Test func foreignScriptInsideTheArticleStays() {
        let paragraph = "The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring."
        let quote = "Мы будем строить новый мост через реку"
        let (text, report) = TestSupport.run(stage, "Bridge\n\(paragraph)\n\(quote)\n\(paragraph) Again.\nПоделиться\nЗаголовок открываемого материала")
        #expect(text.contains(quote))
        #expect(report.removedLines.contains { $0.reason == "foreign_script" })
    }

    /// A page description that repeats the article in one line (seed 003 with its paragraphs
    /// joined after it) goes; a paragraph printed twice (an interview's recurring question) stays.
    @Test func dropsALineThatRestatesTheArticle() throws {
        let normalized = TestSupport.run(normalize, try TestSupport.seedText("003_04ed8dd39542b3b4.txt")).text
        let lines = normalized.split(separator: "\n").map(String.init)
        let article = lines.filter { $0.split(separator: " ").count >= 15 }
        let blob = article.joined(separator: " ")
        let (text, report) = TestSupport.run(stage, (lines + [blob, article[1]]).joined(separator: "\n"))
        for paragraph in article { #expect(text.contains(paragraph)) }
        #expect(!text.contains(blob))
        #expect(report.removedLines.contains { $0.text == blob && $0.reason == "repeated_in_document" })
        #expect(text.components(separatedBy: article[1]).count == 3, "the repeated paragraph is kept twice")
    }

    /// The same in Japanese, where every character is a token (more tokens than words).
    @Test func dropsARestatementWithoutSpaces() {
        let first = "東京都は月曜日、新しい公園の建設計画を発表した。計画では川沿いに広い緑地を整備し、住民が自由に利用できるようにする。"
        let second = "工事は来年の春に始まり、三年後の完成を目指す。費用は約五十億円で、都と区が分担するという。公園には図書館も併設される。"
        let blob = first + second + first + second
        let (text, report) = TestSupport.run(stage, "ホーム\n公園の建設計画\n\(first)\n\(second)\n\(blob)\nシェアする")
        #expect(text.contains(first) && text.contains(second))
        #expect(report.removedLines.contains { $0.text == blob && $0.reason == "repeated_in_document" })
    }

    /// An author's bio cut short behind a link closes the article all the same.
    @Test func aTruncatedBioEndsTheArticle() throws {
        let normalized = TestSupport.run(normalize, try TestSupport.seedText("003_04ed8dd39542b3b4.txt")).text
        let bio = "Molly Wood (@mollywood) is an Ideas contributor at WIRED and the host and senior editor of Marketplace Tech, "
            + "a daily national radio broadcast covering the business of technology. She has covered the tech industry in print, "
            + "television, digital, and audio formats for... Read more"
        let (text, report) = TestSupport.run(stage, normalized + "\n" + bio)
        #expect(!text.contains("Molly Wood"))
        #expect(report.removedLines.contains { $0.text == bio && $0.reason == "end_marker" })
    }

    /// Seed 003's lines with `insert` after its fourth paragraph and `tail` at the end.
    private func seed003(inserting insert: [String], tail: [String] = []) throws -> (paragraphs: [String], page: String) {
        let lines = TestSupport.run(normalize, try TestSupport.seedText("003_04ed8dd39542b3b4.txt")).text
            .split(separator: "\n").map(String.init)
        let paragraphs = lines.filter { $0.split(separator: " ").count >= 15 }
        let at = lines.firstIndex(of: paragraphs[3])! + 1
        return (paragraphs, (lines[..<at] + insert + lines[at...] + tail).joined(separator: "\n"))
    }

    /// A table of figures between paragraphs is article, headings included; with `tables` off
    /// its rows go as the jusText classes say.
    @Test func keepsATableInsideTheArticle() throws {
        let table = ["Casualties by province", "Province Killed Wounded Displaced",
                     "Deir ez-Zor 112 340 12,000", "Idlib 87 215 45,000", "Aleppo 23 90 8,000", "Raqqa 14 51 3,500"]
        let (paragraphs, page) = try seed003(inserting: table)
        let (text, _) = TestSupport.run(stage, page)
        for line in table + paragraphs { #expect(text.contains(line), "removed: \(line)") }
        let config = try TestSupport.config(#"{"boilerplate": {"tables": false}}"#)
        let (without, _) = TestSupport.run(BoilerplateStage(options: config[BoilerplateStage.self]), page)
        #expect(!without.contains("Idlib 87 215 45,000"))
    }

    /// Commands and a table of shell operators between paragraphs (Debian Reference, ch. 12)
    /// are article, the repeated "fi" that closes the block too; with `code_blocks` off they go
    /// and cut the main text.
    @Test func keepsACodeBlockInsideTheArticle() throws {
        let code = ["Table 12.4. List of key shell parameter substitutions", "parameter substitution form result",
                    "${var%suffix} remove smallest suffix pattern", "${var%%suffix} remove largest suffix pattern",
                    "${var#prefix} remove smallest prefix pattern", "if [ conditional_expression ]; then",
                    "if_success_run_this_command", "else", "if_not_success_run_this_command", "fi",
                    "if [ -x /usr/bin/foo ]; then", "foo --check", "fi"]
        let (paragraphs, page) = try seed003(inserting: code)
        let (text, _) = TestSupport.run(stage, page)
        #expect(text.contains(code.joined(separator: "\n")), "the block, its repeated fi included, is cut")
        for line in paragraphs { #expect(text.contains(line), "removed: \(line)") }
        let config = try TestSupport.config(#"{"boilerplate": {"code_blocks": false}}"#)
        let (without, report) = TestSupport.run(BoilerplateStage(options: config[BoilerplateStage.self]), page)
        #expect(!without.contains("${var#prefix} remove smallest prefix pattern"))
        // The block then weighs against the main text, which loses the paragraphs before it.
        #expect(report.removedLines.contains { $0.text == paragraphs[1] && $0.reason == "outside_main_text" })
    }

    /// Two URLs in a row between paragraphs are no code block: they go as slugs.
    @Test func twoURLsAreNoCodeBlock() throws {
        let urls = ["https://www.debian.org/doc/devel-manuals#maint-guide", "https://packages.qa.debian.org/m/maint-guide.html"]
        let (paragraphs, page) = try seed003(inserting: urls)
        let (text, report) = TestSupport.run(stage, page)
        for line in urls { #expect(report.removedLines.contains { $0.text == line && $0.reason == "slug" }, "kept: \(line)") }
        for line in paragraphs { #expect(text.contains(line), "removed: \(line)") }
    }

    /// Inside the main text a line goes only on a rule's evidence: the short sentences of a
    /// news story between a dateline and teaser headlines (boilerplate-dev 51d066b0602c) stay;
    /// with `main_text` off the jusText classes remove them.
    @Test func shortSentencesInsideTheMainTextStay() throws {
        let story = ["(Published Monday, Nov. 18, 2019)", "The suspect said he needed to get dressed.",
                     "Police used a ram to force open the door.", "3 Hospitalized After Wrong-Way Crash in North Richland Hills",
                     #""Hands! Let me see your hands!" an officer ordered. "Step out.""#, "Webb emerged, naked.",
                     "UpdatedPolice Identify Man, Woman Found Dead in Plano Apartment"]
        let (paragraphs, page) = try seed003(inserting: story)
        let (text, _) = TestSupport.run(stage, page)
        for line in [1, 2, 4, 5].map({ story[$0] }) + paragraphs { #expect(text.contains(line), "removed: \(line)") }
        // The cost: the two teaser headlines between them stay too (no rule names them).
        #expect(text.contains(story[3]) && text.contains(story[6]))
        #expect(!text.contains(story[0]))
        let config = try TestSupport.config(#"{"boilerplate": {"main_text": false}}"#)
        let (_, report) = TestSupport.run(BoilerplateStage(options: config[BoilerplateStage.self]), page)
        #expect(report.removedLines.contains { $0.text == "Webb emerged, naked." && $0.reason == "short_near_chrome" },
                "\(report.removedLines.map { ($0.text, $0.reason) })")
    }

    /// Short items under a line that introduces them with a colon are a list of the text
    /// (developers-reference 1.2.7, adequate), not a link list; the same items without the
    /// colon go as one.
    @Test func keepsAListAColonIntroduces() throws {
        let items = ["broken symlinks", "missing copyright file", "obsolete conffiles", "Python modules not byte-compiled",
                     "/bin and /sbin binaries requiring /usr/lib libraries", "missing libraries, undefined symbols, symbol size mismatches",
                     "license conflicts", "program name collisions", "missing alternatives", "missing binfmt interpreters and detectors",
                     "missing pkg-config dependencies"]
        let intro = "adequate checks packages installed on the system and reports bugs and policy violations. The following checks are currently implemented:"
        let (paragraphs, page) = try seed003(inserting: [intro] + items)
        let (text, _) = TestSupport.run(stage, page)
        for line in items + paragraphs { #expect(text.contains(line), "removed: \(line)") }
        let (_, unintroduced) = try seed003(inserting: [String(intro.dropLast()) + "."] + items)
        let (_, report) = TestSupport.run(stage, unintroduced)
        #expect(report.removedLines.filter { $0.reason == "link_list" }.map(\.text) == items)
    }

    /// A list that a line introduces with a colon stays after the last paragraph too
    /// (debmake-doc, ch. 1); the links under a share bar's "Share this:" do not.
    @Test func keepsAnIntroducedListAfterTheLastParagraph() throws {
        let list = ["The debmake command has the following features:", "modern packaging style",
                    "debian/copyright: DEP-5 compliant", "debian/control: substvar support, multiarch support, multi binary packages, ...",
                    "debian/rules: dh syntax, compiler hardening options, ...", "flexibility",
                    "many options (see Section 5.7.1.1, “debmake -b”, Chapter 6, debmake options, and Appendix A, debmake(1) manpage)",
                    "sane default actions", "execute non-stop with clean results"]
        let share = ["Share this:", "Twitter", "Facebook", "Reddit"]
        let (paragraphs, _) = try seed003(inserting: [])
        let page = ([paragraphs[0]] + paragraphs + list + share).joined(separator: "\n")
        let (text, _) = TestSupport.run(stage, page)
        #expect(text.contains(list.joined(separator: "\n")))
        for line in share { #expect(!text.split(separator: "\n").contains(Substring(line)), "kept: \(line)") }
        #expect(text.contains(paragraphs.last!))
    }

    /// A list of quantities (a recipe's ingredients after the story) is a table, so the steps
    /// under it are article too; headlines that start with a number ("10 Strangest Medical Cases") are not, nor are relative times under headlines.
    @Test func keepsAListOfQuantitiesNotNumberedHeadlines() throws {
        let ingredients = ["Ingredients", "8-9 ripe pears, cored and peeled", "1 lemon, or about 1/4 cup lemon juice",
                           "6 tbsp fruit pectin powder", "1 tsp cinnamon", "1/2 tsp ground cloves"]
        let related = ["27 Oddest Medical Case Reports", "10 Strangest Medical Cases", "11 Weird Things People Have Swallowed",
                       "Historic win at the cup has the team set up well", "13 hours ago", "Team beats the hosts to advance", "15 hours ago",
                       "Full standings, schedule and results", "16 hours ago"]
        let steps = ["Instructions", "Fill the canner with water and set it to simmer. Add the empty jelly jars to sterilize and warm them.",
                     "Core, peel and cube the pears and put them in a pot with the juice of the lemon, the spices and the pectin.",
                     "Spoon the jam into the jars, put the tops on and boil them in the water bath canner for ten minutes."]
        let (paragraphs, page) = try seed003(inserting: [], tail: ingredients + steps + related)
        let (text, _) = TestSupport.run(stage, page)
        for line in ingredients + steps + paragraphs.dropLast() { #expect(text.contains(line), "removed: \(line)") }
        for line in related { #expect(!text.contains(line), "kept: \(line)") }
    }

    /// Section headings stay between paragraphs though the table of contents above listed
    /// them; the numbered entries of such a table of contents are no table of figures.
    @Test func headingsListedInTheContentsStay() throws {
        let headings = ["The strikes in Deir ez-Zor", "Reactions in Damascus"]
        let contents = ["Contents", "The strikes in Deir ez-Zor", "Reactions in Damascus", "Further reading"]
        let numbered = ["Contents", "14.2.1. The strikes in Deir ez-Zor", "14.2.2. Reactions in Damascus", "14.2.3. Further reading"]
        let lines = TestSupport.run(normalize, try TestSupport.seedText("003_04ed8dd39542b3b4.txt")).text
            .split(separator: "\n").map(String.init)
        let paragraphs = lines.filter { $0.split(separator: " ").count >= 15 }
        var page = [lines[0]] + contents
        page += [headings[0]] + paragraphs[0...2] + [headings[1]] + paragraphs[3...]
        let (text, _) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(text.contains(paragraphs[2] + "\n" + headings[1] + "\n" + paragraphs[3]))
        #expect(!text.contains("Further reading"))
        var bytes = numbered.joined(separator: "\n")
        let scan = bytes.withUTF8 { LineScanner($0) }
        let tables = bytes.withUTF8 { Tables.find(scan.lines, $0, Array(scan.lines.indices), Array(repeating: nil, count: scan.lines.count)) }
        #expect(tables.isEmpty)
    }

    /// Numbered items that a paragraph ending in a colon introduces stay, even after the last
    /// paragraph, with the link under each; a numbered list of headlines after the article,
    /// introduced by nothing, goes.
    @Test func keepsTheNumberedListATextIntroduces() throws {
        let intro = "These are the books that the members of the committee said they would recommend to every new reader this winter:"
        let items = ["1) The Road to Damascus (Hardcover, 2017)", "http://example.com/a1", "2) A History of the Levant in Ten Maps",
                     "http://example.com/a2", "3) Rivers and Borders: Water in the Middle East", "http://example.com/a3"]
        let mostRead = ["Most read", "1 Police arrest man after crash on the ring road", "2 Council votes to close two libraries",
                        "3 Weather: snow expected on Friday", "4 Local team wins the cup"]
        let (_, page) = try seed003(inserting: [], tail: [intro] + items + mostRead)
        let (text, _) = TestSupport.run(stage, page)
        #expect(text.contains(intro + "\n1) The Road to Damascus (Hardcover, 2017)\nhttp://example.com/a1\n2) A History"))
        for line in mostRead { #expect(!text.contains(line), "kept: \(line)") }
    }

    /// A comment thread that no header announces: names right above relative datelines. The
    /// comments are full sentences, so only the entries' pattern tells them from the article.
    @Test func dropsACommentThreadWithoutAHeader() throws {
        let comments = ["Woyzeck", "2 days ago at 07:52 am",
                        "It is good to see that the government is finally talking about the withdrawal of the troops from the region.",
                        "Rating: 36 Votes", "Nick A", "2 days ago at 07:47 am",
                        "I think we will see a similar decision next year, and the opposition will not be happy about it at all.",
                        "Even if it takes a little longer than the government says, this is the direction that most of the people in the region have been asking for, and I like it.",
                        "Again, this is only my opinion and my conjecture, and I have no inside knowledge of what the ministers are planning to do with the bases in the east of the country.",
                        "Rating: 25 Votes", "fmcshan", "2 days ago at 07:50 am",
                        "It would be nice if the coalition explained what the mandate for the strikes is supposed to be in the first place.",
                        "Rating: 17 Votes"]
        let lines = TestSupport.run(normalize, try TestSupport.seedText("003_04ed8dd39542b3b4.txt")).text
            .split(separator: "\n").map(String.init)
        // The article without the author box that closes it.
        let paragraphs = lines.filter { $0.split(separator: " ").count >= 15 && !$0.hasPrefix("I am an") }
        let article = lines[...lines.firstIndex(of: paragraphs.last!)!]
        let (text, report) = TestSupport.run(stage, (article + comments).joined(separator: "\n"))
        for paragraph in paragraphs { #expect(text.contains(paragraph)) }
        for line in comments { #expect(!text.contains(line), "kept: \(line)") }
        #expect(report.removedLines.contains { $0.text == "Woyzeck" && $0.reason == "end_marker" })
    }

    /// Headlines under a list's header go even where they are long enough to read as text.
    @Test func dropsTheHeadlinesUnderAListHeader() throws {
        let list = ["Most popular", "Most expensive buildings in the world: believe it or not, the tallest tower of the city is not in the top 10 of the list",
                    "Countries with the highest inflation: in this nation the residents pay a fortune for just a few tomatoes",
                    "Insurance premium may rise this New Year"]
        let (paragraphs, page) = try seed003(inserting: list)
        let (text, report) = TestSupport.run(stage, page)
        for paragraph in paragraphs { #expect(text.contains(paragraph)) }
        for line in list.dropFirst() { #expect(report.removedLines.contains { $0.text == line && $0.reason == "link_list" }, "kept: \(line)") }
    }

    /// A sentence broken over lines at its commas (as some pages' blocks are) is judged whole.
    @Test func joinsASentenceBrokenAtCommas() {
        let paragraph = "市は月曜日、駅前の広場を来年の春から改修すると発表した。工事の費用は約三億円で、完成は再来年の秋になる見込みだという。"
        let broken = ["また、市によると、", "広場には新しいベンチや植え込みが設けられ、", "夜間の照明も明るくなる予定で、", "住民の意見も取り入れるという。"]
        let (text, _) = TestSupport.run(stage, (["ホーム", "広場の改修", paragraph, paragraph + "住民は歓迎している。"] + broken + ["関連記事", "プライバシー・ポリシー"])
            .joined(separator: "\n"))
        for line in broken { #expect(text.contains(line), "removed: \(line)") }
        #expect(!text.contains("プライバシー・ポリシー"))
    }

    /// A sentence broken where its column ended (each part but the last ending in a letter, the
    /// next starting in lower case) is judged whole when its last part ends it; a list whose items
    /// start in lower case, ending in no sentence, is not joined.
    @Test func joinsASentenceBrokenWhereItsColumnEnded() {
        let article = ["The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring after a long debate about its cost.",
                       "Residents said they had waited for years and that the bridge had been a problem for the whole town since it was first built by the old county government."]
        let broken = ["The new bridge will open to", "cars and bicycles in the spring", "and to trains a year after that."]
        let (text, report) = TestSupport.run(stage, (["Home", "Council approves the new bridge"] + article + broken + ["Related posts", "Privacy policy"])
            .joined(separator: "\n"))
        for line in article + broken { #expect(text.contains(line), "removed: \(line) \(report.removedLines.map { ($0.text, $0.reason) })") }
        #expect(!text.contains("Privacy policy"))
    }

    /// A line of more tokens than the scanner's first token buffer holds, between short ones.
    @Test func scansALineOfManyTokens() {
        var text = "Short line.\n" + Array(repeating: "a", count: 3000).joined(separator: " ") + "\nthe end"
        let scan = text.withUTF8 { LineScanner($0) }
        #expect(scan.lines.count == 3)
        #expect(scan.lines[1].words == 3000)
        #expect(scan.hits(1, Stopwords.english) == 3000)
        #expect(scan.hits(2, Stopwords.english) == 1)
    }
}
