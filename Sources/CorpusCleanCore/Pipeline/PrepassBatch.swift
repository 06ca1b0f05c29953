/// What the corpus pre-pass hands a worker: records cut by the reading thread, or the number of
/// a block of a plain JSON Lines file that the worker reads and cuts itself; once transformed,
/// the keys of each pass (its records' one after the other in one array) and the thread that
/// made them.
struct PrepassBatch: Sendable {
    var records: [RawRecord] = []
    var block: Int?
    var keys: [[UInt64]] = []
    var owner: UInt = 0

    /// Calls `body` with the text of each record whose document is no error, and whether its
    /// bytes are a JSON string's whose only escapes are `\n` (see `RawRecord.withText`). False
    /// when a block could not be read.
    func forEachText(of file: JSONLFileBlocks?, scratch: UnescapeScratch, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) -> Bool {
        if let block, let file { return file.forEachText(inBlock: block, scratch: scratch, body) }
        // Read in place: a record read from the batch, which the closure could reach, was
        // copied first (its strings retained, then released).
        records.withUnsafeBufferPointer { records in
            for record in records.indices {
                records[record].withText(scratch: scratch, body)
            }
        }
        return true
    }
}
