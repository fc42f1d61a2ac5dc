import Crypto
import Foundation

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
        var reader = try LineReader(path: path)
        var hasher = SHA256()
        func fail(_ line: Int, _ reason: String) -> StateError {
            StateError("\(path): line \(line): \(reason)")
        }
        guard let (headerLine, headerBytes) = try reader.next() else {
            throw StateError("\(path) is empty: not an iku bundle")
        }
        hasher.update(data: headerBytes)
        guard let header = Self.object(headerBytes), header["format"] as? String == Bundle.formatName,
              let version = header["version"] as? Int else {
            throw StateError("\(path) is not an iku bundle")
        }
        guard version <= Bundle.formatVersion else {
            throw StateError("\(path) is a bundle of format version \(version); this iku reads version \(Bundle.formatVersion) (update iku)")
        }
        guard let office = header["office"] as? [String: Any], let code = office["code"] as? String,
              let name = office["name"] as? String, let publicKey = header["public_key"] as? String,
              let firstHead = header["first_head"] as? String, header["tables"] is [String: Any] else {
            throw fail(headerLine, "the header lacks the office, key or first head")
        }
        if let expected, expected != publicKey {
            throw StateError("\(path) is signed by another key (\(publicKey)) than the one registered for \(code)")
        }
        let key = try PublicKeyText.parse(publicKey, field: "public_key")

        var head = firstHead
        var changes = 0
        var rows = 0
        var pending: (line: Int, change: Change, content: String, previous: String, digest: ContentDigest)?
        func finishChange() throws {
            guard var open = pending else { return }
            pending = nil
            let content = open.digest.hexDigest()
            guard content == open.content else {
                throw fail(open.line, "change \(open.change.values.first.map(Self.describe) ?? "?"): its rows do not match its content digest")
            }
            guard open.previous == head else {
                throw fail(open.line, "change \(open.change.values.first.map(Self.describe) ?? "?") does not follow head \(head): a gap or another history")
            }
            let entry = AuditChain.entryDigest(changeRow: open.change.values, content: content, previous: head)
            guard entry == open.change.entrySHA256 else {
                throw fail(open.line, "change \(open.change.values.first.map(Self.describe) ?? "?"): the entry does not match its digest")
            }
            head = entry
            changes += 1
            try body?(open.change)
            open.change.rows = []
        }

        while let (number, bytes) = try reader.next() {
            guard let object = Self.object(bytes) else { throw fail(number, "not a JSON object") }
            if let row = object["row"] as? [Any], let table = object["table"] as? String {
                hasher.update(data: bytes)
                guard pending != nil else { throw fail(number, "a row before any change") }
                let values = try row.map { try Self.value($0, line: number, path: path) }
                pending!.digest.add(row: values, table: table)
                if body != nil { pending!.change.rows.append((table, values)) }
                rows += 1
            } else if let values = object["change"] as? [Any] {
                hasher.update(data: bytes)
                try finishChange()
                guard values.count == 7, let content = object["content_sha256"] as? String,
                      let previous = object["previous_sha256"] as? String, let entry = object["entry_sha256"] as? String else {
                    throw fail(number, "a change without its seven values and three digests")
                }
                let change = Change(values: try values.map { try Self.value($0, line: number, path: path) }, entrySHA256: entry, rows: [])
                pending = (number, change, content, previous, ContentDigest())
            } else if let end = object["end"] as? [String: Any] {
                try finishChange()
                let bodySHA256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
                guard end["changes"] as? Int == changes, end["rows"] as? Int == rows else {
                    throw fail(number, "the trailer counts \(end["changes"] ?? "?") changes and \(end["rows"] ?? "?") rows; the bundle holds \(changes) and \(rows)")
                }
                guard end["last_head"] as? String == head else { throw fail(number, "the trailer's last head is not the chain's") }
                guard end["body_sha256"] as? String == bodySHA256 else { throw fail(number, "the bytes before the trailer were changed") }
                guard let signatureText = end["signature"] as? String, let signature = Data(base64Encoded: signatureText),
                      key.isValidSignature(signature, for: Bundle.signedMessage(bodySHA256: bodySHA256)) else {
                    throw fail(number, "the signature does not verify with \(publicKey)")
                }
                guard try reader.next() == nil else { throw fail(number + 1, "text after the trailer") }
                return BundleSummary(officeCode: code, officeName: name, publicKey: publicKey, firstHead: firstHead,
                                     lastHead: head, changes: changes, rows: rows)
            } else {
                throw fail(number, "neither a change, a row nor the trailer")
            }
        }
        throw StateError("\(path) is truncated: it ends without its signed trailer")
    }

    private static func object(_ bytes: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: bytes, options: [])) as? [String: Any]
    }

    private static func value(_ json: Any, line: Int, path: String) throws -> DatabaseValue {
        switch json {
        case is NSNull: return .null
        case let text as String: return .text(text)
        case let integer as Int:
            return .integer(Int64(integer))
        case let object as [String: Any]:
            if let text = object["real"] as? String, let real = Double(text) { return .real(real) }
            if let text = object["blob"] as? String, let data = Data(base64Encoded: text) { return .blob(data) }
        default: break
        }
        throw StateError("\(path): line \(line): a value iku does not write: \(json)")
    }

    private static func describe(_ value: DatabaseValue) -> String {
        if case .integer(let id) = value { return String(id) }
        return "?"
    }
}

/// Lines of a file, read in large chunks: each with its 1-based number and its bytes, the line
/// break included (the bytes a digest covers).
private struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false
    private var number = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StateError("cannot read \(path): no such file or not readable")
        }
        self.handle = handle
    }

    mutating func next() throws -> (Int, Data)? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex...newline]
                buffer = buffer[(newline + 1)...]
                number += 1
                return (number, Data(line))
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                number += 1
                let line = buffer
                buffer = Data()
                return (number, line)
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }
}
