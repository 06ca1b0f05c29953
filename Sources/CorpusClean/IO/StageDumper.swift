import Foundation

/// Writes each document's text as every stage left it: `DIR/00-input/<id>`,
/// `DIR/01-normalize/<id>`, ... so that `diff -r DIR/01-normalize DIR/02-boilerplate` shows
/// what a stage did. A document that a stage dropped is absent from the later folders.
public final class StageDumper {
    public let directory: String
    private let folders: [String]

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
            let path = (folder as NSString).appendingPathComponent(StageDumper.fileName(for: state.document.id))
            let parent = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            var text = state.text
            if !text.hasSuffix("\n") { text += "\n" }
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
    }

    /// A relative file path for a document id: kept as is when it is a safe relative path
    /// (text-directory input), else made safe (no "..", no leading "/", no NUL).
    public static func fileName(for id: String) -> String {
        let parts = id.split(separator: "/").filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        let safe = parts.map { $0.replacingOccurrences(of: "\0", with: "_") }.joined(separator: "/")
        return safe.isEmpty ? "_" : safe
    }
}
