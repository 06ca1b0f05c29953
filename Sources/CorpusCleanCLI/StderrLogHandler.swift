import CorpusCleanCore
import CorpusCleanStages
import CorpusCleanScaleOut
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// swift-log handler writing to stderr: plain text, or one JSON object per line.
///
/// A JSON line starts with `time` (RFC 3339, UTC, milliseconds), `level` and `message`, then
/// the metadata in key order, typed: an `Int`, `Double` or `Bool` given as
/// `.stringConvertible` is a JSON number or boolean, a `.dictionary` an object, an `.array` an
/// array, anything else a string. Text lines show a dictionary as `{key=value ...}`.
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

    func log(event: LogEvent) {
        let level = event.level, message = event.message
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        var text: String
        switch format {
        case .text:
            text = "corpusclean: \(level == .info ? "" : "\(level): ")\(message)"
            if !all.isEmpty {
                text += " " + all.keys.sorted().map { "\($0)=\(StderrLogHandler.text(all[$0]!))" }.joined(separator: " ")
            }
        case .json:
            var w = JSONWriter()
            w.openObject()
            w.key("time"); w.string(StderrLogHandler.timestamp())
            w.key("level"); w.string(level.rawValue)
            w.key("message"); w.string("\(message)")
            for key in all.keys.sorted() {
                w.key(key); StderrLogHandler.write(all[key]!, to: &w)
            }
            w.closeObject()
            text = w.string
        }
        printError(text)
    }

    /// A metadata value for a text line.
    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case let .dictionary(members):
            return "{" + members.keys.sorted().map { "\($0)=\(text(members[$0]!))" }.joined(separator: " ") + "}"
        case let .array(items):
            return "[" + items.map(text).joined(separator: " ") + "]"
        case let .string(s):
            return s
        case let .stringConvertible(v):
            return v.description
        }
    }

    /// A metadata value as typed JSON.
    private static func write(_ value: Logger.Metadata.Value, to w: inout JSONWriter) {
        switch value {
        case let .string(s):
            w.string(s)
        case let .stringConvertible(v):
            switch v {
            case let i as Int: w.int(i)
            case let d as Double: w.double(d, decimals: 6)
            case let b as Bool: w.bool(b)
            default: w.string(v.description)
            }
        case let .dictionary(members):
            w.openObject()
            for key in members.keys.sorted() {
                w.key(key); write(members[key]!, to: &w)
            }
            w.closeObject()
        case let .array(items):
            w.openArray()
            for item in items { write(item, to: &w) }
            w.closeArray()
        }
    }

    /// Now as RFC 3339 in UTC with milliseconds: `2026-12-06T07:01:02.123Z`.
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
