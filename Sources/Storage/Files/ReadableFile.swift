import FoundationEssentials
import Glibc

/// A file open for reading, read in chunks through its descriptor (closed with the object).
final class ReadableFile {
    private let descriptor: Int32
    private let path: String

    /// Opens `path`; throws a one-line error naming the file when it cannot be read.
    init(path: String) throws {
        descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw StateError("cannot read \(MessageText.path(path)): \(String(cString: strerror(errno)))")
        }
        self.path = path
    }

    deinit { close(descriptor) }

    /// Appends up to `count` more bytes to `buffer`; false at the end of the file.
    func read(upTo count: Int, into buffer: inout [UInt8]) throws -> Bool {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        var read: Int
        repeat {
            read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + start, count) }
        } while read < 0 && errno == EINTR
        buffer.removeLast(count - max(read, 0))
        guard read >= 0 else {
            throw StateError("cannot read \(MessageText.path(path)): \(String(cString: strerror(errno)))")
        }
        return read > 0
    }
}
