/// Help texts as written in the source, made ready for ArgumentParser's wrapping.
enum HelpText {
    /// `text` with the lines of each paragraph joined, so ArgumentParser wraps a paragraph at
    /// the terminal's width without stray breaks where the source happened to break it. Lines
    /// that start with white space (examples, lists) keep their own lines, and so does the line
    /// after one ending in ":".
    ///
    /// Works on the UTF-8 bytes: ArgumentParser reads every command's configuration on every
    /// run of iku, so this runs for all of them at each start (with `Character`s it cost a
    /// seventh of one `survey add`'s instructions; docs/performance.md).
    static func reflowed(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var started = false
        // Whether the output's last line is non-empty and starts with no white space, and
        // whether it ends in ":".
        var lastIsProse = false
        var lastEndsInColon = false
        var utf8 = Substring(text).utf8[...]
        while true {
            let end = utf8.firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = utf8[utf8.startIndex..<end]
            let isProse = !line.isEmpty && !startsWithWhitespace(line)
            if started, lastIsProse, isProse, !lastEndsInColon {
                result.append(UInt8(ascii: " "))
            } else {
                if started { result.append(UInt8(ascii: "\n")) }
                lastIsProse = isProse
            }
            result.append(contentsOf: line)
            lastEndsInColon = line.last == UInt8(ascii: ":")
            started = true
            guard end < utf8.endIndex else { break }
            utf8 = utf8[utf8.index(after: end)...]
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `line` (not empty) starts with a white-space character (`Character.isWhitespace`).
    private static func startsWithWhitespace(_ line: Substring.UTF8View.SubSequence) -> Bool {
        let first = line[line.startIndex]
        if first < 0x80 { return first == 0x20 || (0x09...0x0D).contains(first) }
        return String(decoding: line.prefix(8), as: UTF8.self).first?.isWhitespace == true
    }
}
