/// The `normalize` stage: repairs web-text noise, then applies a Unicode normalization form.
public struct NormalizeStage: DocumentStage {
    public let name = StageName.normalize
    public let options: NormalizeOptions
    private let cleaner: TextCleaner

    public init(options: NormalizeOptions) {
        self.options = options
        cleaner = TextCleaner(options: options)
    }

    public func process(_ state: inout DocumentState) -> StageReport {
        var report = StageReport(stage: name)
        let cleaned = cleaner.clean(state.text, report: &report)
        let normalized = UnicodeNormalizer.normalize(cleaned, form: options.form)
        // String == compares canonically equivalent texts as equal: compare the bytes.
        if !normalized.utf8.elementsEqual(cleaned.utf8) { report.count("normalization_form") }
        report.changedText = !normalized.utf8.elementsEqual(state.text.utf8)
        state.text = normalized
        return report
    }
}
