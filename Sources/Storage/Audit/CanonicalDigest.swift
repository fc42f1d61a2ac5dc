import CSQLite
import Crypto
import Foundation

/// SHA-256 over an unambiguous encoding of typed values: each value is a one-byte type tag,
/// then (for all but NULL) an 8-byte big-endian length or number, then its bytes.
struct CanonicalDigest {
    private var hasher = SHA256()

    mutating func append(text: String) {
        var text = text
        text.withUTF8 { appendTagged(tag: 0x54, bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func append(integer: Int64) {
        appendTag(0x49)
        appendBigEndian(UInt64(bitPattern: integer))
    }

    mutating func appendNull() {
        appendTag(0x4E)
    }

    mutating func append(_ value: DatabaseValue) {
        switch value {
        case .null: appendNull()
        case .integer(let integer): append(integer: integer)
        case .real(let real):
            appendTag(0x52)
            appendBigEndian(real.bitPattern)
        case .text(let text): append(text: text)
        case .blob(let data): data.withUnsafeBytes { appendTagged(tag: 0x42, bytes: $0) }
        }
    }

    /// Appends column `index` of the statement's current row straight from SQLite's buffers.
    mutating func appendColumn(of statement: Statement, at index: Int) {
        switch statement.columnType(at: index) {
        case SQLITE_INTEGER: append(integer: statement.int64(at: index))
        case SQLITE_FLOAT:
            appendTag(0x52)
            appendBigEndian(statement.double(at: index).bitPattern)
        case SQLITE_TEXT: statement.withColumnBytes(at: index) { appendTagged(tag: 0x54, bytes: $0) }
        case SQLITE_BLOB: statement.withColumnBytes(at: index) { appendTagged(tag: 0x42, bytes: $0) }
        default: appendNull()
        }
    }

    /// The digest as 64 lower-case hex digits.
    func hexDigest() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private mutating func appendTag(_ tag: UInt8) {
        withUnsafeBytes(of: tag) { hasher.update(bufferPointer: $0) }
    }

    private mutating func appendBigEndian(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { hasher.update(bufferPointer: $0) }
    }

    private mutating func appendTagged(tag: UInt8, bytes: UnsafeRawBufferPointer) {
        appendTag(tag)
        appendBigEndian(UInt64(bytes.count))
        hasher.update(bufferPointer: bytes)
    }
}
