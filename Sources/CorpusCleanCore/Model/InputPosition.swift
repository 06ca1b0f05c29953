/// How far a reader had read its input after a document: the bytes consumed from the start
/// (after decompression; for a text folder, the content of the files read, each after its
/// path) and the XXH64 of exactly those bytes. A checkpoint records it, so that `--resume`
/// can tell, by reading the same documents again, whether the input is the one the
/// interrupted run read (standard input included).
public struct InputPosition: Sendable, Equatable {
    public let bytes: Int
    public let hash: UInt64

    public init(bytes: Int, hash: UInt64) {
        self.bytes = bytes
        self.hash = hash
    }
}
