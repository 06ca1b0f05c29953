/// A source of documents in input order. Problems with one document come back as a
/// Document with `readError` set; only a source that cannot be opened at all throws.
public protocol DocumentReader {
    /// The next document, or nil at the end.
    mutating func next() -> Document?
    /// The next record, cut from the input in order but maybe not parsed yet (its
    /// `document()` is `next()`'s document), or nil at the end. By default, `next()`'s.
    mutating func nextRecord() -> RawRecord?
    /// The input as blocks of `blockBytes` for the corpus pre-pass's workers to read and cut
    /// into records themselves, when it is a plain JSON Lines file; nil otherwise (compressed
    /// input, a pipe, standard input, text folders, WET, shards), and by default.
    func fileBlocks(blockBytes: Int) -> JSONLFileBlocks?
    /// True when the cleaned output should mirror files (`docs/`); false for JSONL.
    var producesFiles: Bool { get }
    /// How many documents the input holds, when that is known before reading (progress).
    var expectedCount: Int? { get }
    /// Bytes of the input read so far (compressed bytes for compressed input; after `skip`,
    /// the bytes skipped), for progress; nil when the reader does not count them.
    var bytesRead: Int? { get }
    /// The input's size in bytes when it is known before reading (a regular file, a text
    /// folder's files); nil for a pipe.
    var bytesTotal: Int? { get }
    /// Moves past the next `count` documents without processing them (`--resume`).
    mutating func skip(_ count: Int)
    /// Set when the stream itself broke (corrupt gzip or zstd, truncated record) and reading stopped
    /// there; the run then fails instead of committing a partial output.
    var streamError: InputError? { get }
    /// How far the input has been read (after the last document returned or skipped), for
    /// `--resume`'s check that the input is the one a checkpoint was written on; nil when the
    /// reader does not tell.
    var position: InputPosition? { get }
}

extension DocumentReader {
    public mutating func nextRecord() -> RawRecord? {
        next().map(RawRecord.init(document:))
    }

    public var expectedCount: Int? { nil }

    public func fileBlocks(blockBytes: Int) -> JSONLFileBlocks? { nil }

    public var streamError: InputError? { nil }

    public var bytesRead: Int? { nil }

    public var bytesTotal: Int? { nil }

    public var position: InputPosition? { nil }

    public mutating func skip(_ count: Int) {
        for _ in 0..<count where nextRecord() != nil {}
    }
}
