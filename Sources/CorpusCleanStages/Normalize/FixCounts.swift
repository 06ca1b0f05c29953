import CorpusCleanCore

/// The fixes `TextCleaner` counts while it walks a text, in a counter per kind (no string key
/// hashed per fix), added to the stage's report once at the end.
struct FixCounts {
    /// A kind of fix; `key` is its name in the report.
    enum Kind: Int, CaseIterable {
        case c1AsWindows1252, control, terminalEscape, bom, softHyphen, formatCharacter, nbsp, unicodeSpace
        case quoteFolded, dashFolded, trailingSpace, crlf, cr, htmlEntity

        var key: String {
            switch self {
            case .c1AsWindows1252: "c1_as_windows_1252"
            case .control: "control"
            case .terminalEscape: "terminal_escape"
            case .bom: "bom"
            case .softHyphen: "soft_hyphen"
            case .formatCharacter: "format_character"
            case .nbsp: "nbsp"
            case .unicodeSpace: "unicode_space"
            case .quoteFolded: "quote_folded"
            case .dashFolded: "dash_folded"
            case .trailingSpace: "trailing_space"
            case .crlf: "crlf"
            case .cr: "cr"
            case .htmlEntity: "html_entity"
            }
        }
    }

    private var counts = SIMD16<Int>()

    /// Whether nothing was counted.
    var isEmpty: Bool { counts == SIMD16<Int>() }

    /// Counts one fix of `kind`.
    @inline(__always)
    mutating func count(_ kind: Kind) { counts[kind.rawValue] += 1 }

    /// Adds every count to `report` under its kind's key.
    func add(to report: inout StageReport) {
        guard !isEmpty else { return }
        for k in 0..<Kind.allCases.count where counts[k] > 0 { report.count(Kind(rawValue: k)!.key, counts[k]) }
    }
}
