import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// The per-line arrays of `LineScanner` and `Page`, kept by each thread from document to
/// document: a page takes them, refills them to its line count, and gives them back when the
/// stage is done with it, so that a document allocates and frees none of them (each was an
/// allocation, a free and a runtime lookup of its storage's metadata a page).
final class PageScratch {
    /// A thread keeps arrays of up to this many lines, and stopword tokens; a larger
    /// document's go at its end.
    static let keptLines = 16_384
    static let keptMasks = 1 << 18

    // One thread reads and writes them: no dynamic exclusivity checks (about 120 instructions
    // an array taken).
    @exclusivity(unchecked) var lines: [LineFeatures] = []
    @exclusivity(unchecked) var masks: [UInt32] = []
    @exclusivity(unchecked) var nonBlank: [Int] = []
    @exclusivity(unchecked) var reasons: [BoilerplateReason?] = []
    @exclusivity(unchecked) var quality: [LineQuality] = []
    @exclusivity(unchecked) var initialQuality: [LineQuality] = []

    /// The calling thread's scratch, made at its first call and released when the thread ends.
    static var ofThisThread: PageScratch {
        if let held = pthread_getspecific(key) { return Unmanaged<PageScratch>.fromOpaque(held).takeUnretainedValue() }
        let scratch = PageScratch()
        pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
        return scratch
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { held in
            if let held { Unmanaged<PageScratch>.fromOpaque(held).release() }
        }
        precondition(made == 0, "pthread_key_create failed")
        return key
    }()

    /// `array` taken out of the scratch (left empty there, so the taker holds the only
    /// reference and writes without a copy), `count` copies of `value`, its storage kept.
    @inline(__always)
    static func take<T>(_ array: inout [T], count: Int, repeating value: T) -> [T] {
        var taken: [T] = []
        swap(&taken, &array)
        taken.removeAll(keepingCapacity: true)
        taken.append(contentsOf: repeatElement(value, count: count))
        return taken
    }

    /// `array` taken out of the scratch, holding a copy of `elements`, its storage kept.
    @inline(__always)
    static func take<T>(_ array: inout [T], copying elements: UnsafeBufferPointer<T>) -> [T] {
        var taken: [T] = []
        swap(&taken, &array)
        taken.removeAll(keepingCapacity: true)
        taken.append(contentsOf: elements)
        return taken
    }

    /// Keeps the arrays of a page the stage is done with for the thread's next document (the
    /// page and the scan must be gone before then: the next page writes into them).
    @inline(__always)
    func keep(_ page: borrowing Page) {
        guard page.lines.count <= Self.keptLines && page.scan.masks.count <= Self.keptMasks else { return }
        lines = page.scan.lines
        masks = page.scan.masks
        nonBlank = page.nonBlank
        reasons = page.reasons
        quality = page.quality
        initialQuality = page.initialQuality
    }
}
