import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// The marks of code that `LineScanner` records for `CodeBlocks`, on lines of the Debian
/// Reference and of the PostgreSQL and Python documentation (code) and of the news pages in
/// boilerplate-dev and the seeds (no code).
@Suite struct CodeBlocksTests {
    private func marks(_ lines: [String]) -> [Bool] {
        var text = lines.joined(separator: "\n")
        return text.withUTF8 { LineScanner($0).lines.map(\.codeMark) }
    }

    @Test func commandsPathsAndVariablesAreCode() {
        let code = ["${var%suffix} remove smallest suffix pattern", "-e file file exists",
                    "file1 -nt file2 file1 is newer than file2 (modification)", "if [ conditional_expression ]; then",
                    "$ lspci", "# netstat -tupan", "dists/stable/main/", "/etc/group -rw-r--r-- root root Informationen zur Gruppe",
                    "INSTALL_DIR = $(INSTALL) -p -d -o root -g root -m 755", "password required pam_permit.so",
                    "apt-cache policy package -> apt list -a package", "host clientname {", "$DEB_GAIN_ROOT_CMD some-cmd --which-requires-root",
                    "AS $$", "plpy.info(x, type(x))", "RETURNS int[]", ">>> import sys", "cookie[k] = v"]
        for (line, mark) in zip(code, marks(code)) { #expect(mark, "not code: \(line)") }
    }

    @Test func headlinesCreditsAndPricesAreNot() {
        let prose = ["Sharing is caring!", "32 Awesome Stocking Stuffers Under $5 for Boys 5-7", "Home / News / World",
                     "Former U.K. Consulate Worker Says Chinese Secret Police Tortured Him", "(AP Photo/Michael Conroy)",
                     "Sales and/or marketing - 10:00 - 11:00", "tags #Local Markets #Nifty #Sensex", "- Read more",
                     "Webb emerged, naked.", "e-mail: news@example.com", "Shapovalov, Pospisil give Canada a pair of upsets",
                     "Evernote(21)", "Apple AirPods with Charging Case (Latest Model)", ">> Read more", "[sic]",
                     "friend(s) and family", "$ 19.99", "#", "% change", "a 401(k) plan"]
        for (line, mark) in zip(prose, marks(prose)) { #expect(!mark, "code: \(line)") }
    }
}
