import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// CLD2's full tables (libcld2_full) are linked ahead of its small ones without unsafe linker
/// flags: CLD2 itself, not the n-gram model, names languages that only the full tables know.
@Suite struct CLD2FullTablesTests {
    static let samples: [(String, String)] = [
        ("la", "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, tertiam qui ipsorum lingua Celtae, nostra Galli appellantur."),
        ("eo", "Ĉiuj homoj estas denaske liberaj kaj egalaj laŭ digno kaj rajtoj. Ili posedas racion kaj konsciencon, kaj devus konduti unu al alia en spirito de frateco."),
        ("zu", "Bonke abantu bazalwa bekhululekile futhi belingana ngesithunzi nangamalungelo. Banikwe ingqondo nonembeza futhi kufanele baphathane ngomoya wobuzalwane."),
        ("yo", "Gbogbo ènìyàn ni a bí ní òmìnira; iyì àti ẹ̀tọ́ kọ̀ọ̀kan sì dọ́gba. Wọ́n ní ẹ̀bùn ti làákàyè àti ti ẹ̀rí-ọkàn, ó sì yẹ kí wọn ó máa hùwà sí ara wọn gẹ́gẹ́ bí ọmọ ìyá."),
        ("so", "Aadanaha dhammaantiis wuxuu dhashaa isagoo xor ah kana siman xagga sharafta iyo xuquuqda Waxaa Alle siiyey aqoon iyo wacyi, waana in qof la arkaa qofka kale ula dhaqmaa si walaaltinimo ah."),
    ]

    @Test(arguments: samples.map(\.0))
    func cld2KnowsLanguagesOfTheFullTables(_ code: String) {
        let text = Self.samples.first { $0.0 == code }!.1
        let detection = CLD2.detect(text, bestEffort: false, spans: false)
        #expect(detection.languages.first?.code == code, "\(detection.languages)")
        #expect(detection.reliable)
    }

    /// The binary loads libcld2_full before libcld2, so that its tables interpose.
    @Test func theBinaryNeedsTheFullTablesFirst() throws {
        let needed = try TestSupport.runShell("readelf -d '\(TestSupport.binary.path)'")
            .split(separator: "\n").filter { $0.contains("(NEEDED)") && $0.contains("libcld2") }
        #expect(needed.count == 2)
        #expect(needed.first?.contains("libcld2_full") == true, "\(needed)")
    }
}
