import FoundationEssentials
import Glibc

/// One line of progress on stderr, rewritten in place, only when stderr is a terminal.
final class TerminalStatusLine {
    private let enabled: Bool
    private var shown = false

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    func show(_ text: String) {
        guard enabled else { return }
        StandardStream.error("\r\u{1B}[K\(text)…")
        shown = true
    }

    /// Erases the line, so the output that follows starts clean.
    func clear() {
        guard enabled, shown else { return }
        StandardStream.error("\r\u{1B}[K")
        shown = false
    }
}
