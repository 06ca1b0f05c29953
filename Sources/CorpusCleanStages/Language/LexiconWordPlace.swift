/// A word to look up in `LexiconWords` by `LexiconWords.sum(_:in:)`: where its bytes are in
/// the text, and the slot and tag its look-up has reached.
struct LexiconWordPlace {
    /// The offset of the word's first byte in the text.
    var start: Int32
    /// The word's length in bytes.
    var length: Int32
    /// The slot the look-up has reached; -1 for a word the table cannot hold.
    var slot: Int32 = 0
    /// The low 32 bits of the word's slot (16 bits of its hash and its length).
    var tag: UInt32 = 0
}
