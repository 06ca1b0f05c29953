import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut

/// Renders a DocumentExplanation as text (optionally coloured) or JSON.
enum ExplainRenderer {
    static func text(_ e: DocumentExplanation, color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        let state = e.state
        let doc = state.document
        var out = paint("document \(doc.id)", "1") + "  (at \(doc.source), \(doc.bytesIn) bytes)\n"
        var status = "status: \(state.status.rawValue)"
        if let stage = state.decidingStage { status += " by \(stage)" }
        if let reason = state.reason { status += ": \(reason)" }
        out += paint(status, state.status == .kept ? "32" : state.status == .dropped ? "33" : "31") + "\n"
        if let note = doc.decodingNote { out += "decoding: \(note)\n" }
        for (index, stage) in e.stages.enumerated() {
            out += "\n" + paint("── \(stage.rawValue)", "1;36") + "\n"
            guard let report = state.reports.first(where: { $0.stage == stage }) else {
                out += "   not run (the document was dropped or failed before)\n"
                continue
            }
            if !report.fixes.isEmpty {
                out += "   fixes: " + report.fixes.keys.sorted().map { "\($0) \(report.fixes[$0]!)" }.joined(separator: ", ") + "\n"
            }
            for line in report.removedLines {
                out += "   - line \(line.line) " + paint("[\(line.reason)]", "33") + " \(line.text)\n"
            }
            if stage != .boilerplate, report.changedText {
                let changes = e.lineChanges(stage: index)
                for line in changes.removed.prefix(8) { out += paint("   - \(line)", "31") + "\n" }
                for line in changes.added.prefix(8) { out += paint("   + \(line)", "32") + "\n" }
                if changes.removed.count > 8 || changes.added.count > 8 {
                    out += "   (\(changes.removed.count) lines changed in all)\n"
                }
            }
            if let language = report.language {
                out += "   language \(language.code), confidence \(JSONWriter.format(language.confidence, decimals: 3))"
                    + (language.reliable ? ", reliable" : ", not reliable") + ", script \(language.script)\n"
                out += "   top: " + language.top.map { "\($0.code) \(JSONWriter.format($0.share * 100, decimals: 1))%" }.joined(separator: ", ") + "\n"
                if language.spans.count > 1 {
                    out += "   spans: " + language.spans.map { "\($0.code) \(JSONWriter.format($0.share * 100, decimals: 1))%" }.joined(separator: ", ") + "\n"
                }
            }
            if stage == .dedup {
                if let twin = report.duplicate {
                    out += "   " + (twin.exact ? "exact" : "near") + " duplicate of \(twin.duplicateOf), similarity \(JSONWriter.format(twin.similarity, decimals: 4))\n"
                } else {
                    out += "   no duplicate among the documents before it\n"
                }
            }
            for attribute in report.attributes {
                var value = JSONWriter()
                value.value(attribute.value)
                out += "   \(attribute.key): \(value.string)\n"
            }
            if let reason = report.dropReason {
                out += paint("   dropped: \(reason)" + (report.dropDetail.map { " (\($0))" } ?? ""), "33") + "\n"
            }
            if report.removedLines.isEmpty, report.fixes.isEmpty, !report.changedText, report.language == nil, report.attributes.isEmpty,
               stage != .dedup {
                out += "   no change\n"
            }
        }
        return out
    }

    static func json(_ e: DocumentExplanation) -> String {
        let state = e.state
        var w = JSONWriter()
        w.openObject()
        w.key("id"); w.string(state.document.id)
        w.key("location"); w.string(state.document.source)
        w.key("status"); w.string(state.status.rawValue)
        w.key("stage"); w.string(state.decidingStage)
        w.key("reason"); w.string(state.reason)
        w.key("stages")
        w.openArray()
        for (index, stage) in e.stages.enumerated() {
            w.openObject()
            w.key("name"); w.string(stage.rawValue)
            if let report = state.reports.first(where: { $0.stage == stage }) {
                w.key("ran"); w.bool(true)
                w.key("changed_text"); w.bool(report.changedText)
                w.key("dropped"); w.string(report.dropReason)
                w.key("fixes"); w.counts(report.fixes)
                w.key("removed_lines")
                w.openArray()
                for line in report.removedLines {
                    w.openObject()
                    w.key("line"); w.int(line.line)
                    w.key("reason"); w.string(line.reason)
                    w.key("text"); w.string(line.text)
                    w.closeObject()
                }
                w.closeArray()
                if stage != .boilerplate {
                    let changes = e.lineChanges(stage: index)
                    w.key("lines_before"); w.openArray(); for l in changes.removed { w.string(l) }; w.closeArray()
                    w.key("lines_after"); w.openArray(); for l in changes.added { w.string(l) }; w.closeArray()
                }
                if let language = report.language {
                    w.key("language"); w.string(language.code)
                    w.key("confidence"); w.double(language.confidence)
                    w.key("reliable"); w.bool(language.reliable)
                    w.key("top")
                    w.openArray()
                    for c in language.top {
                        w.openObject(); w.key("code"); w.string(c.code); w.key("share"); w.double(c.share); w.closeObject()
                    }
                    w.closeArray()
                }
                if let twin = report.duplicate {
                    w.key("duplicate_of"); w.string(twin.duplicateOf)
                    w.key("similarity"); w.double(twin.similarity)
                    w.key("exact"); w.bool(twin.exact)
                }
                if !report.attributes.isEmpty {
                    w.key("attributes"); w.value(.object(report.attributes))
                }
            } else {
                w.key("ran"); w.bool(false)
            }
            w.closeObject()
        }
        w.closeArray()
        w.key("text"); w.string(state.status == .kept ? state.text : nil)
        w.closeObject()
        return w.string
    }
}
