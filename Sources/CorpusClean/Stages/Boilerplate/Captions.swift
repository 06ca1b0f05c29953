/// Photo captions: a line ending in a credit, "(AP Photo/Jane Doe, File)", "(Credit: iStock)",
/// or with an agency glued to its last word, "in New York.Reuters".
enum Captions {
    /// Words of a credit in the closing parentheses.
    static let creditWords = HashedWordTable(Dictionary(
        ["photo", "photos", "foto", "fotos", "credit", "credits", "crédit", "image", "images", "getty", "istock",
         "shutterstock", "ap", "afp", "reuters", "epa", "file", "archive", "archivo", "courtesy", "pictured", "picture",
         "video", "screenshot", "illustration", "photograph", "photographer", "handout", "dpa", "ansa", "efe"]
            .map { (TokenHash.hash($0.utf8), UInt32(1)) }, uniquingKeysWith: { a, _ in a }))

    /// Agencies that end a caption glued to its last sentence.
    static let agencies = HashedWordTable(Dictionary(
        ["reuters", "afp", "getty", "images", "istock", "shutterstock", "istockphoto", "ap"]
            .map { (TokenHash.hash($0.utf8), UInt32(1)) }, uniquingKeysWith: { a, _ in a }))

    static func isCaption(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        guard n > 4 else { return false }
        if t[n - 1] == 0x29 {
            var open = n - 2
            while open >= 0 && t[open] != 0x28 { open -= 1 }
            guard open >= 0 else { return false }
            return hasWord(t, from: open + 1, to: n - 1, in: creditWords)
        }
        // The last word, glued to the sentence before it: "York.Reuters", "Images/iStock".
        var start = n
        while start > 0 && t[start - 1] | 0x20 &- 0x61 < 26 { start -= 1 }
        guard start > 1, start < n, t[start - 1] == 0x2E || t[start - 1] == 0x2F,
              t[start - 2] | 0x20 &- 0x61 < 26 else { return false }
        return hasWord(t, from: start, to: n, in: agencies)
    }

    /// Whether an ASCII word of `t[from..<to]` is in `table`.
    private static func hasWord(_ t: UnsafeBufferPointer<UInt8>, from: Int, to: Int, in table: HashedWordTable) -> Bool {
        var h = TokenHash.seed
        var inWord = false
        for i in from...to {
            let lower = i < to ? t[i] | 0x20 : 0
            if i < to && lower &- 0x61 < 26 {
                h = (h ^ UInt64(lower)) &* TokenHash.prime
                inWord = true
            } else if inWord {
                if table.value(h) != 0 { return true }
                h = TokenHash.seed
                inWord = false
            }
        }
        return false
    }
}
