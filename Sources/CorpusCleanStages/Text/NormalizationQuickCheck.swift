import CorpusCleanCore
import CTextKit

/// UAX #15's quick check for a normalization form, from ICU's data, as one byte per code point
/// below U+30000: the character's canonical combining class where its quick check is YES, else
/// `NormalizationQuickCheck.no`. A text is in the form when every character has a class other
/// than `no` and no non-zero class follows a greater class; ICU need not be asked about it.
struct NormalizationQuickCheck: @unchecked Sendable {
    /// The class of a character whose quick check is not YES (or that the table does not hold).
    static let no: UInt8 = 255
    static let limit = 0x30000
    /// Never freed: there is one table per form for the life of the process.
    private let classes: UnsafeMutableBufferPointer<UInt8>
    /// Whether every ASCII character has class 0 (not so for NFKC_Casefold, which folds capitals).
    let coversASCII: Bool

    /// The table of `form`, from ICU: all `no` if ICU fails (every text then goes to ICU), all 0
    /// for `.none`.
    private init(form: NormalizationForm) {
        classes = .allocate(capacity: Self.limit)
        if let ctkForm = form.ctkForm {
            if ctk_normalization_quick_check_classes(ctkForm, classes.baseAddress, Int32(Self.limit)) != 0 {
                classes.initialize(repeating: Self.no)
            }
        } else {
            classes.initialize(repeating: 0)
        }
        coversASCII = classes[0..<0x80].allSatisfy { $0 == 0 }
    }

    /// The class of code point `v`.
    @inline(__always)
    func classOf(_ v: UInt32) -> UInt8 {
        v < Self.limit ? classes[Int(v)] : Self.no
    }

    /// The table of `form`, built once per process.
    static func of(_ form: NormalizationForm) -> NormalizationQuickCheck {
        switch form {
        case .nfc: nfc
        case .nfkc: nfkc
        case .nfkcCasefold: nfkcCasefold
        case .nfd: nfd
        case .nfkd: nfkd
        case .none: none
        }
    }

    private static let nfc = NormalizationQuickCheck(form: .nfc)
    private static let nfkc = NormalizationQuickCheck(form: .nfkc)
    private static let nfkcCasefold = NormalizationQuickCheck(form: .nfkcCasefold)
    private static let nfd = NormalizationQuickCheck(form: .nfd)
    private static let nfkd = NormalizationQuickCheck(form: .nfkd)
    private static let none = NormalizationQuickCheck(form: .none)
}
