import Crypto
import FoundationEssentials
import Glibc

/// An export bundle: the office's changes after a head, with every row they wrote and their
/// digests, signed with the office key, for the regency to verify and ingest.
///
/// The file is UTF-8 JSON, one value a line (so it is written and read as a stream):
/// - a header: `{"format": "iku-bundle", "version": 1, "office": {"code", "name"}, "public_key",
///   "first_head", "tables": {TABLE: [the columns of SELECT rowid, * FROM TABLE]}}`;
/// - per change, in id order: `{"change": [id, recorded_at, actor, kind, action, record_id,
///   summary], "content_sha256", "previous_sha256", "entry_sha256"}`, then one line
///   `{"table": TABLE, "row": [values]}` for each row it wrote, tables in name order, rows in
///   rowid order;
/// - a trailer: `{"end": {"changes", "rows", "last_head", "body_sha256", "signature"}}`, where
///   `body_sha256` is the SHA-256 of every byte before the trailer and `signature` the Ed25519
///   signature (base64) of `iku-bundle-v1 ` followed by that digest.
///
/// Values: integers as JSON numbers, text as strings, NULL as null, reals as `{"real": "82.5"}`
/// (Swift's shortest round-trip spelling) and blobs as `{"blob": BASE64}`, so every value keeps
/// its SQLite type and the digests can be recomputed exactly.
public enum Bundle {
    public static let formatName = "iku-bundle"
    public static let formatVersion = 1

    static func signedMessage(bodySHA256: String) -> Data {
        Data("iku-bundle-v1 \(bodySHA256)".utf8)
    }

    /// A value in the bundle's encoding (see above).
    public static func json(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let integer): return String(integer)
        case .real(let real): return "{\"real\": \"\(real.description)\"}"
        case .text(let text): return JSONText.string(text)
        case .blob(let data): return "{\"blob\": \"\(data.base64EncodedString())\"}"
        }
    }
}

/// What a bundle holds, as written or as verified.
public struct BundleSummary: Equatable, Sendable {
    public let officeCode: String
    public let officeName: String
    public let publicKey: String
    /// The head the bundle starts after (64 zeros for a bundle from the first change).
    public let firstHead: String
    /// The entry digest of its last change (`firstHead` when it holds none).
    public let lastHead: String
    public let changes: Int
    public let rows: Int
    /// The SHA-256 of every byte before the trailer: what the signature signs.
    public let bodySHA256: String
}

/// Writes export bundles (`iku export`).
public struct BundleExporter {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let changeIDOfHead = "SELECT change_id FROM change_digests WHERE entry_sha256 = ?"
    static let changesAfter = """
        SELECT c.id, c.recorded_at, c.actor, c.kind, c.action, c.record_id, c.summary,
               d.content_sha256, d.previous_sha256, d.entry_sha256
        FROM changes AS c JOIN change_digests AS d ON d.change_id = c.id
        WHERE c.id > ? ORDER BY c.id
        """

