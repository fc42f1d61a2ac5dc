import Crypto
import FoundationEssentials
import Glibc

/// What is wrong with one CSV record's structure or encoding.
enum CSVProblem: Equatable, Sendable {
    case invalidUTF8
    case quoteInUnquotedField
    case textAfterClosingQuote
    case unterminatedQuote
    case recordTooLong
    case tooManyFields

    /// The problem as input refused at `line`.
    func inputError(line: Int) -> InputError {
        switch self {
        case .invalidUTF8:
            return InputError(field: "encoding", value: "bytes that are not UTF-8",
                              allowed: "UTF-8 text (save the file as CSV UTF-8)", line: line)
        case .quoteInUnquotedField:
            return InputError(field: "quoting", value: "a \" inside an unquoted field",
                              allowed: "a field with quotes must be quoted whole, with inner quotes doubled (\"say \"\"hi\"\"\")", line: line)
        case .textAfterClosingQuote:
            return InputError(field: "quoting", value: "text after a closing quote",
                              allowed: "a quoted field ends at its closing quote, then a comma or the end of the line", line: line)
        case .unterminatedQuote:
            return InputError(field: "quoting", value: "a quoted field that is never closed",
                              allowed: "every opening quote closed by a quote before the end of the file", line: line)
        case .recordTooLong:
            return InputError(field: "row", value: "more than \(CSVReader.maximumRecordBytes) bytes",
                              allowed: "rows of at most 1 MiB (is a quote left open?)", line: line)
        case .tooManyFields:
            return InputError(field: "row", value: "more than \(CSVReader.maximumFieldCount) fields",
                              allowed: "one field per header column", line: line)
        }
    }
}

/// Streams the records of an RFC 4180 CSV file: comma separated, fields optionally quoted with
/// `"` (inside which commas, line breaks and doubled quotes `""` are data), lines ending in LF,
/// CRLF or CR, an optional UTF-8 byte order mark, blank lines skipped.
///
/// The file is read in fixed-size chunks and each record is copied into one reused buffer, so
/// memory stays the same whatever the file's size. Each record's fields are checked to be
/// UTF-8; a record with a problem is still returned, with `problem` set, so an import can name
/// every bad line. The reader also computes the SHA-256 of the bytes it reads.
final class CSVReader {
    static let maximumRecordBytes = 1 << 20
    static let maximumFieldCount = 1024

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private let descriptor: Int32
    private let path: String
    private let chunkSize: Int
    private let chunk: UnsafeMutablePointer<UInt8>
    private var chunkCount = 0
    private var position = 0
    private var isFirstChunk = true
    private var skipLineFeed = false
    private var hasher = SHA256()

    private let record: UnsafeMutablePointer<UInt8>
    private var recordCount = 0
    private let fieldEnds: UnsafeMutablePointer<Int>
    private var fieldStart = 0
    private var highBits: UInt8 = 0
    private var sawQuote = false
    private var nextLine = 1
    /// The last byte read inside quotes was a CR, so an LF next ends the same line.
    private var quotedCR = false

    /// Fields in the current record.
    private(set) var fieldCount = 0
    /// The 1-based line on which the current record starts.
    private(set) var line = 0
    /// The first structural or encoding problem of the current record, if any.
    private(set) var problem: CSVProblem?
    /// Bytes read from the file so far.
    private(set) var bytesRead = 0

