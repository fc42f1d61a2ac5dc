/// Help texts as written in the source, made ready for ArgumentParser's wrapping.
enum HelpText {
    /// `text` with the lines of each paragraph joined, so ArgumentParser wraps a paragraph at
    /// the terminal's width without stray breaks where the source happened to break it. Lines
    /// that start with white space (examples, lists) keep their own lines, and so does the line
    /// after one ending in ":".
    static func reflowed(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let last = lines.last, joins(last, line) {
                lines[lines.count - 1] = last + " " + line
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func joins(_ previous: String, _ line: String) -> Bool {
        !previous.isEmpty && !line.isEmpty && previous.first?.isWhitespace == false
            && line.first?.isWhitespace == false && !previous.hasSuffix(":")
    }
}
