import CTextKit
import Testing
@testable import CorpusCleanStages

/// The quick-check table read from ICU's property maps range by range is what asking ICU about
/// each code point below U+30000 gives, for every normalization form.
@Suite struct NormalizationQuickCheckTests {
    @Test(arguments: [NormalizationForm.nfc, .nfkc, .nfkcCasefold, .nfd, .nfkd])
    func rangesReadAsCharacters(_ form: NormalizationForm) throws {
        let limit = NormalizationQuickCheck.limit
        let ctkForm = try #require(form.ctkForm)
        var ranges = [UInt8](repeating: 0, count: limit), characters = [UInt8](repeating: 1, count: limit)
        #expect(ctk_normalization_quick_check_classes(ctkForm, &ranges, Int32(limit)) == 0)
        #expect(ctk_normalization_quick_check_classes_by_character(ctkForm, &characters, Int32(limit)) == 0)
        let differing = (0..<limit).filter { ranges[$0] != characters[$0] }.map { String($0, radix: 16, uppercase: true) }
        #expect(differing.isEmpty, "code points read differently: \(differing.prefix(20))")
        let table = NormalizationQuickCheck.of(form)
        #expect((0..<limit).allSatisfy { table.classOf(UInt32($0)) == characters[$0] })
    }
}
