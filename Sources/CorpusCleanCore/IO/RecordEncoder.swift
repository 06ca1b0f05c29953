import CTextKit
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
        var out = JSONLineBuffer(capacity: 640)
        appendManifestLine(state, to: &out)
        return out.array()
    }

    /// ``manifestLine(_:)`` appended to `out`, after what it holds.
    package func appendManifestLine(_ state: DocumentState, to out: inout JSONLineBuffer) {
        writeDecision(&out, state)
        let reports = state.reports
        if let i = RecordEncoder.lastIndex(reports.count, where: { if case .some = reports[$0].language { true } else { false } }) {
            RecordEncoder.writeLanguage(&out, reports, i)
        } else {
            out.append(#","language":null,"language_confidence":null,"language_reliable":null,"languages":null,"language_spans":null,"language_mixed":null,"language_pair":null"#)
        }
        if let i = RecordEncoder.lastIndex(reports.count, where: { if case .some = reports[$0].duplicate { true } else { false } }) {
            let duplicate = reports[i].duplicate.unsafelyUnwrapped
            out.append(#","duplicate_of":"#); out.string(duplicate.duplicateOf)
            out.append(#","similarity":"#); out.double(duplicate.similarity, decimals: 4)
        } else {
            out.append(#","duplicate_of":null,"similarity":null"#)
        }
        // Read in place: `let doc = state.document` would copy the document (a retain a field).
        let readable = state.document.readError == nil
        let linesIn = readable ? RecordEncoder.lineCount(state.document.text) : 0
        let kept = state.status == .kept
        // A text no stage changed is the input's, storage and all: counted and hashed once.
        let unchanged = readable && RecordEncoder.sharesStorage(state.document.text, state.text)
        let hashIn = readable ? Hash64.hash(state.document.text) : nil
        out.append(#","bytes_in":"#); out.int(state.document.bytesIn)
        out.append(#","bytes_out":"#); out.int(kept ? state.text.utf8.count : 0)
        out.append(#","lines_in":"#); out.int(linesIn)
        out.append(#","lines_out":"#); out.int(kept ? unchanged ? linesIn : RecordEncoder.lineCount(state.text) : 0)
        out.append(#","lines_removed":"#); out.int(state.removedLineCount)
        out.append(#","removed_by_reason":"#)
        state.withRemovedReasonPairs { out.counts(sorting: $0) }
        out.append(#","fixes":"#)
        state.withFixPairs { out.counts(sorting: $0) }
        out.append(#","decoding":"#); out.string(state.document.decodingNote)
        out.append(#","hash_in":"#)
        if let hashIn { out.quotedHex(hashIn) } else { out.append("null") }
        out.append(#","hash_out":"#)
        if kept { out.quotedHex(unchanged ? hashIn! : Hash64.hash(state.text)) } else { out.append("null") }
        // By index: a report handed to a closure or loop variable is copied.
        if reports.indices.contains(where: { !reports[$0].attributes.isEmpty }) {
            out.append(#","attributes":{"#)
            var first = true
            for i in reports.indices where !reports[i].attributes.isEmpty {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.key(reports[i].stage.rawValue)
                out.object(reports[i].attributes)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append("}\n")
    }

    /// One rejected.jsonl line: the whole input document with the decision.
    public func rejectedLine(_ state: DocumentState) -> [UInt8] {
        var out = JSONLineBuffer(capacity: 256 + state.document.text.utf8.count)
        appendRejectedLine(state, to: &out)
        return out.array()
    }

    /// ``rejectedLine(_:)`` appended to `out`, after what it holds.
    package func appendRejectedLine(_ state: DocumentState, to out: inout JSONLineBuffer) {
        let doc = state.document
        writeDecision(&out, state)
        out.append(#","detail":"#); out.string(state.reports.last(where: { $0.dropDetail != nil })?.dropDetail)
        if let duplicate = state.duplicate {
            out.append(#","duplicate_of":"#); out.string(duplicate.duplicateOf)
            out.append(#","similarity":"#); out.double(duplicate.similarity, decimals: 4)
        }
        if let raw = doc.rawBytes {
            if let text = UTF8Validation.string(raw) {
                out.append(#","raw":"#); out.string(text)
            } else {
                out.append(#","raw_base64":"#); out.string(Data(raw).base64EncodedString())
            }
        } else {
            out.append(#","text":"#); out.string(doc.text)
            if !doc.fields.isEmpty {
                out.append(#","record":"#)
                out.object(doc.fields)
            }
        }
        out.append("}\n")
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
        var out = JSONLineBuffer(capacity: 320 + state.text.utf8.count + state.text.utf8.count >> 3)
        appendDocumentLine(state, to: &out)
        return out.array()
    }

    /// ``documentLine(_:)`` appended to `out`, after what it holds.
    package func appendDocumentLine(_ state: DocumentState, to out: inout JSONLineBuffer) {
        let fields = state.document.fields
        out.append(UInt8(ascii: "{"))
        var annotated = !annotations
        var first = true
        func key(_ name: String, _ out: inout JSONLineBuffer) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.key(name)
        }
        if fields.isEmpty {
            key(idField, &out); out.string(state.document.id)
            key(textField, &out); out.string(state.text)
        } else {
            for member in fields {
                if annotations && member.key == annotationKey {
                    // The default key's value is a previous run's annotations: replaced below.
                    guard annotationKey != RecordEncoder.ownKey, case let .object(existing) = member.value else { continue }
                    key(member.key, &out)
                    out.append(UInt8(ascii: "{"))
                    for inner in existing where inner.key != RecordEncoder.ownKey {
                        out.key(inner.key); out.value(inner.value)
                        out.append(UInt8(ascii: ","))
                    }
                    out.key(RecordEncoder.ownKey)
                    writeAnnotations(&out, state)
                    out.append(UInt8(ascii: "}"))
                    annotated = true
                    continue
                }
                key(member.key, &out)
                if member.key == textField { out.string(state.text) } else { out.value(member.value) }
            }
        }
        if !annotated {
            key(annotationKey, &out)
            writeAnnotations(&out, state)
        }
        out.append("}\n")
    }

    /// The name of corpusclean's annotation object: the default `annotation_key`, and the
    /// member it takes inside a record's existing object field.
    public static let ownKey = "corpusclean"

    /// Opens the line's object with the members that say which document it is and what was
    /// decided: id, location, status, deciding stage and reason.
    private func writeDecision(_ out: inout JSONLineBuffer, _ state: DocumentState) {
        out.append(#"{"id":"#); out.string(state.document.id)
        out.append(#","location":"#); out.string(state.document.source)
        out.append(#","status":"#); out.string(state.status.rawValue)
        out.append(#","stage":"#); out.string(state.decidingStage)
        out.append(#","reason":"#); out.string(state.reason)
    }

    /// The language members of a manifest line, from `reports[i]`, which has a language.
    /// (Field by field: unwrapping the optional result of an array's element copies all of it.)
    private static func writeLanguage(_ out: inout JSONLineBuffer, _ reports: [StageReport], _ i: Int) {
        out.append(#","language":"#); out.string(reports[i].language?.code)
        out.append(#","language_confidence":"#); out.double(reports[i].language?.confidence ?? 0, decimals: 4)
        out.append(#","language_reliable":"#); out.bool(reports[i].language?.reliable ?? false)
        out.append(#","languages":"#); writeCandidates(&out, reports[i].language?.top ?? [])
        out.append(#","language_spans":"#); writeCandidates(&out, reports[i].language?.spans ?? [])
        out.append(#","language_mixed":"#); out.bool(reports[i].language?.mixed ?? false)
        out.append(#","language_pair":"#); out.string(reports[i].language?.pair ?? nil)
    }

    /// What the stages found about a kept document, as one JSON object.
    private func writeAnnotations(_ out: inout JSONLineBuffer, _ state: DocumentState) {
        let reports = state.reports
        if let i = RecordEncoder.lastIndex(reports.count, where: { if case .some = reports[$0].language { true } else { false } }) {
            out.append(#"{"language":"#); out.string(reports[i].language?.code)
            out.append(#","language_confidence":"#); out.double(reports[i].language?.confidence ?? 0, decimals: 4)
            out.append(#","lines_removed":"#)
        } else {
            out.append(#"{"lines_removed":"#)
        }
        out.int(state.removedLineCount)
        out.append(#","fixes":"#)
        state.withFixPairs { out.counts(sorting: $0) }
        out.append(UInt8(ascii: "}"))
    }

    private static func writeCandidates(_ out: inout JSONLineBuffer, _ candidates: [LanguageResult.Candidate]) {
        out.append(UInt8(ascii: "["))
        for i in candidates.indices {
            out.append(i == 0 ? #"{"code":"# : #",{"code":"#); out.string(candidates[i].code)
            out.append(#","share":"#); out.double(candidates[i].share, decimals: 4)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The last index below `count` that `matches`. (Given an index rather than a report: an
    /// array's element handed to a closure is copied, retains and all; and `matches` asks
    /// `if case .some`, as `!= nil` copies the optional first.)
    private static func lastIndex(_ count: Int, where matches: (Int) -> Bool) -> Int? {
        var i = count
        while i > 0 {
            i -= 1
            if matches(i) { return i }
        }
        return nil
    }

    /// Whether two strings are the same bytes in the same storage (one a copy of the other).
    private static func sharesStorage(_ a: String, _ b: String) -> Bool {
        a.withUTF8Bytes { x in b.withUTF8Bytes { y in x.count == y.count && x.baseAddress == y.baseAddress } }
    }

    /// Lines of a text: 0 for empty, else newlines + 1 (a final newline ends the last line).
    public static func lineCount(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        return text.withUTF8Bytes { (utf8: UnsafeBufferPointer<UInt8>) -> Int in
            guard let base = utf8.baseAddress else { return 0 }
            let count = ctk_count_byte(base, utf8.count, 0x0A)
            return utf8.last == 0x0A ? count : count + 1
        }
    }
}