    /// Opens `path` for reading. `chunkSize` is how much is read at a time (at least 4 bytes).
    init(path: String, chunkSize: Int = 1 << 20) throws {
        descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw StateError("cannot open \(MessageText.path(path)): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.chunkSize = max(chunkSize, 4)
        chunk = .allocate(capacity: self.chunkSize)
        record = .allocate(capacity: Self.maximumRecordBytes)
        fieldEnds = .allocate(capacity: Self.maximumFieldCount)
    }

    deinit {
        close(descriptor)
        chunk.deallocate()
        record.deallocate()
        fieldEnds.deallocate()
    }

    /// The bytes of field `index` of the current record, unquoted.
    @inline(__always)
    func field(_ index: Int) -> Bytes {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return Bytes(start: record + start, count: fieldEnds[index] - start)
    }

    /// The hex SHA-256 of every byte read; complete once `next()` has returned false.
    func sha256() -> String {
        Hex.lowercase(hasher.finalize())
    }

    /// Moves to the next non-blank record; false at the end of the file.
    func next() throws -> Bool {
        while try readRecord() {
            let blank = fieldCount == 1 && recordCount == 0 && !sawQuote && problem == nil
            if !blank { return true }
        }
        return false
    }

    private func readRecord() throws -> Bool {
        recordCount = 0
        fieldCount = 0
        fieldStart = 0
        highBits = 0
        sawQuote = false
        problem = nil
        line = nextLine
        var state = State.fieldStart
        var started = false
        while true {
            if position == chunkCount {
                guard try fill() else {
                    guard started else { return false }
                    if state == .quoted { note(.unterminatedQuote) }
                    endField()
                    return true
                }
                if skipLineFeed {
                    skipLineFeed = false
                    if chunk[position] == 0x0A {
                        position += 1
                        continue
                    }
                }
            } else if skipLineFeed {
                skipLineFeed = false
                if chunk[position] == 0x0A {
                    position += 1
                    continue
                }
            }
            started = true
            var index = position
            let end = chunkCount
            while index < end {
                let byte = chunk[index]
                index += 1
                switch state {
                case .fieldStart, .unquoted:
                    switch byte {
                    case 0x2C:
                        endField()
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        nextLine += 1
                        skipLineFeed = byte == 0x0D
                        endField()
                        position = index
                        return true
                    case 0x22:
                        sawQuote = true
                        if state == .fieldStart {
                            state = .quoted
                        } else {
                            note(.quoteInUnquotedField)
                            append(byte)
                        }
                    default:
                        append(byte)
                        state = .unquoted
                    }
                case .quoted:
                    if byte == 0x22 {
                        state = .quoteInQuoted
                        quotedCR = false
                    } else {
                        // Line breaks inside quotes count as the ones outside do: LF, CR LF or CR.
                        if byte == 0x0D || (byte == 0x0A && !quotedCR) { nextLine += 1 }
                        quotedCR = byte == 0x0D
                        append(byte)
                    }
                case .quoteInQuoted:
                    switch byte {
                    case 0x22:
                        append(byte)
                        state = .quoted
                    case 0x2C:
                        endField()
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        nextLine += 1
                        skipLineFeed = byte == 0x0D
                        endField()
                        position = index
                        return true
                    default:
                        note(.textAfterClosingQuote)
                        append(byte)
                        state = .unquoted
                    }
                }
            }
            position = index
        }
    }

    @inline(__always)
    private func append(_ byte: UInt8) {
        guard recordCount < Self.maximumRecordBytes else {
            note(.recordTooLong)
            return
        }
        record[recordCount] = byte
        recordCount += 1
        highBits |= byte
    }

    @inline(__always)
    private func endField() {
        if highBits & 0x80 != 0, !UTF8Check.isValid(record + fieldStart, count: recordCount - fieldStart) {
            note(.invalidUTF8)
        }
        guard fieldCount < Self.maximumFieldCount else {
            note(.tooManyFields)
            return
        }
        fieldEnds[fieldCount] = recordCount
        fieldCount += 1
        fieldStart = recordCount
        highBits = 0
    }

    @inline(__always)
    private func note(_ found: CSVProblem) {
        if problem == nil { problem = found }
    }

    /// Reads the next chunk; false at the end of the file. Skips a byte order mark at the start.
    private func fill() throws -> Bool {
        var count: Int
        repeat {
            count = read(descriptor, chunk, chunkSize)
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw StateError("cannot read \(MessageText.path(path)): \(String(cString: strerror(errno)))") }
        guard count > 0 else { return false }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: chunk, count: count))
        bytesRead += count
        chunkCount = count
        position = 0
        if isFirstChunk {
            isFirstChunk = false
            if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
            if position == chunkCount { return try fill() }
        }
        return true
    }
}

/// Strict UTF-8 validation (no overlong forms, surrogates or code points past U+10FFFF).
enum UTF8Check {
    static func isValid(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return false }
            for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 {
                return false
            }
            index += length
        }
        return true
    }
}

/// The SHA-256 of a whole file, read in chunks.
enum FileDigest {
    static func sha256(path: String) throws -> String {
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw StateError("cannot open \(MessageText.path(path)): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer, size)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw StateError("cannot read \(MessageText.path(path)): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: count))
        }
        return Hex.lowercase(hasher.finalize())
    }
}
