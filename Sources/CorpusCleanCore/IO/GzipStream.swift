import CTextKit

/// Gzip decompression (zlib's inflate) of an input that starts with the gzip magic bytes.
/// Every member of a multi-member file is read in turn (Common Crawl writes one per record).
/// After the last member only zero bytes (padding) may follow: anything else is a damaged
/// member header, and the rest of the corpus behind it would be lost, so it is corrupt input.
/// Input that ends inside a member is a truncated stream.
final class GzipStream: ByteStream {
    private let source: FileInput
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    /// Inside a member: the input must not end here.
    private var inMember = true
    /// After the last member.
    private var finished = false
    /// The last inflate filled the whole output, so it may hold more.
    private var outputFull = false

    init(source: FileInput) throws(InputError) {
        self.source = source
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: 1 << 17, alignment: 16)
        // Window bits 15 + 16: the largest window, inside a gzip wrapper.
        guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(path: source.name, message: "cannot start the gzip decoder")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while !finished {
            guard inMember else {
                // Between members: another one starts with the magic bytes; else only padding may follow.
                if try available(2), stream.pointee.next_in[0] == 0x1F, stream.pointee.next_in[1] == 0x8B {
                    inMember = true
                    continue
                }
                try skipPadding()
                finished = true
                continue
            }
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            if stream.pointee.avail_in == 0 && inputEnded && !outputFull {
                throw InputError(path: source.name, message: "corrupt input: truncated gzip stream")
            }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(buffer.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            outputFull = stream.pointee.avail_out == 0
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                inMember = false
                inflateReset(stream)
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw InputError(path: source.name, message: "corrupt input: gzip: \(reason)")
            }
            if produced > 0 { return produced }
        }
        return 0
    }

    /// Reads the rest of the input, which must be zero bytes.
    private func skipPadding() throws(InputError) {
        while true {
            let waiting = UnsafeBufferPointer(start: stream.pointee.next_in, count: Int(stream.pointee.avail_in))
            if waiting.contains(where: { $0 != 0 }) {
                throw InputError(path: source.name, message: "corrupt input: bytes after the last gzip member are not another member")
            }
            stream.pointee.avail_in = 0
            if inputEnded { return }
            try refill()
        }
    }

    /// Reads until `count` bytes of input are waiting, or the input ends; true when they are.
    private func available(_ count: Int) throws(InputError) -> Bool {
        while Int(stream.pointee.avail_in) < count && !inputEnded { try refill() }
        return Int(stream.pointee.avail_in) >= count
    }

    /// Moves the unread input to the front of the buffer and reads more after it.
    private func refill() throws(InputError) {
        let kept = Int(stream.pointee.avail_in)
        if kept > 0 { input.baseAddress!.copyMemory(from: stream.pointee.next_in, byteCount: kept) }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[kept...]))
        if n == 0 { inputEnded = true }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(kept + n)
    }
}
