import CTextKit

/// Zstandard decompression (Debian's libzstd) of an input that starts with a zstd frame.
/// Frames follow one another (as `zstd` writes concatenated files and multi-threaded
/// compressors write big ones); bytes after a frame that are not another frame are corrupt
/// input, and input that ends inside a frame is a truncated stream.
final class ZstdStream: ByteStream {
    private let source: FileInput
    private let context: OpaquePointer
    private let input: UnsafeMutableRawBufferPointer
    private var position = 0
    private var count = 0
    private var inputEnded = false
    /// Inside a frame: the input must not end here.
    private var inFrame = true
    /// The last call filled the whole output, so the decoder may hold more.
    private var outputFull = false

    var consumed: Int { source.consumed }

    init(source: FileInput) throws(InputError) {
        guard let context = ZSTD_createDCtx() else { throw InputError(path: source.name, message: "cannot start the zstd decoder") }
        self.source = source
        self.context = context
        input = .allocate(byteCount: ZSTD_DStreamInSize(), alignment: 16)
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            if position == count && !inputEnded {
                count = try source.read(into: input)
                position = 0
                inputEnded = count == 0
            }
            if position == count && inputEnded && !outputFull {
                guard !inFrame else { throw InputError(path: source.name, message: "corrupt input: truncated zstd stream") }
                return 0
            }
            var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: count, pos: position)
            var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
            let hint = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
            if ZSTD_isError(hint) != 0 {
                throw InputError(path: source.name, message: "corrupt input: zstd: \(String(cString: ZSTD_getErrorName(hint)))")
            }
            position = inBuffer.pos
            inFrame = hint != 0
            outputFull = outBuffer.pos == outBuffer.size
            if outBuffer.pos > 0 { return outBuffer.pos }
        }
    }
}