    /// Writes the changes after `since` (every change when nil) to a new file at `path`, signed
    /// with `key`, from one consistent read of the database. Refuses an existing file, a head
    /// this database never had, and a key it never recorded. Memory stays flat: rows stream
    /// from SQLite to the file.
    @discardableResult
    public func export(to path: String, since: String?, key: OfficeKey,
                       progress: ((_ changesWritten: Int) -> Void)? = nil) throws -> BundleSummary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw InputError(field: "output", value: path, allowed: "a file that does not exist yet (iku never replaces a bundle)")
        }
        // One sequential pass over every table: SQLite's page cache (64 MiB on iku's connections,
        // for the indicator queries) would only grow with the file here, so it is kept small.
        try database.connection.execute("PRAGMA cache_size = -2048")
        defer { try? database.connection.execute("PRAGMA cache_size = \(Connection.cacheSizeKibibytes)") }
        return try database.read {
            guard let office = try OfficeStore(database).office() else {
                throw StateError("this database has no office: it was not created by iku init")
            }
            guard try OfficeKeyLog(database).change(recording: key.publicKeyText) != nil else {
                throw StateError("the key \(key.publicKeyText) was not created for this database (iku key init records it)")
            }
            var afterChange: Int64 = 0
            if let since {
                guard let id = try database.connection.cached(Self.changeIDOfHead).first([since], { $0.int64(0) }) else {
                    throw InputError(field: "since", value: since, allowed: "a head this database had (iku audit log, iku audit head)")
                }
                afterChange = id
            }
            let file = try BundleFile(creating: path)
            do {
                let summary = try write(office: office, after: afterChange, firstHead: since ?? AuditChain.genesis,
                                        key: key, into: file, progress: progress)
                try file.commit()
                return summary
            } catch {
                file.discard()
                throw error
            }
        }
    }

    private func write(office: Office, after afterChange: Int64, firstHead: String, key: OfficeKey,
                       into file: BundleFile, progress: ((Int) -> Void)?) throws -> BundleSummary {
        var cursors = try AuditChain(database.connection).recordTables().map {
            try BundleTableCursor(connection: database.connection, table: $0, afterChange: afterChange)
        }
        let tables = cursors.map { "\(JSONText.string($0.table)): [" + $0.columns.map(JSONText.string).joined(separator: ", ") + "]" }
        try file.write("{\"format\": \"\(Bundle.formatName)\", \"version\": \(Bundle.formatVersion), "
            + "\"office\": {\"code\": \(JSONText.string(office.kecamatanCode)), \"name\": \(JSONText.string(office.kecamatanName))}, "
            + "\"public_key\": \(JSONText.string(key.publicKeyText)), \"first_head\": \(JSONText.string(firstHead)), "
            + "\"tables\": {" + tables.joined(separator: ", ") + "}}\n")
        var changes = 0
        var rows = 0
        var lastHead = firstHead
        try database.connection.prepare(Self.changesAfter).forEachRow([afterChange]) { row in
            let changeID = row.int64(0)
            let changeValues = (0..<7).map { Bundle.json(row.value($0)) }.joined(separator: ", ")
            try file.write("{\"change\": [\(changeValues)], \"content_sha256\": \(JSONText.string(row.string(7))), "
                + "\"previous_sha256\": \(JSONText.string(row.string(8))), \"entry_sha256\": \(JSONText.string(row.string(9)))}\n")
            for index in cursors.indices {
                rows += try cursors[index].writeRows(of: changeID, into: file)
            }
            lastHead = row.string(9)
            changes += 1
            if changes % 1000 == 0 { progress?(changes) }
        }
        let bodySHA256 = file.bodyDigest()
        let signature = try key.signature(for: Bundle.signedMessage(bodySHA256: bodySHA256)).base64EncodedString()
        try file.write("{\"end\": {\"changes\": \(changes), \"rows\": \(rows), \"last_head\": \(JSONText.string(lastHead)), "
            + "\"body_sha256\": \(JSONText.string(bodySHA256)), \"signature\": \(JSONText.string(signature))}}\n")
        progress?(changes)
        return BundleSummary(officeCode: office.kecamatanCode, officeName: office.kecamatanName, publicKey: key.publicKeyText,
                             firstHead: firstHead, lastHead: lastHead, changes: changes, rows: rows, bodySHA256: bodySHA256)
    }
}

/// One record table read in rowid order alongside the changes being exported.
private struct BundleTableCursor {
    let table: String
    let columns: [String]
    let statement: Statement
    let changeColumn: Int
    private var hasRow: Bool

    init(connection: Connection, table: String, afterChange: Int64) throws {
        self.table = table
        // `table` comes from sqlite_schema, never from user input.
        let statement = try connection.prepare("SELECT rowid, * FROM \"\(table)\" WHERE change_id > ? ORDER BY rowid")
        _ = try statement.bind([afterChange])
        self.statement = statement
        columns = (0..<statement.columnCount).map { statement.columnName($0) }
        changeColumn = columns.dropFirst().firstIndex(of: "change_id") ?? 0
        hasRow = try statement.step()
    }

    /// Writes every row of `changeID` at the cursor; returns how many.
    mutating func writeRows(of changeID: Int64, into file: BundleFile) throws -> Int {
        var count = 0
        while hasRow, statement.int64(at: changeColumn) == changeID {
            let values = (0..<columns.count).map { Bundle.json(statement.value(at: $0)) }.joined(separator: ", ")
            try file.write("{\"table\": \(JSONText.string(table)), \"row\": [\(values)]}\n")
            count += 1
            hasRow = try statement.step()
        }
        return count
    }
}

/// A bundle being written: a temporary file next to its destination, buffered and digested,
/// linked into place only when complete (never over an existing file).
final class BundleFile {
    let path: String
    let temporaryPath: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()

    init(creating path: String) throws {
        self.path = path
        temporaryPath = path + ".partial-\(getpid())"
        descriptor = Glibc.open(temporaryPath, O_CREAT | O_EXCL | O_WRONLY, 0o644)
        guard descriptor >= 0 else {
            throw StateError("cannot create \(temporaryPath): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// The SHA-256 of everything written so far.
    func bodyDigest() -> String {
        var hasher = hasher
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Hex.lowercase(hasher.finalize())
    }

    /// Writes out the rest, syncs it and links it into place.
    func commit() throws {
        try flush()
        guard fsync(descriptor) == 0 else { throw StateError("cannot sync \(temporaryPath): \(String(cString: strerror(errno)))") }
        close(descriptor)
        guard link(temporaryPath, path) == 0 else {
            let reason = errno == EEXIST ? "it appeared meanwhile" : String(cString: strerror(errno))
            unlink(temporaryPath)
            throw StateError("cannot write \(path): \(reason)")
        }
        unlink(temporaryPath)
    }

    func discard() {
        close(descriptor)
        unlink(temporaryPath)
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { bytes in
            hasher.update(bufferPointer: bytes)
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StateError("cannot write \(temporaryPath): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
