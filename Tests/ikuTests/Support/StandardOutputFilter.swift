import Foundation

/// While alive, passes this process's stdout through a pipe and drops the lines `drop` matches,
/// forwarding every other line: commands run in-process print their results (new ids, "target
/// ikm 2026: …") without flooding the test log, while the test library's own lines still show.
final class StandardOutputFilter {
    private let original: Int32
    private let writeEnd: Int32
    private let forwarder: Thread
    private let finished = DispatchSemaphore(value: 0)

    init(dropping drop: @escaping @Sendable (Substring) -> Bool) {
        fflush(nil)
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "pipe: \(errno)")
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        original = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0)
        writeEnd = ends[1]
        dup2(writeEnd, STDOUT_FILENO)
        let readEnd = ends[0], destination = original, finished = finished
        forwarder = Thread {
            var pending = Data()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending.append(contentsOf: buffer[0..<count])
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = pending[pending.startIndex...newline]
                    pending.removeSubrange(pending.startIndex...newline)
                    if !drop(Substring(decoding: line.dropLast(), as: UTF8.self)) {
                        line.withUnsafeBytes { _ = write(destination, $0.baseAddress, $0.count) }
                    }
                }
            }
            pending.withUnsafeBytes { _ = write(destination, $0.baseAddress, $0.count) }
            close(readEnd)
            finished.signal()
        }
        forwarder.start()
    }

    /// Restores stdout once everything written so far has been forwarded.
    func restore() {
        fflush(nil)
        dup2(original, STDOUT_FILENO)
        close(writeEnd)
        finished.wait()
        close(original)
    }
}
