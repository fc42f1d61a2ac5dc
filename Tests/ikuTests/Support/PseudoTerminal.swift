import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process run on a pseudo-terminal, as a clerk at a terminal would run it: its standard
/// input, output and error are the terminal's slave side, it leads its own session with the
/// terminal as its controlling terminal (so Ctrl-C written to the master interrupts it), and
/// the test reads what the terminal shows (echoed input included) from the master side.
final class PseudoTerminalProcess {
    let master: Int32
    let pid: pid_t
    /// Everything the terminal has shown so far.
    private(set) var shown = ""
    private var matchedUpTo: String.Index
    /// The slave side, held open by the test too, so the master never reads as hung up while
    /// the child starts or after it ends.
    private let slave: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        let pty = PTYFunctions()
        let opened = pty.openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        // Kept at a high descriptor number: Foundation may still watch a low one that an earlier
        // `Process` pipe used, and would read what the terminal shows.
        master = fcntl(opened, F_DUPFD_CLOEXEC, 400)
        close(opened)
        guard master >= 0, pty.grantpt(master) == 0, pty.unlockpt(master) == 0, let name = pty.ptsname(master) else {
            throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slavePath = String(cString: name)
        slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        matchedUpTo = shown.startIndex
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc): the child leads a new session, so opening the slave makes
        // it the child's controlling terminal.
        // POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF: no signal blocked (the test's thread
        // blocks some) and SIGINT's default action, as at a login shell.
        posix_spawnattr_setflags(&attributes, Int16(0x80 | 0x08 | 0x04))
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &interrupt)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw Failure(description: "posix_spawn failed: \(String(cString: strerror(status)))") }
        pid = child
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Types `text` at the terminal.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads what the terminal shows until `text` appears after the end of the previous match
    /// (or `timeout` seconds pass); returns what was shown from there to the end of this match.
    @discardableResult
    func read(until text: String, timeout: TimeInterval = 20) throws -> String {
        let start = matchedUpTo
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let match = shown[start...].range(of: text) {
                matchedUpTo = match.upperBound
                return String(shown[start..<match.upperBound])
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                var status: Int32 = 0
                let ended = waitpid(pid, &status, WNOHANG) == pid ? " (the process ended with status \(status))" : ""
                throw Failure(description: "the terminal did not show \"\(text)\" in \(timeout) s\(ended); it showed: \(shown[start...])")
            }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(remaining * 1000)) > 0 else { continue }
            let count = Glibc.read(master, &buffer, buffer.count)
            guard count > 0 else {
                throw Failure(description: "the terminal closed before showing \"\(text)\"; it showed: \(shown[start...])")
            }
            shown += String(decoding: buffer[0..<count], as: UTF8.self)
        }
    }

    /// Waits for the process to end; its exit status, or 128 + the signal that ended it.
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}

/// posix_openpt, grantpt, unlockpt and ptsname from the C library (the Glibc module hides them
/// behind _XOPEN_SOURCE), looked up by name.
private struct PTYFunctions {
    typealias Descriptor = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    let openpt: Descriptor
    let grantpt: Descriptor
    let unlockpt: Descriptor
    let ptsname: Name

    init() {
        let library = dlopen(nil, RTLD_NOW)
        func function<T>(_ name: String, _ type: T.Type) -> T {
            guard let symbol = dlsym(library, name) else { fatalError("the C library has no \(name)") }
            return unsafeBitCast(symbol, to: type)
        }
        openpt = function("posix_openpt", Descriptor.self)
        grantpt = function("grantpt", Descriptor.self)
        unlockpt = function("unlockpt", Descriptor.self)
        ptsname = function("ptsname", Name.self)
    }
}
