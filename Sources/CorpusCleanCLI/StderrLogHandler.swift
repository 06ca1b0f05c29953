import CorpusClean
import Logging

/// swift-log handler writing to stderr: plain text, or one JSON object per line.
struct StderrLogHandler: LogHandler {
    enum Format: String { case text, json }

    let label: String
    let format: Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
             source: String, file: String, function: String, line: UInt) {
        let all = metadata.merging(explicit ?? [:]) { _, new in new }
        var text: String
        switch format {
        case .text:
            text = "corpusclean: \(level == .info ? "" : "\(level): ")\(message)"
            if !all.isEmpty {
                text += " " + all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
            }
        case .json:
            var w = JSONWriter()
            w.openObject()
            w.key("level"); w.string(level.rawValue)
            w.key("message"); w.string("\(message)")
            for key in all.keys.sorted() {
                w.key(key); w.string("\(all[key]!)")
            }
            w.closeObject()
            text = w.string
        }
        printError(text)
    }
}
