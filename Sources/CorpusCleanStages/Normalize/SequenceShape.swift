import CorpusCleanCore

/// In which code pages of `Charmap.all` a run of characters, turned back into bytes, has the
/// shape of UTF-8: whole sequences (a lead followed by as many continuation bytes as it needs),
/// and ASCII only between them. Built from the characters' `Charmap` roles (one bit per code
/// page in each field, see `Charmap.roles`), a code page whose bytes cannot be read as UTF-8 is
/// told without encoding the run in it.
struct SequenceShape {
    /// Code pages in which the run so far ends a sequence (all, for the empty run).
    private(set) var complete: UInt64 = 0xFFFF
    /// Code pages in which the run so far needs one, two or three more continuation bytes.
    private var need1: UInt64 = 0, need2: UInt64 = 0, need3: UInt64 = 0

    /// Adds a character whose roles are `roles`.
    @inline(__always)
    mutating func add(_ roles: UInt64) {
        let continuation = roles >> 48
        let ends = need1 & continuation
        need1 = (complete & roles & 0xFFFF) | (need2 & continuation)
        need2 = (complete & (roles >> 16) & 0xFFFF) | (need3 & continuation)
        need3 = complete & (roles >> 32) & 0xFFFF
        complete = ends
    }

    /// Adds an ASCII character: a sequence must have ended before it.
    @inline(__always)
    mutating func addASCII() {
        need1 = 0
        need2 = 0
        need3 = 0
    }
}
