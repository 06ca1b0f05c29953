/// A runnable shell example of a Markdown page: a fenced block whose info string is exactly
/// `sh` (`sh no-test` and other languages are not run). A block with `$ ` lines is a
/// transcript: each `$ ` line is a command (a line ending in `\` goes on with the next), and
/// the lines up to the next command are its expected standard output, where a line `...`
/// stands for any number of lines. A block without them is one script.
struct ShellExample {
    /// One command of a transcript and the output shown under it (nil for a script).
    struct Step {
        let command: String
        let expected: [String]?
    }

    /// The line of the page where the block starts (1-based), for messages.
    let line: Int
    let steps: [Step]

    /// The runnable examples of `markdown`, in page order.
    static func examples(in markdown: String) -> [ShellExample] {
        var examples: [ShellExample] = []
        var runnable: [String]?
        var inOtherBlock = false
        var start = 0
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var lines = runnable {
                if line == "```" {
                    examples.append(ShellExample(line: start, block: lines))
                    runnable = nil
                } else {
                    lines.append(String(line))
                    runnable = lines
                }
            } else if inOtherBlock {
                if line == "```" { inOtherBlock = false }
            } else if line == "```sh" {
                runnable = []
                start = index + 1
            } else if line.hasPrefix("```") {
                inOtherBlock = true
            }
        }
        return examples
    }

    init(line: Int, block: [String]) {
        self.line = line
        guard block.contains(where: { $0.hasPrefix("$ ") }) else {
            steps = [Step(command: block.joined(separator: "\n"), expected: nil)]
            return
        }
        var steps: [Step] = []
        var command: String?
        var continued = false
        var expected: [String] = []
        for text in block {
            if continued, let partial = command {
                command = partial + "\n" + text
                continued = text.hasSuffix("\\")
            } else if text.hasPrefix("$ ") {
                if let command { steps.append(Step(command: command, expected: expected)) }
                command = String(text.dropFirst(2))
                continued = text.hasSuffix("\\")
                expected = []
            } else {
                expected.append(text)
            }
        }
        if let command { steps.append(Step(command: command, expected: expected)) }
        self.steps = steps
    }

    /// Whether `output` is what `expected` shows: line by line, trailing blanks and blank
    /// lines at the end ignored, a line `...` matching any number of lines.
    static func matches(_ output: String, _ expected: [String]) -> Bool {
        func trimmed(_ lines: [String]) -> [String] {
            var lines = lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
            while lines.last == "" { lines.removeLast() }
            return lines
        }
        let actual = trimmed(output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        return match(trimmed(expected)[...], actual[...])
    }

    private static func match(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            return (actual.startIndex...actual.endIndex).contains { match(expected.dropFirst(), actual[$0...]) }
        }
        return actual.first == first && match(expected.dropFirst(), actual.dropFirst())
    }
}
