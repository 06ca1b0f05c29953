import Foundation

/// Encodes the JSON lines of the output files: manifest, rejected and cleaned documents.
public struct RecordEncoder: Sendable {
    public let annotations: Bool
    public let annotationKey: String
    public let idField: String
    public let textField: String

    public init(output: OutputOptions, input: InputOptions) {
        annotations = output.annotations
        annotationKey = output.annotationKey
        idField = input.idField
        textField = input.textField
    }

    /// One manifest line: what happened to the document, built from the stage reports.
    public func manifestLine(_ state: DocumentState) -> [UInt8] {
        var w = JSONWriter(capacity: 512)
        let doc = state.document
        w.openObject()
        writeDecision(&w, state)
        let language = state.language
        w.key(.language); w.string(language?.code)
        w.key(.languageConfidence)
        if let language { w.double(language.confidence, decimals: 4) } else { w.null() }
        w.key(.languageReliable)
        if let language { w.bool(language.reliable) } else { w.null() }
        w.key(.languages)
        if let language { writeCandidates(&w, language.top) } else { w.null() }
        w.key(.languageSpans)
        if let language { writeCandidates(&w, language.spans) } else { w.null() }
        w.key(.languageMixed)
        if let language { w.bool(language.mixed) } else { w.null() }
        w.key(.languagePair); w.string(language?.pair)
        let duplicate = state.duplicate
        w.key(.duplicateOf); w.string(duplicate?.duplicateOf)
        w.key(.similarity)
        if let duplicate { w.double(duplicate.similarity, decimals: 4) } else { w.null() }
        let linesIn = doc.readError == nil ? RecordEncoder.lineCount(doc.text) : 0
        let kept = state.status == .kept
        // A text no stage changed is the input's, storage and all: counted and hashed once.
        let unchanged = doc.readError == nil && RecordEncoder.sharesStorage(doc.text, state.text)
        let hashIn = doc.readError == nil ? Hash64.hash(doc.text) : nil
        w.key(.bytesIn); w.int(doc.bytesIn)
        w.key(.bytesOut); w.int(kept ? state.text.utf8.count : 0)
        w.key(.linesIn); w.int(linesIn)
        w.key(.linesOut); w.int(kept ? unchanged ? linesIn : RecordEncoder.lineCount(state.text) : 0)
        w.key(.linesRemoved); w.int(state.removedLineCount)
        w.key(.removedByReason)
        w.counts(sorting: state.removedReasonPairs)
        w.key(.fixes)
        w.counts(sorting: state.fixPairs)
        w.key(.decoding); w.string(doc.decodingNote)
        w.key(.hashIn); w.string(hashIn.map(Hash64.hex))
        w.key(.hashOut); w.string(kept ? Hash64.hex(unchanged ? hashIn! : Hash64.hash(state.text)) : nil)
        if state.reports.contains(where: { !$0.attributes.isEmpty }) {
            w.key(.attributes)
            w.value(.object(state.reports.filter { !$0.attributes.isEmpty }.map { ($0.stage.rawValue, .object($0.attributes)) }))
        }
        w.closeObject()
        w.newline()
        return w.bytes
    }

    /// One rejected.jsonl line: the whole input document with the decision.
    public func rejectedLine(_ state: DocumentState) -> [UInt8] {
        var w = JSONWriter(capacity: 512)
        let doc = state.document
        w.openObject()
        writeDecision(&w, state)
        w.key(.detail); w.string(state.reports.last(where: { $0.dropDetail != nil })?.dropDetail)
        if let duplicate = state.duplicate {
            w.key(.duplicateOf); w.string(duplicate.duplicateOf)
            w.key(.similarity); w.double(duplicate.similarity, decimals: 4)
        }
        if let raw = doc.rawBytes {
            if let text = UTF8Validation.string(raw) {
                w.key(.raw); w.string(text)
            } else {
                w.key(.rawBase64); w.string(Data(raw).base64EncodedString())
            }
        } else {
            w.key(.text); w.string(doc.text)
            if !doc.fields.isEmpty {
                w.key(.record)
                w.value(.object(doc.fields))
            }
        }
        w.closeObject()
        w.newline()
        return w.bytes
    }

