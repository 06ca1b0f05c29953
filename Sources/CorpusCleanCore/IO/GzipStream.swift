import CTextKit

/// Gzip decompression (ISA-L's inflate, about four times as fast as zlib's on one core) of an
/// input that starts with the gzip magic bytes. Every member of a multi-member file is read in
/// turn (Common Crawl writes one per record), each checked against its trailer's CRC-32 and
/// length. After the last member only zero bytes (padding) may follow: anything else is a
/// damaged member header, and the rest of the corpus behind it would be lost, so it is corrupt
/// input. Input that ends inside a member is a truncated stream.
final class GzipStream: ByteStream {
    private let source: FileInput
    private let decoder: OpaquePointer
    private let input: UnsafeMutableRawBufferPointer
    /// The input read and not yet inflated.
    private var nextIn: UnsafePointer<UInt8>
    private var availIn = 0
    private var inputEnded = false
    /// Inside a member: the input must not end here.
    private var inMember = true
    /// The current member's header has been read.
    private var headerRead = false
    /// After the last member.
    private var finished = false

    init(source: FileInput) throws(InputError) {
        self.source = source
        guard let decoder = ctk_gunzip_new() else {
            throw InputError(path: source.name, message: "cannot start the gzip decoder")
        }
        self.decoder = decoder
        input = .allocate(byteCount: 1 << 17, alignment: 16)
        nextIn = UnsafePointer(input.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    var consumed: Int { source.consumed }

    deinit {
        ctk_gunzip_free(decoder)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while !finished {
            guard inMember else {
                // Between members: another one starts with the magic bytes; else only padding may follow.
                if try available(2), nextIn[0] == 0x1F, nextIn[1] == 0x8B {
                    inMember = true
                    headerRead = false
                    continue
                }
                try skipPadding()
                finished = true
                continue
            }
            if !headerRead { try readHeader() }
            if availIn == 0 && !inputEnded { try refill() }
            var next: UnsafePointer<UInt8>? = nextIn
            var produced = 0
            var memberEnd: Int32 = 0
            let status = ctk_gunzip_inflate(decoder, &next, &availIn, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                            buffer.count, &produced, &memberEnd)
            nextIn = next!
            guard status == 0 else { throw corrupt(status) }
            if memberEnd != 0 {
                inMember = false
            } else if produced == 0 && availIn == 0 && inputEnded {
                throw InputError(path: source.name, message: "corrupt input: truncated gzip stream")
            }
            if produced > 0 { return produced }
        }
        return 0
    }

    /// Reads a member's header, whole in the input buffer (a longer one is refused).
    private func readHeader() throws(InputError) {
        while true {
            let length = ctk_gunzip_start(decoder, nextIn, availIn)
            if length < 0 { throw corrupt(Int32(length)) }
            if length > 0 {
                nextIn += length
                availIn -= length
                headerRead = true
                return
            }
            if inputEnded { throw InputError(path: source.name, message: "corrupt input: truncated gzip stream") }
            if availIn == input.count { throw InputError(path: source.name, message: "corrupt input: gzip header longer than \(input.count) bytes") }
            try refill()
        }
    }

    private func corrupt(_ status: Int32) -> InputError {
        InputError(path: source.name, message: "corrupt input: gzip: \(String(cString: ctk_gunzip_error(status)))")
    }

    /// Reads the rest of the input, which must be zero bytes.
    private func skipPadding() throws(InputError) {
        while true {
            let waiting = UnsafeBufferPointer(start: nextIn, count: availIn)
            if waiting.contains(where: { $0 != 0 }) {
                throw InputError(path: source.name, message: "corrupt input: bytes after the last gzip member are not another member")
            }
            availIn = 0
            if inputEnded { return }
            try refill()
        }
    }

    /// Reads until `count` bytes of input are waiting, or the input ends; true when they are.
    private func available(_ count: Int) throws(InputError) -> Bool {
        while availIn < count && !inputEnded { try refill() }
        return availIn >= count
    }

    /// Moves the unread input to the front of the buffer and reads more after it.
    private func refill() throws(InputError) {
        let kept = availIn
        if kept > 0 { input.baseAddress!.copyMemory(from: nextIn, byteCount: kept) }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[kept...]))
        if n == 0 { inputEnded = true }
        nextIn = UnsafePointer(input.baseAddress!.assumingMemoryBound(to: UInt8.self))
        availIn = kept + n
    }
}
