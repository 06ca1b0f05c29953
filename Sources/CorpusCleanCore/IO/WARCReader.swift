/// Reads Common Crawl WET files (`.warc.wet.gz`, multi-member gzip, zstd, or plain): every
/// `conversion` record is a document whose id is its WARC-Record-ID, with `url` and `date`
/// fields taken from WARC-Target-URI and WARC-Date. Other records (warcinfo) are not
/// documents. A record whose content is not UTF-8 is an error document, and so is one larger
/// than `maxDocumentBytes` (its first 64 KiB kept, the rest passed over unread into memory).
public struct WARCReader: DocumentReader {
    private let source: LineSource
    private let label: String
    private let idField: String
    private let textField: String
    private let decoder: ByteDecoder
    private let maxDocumentBytes: Int
    private var ordinal = 0
    private var record = 0
    /// Set when the stream broke (corrupt gzip or zstd, truncated record); reading stops there.
    public private(set) var streamError: InputError?

    public var producesFiles: Bool { false }
    public var bytesRead: Int? { source.bytesRead }
    public var bytesTotal: Int? { source.bytesTotal }

    /// Opens `path` (`-` for stdin). `label` names the input in the documents' sources
    /// (default: the path, `stdin` for `-`).
    public init(path: String, idField: String, textField: String, decoder: ByteDecoder, label: String? = nil,
                maxDocumentBytes: Int = 64 << 20) throws(InputError) {
        self.init(source: try LineSource(path: path), idField: idField, textField: textField, decoder: decoder,
                  label: label ?? (path == "-" ? "stdin" : path), maxDocumentBytes: maxDocumentBytes)
    }

    /// Reads the records of `source` (a shard's, which hashes into the input's hash).
    init(source: LineSource, idField: String, textField: String, decoder: ByteDecoder, label: String, maxDocumentBytes: Int) {
        self.source = source
        self.label = label
        self.idField = idField
        self.textField = textField
        self.decoder = decoder
        self.maxDocumentBytes = maxDocumentBytes
    }

    public var position: InputPosition? { source.position }

    /// True for names that look like WET files.
    public static func handles(_ path: String) -> Bool {
        [".warc.wet.gz", ".warc.wet.zst", ".warc.wet", ".wet.gz", ".wet.zst", ".wet"].contains { path.hasSuffix($0) }
    }

    public mutating func next() -> Document? {
        nextRecord()?.document()
    }

    /// The next `conversion` record, read but not decoded: its document is made by the thread
    /// that asks for it (a streaming run's worker).
    public mutating func nextRecord() -> RawRecord? {
        do throws(InputError) {
            while let headers = try readHeaders() {
                record += 1
                let length = Int(headers.contentLength ?? "") ?? 0
                let tooLarge = length > maxDocumentBytes
                let content = try source.read(count: tooLarge ? min(length, ReadError.keptBytes) : length)
                let read = content.count + (tooLarge ? try source.skip(count: length - content.count) : 0)
                guard read == length else {
                    throw InputError(path: label, message: "record \(record) is truncated")
                }
                guard headers.type == "conversion" else { continue }
                defer { ordinal += 1 }
                let decoding = RecordDecoding(label: label, idField: idField, textField: textField, decoder: decoder,
                                              maxDocumentBytes: maxDocumentBytes)
                let place = (ordinal: ordinal, record: record, position: source.position), kept = tooLarge ? length : nil
                return RawRecord {
                    var document = decoding.document(headers: headers, content: content, length: kept, ordinal: place.ordinal,
                                                     record: place.record)
                    document.inputPosition = place.position
                    return document
                }
            }
            return nil
        } catch {
            streamError = error
            return nil
        }
    }

    /// What decoding a record needs of the reader: a value any thread can use.
    private struct RecordDecoding: Sendable {
        let label: String
        let idField: String
        let textField: String
        let decoder: ByteDecoder
        let maxDocumentBytes: Int

        /// The document of a record; `length` is set when the record was larger than
        /// `maxDocumentBytes` and `content` holds only its first bytes.
        func document(headers: WARCHeaders, content: [UInt8], length: Int?, ordinal: Int, record: Int) -> Document {
            var id = headers.recordID ?? "\(label)#\(record)"
            if id.hasPrefix("<"), id.hasSuffix(">") { id = String(id.dropFirst().dropLast()) }
            let source = "\(label)#\(record)"
            let fields: [(key: String, value: JSONValue)] = [
                (idField, .string(id)),
                ("url", headers.targetURI.map(JSONValue.string) ?? .null),
                ("date", headers.date.map(JSONValue.string) ?? .null),
                (textField, .string("")),
            ]
            if let length {
                return Document(ordinal: ordinal, id: id, source: source, text: "", fields: fields, bytesIn: content.count,
                                readError: .tooLarge(size: length, limit: maxDocumentBytes, kept: content.count),
                                rawBytes: content)
            }
            let decoded = decoder.decode(content)
            return Document(ordinal: ordinal, id: id, source: source, text: decoded.text, fields: fields, bytesIn: content.count,
                            readError: decoded.error, decodingNote: decoded.note, rawBytes: decoded.error != nil ? content : nil)
        }
    }

    /// Reads a record's version line and headers; nil at the end. The lines are read in place.
    private func readHeaders() throws(InputError) -> WARCHeaders? {
        // Per line: 0 empty, 1 a version line, 2 anything else.
        var kind = 0
        repeat {
            guard let next = try source.withNextLine({ $0.isEmpty ? 0 : $0.starts(with: Self.versionPrefix) ? 1 : 2 }) else { return nil }
            kind = next
        } while kind == 0
        guard kind == 1 else {
            throw InputError(path: label, message: "expected a WARC/1.x record header after record \(record)")
        }
        var headers = WARCHeaders()
        while try source.withNextLine({ line -> Bool in
            if line.isEmpty { return false }
            headers.add(line: line)
            return true
        }) == true {}
        return headers
    }

    private static let versionPrefix = Array("WARC/".utf8)
}
