import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The choice of the main text on pages the stage was not tuned on (issue 20): a standfirst
/// beside the title, comment threads announced by their commenters' headers or a count, a
/// thread marker above the article, and two stretches of text that weigh nearly the same.
@Suite struct BoilerplateMainTextTests {
    let normalize = NormalizeStage(options: .defaults)
    let stage = BoilerplateStage(options: .defaults)

    /// Three paragraphs of running text about `topic`.
    static func article(_ topic: String) -> [String] {
        ["The council met on Monday to discuss the future of the \(topic), and the members agreed that the work should begin in the spring after a long debate about its cost.",
         "Residents said they had waited for years and that the \(topic) had been a problem for the whole town since it was first built by the old county government.",
         "The mayor told reporters that the plan would be paid for by the region and the state, and that the town would not have to raise its taxes to pay for it."]
    }

    /// Comments of a thread, each one line of running text.
    static let comments = [
        "I am so glad that this is finally happening, because we have been asking the council to do something about it for a very long time.",
        "This is a waste of money and the town should spend it on the schools instead of on a project that only a few people will ever use.",
        "My family has lived here for forty years and we have never seen the council agree on anything so quickly, which makes me wonder why.",
    ]

    private func kept(_ text: String) -> Set<String> { Set(text.split(separator: "\n").map(String.init)) }

    @Test func keepsTheStandfirstOfSeed002() throws {
        let normalized = TestSupport.run(normalize, try TestSupport.seedText("002_1e1ff2a081c457dc.txt")).text
        let (text, _) = TestSupport.run(stage, normalized)
        #expect(text.hasPrefix("The Russian leader stresses that the troops are in the country against the will of Damascus\n"))
        #expect(text.contains("Putin blames foreign troop presence for Syria's instability"))
    }

    /// A line of running text in title case beside the title is another headline, not a standfirst.
    @Test func aHeadlineInTitleCaseBesideTheTitleIsNoStandfirst() {
        let headline = "Ten Things You Should Know About The New Bridge Over The River Today"
        let page = ["The Town Gazette", headline, "Council approves the new bridge", "By Jane Doe"] + Self.article("bridge")
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(report.removedLines.contains { $0.text == headline && $0.reason == "short_in_head" }, "\(report.removedLines.map { ($0.text, $0.reason) }) \(text)")
        #expect(text.hasPrefix("Council approves the new bridge\n"))
    }

