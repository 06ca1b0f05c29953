import CorpusCleanCore
#if canImport(Glibc)
import Glibc
#endif

/// Image and URL slugs, and lines that are one address. Option `slugs`.
struct SlugPass: BoilerplatePass {
    func apply(to page: inout Page) {
        let hasAt = page.hasAt
        page.decide(.slug) { _, _, t in Self.isSlug(t, mayHaveAt: hasAt) }
    }

    /// `ypj-milicias-kurdas`, `img_2041-final`: lowercase ASCII words joined by - or _; or a
    /// line that is one address: `jane.doe@example.com`, `https://example.com/a`, `www.example.com`.
    /// Without `mayHaveAt` the line is known to hold no "@" (its text has none).
    static func isSlug(_ t: UnsafeBufferPointer<UInt8>, mayHaveAt: Bool = true) -> Bool {
        guard t.count >= 5, let base = t.baseAddress else { return false }
        // Neither kind has a space: most lines of spaced scripts have one in their first 8 bytes,
        // told without a call.
        if t.count >= 8 && ByteSearch.spaceInFirst8(base) { return false }
        // memchr: most lines are long and have no address.
        func has(_ c: UInt8) -> Bool { memchr(base, Int32(c), t.count) != nil }
        // A line that starts outside ASCII is no slug and has no scheme or "www.": an address
        // only with an "@", which most such lines (in scripts without spaces) lack.
        if t[0] >= 0x80 { return mayHaveAt && has(0x40) && !has(0x20) && has(0x2E) }
        // "http" or "www." (the line has 5 bytes or more).
        let scheme = t[0] == 0x68 && t[1] == 0x74 && t[2] == 0x74 && t[3] == 0x70
            || t[0] == 0x77 && t[1] == 0x77 && t[2] == 0x77 && t[3] == 0x2E
        // Without an "@", an address needs its scheme or "www." before any search.
        if (mayHaveAt || scheme) && !has(0x20) && has(0x2E) && (scheme || has(0x40)) { return true }
        var separators = 0
        var letters = 0
        for c in t {
            switch c {
            case 0x61...0x7A: letters += 1
            case 0x30...0x39: break
            case 0x2D, 0x5F: separators += 1
            default: return false
            }
        }
        return separators >= 1 && letters >= 3
    }
}
