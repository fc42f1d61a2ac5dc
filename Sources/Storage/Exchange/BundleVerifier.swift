import Crypto
import FoundationEssentials
import Glibc

/// Reads an export bundle as a stream and checks it completely: its format, every change's
/// content digest recomputed from its rows, the chain of entry digests from its first head, the
/// counts, the digest of its bytes and the office's signature. Nothing about the bundle is trusted
/// until `verify` returns.
public struct BundleVerifier {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// One change of a verified bundle, with the rows it wrote (`SELECT rowid, *` values per table).
    public struct Change {
        public let values: [DatabaseValue]
        public let entrySHA256: String
        public internal(set) var rows: [(table: String, row: [DatabaseValue])]
    }

    /// Verifies the bundle against `publicKey` (the key registered for its office); `body` sees
    /// each change once its digests are checked, before the signature is: act on them only
    /// inside a transaction that is committed after `verify` returns.
    @discardableResult
    public func verify(publicKey expected: String?, body: ((Change) throws -> Void)? = nil) throws -> BundleSummary {
        var reader = try BundleReader(path: path, publicKey: expected)
        var open: Change?
        while let event = try reader.next() {
            switch event {
            case .change(let change):
                if let open { try body?(open) }
                open = Change(values: change.values, entrySHA256: change.entrySHA256, rows: [])
            case .row(let table, let values):
                if body != nil { open?.rows.append((table, values)) }
            case .end(let summary):
                if let open { try body?(open) }
                return summary
            }
        }
        throw StateError("\(path) is truncated: it ends without its signed trailer")
    }
}

/// The header of a bundle: who sent it and the columns of every table its rows come from.
public struct BundleHeader: Sendable {
    public let officeCode: String
    public let officeName: String
    public let publicKey: String
    public let firstHead: String
    /// The columns of `SELECT rowid, * FROM TABLE` for every table, by name.
    public let tables: [String: [String]]
    /// The header line as the bundle carried it (without its line break).
    public let text: String
}

/// One step of reading a bundle with `BundleReader`.
public enum BundleEvent {
    /// A change as read, its digests claimed: checked against its rows when the next change or
    /// the trailer is read.
    case change(BundleChange)
    /// A row written by the change before it.
    case row(table: String, values: [DatabaseValue])
    /// The trailer: every digest, the counts and the signature verified.
    case end(BundleSummary)
}

/// A change line of a bundle.
public struct BundleChange: Sendable {
    /// `[id, recorded_at, actor, kind, action, record_id, summary]`.
    public let values: [DatabaseValue]
    public let contentSHA256: String
    public let previousSHA256: String
    public let entrySHA256: String

    /// The change's id in the office's log.
    public var id: Int64 {
        if case .integer(let id) = values[0] { return id }
        return -1
    }
}

/// Reads a bundle one event at a time, checking as it goes: the header when it is created (the
/// format, its version, the key against the expected one), each change's digests when the next
/// change or the trailer is read, and the counts, body digest and signature at the trailer. A
/// reader that writes what it reads must do so inside a transaction it commits only after `.end`.
public struct BundleReader {
    public let path: String
    public let header: BundleHeader
    private var lines: LineReader
    private var hasher = SHA256()
    private let key: Curve25519.Signing.PublicKey
    private var head: String
    private var changes = 0
    private var rows = 0
    private var pending: (line: Int, change: BundleChange, digest: ContentDigest)?
    private var finished = false

