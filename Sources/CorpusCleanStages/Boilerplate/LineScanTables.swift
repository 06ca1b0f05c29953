import CorpusCleanCore
import CTextKit

/// The tables the C line scan reads (`ctk_line_tables`): `ScalarKindTable` and the stopword
/// table, both built once per process and never freed.
struct LineScanTables: @unchecked Sendable {
    static let shared = LineScanTables()

    private let tables: ctk_line_tables

    private init() {
        let stopwords = Stopwords.table
        let kinds = UnsafePointer(ScalarKindTable.shared.entries)
        tables = ctk_line_tables(kinds: kinds,
                                 astral_kind: { ScalarKindTable.entry($0) },
                                 stopword_slots: UnsafePointer(stopwords.slots),
                                 stopword_mask: stopwords.mask,
                                 stopword_filter: UnsafePointer(stopwords.filter),
                                 han_unspaced: ctk_line_kinds_han_unspaced(kinds))
    }

    /// Calls `body` with a pointer to the tables.
    @inline(__always)
    func withTables<R>(_ body: (UnsafePointer<ctk_line_tables>) -> R) -> R {
        withUnsafePointer(to: tables, body)
    }
}