    /// "Jane says:" three times with a comment under each starts a thread: the comments go.
    @Test func commentersHeadersStartAThread() {
        let names = ["Courtney says:", "Meg B says:", "Debra says:"]
        let page = ["Council approves the new bridge"] + Self.article("bridge")
            + zip(names, Self.comments).flatMap { [$0, $1] }
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in Self.article("bridge") { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in Self.comments { #expect(!kept(text).contains(line), "kept: \(line)") }
        #expect(report.removedLines.contains { $0.text == "Courtney says:" && $0.reason == "end_marker" })
    }

    /// Headers with a time ("Andrew Moylan 07.19.12 at 07:57") start a thread; the rows of a
    /// schedule inside the article, each with its time, do not.
    @Test func timedHeadersStartAThreadButAScheduleDoesNot() {
        let headers = ["Andrew Moylan 07.19.12 at 07:57", "John 07.19.12 at 08:00", "Stan 07.19.12 at 09:39"]
        let threaded = ["Council approves the new bridge"] + Self.article("bridge") + zip(headers, Self.comments).flatMap { [$0, $1] }
        let (text, _) = TestSupport.run(stage, threaded.joined(separator: "\n"))
        for line in Self.comments { #expect(!kept(text).contains(line), "kept: \(line)") }

        let schedule = ["The programme of the opening day is as follows:", "9:00 Registration and coffee in the main hall",
                        "9:30 Opening remarks by the mayor of the town", "10:15 A walk across the bridge with the engineers",
                        "11:00 Lunch for the workers and their families"]
        let article = Self.article("bridge")
        let page = ["Council approves the new bridge", article[0]] + schedule + Array(article.dropFirst())
        let (scheduled, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in article + schedule { #expect(kept(scheduled).contains(line), "removed: \(line)") }
        #expect(!report.removedLines.contains { $0.reason == "end_marker" })
    }

    /// Commenters' names inside their datelines ("Jermaine 07 Nov 12", no time) each above a
    /// comment start a thread: the comments go, the article stays. Datelines that start with the
    /// date ("Sunday, May 12, 2019 (2 months ago)") above the posts of a blog's front page do not.
    @Test func namedDatelinesStartAThread() {
        let headers = ["Jermaine 07 Nov 12", "Radex 07 Nov 12", "Jason Fried 08 Nov 12"]
        let page = ["Council approves the new bridge"] + Self.article("bridge") + zip(headers, Self.comments).flatMap { [$0, $1] }
        let (text, _) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in Self.article("bridge") { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in Self.comments { #expect(!kept(text).contains(line), "kept: \(line)") }

        let dated = ["Sunday, May 12, 2019 (2 months ago)", "Sunday, May 5, 2019 (3 months ago)", "Wednesday, April 24, 2019 (3 months ago)"]
        let posts = Self.article("bridge") + Self.article("harbour")
        let front = ["Town Notes"] + Self.article("school").prefix(2) + dated.indices.flatMap { [dated[$0]] + posts[(2 * $0)...(2 * $0 + 1)] }
        let (frontText, _) = TestSupport.run(stage, front.joined(separator: "\n"))
        for line in posts { #expect(kept(frontText).contains(line), "removed: \(line)") }

        // A live blog's entries under "Update 12 Nov 2012": one word above every entry is a
        // series, not commenters.
        let updates = ["Update 12 Nov 12", "Update 13 Nov 12", "Update 14 Nov 12"]
        let blog = ["Town Notes"] + Self.article("school").prefix(2) + updates.indices.flatMap { [updates[$0]] + posts[(2 * $0)...(2 * $0 + 1)] }
        let (blogText, _) = TestSupport.run(stage, blog.joined(separator: "\n"))
        for line in posts { #expect(kept(blogText).contains(line), "removed: \(line)") }
    }

    /// A short post written with names and figures (too few stopwords for a paragraph) above the
    /// author's longer bio: the bio outweighs it as the main text, but a main text of one or two
    /// paragraphs keeps such a line above it, and the report counts it as `uncertain_main_text`.
    @Test func aShortPostAboveABioStays() {
        let post = "Research in Motion (RIMM-$7.80) is counting on the new BB10 to revive sales growth and stop market share losses to Apple Inc.'s iPhone and devices running Google Inc.'s Android operating system. Now comes word that a January launch date could slip to March 2013."
        let bio = "Prior to founding this blog, I held equity analyst positions with three brokerage firms and published an investment newsletter dedicated to uncovering companies with innovative, proprietary technologies in a range of industries. My work has been published in many papers and magazines, and the blog is recommended as a must-read money blog by several of them."
        let page = ["10Q Notes", "Research in Backward's Motion?", "Sunday, October 14, 2012", post,
                    "Posted by David Phillips at 12:16 AM", "No comments:", "About Me", "David Phillips", bio, "View my complete profile"]
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(kept(text).contains(post), "\(report.removedLines.map { ($0.text, $0.reason) })")
        #expect(report.fixes["uncertain_main_text"] == 1)
    }

    /// "45 comments" after the article closes it; "12 Comments" beside the byline above it
    /// does not cut the article off.
    @Test func aCountOfCommentsClosesTheArticleOnlyAfterIt() {
        let page = ["Council approves the new bridge", "By Jane Doe", "12 Comments"] + Self.article("bridge") + ["45 comments"] + Self.comments
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in Self.article("bridge") { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in Self.comments { #expect(!kept(text).contains(line), "kept: \(line)") }
        #expect(report.removedLines.contains { $0.text == "45 comments" && $0.reason == "end_marker" })
    }

    /// A count in brackets closes the article too, around the header ("{ 45 comments }") or
    /// after its noun ("Reader Comments (3)").
    @Test(arguments: ["{ 45 comments }", "{ 3 comments… read them below or add one }", "Reader Comments (3)", "Comments (3)"])
    func aCountInBracketsClosesTheArticle(header: String) {
        let page = ["Council approves the new bridge"] + Self.article("bridge") + [header] + Self.comments
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in Self.article("bridge") { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in Self.comments { #expect(!kept(text).contains(line), "kept: \(line)") }
        #expect(report.removedLines.contains { $0.text == header && $0.reason == "end_marker" })
    }

    /// Posts embedded in an article (a post, a dash, its author and date) are no comment
    /// thread: a dash is no commenter's name.
    @Test func aDashAboveEmbeddedPostsIsNoCommenter() {
        let posts = [("Finally a bridge for the town #bridge", "Jane Doe (@janedoe) November 02, 2012"),
                     ("The council got this one right #bridge", "John Roe (@johnroe) November 02, 2012"),
                     ("Cannot wait to walk across it #bridge", "Ann Poe (@annpoe) November 03, 2012")]
        let article = Self.article("bridge")
        let page = ["Council approves the new bridge"] + article + posts.flatMap { [$0.0, "—", $0.1] } + Self.article("road")
        let (_, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(!report.removedLines.contains { $0.reason == "end_marker" })
    }

    /// A short line ending in a colon right under a paragraph introduces a list whose items are
    /// longer than headlines; the same intro above headlines introduces nothing.
    @Test func aShortIntroUnderAParagraphKeepsLongItems() {
        let items = ["15.6\" Toshiba Satellite S850 Core i3 Laptop w/ 2GB Radeon HD 7670M for $550 (normally $700)",
                     "Asus RT-N66U Dual-Band Wireless-N900 Gigabit Router w/3x Detachable Antennas, two USB 2.0 ports for $140",
                     "Logitech Z623 2.1 THX Certified Speaker System for $118.99 (normally $149.99 - coupon code: LB5ZKQ)"]
        let headlines = ["Council names the new harbour master", "Market hall to open in May", "School gets a new roof"]
        let article = Self.article("bridge")
        let page = ["Council approves the new bridge"] + article + ["Other deals:"] + items + ["More stories:"] + headlines
        let (text, _) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in article + items { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in headlines { #expect(!kept(text).contains(line), "kept: \(line)") }
    }

    /// A date after "this day," in running text is no agency caption's weekday date, nor is a
    /// weekday's date among a line's first four words (a caption names its subject first); a
    /// caption dated with its weekday still goes.
    @Test func aDateAfterThisDayIsNoCaptionsDate() {
        let prose = "It was on this day, November 12, 1938, that the bridge opened to traffic, and it was not until May 26, 1939 that the king opened it."
        let opening = "Beginning Tuesday, Nov. 13, 2012, the bridge will be closed to trucks while the engineers test its new deck."
        let caption = "Workers paint the railing of the bridge in Vancouver, Canada, Wednesday, Nov. 20, 2019."
        let article = Self.article("bridge")
        let page = ["Council approves the new bridge", article[0], prose, opening, caption] + Array(article.dropFirst())
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(kept(text).contains(prose))
        #expect(kept(text).contains(opening), "\(report.removedLines.map { ($0.text, $0.reason) })")
        #expect(report.removedLines.contains { $0.text == caption && $0.reason == "caption" })
    }

    /// A post's excerpt cut short right under a paragraph of the post ("... read more") goes
    /// on from it and stays; an excerpt under another post's headline is still a teaser.
    @Test func anExcerptUnderAParagraphIsNoTeaser() {
        let intro = "This post first appeared on the town's own blog, where the council writes about its work every week."
        let excerpt = "The council met on Monday to discuss the future of the bridge, and the members agreed that the work should begin in the spring after a long debate about its…"
        let teaser = "Residents of the old harbour say that the new market has brought more traffic to their streets than the town had ever planned for, and that…"
        let page = ["Council approves the new bridge", intro, excerpt, "read more", "Market hall opens its doors", teaser]
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(kept(text).contains(excerpt))
        #expect(report.removedLines.contains { $0.text == teaser && $0.reason == "teaser" })
    }

    /// A "Comments" link in the navigation after a list of headlines that read as sentences is
    /// no end of the article: only a stretch with a paragraph before it ends the main text.
    @Test func aThreadMarkerAfterHeadlinesOnlyDoesNotEndTheMainText() {
        let headlines = ["Why did the council wait so long to approve the plan for the new bridge?",
                         "Is the town ready for the traffic that the new market will bring to it?",
                         "What will happen to the old school when the new one is finished next year?",
                         "How much will the new harbour cost the people who live in the town?"]
        let page = headlines + ["Comments", "Council approves the new bridge"] + Self.article("bridge")
        let (text, _) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in Self.article("bridge") { #expect(kept(text).contains(line), "removed: \(line)") }
    }

    /// A bare "Comments" (a tab beside "Article") after a registration blurb with a paragraph,
    /// above an article that weighs far more: a weak marker, so the article is the main text.
    /// Under a bare "Comments" with a dated thread, the comments still go.
    @Test func aBareCommentsTabAboveALongArticleDoesNotEndIt() {
        let blurb = ["From time to time, we will send you announcements on new features and special offers from the newspaper and its partners.",
                     "As a registered reader of the newspaper you will be able to manage your portfolio, personalize your own news page and receive our newsletters.",
                     "To view or change all of your email settings at any time, visit the center for your account on the website of the newspaper."]
        let body = Self.article("bridge") + Self.article("harbour")
        let page = ["The Town Gazette"] + blurb + ["Why Register?", "Article", "Comments", "Council approves the new bridge", "By JANE DOE"] + body
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in body { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in blurb { #expect(report.removedLines.contains { $0.text == line && $0.reason == "outside_main_text" }, "kept: \(line)") }

        let dated = ["1. Courtney - August 8, 2012", "2. Meg B - August 8, 2012", "3. Debra - August 9, 2012"]
        let long = Self.comments.map { [String](repeating: $0, count: 3).joined(separator: " ") }
        let short = ["Council approves the new bridge"] + Self.article("bridge")
        let (commented, _) = TestSupport.run(stage, (short + ["Comments"] + zip(dated, long).flatMap { [$0, $1] }).joined(separator: "\n"))
        for line in short.dropFirst() { #expect(kept(commented).contains(line), "removed: \(line)") }
        for line in long { #expect(!kept(commented).contains(line), "kept: \(line)") }
    }

    /// A short post (under 5 x `content_min_words`) beside a longer bio under "About Me" in the
    /// sidebar: the weak marker ends the main text after the post (the bio weighs less than
    /// twice the post), so the post stays and the bio past the marker goes.
    @Test func aShortPostEndsAtAnAboutMeBox() {
        let post = "The council met on Monday to discuss the future of the old bridge over the river, and the members agreed that the work should begin early in the spring after a long debate about its cost."
        let bio = "I am a retired teacher who has lived in this small town for most of my life, and I started this blog to write about the people and the places that make it such a good place to live. When I am not writing, I like to walk along the river with my dog in the morning."
        let page = ["Town Notes", "Council approves the new bridge", post, "No comments:", "About Me", bio, "View my complete profile"]
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(kept(text).contains(post))
        #expect(report.removedLines.contains { $0.text == bio && $0.reason == "outside_main_text" })
    }

    /// Two stretches of text that weigh nearly the same (a short post beside a blurb about the
    /// blog): which is the article is uncertain, so both stay and the report counts the lines
    /// kept for that (`uncertain_main_text`, in the manifest's fixes); the chrome between goes.
    /// A blurb much lighter than the article goes as before.
    @Test func keepsBothStretchesWhenTheChoiceIsUncertain() {
        let blurb = "We are two sisters who love to travel and try new things, and we write about the places that we visit and the food that we eat there."
        let nav = ["Home", "Archive", "Videos", "Contact", "Links"]
        let post = Self.article("bridge").prefix(1)
        let page = ["Nutty Nomads", blurb] + nav + ["Council approves the new bridge"] + post + ["Tweet", "Like"]
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in [blurb] + post { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in nav { #expect(!kept(text).contains(line), "kept: \(line)") }
        #expect(report.fixes["uncertain_main_text"] == 1)

        let long = ["Council approves the new bridge"] + Self.article("bridge") + Self.article("harbour")
        let (certain, certainReport) = TestSupport.run(stage, (["Nutty Nomads", blurb] + nav + long).joined(separator: "\n"))
        #expect(!kept(certain).contains(blurb))
        #expect(certainReport.removedLines.contains { $0.text == blurb && $0.reason == "outside_main_text" })
        #expect(certainReport.fixes["uncertain_main_text"] == nil)
    }

    /// A post of a few short lines above a blurb about its author: no stretch weighs enough to
    /// be sure which is the article, so the post's lines are not removed for standing before
    /// the blurb (they went as `short_in_head` and `outside_main_text` before), the menu between
    /// the two goes, and the report counts the paragraph kept beside the blurb as
    /// `uncertain_main_text`.
    /// The lede under the byline and the dateline stays though an image's credit and a related
    /// link part it from the rest of the article; the chrome between them goes. Without the
    /// article's head above it, such a paragraph is not the article's.
    @Test func theLedeUnderTheDatelineStays() {
        let lede = "LONDON — The council decided on Tuesday to build a new bridge over the river, after a debate that lasted for most of the year and divided the town."
        let gap = ["Enlarge This Image", "Jane Smith/Getty Images", "Advertisement", "Related"]
        let body = Self.article("bridge") + Self.article("road")
        let page = ["Council approves the new bridge", "By JANE DOE", "Published: July 24, 2012", lede] + gap + body
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(kept(text).contains(lede), "\(report.removedLines.map { ($0.text, $0.reason) })")
        for line in body { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in gap { #expect(!kept(text).contains(line), "kept: \(line)") }
        let headless = ["Council approves the new bridge", lede] + gap + body
        let (other, otherReport) = TestSupport.run(stage, headless.joined(separator: "\n"))
        #expect(otherReport.removedLines.contains { $0.text == lede && $0.reason == "outside_main_text" }, "\(other)")
    }

    /// Under the article, a feed of other stories, each a headline above its byline and its date:
    /// the first headline, made good by the paragraph above it, does not end the main text.
    @Test func theNextStorysHeadlineIsNoPartOfTheArticle() {
        let feed = ["Liberman: Both parties are to blame for the lack of a unity government", "By JERUSALEM POST STAFF", "11/20/2019 01:14 PM",
                    "Russia: Israeli strikes on Syria are the wrong move", "By REUTERS", "11/20/2019 10:08 AM"]
        let page = ["Council approves the new bridge", "By JANE DOE", "NOVEMBER 20, 2019 10:43"] + Self.article("bridge") + feed
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in Self.article("bridge") { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in feed { #expect(!kept(text).contains(line), "kept: \(line) \(report.removedLines.map { ($0.text, $0.reason) })") }
    }

    /// A post's last line that ends no sentence stays above the dated footer the blog platform
    /// prints under it, or a dated "Posted by" line: neither is the head of the next story.
    @Test func thePostsLastLineStaysAboveADatedFooter() {
        let closing = "See you all next year at the river with the whole family and the dogs"
        for footer in ["This entry was posted on Monday, November 5th, 2012 at 11:18 am and is filed under News.",
                       "Posted by Jane Doe on November 5, 2012 at 11:18 am"] {
            let page = ["Council approves the new bridge"] + Self.article("bridge") + [closing, footer]
            let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
            #expect(report.removedLines.contains { $0.text == footer && $0.reason == "ui_phrase" }, "\(footer)")
            #expect(kept(text).contains(closing), "above \(footer): \(report.removedLines.map { ($0.text, $0.reason) })")
        }
    }

    @Test func aWeakMainTextCutsNothingButShortLinesBetweenParagraphs() {
        let post = ["Are you in yet?", "Learn.", "Compare.", "Find.",
                    "Download the app today and take part in the experiment this week, it is really cool."]
        let blurb = "Before I started this blog I worked as an analyst at three firms, and my work has been published in many papers and magazines."
        let menu = ["Archives", "Photos", "Links"]
        let page = ["Virtual Notes", "September 26, 2012"] + post + ["Posted at 11:01 AM"] + menu + [blurb, "Archives"]
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in post + [blurb] { #expect(kept(text).contains(line), "removed: \(line)") }
        for line in menu.dropFirst() { #expect(!kept(text).contains(line), "kept: \(line)") }
        #expect(report.fixes["uncertain_main_text"] == 1)
    }

    /// A paragraph cut short with "…" right above the rest of the post opens the article; the
    /// teasers of other posts under it, each under its headline, go.
    @Test func anExcerptAboveAParagraphIsNoTeaser() {
        let opening = "How beautiful is this rustic wedding shoot? I love the bold colour of all the orange details against the hills. Below are more details from the designer…"
        let teasers = ["Elegant Australia Wedding", "The bride and the groom chose a small garden by the sea for a day that their families will never forget…",
                       "Autumn Barn Wedding", "Their barn was full of pumpkins and candles, and the guests danced until the early hours of the morning…"]
        let page = ["Rustic Wedding in Napa", opening] + Self.article("barn") + ["More weddings"] + teasers
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(kept(text).contains(opening))
        for line in Self.article("barn") { #expect(kept(text).contains(line), "removed: \(line)") }
        #expect(report.removedLines.contains { $0.text == teasers[1] && $0.reason == "teaser" })
        #expect(report.removedLines.contains { $0.text == teasers[3] && $0.reason == "teaser" })
    }

    /// Two long lines in a row cut short with "…" (no headline between them) are a post whose
    /// paragraphs end so, not teasers of other posts (each under its headline): they stay, and
    /// the longer disclaimer in the sidebar does not win the main text over them.
    @Test func twoLongExcerptsInARowAreThePost() {
        let post = ["I love the impact of the community on the work that we do, and one thing that I keep asking for is to open up more of the tools that we build, and this is an example of why…",
                    "Check out how a data center architect at one of our partners built on the work of a customer and turned it into some very useful tools for the analysis of performance…"]
        let disclaimer = "The opinions expressed here are my personal opinions. Content published here is not read or approved in advance by my employer and does not necessarily reflect the views and opinions of my employer."
        let page = ["Virtual Notes", "Storage statistics made simple"] + post + ["Great work guys!", "Disclaimer", disclaimer]
        let (text, _) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in post { #expect(kept(text).contains(line), "removed: \(line)") }
    }

    /// The count reaches the manifest's `fixes`, which the schema accepts.
    @Test func theManifestSaysTheChoiceWasUncertain() throws {
        let input = try TestSupport.temporaryDirectory("bp-in")
        let output = try TestSupport.temporaryDirectory("bp-out")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        let blurb = "We are two sisters who love to travel and try new things, and we write about the places that we visit and the food that we eat there."
        let page = ["Nutty Nomads", blurb, "Home", "Archive", "Videos", "Contact", "Links", "Council approves the new bridge"]
            + Self.article("bridge").prefix(1)
        try page.joined(separator: "\n").write(to: input.appendingPathComponent("post.txt"), atomically: false, encoding: .utf8)
        let config = try TestSupport.config(#"{"stages": ["normalize", "boilerplate"]}"#)
        try TestSupport.runJob(config, input: input, output: output)
        let schema = try JSONParser.parse(Data(contentsOf: TestSupport.packageRoot
            .appendingPathComponent("Sources/CorpusCleanCore/Schema/manifest.schema.json")))
        let validator = JSONSchemaValidator(root: schema)
        let manifest = try TestSupport.manifest(output)
        #expect(manifest.count == 1)
        for record in manifest {
            #expect(record["fixes"]?["uncertain_main_text"] == .number("1"))
            #expect(validator.errors(record).isEmpty, "\(validator.errors(record))")
        }
    }

    /// Tweets embedded in the article ("— Jane Doe (@janedoe) November 2, 2012" under each) are no
    /// thread of commenters named in their datelines: the article's paragraphs after them stay.
    @Test func embeddedTweetsDoNotEndTheArticle() {
        let tweets = ["@NewsDesk The bridge is the best thing the council has done in years #bridge", "—",
                      "Jane Doe (@janedoe) November 2, 2012",
                      "@NewsDesk Nobody asked for a bridge, fix the roads first #bridge", "—",
                      "Sam Roe (@samroe) November 2, 2012",
                      "@NewsDesk Finally some good news for the east side #bridge", "—",
                      "Ann Poe (@annpoe) November 2, 2012"]
        let after = ["Work on the approach roads will start first, and the engineers expect the first lanes to open to traffic before the end of next summer.",
                     "Shops on the east side hope that the crossing will bring them the customers they lost when the old ferry stopped running in the winter."]
        let page = ["Council approves the new bridge"] + Self.article("bridge") + tweets + after
        let (text, _) = TestSupport.run(stage, page.joined(separator: "\n"))
        for line in Self.article("bridge") + after { #expect(kept(text).contains(line), "removed: \(line)") }
    }

    /// A line of the article right after tweets takes its class from the article's lines around
    /// them, not from the tweets' names and dates: a short sentence under them stays.
    @Test func aShortSentenceAfterEmbeddedTweetsStays() {
        let tweets = ["@NewsDesk The bridge is the best thing the council has done in years #bridge—",
                      "Jane Doe (@janedoe) November 2, 2012",
                      "@NewsDesk Nobody asked for a bridge, fix the roads first #bridge—",
                      "Sam Roe (@samroe) November 2, 2012"]
        let closing = "The engineers did not return a request for comment."
        let page = ["Council approves the new bridge"] + Self.article("bridge") + tweets + [closing, "Topics: Bridges, Roads"]
        let (text, report) = TestSupport.run(stage, page.joined(separator: "\n"))
        #expect(kept(text).contains(closing), "\(report.removedLines.map { ($0.text, $0.reason) })")
    }
}
