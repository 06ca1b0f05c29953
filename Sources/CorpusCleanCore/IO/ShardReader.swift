import Foundation

/// Reads the shards of a sharded input one after another, in their order, as one input: the
/// documents are numbered across shards (so dedup keeps the first copy whichever shard holds
/// it) and each carries its shard's index, by which the writer puts it in the cleaned shard
/// of the same name. Each shard is opened when reading reaches it; a shard that cannot be
/// opened then (removed since the run started) or whose stream breaks stops the reading, and
/// the run fails. The bytes consumed are hashed across shards, each after its relative path
/// and a NUL (`position`), as a text folder's files are.
public struct ShardReader: DocumentReader {
    public let shards: [InputShard]
    private let idField: String
    private let textField: String
    private let annotationField: String?
    private let decoder: ByteDecoder
    private let maxDocumentBytes: Int
    /// Every shard opened so far: its relative path, a NUL, and the bytes consumed from it.
    private let hash = StreamingHash64()
    private var current: (any DocumentReader)?
    private var index = -1
    private var ordinal = 0
    public private(set) var streamError: InputError?

    public var producesFiles: Bool { false }

    /// Bytes of the shards finished so far (each counted as its reader counted it).
    private var finishedBytes = 0
    /// The shards' sizes, taken when the reader is made.
    public let bytesTotal: Int?

    public var bytesRead: Int? { finishedBytes + (current?.bytesRead ?? 0) }

    public var position: InputPosition? { hash.position }

    /// `annotationField`, `decoder` and `maxDocumentBytes` are those of `JSONLReader` and
    /// `WARCReader`; the documents' sources name the shard by its relative path.
    public init(shards: [InputShard], idField: String, textField: String, annotationField: String?, decoder: ByteDecoder,
                maxDocumentBytes: Int = 64 << 20) {
        self.shards = shards
        self.idField = idField
        self.textField = textField
        self.annotationField = annotationField
        self.decoder = decoder
        self.maxDocumentBytes = maxDocumentBytes
        var total = 0
        for shard in shards {
            var info = stat()
            guard stat(shard.path, &info) == 0 else { bytesTotal = nil; return }
            total += Int(info.st_size)
        }
        bytesTotal = total
    }

    public mutating func next() -> Document? {
        nextRecord()?.document()
    }

    public mutating func nextRecord() -> RawRecord? {
        while streamError == nil {
            if current == nil {
                index += 1
                guard index < shards.count else { return nil }
                do {
                    current = try open(shards[index])
                } catch {
                    streamError = error
                    return nil
                }
            }
            guard var reader = current else { return nil }
            let record = reader.nextRecord()
            current = reader
            if let record {
                defer { ordinal += 1 }
                return record.placed(ordinal: ordinal, shard: index)
            }
            streamError = reader.streamError
            finishedBytes += reader.bytesRead ?? 0
            current = nil
        }
        return nil
    }

    private func open(_ shard: InputShard) throws(InputError) -> any DocumentReader {
        hash.update(Array(shard.relative.utf8)[...])
        hash.update([0][...])
        let source = try LineSource(path: shard.path, hash: hash)
        if shard.isWET {
            return WARCReader(source: source, idField: idField, textField: textField, decoder: decoder, label: shard.relative,
                              maxDocumentBytes: maxDocumentBytes)
        }
        return JSONLReader(source: source, idField: idField, textField: textField, annotationField: annotationField,
                           label: shard.relative, maxDocumentBytes: maxDocumentBytes)
    }
}
