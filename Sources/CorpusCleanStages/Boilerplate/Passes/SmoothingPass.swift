import CorpusCleanCore
/// jusText's context smoothing: a short line takes the class of its non-short neighbours
/// (bad if either side is bad), then a near-good line is good unless both neighbours are bad.
/// Lines of an embedded post (`EmbeddedPostPass`, the only blocks found before it) are no
/// neighbours: the article's lines around a tweet take their class from each other.
/// Option `smoothing`.
struct SmoothingPass: BoilerplatePass {
    func apply(to page: inout Page) {
        let nonBlank = page.nonBlank
        let count = nonBlank.count
        // The nearest good or bad line before and after each line, found in one pass each way
        // (in temporary buffers: nothing allocated per document).
        let posts = page.blocks, anyPosts = !posts.isEmpty
        // Read and written through a buffer pointer: each write to `page.quality` checked its
        // storage's uniqueness.
        page.quality.withUnsafeMutableBufferPointer { quality in
            withUnsafeTemporaryAllocation(of: LineQuality.self, capacity: 2 * count) { buffer in
                let previous = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
                let next = UnsafeMutableBufferPointer(rebasing: buffer[count...])
                var seen = LineQuality.bad
                var post = 0
                for (k, i) in nonBlank.enumerated() {
                    previous.initializeElement(at: k, to: seen)
                    if anyPosts {
                        while post < posts.count && posts[post].upperBound <= k { post += 1 }
                        if post < posts.count && posts[post].contains(k) { continue }
                    }
                    if quality[i] == .good || quality[i] == .bad { seen = quality[i] }
                }
                seen = .bad
                post = posts.count - 1
                for k in stride(from: count - 1, through: 0, by: -1) {
                    let i = nonBlank[k]
                    next.initializeElement(at: k, to: seen)
                    if anyPosts {
                        while post >= 0 && posts[post].lowerBound > k { post -= 1 }
                        if post >= 0 && posts[post].contains(k) { continue }
                    }
                    if quality[i] == .good || quality[i] == .bad { seen = quality[i] }
                }
                for (k, i) in nonBlank.enumerated() {
                    switch quality[i] {
                    case .short: quality[i] = previous[k] == .good && next[k] == .good ? .good : .bad
                    case .nearGood: quality[i] = previous[k] == .bad && next[k] == .bad ? .bad : .good
                    default: break
                    }
                }
            }
        }
    }
}
