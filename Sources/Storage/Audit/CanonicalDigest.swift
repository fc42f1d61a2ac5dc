import CSQLite
import Crypto
import FoundationEssentials

/// SHA-256 over an unambiguous encoding of typed values: each value is a one-byte type tag,
/// then (for all but NULL) an 8-byte big-endian length or number, then its bytes.
///
/// Bytes are gathered in a buffer and hashed in large blocks: hashing many tiny pieces one
/// call at a time is ten times slower. The buffer is shared by copies: append to one copy only.
struct CanonicalDigest {
    private var hasher = SHA256()
    private let buffer = HashBuffer()

    mutating func append(text: String) {
        var text = text
        text.withUTF8 { appendTagged(tag: 0x54, bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends UTF-8 text given as its bytes.
    mutating func append(textBytes bytes: UnsafeRawBufferPointer) {
        appendTagged(tag: 0x54, bytes: bytes)
    }

    mutating func append(integer: Int64) {
        appendTag(0x49, number: UInt64(bitPattern: integer))
    }

    /// Marks the start of a row. Values are self-delimiting, so the marks alone frame the rows.
    mutating func appendRowStart() {
        appendTag(0x23)
    }

    mutating func appendNull() {
        appendTag(0x4E)
    }

    mutating func append(_ value: DatabaseValue) {
        switch value {
        case .null: appendNull()
        case .integer(let integer): append(integer: integer)
        case .real(let real): appendTag(0x52, number: real.bitPattern)
        case .text(let text): append(text: text)
        case .blob(let data): data.withUnsafeBytes { appendTagged(tag: 0x42, bytes: $0) }
        }
    }

    /// Appends column `index` of the statement's current row straight from SQLite's buffers.
    mutating func appendColumn(of statement: Statement, at index: Int) {
        switch statement.columnType(at: index) {
        case SQLITE_INTEGER: append(integer: statement.int64(at: index))
        case SQLITE_FLOAT: appendTag(0x52, number: statement.double(at: index).bitPattern)
        case SQLITE_TEXT: statement.withColumnBytes(at: index) { appendTagged(tag: 0x54, bytes: $0) }
        case SQLITE_BLOB: statement.withColumnBytes(at: index) { appendTagged(tag: 0x42, bytes: $0) }
        default: appendNull()
        }
    }

    /// The digest of everything appended so far, as 64 lower-case hex digits.
    func hexDigest() -> String {
        var hasher = hasher
        hasher.update(bufferPointer: buffer.bytes)
        return Hex.lowercase(hasher.finalize())
    }

    private mutating func appendTag(_ tag: UInt8) {
        if buffer.count + 9 > HashBuffer.capacity { flush() }
        buffer.append(tag)
    }

    /// A tag and an 8-byte big-endian number, with one bounds check (the hot path of bulk digests).
    private mutating func appendTag(_ tag: UInt8, number: UInt64) {
        if buffer.count + 9 > HashBuffer.capacity { flush() }
        buffer.append(tag, number.bigEndian)
    }

    private mutating func appendTagged(tag: UInt8, bytes: UnsafeRawBufferPointer) {
        appendTag(tag, number: UInt64(bytes.count))
        if buffer.count + bytes.count > HashBuffer.capacity { flush() }
        if bytes.count > HashBuffer.capacity {
            hasher.update(bufferPointer: bytes)
        } else {
            buffer.append(bytes)
        }
    }

    private mutating func flush() {
        hasher.update(bufferPointer: buffer.bytes)
        buffer.count = 0
    }
}

/// A fixed block of bytes waiting to be hashed, so the hasher sees large updates.
private final class HashBuffer {
    static let capacity = 64 * 1024
    private let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    var count = 0

    deinit { storage.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    func append(_ byte: UInt8) {
        storage.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    func append(_ byte: UInt8, _ value: UInt64) {
        storage.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        storage.storeBytes(of: value, toByteOffset: count + 1, as: UInt64.self)
        count += 9
    }

    func append(_ source: UnsafeRawBufferPointer) {
        guard let base = source.baseAddress, source.count > 0 else { return }
        (storage + count).copyMemory(from: base, byteCount: source.count)
        count += source.count
    }
}
