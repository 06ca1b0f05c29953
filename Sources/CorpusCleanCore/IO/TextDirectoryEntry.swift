/// One entry of a text folder as listed: its path below the folder in raw bytes (a file name
/// need not be UTF-8), what `stat` found, and why it could not be listed, if it could not.
struct TextDirectoryEntry {
    /// The folders leading to the entry, then its own name.
    let components: [[UInt8]]
    /// `size:mtime-ns:inode` of the entry (links followed), `?` when `stat` failed.
    let stamp: String
    /// The size of a regular file (links followed), else 0: the bytes progress counts for it.
    let size: Int
    /// Set for a folder that could not be listed (`unreadable: cannot list: ...`).
    let listingError: String?

    /// The path below the folder, components joined by `/`.
    var relative: [UInt8] { Array(components.joined(separator: [UInt8(ascii: "/")])) }

    /// The document id: the relative path when it is UTF-8, else `escaped(relative)`.
    var id: String { String(validating: relative, as: UTF8.self) ?? Self.escaped(relative) }

    /// Whether the relative path is valid UTF-8.
    var isUTF8: Bool { String(validating: relative, as: UTF8.self) != nil }

    /// A lossless text form of bytes that are not all UTF-8: valid UTF-8 sequences stay as
    /// they are, a backslash becomes `\\` and every other byte `\xHH` (two upper-case hex
    /// digits), so that the bytes can be had back exactly from the id.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\\" { out += "\\\\" } else { out.unicodeScalars.append(scalar) }
                offset += encoded.count
            case let .error(length):
                for byte in bytes[offset..<offset + length] {
                    let hex = String(byte, radix: 16, uppercase: true)
                    out += "\\x" + (hex.count == 1 ? "0" : "") + hex
                }
                offset += length
            case .emptyInput:
                return out
            }
        }
    }
}
