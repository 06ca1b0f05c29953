import CorpusCleanCore
/// What tokenizers need to know of a code point, from one table of the Basic Multilingual
/// Plane (`CharacterTables`, generated from the code points' properties), so that hot loops never ask `Unicode.Scalar.Properties`
/// (a look-up in the standard library's tries per scalar) for the scripts users feed them.
///
/// Code points past the BMP (emoji, rare ideographs) are classified from their properties on
/// each call: they are rare in text.
struct WordCharacterTable: @unchecked Sendable {
    /// The role of a code point in a token.
    enum Role: UInt8 {
        /// Ends a token: punctuation, symbols, spaces, controls.
        case separator = 0
        /// A letter or digit kept as it is.
        case word = 1
        /// A letter that changes when lowercased.
        case upper = 2
        /// A letter of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar).
        case unspaced = 3
        /// A mark (nonspacing, spacing or enclosing): continues the token before it, so that a
        /// Khmer or Myanmar vowel sign stays with its letter.
        case mark = 4
    }

    static let shared = WordCharacterTable()

    /// Per BMP code point: the role in the low 3 bits, `whitespaceBit` when it is white space,
    /// `letterOrMarkBit` when its general category is a letter or a mark, `alphabeticBit` when
    /// it has the Alphabetic property.
    private let entries: UnsafePointer<UInt8>
    /// Per BMP code point of role `upper`: its lowercase when that is one BMP scalar, else 0.
    private let lowercase: UnsafePointer<UInt16>
    private static let whitespaceBit: UInt8 = 0x08
    private static let letterOrMarkBit: UInt8 = 0x10
    private static let alphabeticBit: UInt8 = 0x20
    private static let bmp = 0x10000

    private init() {
        let tables = CharacterTables.shipped
        entries = UnsafePointer(tables.wordEntries)
        lowercase = UnsafePointer(tables.lowercase)
    }

    /// The entry byte and the lowercase of BMP code point `v`, from its Unicode properties:
    /// what `CharacterTables.computed()` writes to the shipped tables.
    static func computedEntry(_ v: UInt32) -> (entry: UInt8, lowercase: UInt16) {
        guard let scalar = Unicode.Scalar(v) else { return (0, 0) }
        let role = classify(scalar)
        let entry = role.rawValue | (scalar.properties.isWhitespace ? whitespaceBit : 0)
            | (isLetterOrMark(scalar) ? letterOrMarkBit : 0)
            | (scalar.properties.isAlphabetic ? alphabeticBit : 0)
        var lower: UInt16 = 0
        if role == .upper {
            let mapped = Array(scalar.properties.lowercaseMapping.unicodeScalars)
            if mapped.count == 1, mapped[0].value < UInt32(bmp) { lower = UInt16(mapped[0].value) }
        }
        return (entry, lower)
    }

    /// The role of `scalar` from its Unicode properties.
    static func classify(_ scalar: Unicode.Scalar) -> Role {
        let props = scalar.properties
        switch props.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: break
        }
        if props.isAlphabetic {
            if LineFeatures.isUnspacedScript(Script.code(of: scalar)) { return .unspaced }
            return props.changesWhenLowercased ? .upper : .word
        }
        if props.numericType != nil { return props.changesWhenLowercased ? .upper : .word }
        return .separator
    }

    /// Whether the general category of `scalar` is a letter (Lu, Ll, Lt, Lm, Lo) or a mark (Mn, Mc, Me).
    static func isLetterOrMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether the general category of code point `v` is a letter or a mark.
    @inline(__always)
    func isLetterOrMark(_ v: UInt32) -> Bool {
        if v < UInt32(Self.bmp) { return entries[Int(v)] & Self.letterOrMarkBit != 0 }
        return Unicode.Scalar(v).map(Self.isLetterOrMark) ?? false
    }

    /// Whether `scalar` has the Alphabetic property (as `scalar.properties.isAlphabetic`).
    @inline(__always)
    func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < UInt32(Self.bmp) { return entries[Int(scalar.value)] & Self.alphabeticBit != 0 }
        return scalar.properties.isAlphabetic
    }

    /// The role of code point `v`.
    @inline(__always)
    func role(_ v: UInt32) -> Role {
        if v < UInt32(Self.bmp) { return Role(rawValue: entries[Int(v)] & 0x07)! }
        guard let scalar = Unicode.Scalar(v) else { return .separator }
        return Self.classify(scalar)
    }

    /// Whether code point `v` is white space.
    @inline(__always)
    func isWhitespace(_ v: UInt32) -> Bool {
        if v < UInt32(Self.bmp) { return entries[Int(v)] & Self.whitespaceBit != 0 }
        return Unicode.Scalar(v)?.properties.isWhitespace ?? false
    }

    /// Calls `body` with each scalar of the lowercase of `v`, a code point of role `upper`.
    @inline(__always)
    func lowercased(_ v: UInt32, _ body: (UInt32) -> Void) {
        if let lower = lowercase(of: v) { return body(lower) }
        guard let scalar = Unicode.Scalar(v) else { return body(v) }
        for s in scalar.properties.lowercaseMapping.unicodeScalars { body(s.value) }
    }

    /// The lowercase of BMP code point `v` when it is one BMP scalar other than `v`; nil otherwise
    /// (`lowercased(_:_:)` then gives it).
    @inline(__always)
    func lowercase(of v: UInt32) -> UInt32? {
        v < UInt32(Self.bmp) && lowercase[Int(v)] != 0 ? UInt32(lowercase[Int(v)]) : nil
    }
}
