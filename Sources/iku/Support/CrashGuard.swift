#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import Storage

/// The last resort behind `Iku.exit(with:)`: a bug that traps (a failed precondition, a nil
/// force-unwrapped) ends iku with one line and exit status 3, instead of the runtime's backtrace
/// and register dump. The runtime's own "Fatal error: ..." line, which names the bug, still comes
/// first. An open SQLite transaction is never committed, so the database keeps its last state.
///
/// Developers who want the backtrace set `SWIFT_BACKTRACE` (e.g. `enable=yes`): the guard then
/// stays out of the way.
enum CrashGuard {
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    static func install(backtraceRequested: Bool = ProcessEnvironment.value("SWIFT_BACKTRACE") != nil) {
        guard !backtraceRequested else { return }
        for signal in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = stop
            #else
            action.__sigaction_u.__sa_handler = stop
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    /// Async-signal-safe: one write of a static string, then `_exit`.
    private static let stop: @convention(c) (Int32) -> Void = { _ in
        let message: StaticString = "error: internal error: iku stopped on a bug (the line above names it); a change not yet committed was not saved. Please report it.\n"
        _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
        _exit(3)
    }
}