    /// One cleaned JSONL record: the input fields in order with the text replaced, plus the
    /// annotations when enabled. Text-directory input gives `{"id": ..., "text": ...}`.
    ///
    /// The annotations go to `annotationKey`, added as the last field when the record has none.
    /// A record whose field of that name is an object (Dolma's `metadata`) keeps it, every
    /// member in order, and gets the annotations inside it under ``RecordEncoder/ownKey``;
    /// only a member of that name (a previous run's annotations) is replaced. With the default
    /// key the field is corpusclean's own and is replaced whole. (A record whose field is a
    /// string, number, array or null never gets here: the reader makes it an error document,
    /// see ``JSONLReader/init(path:idField:textField:annotationField:label:)``.)
    public func documentLine(_ state: DocumentState) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        let doc = state.document
        w.openObject()
        var annotated = !annotations
        if doc.fields.isEmpty {
            w.key(idField); w.string(doc.id)
            w.key(textField); w.string(state.text)
        } else {
            for member in doc.fields {
                if annotations && member.key == annotationKey {
                    // The default key's value is a previous run's annotations: replaced below.
                    guard annotationKey != RecordEncoder.ownKey, case let .object(existing) = member.value else { continue }
                    w.key(member.key)
                    w.openObject()
                    for inner in existing where inner.key != RecordEncoder.ownKey {
                        w.key(inner.key); w.value(inner.value)
                    }
                    w.key(RecordEncoder.ownKey)
                    writeAnnotations(&w, state)
                    w.closeObject()
                    annotated = true
                    continue
                }
                w.key(member.key)
                if member.key == textField { w.string(state.text) } else { w.value(member.value) }
            }
        }
        if !annotated {
            w.key(annotationKey)
            writeAnnotations(&w, state)
        }
        w.closeObject()
        w.newline()
        return w.bytes
    }

    /// The name of corpusclean's annotation object: the default `annotation_key`, and the
    /// member it takes inside a record's existing object field.
    public static let ownKey = "corpusclean"

    /// The members that say which document it is and what was decided: id, location, status,
    /// deciding stage and reason.
    private func writeDecision(_ w: inout JSONWriter, _ state: DocumentState) {
        w.key(.id); w.string(state.document.id)
        w.key(.location); w.string(state.document.source)
        w.key(.status); w.string(state.status.rawValue)
        w.key(.stage); w.string(state.decidingStage)
        w.key(.reason); w.string(state.reason)
    }

    /// What the stages found about a kept document, as one JSON object.
    private func writeAnnotations(_ w: inout JSONWriter, _ state: DocumentState) {
        w.openObject()
        if let language = state.language {
            w.key(.language); w.string(language.code)
            w.key(.languageConfidence); w.double(language.confidence, decimals: 4)
        }
        w.key(.linesRemoved); w.int(state.removedLineCount)
        w.key(.fixes)
        w.counts(sorting: state.fixPairs)
        w.closeObject()
    }

    private func writeCandidates(_ w: inout JSONWriter, _ candidates: [LanguageResult.Candidate]) {
        w.openArray()
        for c in candidates {
            w.openObject()
            w.key(.code); w.string(c.code)
            w.key(.share); w.double(c.share, decimals: 4)
            w.closeObject()
        }
        w.closeArray()
    }

    /// Whether two strings are the same bytes in the same storage (one a copy of the other).
    private static func sharesStorage(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && x.baseAddress == y.baseAddress } }
    }

    /// Lines of a text: 0 for empty, else newlines + 1 (a final newline ends the last line).
    public static func lineCount(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        var text = text
        return text.withUTF8 { (utf8: UnsafeBufferPointer<UInt8>) -> Int in
            guard let base = utf8.baseAddress else { return 0 }
            var count = 0
            var at = UnsafeRawPointer(base)
            var left = utf8.count
            while let found = memchr(at, 0x0A, left) {
                let newline = UnsafeRawPointer(found)
                count += 1
                left -= newline - at + 1
                at = newline + 1
            }
            return utf8.last == 0x0A ? count : count + 1
        }
    }
}

/// The keys of the manifest, rejected and record lines, made once.
private extension JSONKey {
    static let attributes = JSONKey("attributes")
    static let bytesIn = JSONKey("bytes_in")
    static let bytesOut = JSONKey("bytes_out")
    static let code = JSONKey("code")
    static let decoding = JSONKey("decoding")
    static let detail = JSONKey("detail")
    static let duplicateOf = JSONKey("duplicate_of")
    static let fixes = JSONKey("fixes")
    static let hashIn = JSONKey("hash_in")
    static let hashOut = JSONKey("hash_out")
    static let id = JSONKey("id")
    static let language = JSONKey("language")
    static let languageConfidence = JSONKey("language_confidence")
    static let languageMixed = JSONKey("language_mixed")
    static let languagePair = JSONKey("language_pair")
    static let languageReliable = JSONKey("language_reliable")
    static let languageSpans = JSONKey("language_spans")
    static let languages = JSONKey("languages")
    static let linesIn = JSONKey("lines_in")
    static let linesOut = JSONKey("lines_out")
    static let linesRemoved = JSONKey("lines_removed")
    static let location = JSONKey("location")
    static let raw = JSONKey("raw")
    static let rawBase64 = JSONKey("raw_base64")
    static let reason = JSONKey("reason")
    static let record = JSONKey("record")
    static let removedByReason = JSONKey("removed_by_reason")
    static let share = JSONKey("share")
    static let similarity = JSONKey("similarity")
    static let stage = JSONKey("stage")
    static let status = JSONKey("status")
    static let text = JSONKey("text")
}
