import CorpusCleanCore
/// Photo captions: a line ending in a credit, "(AP Photo/Jane Doe, File)", "(Credit: iStock)",
/// or with an agency glued to its last word, "in New York.Reuters"; or dated the way agency
/// captions are, "... in Hanoi, Vietnam, Wednesday, Nov. 20, 2019." (`hasWeekdayDate`).
enum Captions {
    /// Words of a credit in the closing parentheses.
    static let creditWords = HashedWordTable(words: [
        "photo", "photos", "foto", "fotos", "credit", "credits", "crédit", "image", "images", "getty", "istock",
        "shutterstock", "ap", "afp", "reuters", "epa", "file", "archive", "archivo", "courtesy", "pictured", "picture",
        "video", "screenshot", "illustration", "photograph", "photographer", "handout", "dpa", "ansa", "efe",
    ])

    /// Agencies that end a caption glued to its last sentence.
    static let agencies = HashedWordTable(words: ["reuters", "afp", "getty", "images", "istock", "shutterstock", "istockphoto", "ap"])

    static func isCaption(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        guard n > 4 else { return false }
        if t[n - 1] == 0x29 {
            var open = n - 2
            while open >= 0 && t[open] != 0x28 { open -= 1 }
            guard open >= 0 else { return false }
            return creditWords.holdsWord(of: t, from: open + 1, to: n - 1)
        }
        // The last word, glued to the sentence before it: "York.Reuters", "Images/iStock".
        var start = n
        while start > 0 && t[start - 1] | 0x20 &- 0x61 < 26 { start -= 1 }
        guard start > 1, start < n, t[start - 1] == 0x2E || t[start - 1] == 0x2F,
              t[start - 2] | 0x20 &- 0x61 < 26 else { return false }
        return agencies.holdsWord(of: t, from: start, to: n)
    }

    /// Whether `t` holds "<weekday>, <Month> <day>, <year>": "Wednesday, Nov. 20, 2019".
    static func hasWeekdayDate(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        var i = 0
        while i + 16 < n {
            defer { i += 1 }
            guard t[i] == 0x64, t[i + 1] == 0x61, t[i + 2] == 0x79, t[i + 3] == 0x2C, t[i + 4] == 0x20 else { continue }
            // A weekday's name, capitalized and of six letters or more ("on this day, May 26").
            var word = i
            while word > 0 && t[word - 1] | 0x20 &- 0x61 < 26 { word -= 1 }
            guard t[word] &- 0x41 < 26, i + 3 - word >= 6 else { continue }
            var j = i + 5
            guard t[j] &- 0x41 < 26 else { continue }
            while j < n && t[j] | 0x20 &- 0x61 < 26 { j += 1 }
            if j < n && t[j] == 0x2E { j += 1 }
            guard j < n && t[j] == 0x20 else { continue }
            j += 1
            let day = j
            while j < n && t[j] &- 0x30 < 10 { j += 1 }
            guard (1...2).contains(j - day), j + 6 <= n, t[j] == 0x2C, t[j + 1] == 0x20 else { continue }
            j += 2
            let year = j
            while j < n && t[j] &- 0x30 < 10 { j += 1 }
            if j - year == 4 { return true }
        }
        return false
    }
}
