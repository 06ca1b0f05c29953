import Foundation

/// Writes each document's text as every stage left it: `DIR/00-input/<id>`,
/// `DIR/01-normalize/<id>`, ... so that `diff -r DIR/01-normalize DIR/02-boilerplate` shows
/// what a stage did. A document that a stage dropped is absent from the later folders.
///
/// Two ids that come to the same file name (`a/../b` and `b`, a repeated id) never overwrite
/// each other: the later one gets `~2`, `~3`... in input order, the same in every folder. A
/// file that cannot be written is noted in `failures`, which the run reports.
public final class StageDumper {
    public let directory: String
    private let folders: [String]
    /// The file name of each document (by ordinal), fixed the first time it is dumped.
    private var names: [Int: String] = [:]
    private var taken: Set<String> = []
    /// Files that could not be written, with the reason, in the order met.
    public private(set) var failures: [String] = []
    /// Documents whose file name was taken by an earlier id and got a suffix.
    public private(set) var renamed = 0

    public init(directory: String, stages: [StageName]) throws(InputError) {
        self.directory = directory
        folders = ["00-input"] + stages.enumerated().map { String(format: "%02d-%@", $0.offset + 1, $0.element.rawValue) }
        do {
            if FileManager.default.fileExists(atPath: directory) {
                for folder in folders {
                    let path = (directory as NSString).appendingPathComponent(folder)
                    if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
                }
            }
            for folder in folders {
                try FileManager.default.createDirectory(atPath: (directory as NSString).appendingPathComponent(folder),
                                                        withIntermediateDirectories: true)
            }
        } catch {
            throw InputError(path: directory, message: "cannot prepare --dump-stages: \(error.localizedDescription)")
        }
    }

    /// Writes the texts of the active documents of a batch after step `step` (0 = input).
    public func dump(step: Int, states: [DocumentState]) {
        guard step < folders.count else { return }
        let folder = (directory as NSString).appendingPathComponent(folders[step])
        for state in states where state.status == .kept {
            let path = (folder as NSString).appendingPathComponent(name(of: state.document))
            let parent = (path as NSString).deletingLastPathComponent
            var text = state.text
            if !text.hasSuffix("\n") { text += "\n" }
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                failures.append("\(path): \(error.localizedDescription)")
            }
        }
    }

    /// The document's file name in every folder: its id made safe, with a suffix when an
    /// earlier document took that name.
    private func name(of document: Document) -> String {
        if let name = names[document.ordinal] { return name }
        let base = StageDumper.fileName(for: document.id)
        var name = base
        var n = 1
        while taken.contains(name) {
            n += 1
            name = "\(base)~\(n)"
        }
        if n > 1 { renamed += 1 }
        taken.insert(name)
        names[document.ordinal] = name
        return name
    }

    /// A relative file path for a document id: kept as is when it is a safe relative path
    /// (text-directory input), else made safe (no "..", no leading "/", no NUL).
    public static func fileName(for id: String) -> String {
        let parts = id.split(separator: "/").filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        let safe = parts.map { $0.replacingOccurrences(of: "\0", with: "_") }.joined(separator: "/")
        return safe.isEmpty ? "_" : safe
    }
}