    /// Opens the bundle at `path` and checks its header; `publicKey` is the key registered for its
    /// office (nil: whatever key it names, for the office's own check).
    public init(path: String, publicKey expected: String?) throws {
        self.path = path
        lines = try LineReader(path: path)
        guard let (headerLine, headerBytes) = try lines.next() else {
            throw StateError("\(path) is empty: not an iku bundle")
        }
        hasher.update(data: headerBytes)
        guard let header = JSONValue.object(headerBytes), header["format"]?.string == Bundle.formatName,
              let version = header["version"]?.integer else {
            throw StateError("\(path) is not an iku bundle")
        }
        guard version <= Bundle.formatVersion else {
            throw StateError("\(path) is a bundle of format version \(version); this iku reads version \(Bundle.formatVersion) (update iku)")
        }
        guard let office = header["office"]?.object, let code = office["code"]?.string,
              let name = office["name"]?.string, let publicKey = header["public_key"]?.string,
              let firstHead = header["first_head"]?.string, let tables = Self.tables(header["tables"]) else {
            throw StateError("\(path): line \(headerLine): the header lacks the office, key, first head or tables")
        }
        if let expected, expected != publicKey {
            throw StateError("\(path) is signed by another key (\(publicKey)) than the one registered for \(code)")
        }
        key = try PublicKeyText.parse(publicKey, field: "public_key")
        head = firstHead
        var text = String(decoding: headerBytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        self.header = BundleHeader(officeCode: code, officeName: name, publicKey: publicKey, firstHead: firstHead,
                                   tables: tables, text: text)
    }

    private func fail(_ line: Int, _ reason: String) -> StateError {
        StateError("\(path): line \(line): \(reason)")
    }

    /// The next event, or nil after `.end`. Throws at the first thing that does not verify.
    public mutating func next() throws -> BundleEvent? {
        guard !finished else { return nil }
        guard let (number, bytes) = try lines.next() else {
            throw StateError("\(path) is truncated: it ends without its signed trailer")
        }
        if let (table, values) = bytes.withUnsafeBytes(RowLine.parse) {
            return try row(table: table, values: values, bytes: bytes, line: number)
        }
        guard let object = JSONValue.object(bytes) else { throw fail(number, "not a JSON object") }
        if let row = object["row"]?.array, let table = object["table"]?.string {
            let values = try row.map { try Self.value($0, line: number, path: path) }
            return try self.row(table: table, values: values, bytes: bytes, line: number)
        } else if let values = object["change"]?.array {
            hasher.update(data: bytes)
            try finishChange()
            guard values.count == 7, let content = object["content_sha256"]?.string,
                  let previous = object["previous_sha256"]?.string, let entry = object["entry_sha256"]?.string else {
                throw fail(number, "a change without its seven values and three digests")
            }
            let change = BundleChange(values: try values.map { try Self.value($0, line: number, path: path) },
                                      contentSHA256: content, previousSHA256: previous, entrySHA256: entry)
            pending = (number, change, ContentDigest())
            return .change(change)
        } else if let end = object["end"]?.object {
            try finishChange()
            let bodySHA256 = Hex.lowercase(hasher.finalize())
            guard end["changes"]?.integer == changes, end["rows"]?.integer == rows else {
                throw fail(number, "the trailer counts \(end["changes"]?.description ?? "?") changes and \(end["rows"]?.description ?? "?") rows; the bundle holds \(changes) and \(rows)")
            }
            guard end["last_head"]?.string == head else { throw fail(number, "the trailer's last head is not the chain's") }
            guard end["body_sha256"]?.string == bodySHA256 else { throw fail(number, "the bytes before the trailer were changed") }
            guard let signatureText = end["signature"]?.string, let signature = Data(base64Encoded: signatureText),
                  key.isValidSignature(signature, for: Bundle.signedMessage(bodySHA256: bodySHA256)) else {
                throw fail(number, "the signature does not verify with \(header.publicKey)")
            }
            guard try lines.next() == nil else { throw fail(number + 1, "text after the trailer") }
            finished = true
            return .end(BundleSummary(officeCode: header.officeCode, officeName: header.officeName, publicKey: header.publicKey,
                                      firstHead: header.firstHead, lastHead: head, changes: changes, rows: rows,
                                      bodySHA256: bodySHA256))
        } else {
            throw fail(number, "neither a change, a row nor the trailer")
        }
    }

    private mutating func row(table: String, values: [DatabaseValue], bytes: Data, line: Int) throws -> BundleEvent {
        hasher.update(data: bytes)
        guard pending != nil else { throw fail(line, "a row before any change") }
        pending!.digest.add(row: values, table: table)
        rows += 1
        return .row(table: table, values: values)
    }

    private mutating func finishChange() throws {
        guard var open = pending else { return }
        pending = nil
        let id = String(open.change.id)
        let content = open.digest.hexDigest()
        guard content == open.change.contentSHA256 else {
            throw fail(open.line, "change \(id): its rows do not match its content digest")
        }
        guard open.change.previousSHA256 == head else {
            throw fail(open.line, "change \(id) does not follow head \(head): a gap or another history")
        }
        let entry = AuditChain.entryDigest(changeRow: open.change.values, content: content, previous: head)
        guard entry == open.change.entrySHA256 else {
            throw fail(open.line, "change \(id): the entry does not match its digest")
        }
        head = entry
        changes += 1
    }

    /// The header's tables: each table's name and its columns.
    private static func tables(_ json: JSONValue?) -> [String: [String]]? {
        guard let members = json?.object else { return nil }
        var tables: [String: [String]] = [:]
        for (table, columns) in members {
            guard let names = columns.array?.compactMap(\.string), names.count == columns.array?.count else { return nil }
            tables[table] = names
        }
        return tables
    }

    static func value(_ json: JSONValue, line: Int, path: String) throws -> DatabaseValue {
        switch json {
        case .null: return .null
        case .string(let text): return .text(text)
        case .integer(let integer): return .integer(integer)
        case .object(let object):
            if let text = object["real"]?.string, let real = Double(text) { return .real(real) }
            if let text = object["blob"]?.string, let data = Data(base64Encoded: text) { return .blob(data) }
        default: break
        }
        throw StateError("\(path): line \(line): a value iku does not write: \(json)")
    }
}

/// Lines of a file, read in large chunks: each with its 1-based number and its bytes, the line
/// break included (the bytes a digest covers). The line break is found with `memchr` in a byte
/// array read from an offset: searching `Data` byte by byte cost a third of reading a bundle.
private struct LineReader {
    private let file: ReadableFile
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    private var atEnd = false
    private var number = 0

    init(path: String) throws {
        file = try ReadableFile(path: path)
    }

    mutating func next() throws -> (Int, Data)? {
        while true {
            let from = start
            let newline: Int? = buffer.withUnsafeBytes { bytes in
                guard from < bytes.count, let base = bytes.baseAddress,
                      let found = memchr(base + from, 0x0A, bytes.count - from) else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
            if let newline {
                let line = Data(buffer[start...newline])
                start = newline + 1
                number += 1
                return (number, line)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                number += 1
                let line = Data(buffer[start...])
                start = buffer.count
                return (number, line)
            }
            buffer.removeSubrange(0..<start)
            start = 0
            if try !file.read(upTo: 1 << 20, into: &buffer) { atEnd = true }
        }
    }
}
