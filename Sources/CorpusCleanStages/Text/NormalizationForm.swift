import CorpusCleanCore
import CTextKit

/// A Unicode normalization form, as named in `pipeline.json`.
public enum NormalizationForm: String, Sendable, CaseIterable, OptionChoice {
    case nfc = "NFC"
    case nfkc = "NFKC"
    case nfkcCasefold = "NFKC_Casefold"
    case nfd = "NFD"
    case nfkd = "NFKD"
    case none

    var ctkForm: Int32? {
        switch self {
        case .nfc: return Int32(CTK_NFC.rawValue)
        case .nfkc: return Int32(CTK_NFKC.rawValue)
        case .nfkcCasefold: return Int32(CTK_NFKC_CASEFOLD.rawValue)
        case .nfd: return Int32(CTK_NFD.rawValue)
        case .nfkd: return Int32(CTK_NFKD.rawValue)
        case .none: return nil
        }
    }
}
