import CorpusCleanCore
/// The `normalize` stage: repairs mojibake and web-text noise, then applies a Unicode
/// normalization form (ICU is asked only about text whose quick check in `TextCleaner`, see
/// `NormalizationQuickCheck`, is not YES).
public struct NormalizeStage: DocumentStage {
    public let options: NormalizeOptions
    private let cleaner: TextCleaner

    public init(options: NormalizeOptions) {
        self.options = options
        cleaner = TextCleaner(options: options)
    }

    public func process(_ state: inout DocumentState) -> StageReport { report(processing: &state) }

    public func process(_ state: inout DocumentState, into report: inout StageReport) {
        var text = state.text
        var changed = false
        if options.mojibake {
            // Its first round is the cheap test (`MojibakeRepair.mayNeedRepair`).
            let (repaired, fixes, lostBytes) = MojibakeRepair.repair(text)
            if fixes > 0 {
                report.count("mojibake", fixes)
                if lostBytes > 0 { report.count("lost_byte", lostBytes) }
                text = repaired
                changed = true
            }
        }
        let (cleaned, mayNeedForm) = cleaner.clean(text, report: &report)
        if !report.fixes.isEmpty { changed = true }
        text = cleaned
        if mayNeedForm {
            if let normalized = UnicodeNormalizer.normalizedIfChanged(text, form: options.form) {
                report.count("normalization_form")
                changed = true
                text = normalized
            }
        }
        report.changedText = changed
        if changed { state.text = text }
    }
}
