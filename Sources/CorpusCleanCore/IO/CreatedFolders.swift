import Foundation

/// The folders a writer has made, so that each file it writes into a folder tree costs one
/// `mkdir -p` per folder rather than one per file.
final class CreatedFolders {
    private var made = Set<String>()

    /// Makes the folder that holds `path` (and its parents) unless it was made before.
    func makeParent(of path: String) throws(InputError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !made.contains(parent) else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: parent, message: "cannot create: \(error.localizedDescription)")
        }
        made.insert(parent)
    }
}
