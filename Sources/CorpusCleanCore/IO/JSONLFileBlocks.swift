#if canImport(Glibc)
import Glibc
#endif

/// A plain JSON Lines file (a regular file, not compressed) that the corpus pre-pass's workers
/// read themselves, a block of `blockBytes` at a time at its offset, each cutting the records
/// whose lines start in its block where `JSONLReader.nextRecord` cuts them (at line feeds, a CR
/// before one left out; blank lines are no records; a line longer than
/// `input.max_document_bytes` is a record without text). No thread reads for the others: the
/// kernel copies each block into memory of its worker's, where the worker's scans find it.
///
/// `@unchecked Sendable`: the workers share only `file`'s positional reads (`pread`), which
/// change nothing of it.
public struct JSONLFileBlocks: @unchecked Sendable {
    let file: FileInput
    /// Where the first line starts (after a byte order mark) and the file's size when opened:
    /// the blocks cover those bytes, and lines that start past them are not read.
    let start: Int
    let size: Int
    let parser: JSONLRecordParser
    let maxDocumentBytes: Int
    let blockBytes: Int

    /// How many blocks there are.
    var count: Int { size > start ? (size - start + blockBytes - 1) / blockBytes : 0 }

    /// Calls `body` with the text of each record whose line starts in block `index` and whose
    /// document is no error, as `JSONLRecordParser.withText` gives it (keeping the escapes of a
    /// text whose only ones are `\n`), unescaped otherwise in `scratch`. False when the file
    /// could not be read.
    func forEachText(inBlock index: Int, scratch: UnescapeScratch, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) -> Bool {
        let from = start + index * blockBytes, to = min(from + blockBytes, size)
        // The byte before the block tells whether a line starts at its first byte.
        let lead = index > 0 ? 1 : 0
        let wanted = to - from + lead
        // Freed at the end of the block: the allocator hands the next one of the same size the
        // same memory, warm in the worker's cache.
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, wanted))
        defer { buffer.deallocate() }
        let end = read(into: buffer, count: wanted, at: from - lead)
        guard end >= 0 else { return false }
        var at = lead
        if index > 0, end == 0 || buffer[0] != 0x0A {
            // The first line that starts in the block follows the first line feed in it.
            guard let feed = Self.feed(buffer, from: lead, to: end) else { return true }
            at = feed + 1
        }
        while at < end {
            guard let feed = Self.feed(buffer, from: at, to: end) else {
                // The block's last line runs on past it.
                return readOn(UnsafeBufferPointer(start: buffer + at, count: end - at), at: from - lead + end, scratch: scratch, body)
            }
            let cr = feed > at && buffer[feed - 1] == 0x0D ? 1 : 0
            record(UnsafeBufferPointer(start: buffer + at, count: feed - cr - at), scratch: scratch, body)
            at = feed + 1
        }
        return true
    }

    /// The line whose first bytes are `head`, read on from `offset` up to its line feed (or the
    /// end of the file), unless it is longer than the cap: then it is no document's text.
    private func readOn(_ head: UnsafeBufferPointer<UInt8>, at offset: Int, scratch: UnescapeScratch,
                        _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) -> Bool {
        var line = Array(head)
        var offset = offset
        let chunk = 1 << 16
        while line.count <= maxDocumentBytes + 1 {
            let before = line.count
            line.reserveCapacity(before + chunk)
            var n = 0
            line.append(contentsOf: repeatElement(0, count: chunk))
            line.withUnsafeMutableBufferPointer { n = read(into: $0.baseAddress! + before, count: chunk, at: offset) }
            guard n >= 0 else { return false }
            line.removeLast(chunk - n)
            if n == 0 {
                // The file's last line, without a line feed (and so with any CR it ends in).
                line.withUnsafeBufferPointer { record($0, scratch: scratch, body) }
                return true
            }
            if let feed = line.withUnsafeBufferPointer({ Self.feed(UnsafeMutablePointer(mutating: $0.baseAddress!), from: before, to: line.count) }) {
                let cr = feed > 0 && line[feed - 1] == 0x0D ? 1 : 0
                line.withUnsafeBufferPointer { record(UnsafeBufferPointer(rebasing: $0[..<(feed - cr)]), scratch: scratch, body) }
                return true
            }
            offset += n
        }
        // Longer than the cap whatever follows: a document in error.
        return true
    }

    /// Calls `body` with the text of the record `line` (a line without its line feed), if it is
    /// one and its document is no error.
    private func record(_ line: UnsafeBufferPointer<UInt8>, scratch: UnescapeScratch, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        guard line.count <= maxDocumentBytes, !JSONLRecordParser.isBlankLine(line) else { return }
        parser.withText(of: line, scratch: scratch, keepingNewlineEscapes: true) { text, newlinesEscaped in
            if !text.isEmpty { body(text, newlinesEscaped) }
        }
    }

    /// Reads `count` bytes at `offset` into `buffer` (fewer at the end of the file): how many,
    /// -1 on an error.
    private func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) -> Int {
        var done = 0
        while done < count {
            let n = file.read(into: UnsafeMutableRawBufferPointer(start: buffer + done, count: count - done), at: offset + done)
            if n < 0 { return -1 }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// The index of the first line feed in `buffer[from..<to]`, if any.
    private static func feed(_ buffer: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        return memchr(buffer + from, 0x0A, to - from).map { $0.assumingMemoryBound(to: UInt8.self) - buffer }
    }
}
