import Foundation
import PostgresNIO
import Storage

/// What ingesting one bundle did.
public enum IngestOutcome: Sendable, Equatable {
    /// The bundle's changes after what was held were written.
    case ingested(changes: Int, rows: Int, lastHead: String)
    /// Every change of the bundle was already held: nothing was written.
    case alreadyHeld(lastHead: String)
}

/// A signed bundle whose history differs from the one already ingested after a shared head.
struct ForkEvidence: Error {
    let changeID: Int64
    let storedEntry: String
    let bundleEntry: String
    /// The verified bundle's summary, set once it was read to its end.
    var summary: BundleSummary?
}

extension Regency {
    /// Verifies the bundle at `path` completely and writes what it adds in one transaction:
    /// its changes with their digests and every row they wrote. Refuses (nothing written) an
    /// unregistered office, another key, anything that does not verify, a bundle that starts
    /// after a head never ingested (a gap), and one that differs from the history already held
    /// (a fork: its evidence is kept and the office flagged).
    public func ingest(_ path: String, limits: IngestLimits = .standard) async throws -> IngestOutcome {
        var reader = try BundleReader(path: path, publicKey: nil)
        let header = reader.header
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        do {
            return try await server.transaction { connection in
                try await write(&reader, fileName: fileName, limits: limits, on: connection)
            }
        } catch let fork as ForkEvidence {
            guard let summary = fork.summary else { throw StateError("\(path) is truncated: it ends without its signed trailer") }
            try await recordFork(fork, header: header, summary: summary, fileName: fileName)
            throw StateError("\(path): a fork: change \(fork.changeID) of \(header.officeCode) differs from the one already ingested "
                + "(entry \(fork.bundleEntry.prefix(16))… here, \(fork.storedEntry.prefix(16))… held); nothing written, the evidence kept "
                + "and the office flagged (iku-regency status)")
        }
    }

    private func write(_ reader: inout BundleReader, fileName: String, limits: IngestLimits,
                       on connection: PostgresConnection) async throws -> IngestOutcome {
        let header = reader.header
        let path = reader.path
        guard let office = try await office(header.officeCode, on: connection, lock: true) else {
            throw StateError("\(path): the office \(header.officeCode) \(header.officeName) is not registered at this regency (iku-regency office add)")
        }
        guard office.publicKey == header.publicKey else {
            throw StateError("\(path) is signed by another key (\(header.publicKey)) than the one registered for \(office.code)")
        }
        let code = office.code
        let last = try await server.rows("""
            SELECT change_id, entry_sha256 FROM office_changes WHERE kecamatan_code = \(code) ORDER BY change_id DESC LIMIT 1
            """, as: (Int64, String).self, on: connection).first
        var startID: Int64 = 0
        if header.firstHead != AuditChain.genesis {
            guard let id = try await server.rows("""
                SELECT change_id FROM office_changes WHERE kecamatan_code = \(code) AND entry_sha256 = \(header.firstHead)
                """, as: Int64.self, on: connection).first else {
                throw StateError("\(path): a gap: it starts after head \(header.firstHead), which \(code) never sent here; "
                    + "the last head held is \(last?.1 ?? AuditChain.genesis) (iku export --since it)")
            }
            startID = id
        }
        var held: [Int64: String] = [:]
        if let last, last.0 > startID {
            for (id, entry) in try await server.rows("""
                SELECT change_id, entry_sha256 FROM office_changes WHERE kecamatan_code = \(code) AND change_id > \(startID)
                """, as: (Int64, String).self, on: connection) {
                held[id] = entry
            }
        }

        let ingestID = try await server.rows("SELECT nextval(pg_get_serial_sequence('ingests', 'id'))", as: Int64.self,
                                             on: connection)[0]
        var changes = ChangeBatch(code: code, ingestID: ingestID, limit: limits.changesPerBatch)
        var rows = RowCopy(code: code, chunkBytes: limits.copyChunkBytes)
        var projection = SurveyProjectionCopy(code: code, chunkBytes: limits.copyChunkBytes * 16)
        var fork: ForkEvidence?
        var writing = false
        var currentChange: Int64 = 0
        var summary: BundleSummary?
        var ended = false
        // The rows stream to PostgreSQL through COPY while the bundle is read and verified (the
        // server writes one chunk while the next is verified); the survey rows' typed projection
        // and the changes are written between two COPYs, whenever a batch of them is full, and at
        // the end.
        while !ended {
            try RegencyServer.requireOpen(connection)
            try await connection.copyFrom(table: "office_rows", columns: RowCopy.columns, logger: server.logger) { writer in
                while !changes.isFull && !projection.isFull {
                    guard let event = try reader.next() else {
                        ended = true
                        break
                    }
                    switch event {
                    case .change(let change):
                        currentChange = change.id
                        if let heldEntry = held[change.id] {
                            writing = false
                            if heldEntry != change.entrySHA256, fork == nil {
                                fork = ForkEvidence(changeID: change.id, storedEntry: heldEntry, bundleEntry: change.entrySHA256)
                            }
                        } else {
                            writing = fork == nil
                            if writing { changes.add(change) }
                        }
                    case .row(let table, let values):
                        guard writing else { continue }
                        guard let columns = header.tables[table], columns.count == values.count, !values.isEmpty else {
                            throw StateError("\(path): a row of \(table) whose values do not match the header's columns")
                        }
                        rows.add(table: table, columns: columns, values: values, changeID: currentChange)
                        if table == SurveyProjectionCopy.table {
                            try projection.add(columns: columns, values: values, changeID: currentChange, path: path)
                        }
                        if rows.isFull { try await writer.write(rows.take()) }
                    case .end(let verified):
                        summary = verified
                    }
                }
                if !rows.isEmpty { try await writer.write(rows.take()) }
            }
            if !projection.isEmpty {
                let lines = projection.take()
                try await connection.copyFrom(table: "survey_versions", columns: SurveyProjectionCopy.columns,
                                              logger: server.logger) { writer in
                    try await writer.write(lines)
                }
            }
            try await changes.flush(on: connection, server: server)
        }
        if var fork {
            fork.summary = summary
            throw fork
        }
        guard let summary else { throw StateError("\(path) is truncated: it ends without its signed trailer") }
        guard changes.added > 0 else { return .alreadyHeld(lastHead: summary.lastHead) }
        try await connection.query("""
            INSERT INTO ingests (kecamatan_code, id, file_name, first_head, last_head, body_sha256, header, changes_added, rows_added)
            OVERRIDING SYSTEM VALUE
            VALUES (\(code), \(ingestID), \(fileName), \(summary.firstHead), \(summary.lastHead), \(summary.bodySHA256),
                    \(header.text)::jsonb, \(Int64(changes.added)), \(Int64(rows.added)))
            """, logger: server.logger)
        return .ingested(changes: changes.added, rows: rows.added, lastHead: summary.lastHead)
    }

    private func recordFork(_ fork: ForkEvidence, header: BundleHeader, summary: BundleSummary, fileName: String) async throws {
        let code = header.officeCode
        try await server.transaction { connection in
            try await connection.query("""
                INSERT INTO forks (kecamatan_code, file_name, body_sha256, header, bundle_last_head, change_id,
                                   stored_entry_sha256, bundle_entry_sha256)
                VALUES (\(code), \(fileName), \(summary.bodySHA256), \(header.text)::jsonb, \(summary.lastHead),
                        \(fork.changeID), \(fork.storedEntry), \(fork.bundleEntry))
                """, logger: server.logger)
        }
    }
}

/// How ingest batches what it writes. The standard limits are for use; tests make them small to
/// cross every boundary with small bundles.
public struct IngestLimits: Sendable {
    /// Changes gathered before they are inserted (the rows' COPY is closed for it, then reopened).
    public var changesPerBatch: Int
    /// Bytes of rows (as COPY text) gathered before they are sent to the server.
    public var copyChunkBytes: Int

    public init(changesPerBatch: Int, copyChunkBytes: Int) {
        self.changesPerBatch = changesPerBatch
        self.copyChunkBytes = copyChunkBytes
    }

    public static let standard = IngestLimits(changesPerBatch: 2_000, copyChunkBytes: 256 * 1024)
}

/// Changes waiting to be written, sent to PostgreSQL as one JSON array per batch (bound as a
/// parameter, expanded by `jsonb_array_elements`).
struct ChangeBatch {
    let code: String
    let ingestID: Int64
    let limit: Int
    private var changes: [String] = []
    private(set) var added = 0

    init(code: String, ingestID: Int64, limit: Int) {
        self.code = code
        self.ingestID = ingestID
        self.limit = max(1, limit)
    }

    var isFull: Bool { changes.count >= limit }

    mutating func add(_ change: BundleChange) {
        let values = change.values.map(Bundle.json).joined(separator: ", ")
        changes.append("[\(values), \(JSONText.string(change.contentSHA256)), \(JSONText.string(change.previousSHA256)), "
            + "\(JSONText.string(change.entrySHA256))]")
        added += 1
    }

    static let insertChanges = """
        INSERT INTO office_changes (kecamatan_code, change_id, recorded_at, actor, kind, action, record_id, summary,
                                    content_sha256, previous_sha256, entry_sha256, ingest_id)
        SELECT $1, (e->>0)::bigint, e->>1, e->>2, e->>3, e->>4, (e->>5)::bigint, e->>6, e->>7, e->>8, e->>9, $2
        FROM jsonb_array_elements($3::jsonb) AS e
        """

    mutating func flush(on connection: PostgresConnection, server: RegencyServer) async throws {
        guard !changes.isEmpty else { return }
        try RegencyServer.requireOpen(connection)
        var bindings = PostgresBindings()
        bindings.append(code)
        bindings.append(ingestID)
        bindings.append("[" + changes.joined(separator: ",") + "]")
        try await connection.query(PostgresQuery(unsafeSQL: Self.insertChanges, binds: bindings), logger: server.logger)
        changes.removeAll(keepingCapacity: true)
    }
}

/// COPY text gathered for one write: as an array (appending to it is cheaper than ByteBuffer's
/// checked writes), sent as one ByteBuffer once `limit` bytes are gathered, and at the end.
struct CopyChunk {
    let limit: Int
    var bytes: [UInt8] = []

    init(bytes limit: Int) {
        self.limit = max(1, limit)
        bytes.reserveCapacity(self.limit + 4096)
    }

    var isFull: Bool { bytes.count >= limit }
    var isEmpty: Bool { bytes.isEmpty }

    /// What is gathered, to send; the chunk is empty again.
    mutating func take() -> ByteBuffer {
        let chunk = ByteBuffer(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
        return chunk
    }
}

/// Rows as `COPY office_rows (kecamatan_code, table_name, row_id, change_id, row_values) FROM STDIN`
/// reads them (PostgreSQL's text format: tab-separated, a line per row, backslash escapes), in
/// chunks. `row_values` is the object of the row's columns after the rowid in the bundle's
/// encoding, the same JSON `Bundle.json` spells, so the stored jsonb is the same as an INSERT of
/// it. COPY carries data only: the table and column names are constants, and every value is
/// escaped as data, never read as SQL.
struct RowCopy {
    static let columns = ["kecamatan_code", "table_name", "row_id", "change_id", "row_values"]
    private let code: [UInt8]
    /// Per table: its name as COPY text with the tab after it, and each column's `"name": `.
    private var encodedTables: [String: (name: [UInt8], keys: [[UInt8]])] = [:]
    private var chunk: CopyChunk
    private(set) var added = 0

    init(code: String, chunkBytes: Int) {
        chunk = CopyChunk(bytes: chunkBytes)
        var field: [UInt8] = []
        Self.appendText(code, to: &field)
        field.append(UInt8(ascii: "\t"))
        self.code = field
    }

    var isFull: Bool { chunk.isFull }
    var isEmpty: Bool { chunk.isEmpty }

    /// The rows gathered so far, to send.
    mutating func take() -> ByteBuffer { chunk.take() }

    /// A row of `table`: its rowid (the first value) and an object of the other columns.
    mutating func add(table: String, columns: [String], values: [DatabaseValue], changeID: Int64) {
        let encoded = encodedTables[table] ?? encode(table: table, columns: columns)
        chunk.bytes.append(contentsOf: code)
        chunk.bytes.append(contentsOf: encoded.name)
        if case .integer(let id) = values[0] { Self.appendInteger(id, to: &chunk.bytes) } else { chunk.bytes.append(contentsOf: #"\N"#.utf8) }
        chunk.bytes.append(UInt8(ascii: "\t"))
        Self.appendInteger(changeID, to: &chunk.bytes)
        chunk.bytes.append(UInt8(ascii: "\t"))
        chunk.bytes.append(UInt8(ascii: "{"))
        for index in 1..<values.count {
            if index > 1 {
                chunk.bytes.append(UInt8(ascii: ","))
                chunk.bytes.append(UInt8(ascii: " "))
            }
            chunk.bytes.append(contentsOf: encoded.keys[index - 1])
            Self.append(values[index], to: &chunk.bytes)
        }
        chunk.bytes.append(UInt8(ascii: "}"))
        chunk.bytes.append(UInt8(ascii: "\n"))
        added += 1
    }

    private mutating func encode(table: String, columns: [String]) -> (name: [UInt8], keys: [[UInt8]]) {
        var name: [UInt8] = []
        Self.appendText(table, to: &name)
        name.append(UInt8(ascii: "\t"))
        let keys = columns.dropFirst().map { column -> [UInt8] in
            var key: [UInt8] = []
            Self.appendJSONString(column, to: &key)
            key.append(contentsOf: ": ".utf8)
            return key
        }
        let encoded = (name, keys)
        encodedTables[table] = encoded
        return encoded
    }

    /// `value` as `Bundle.json` spells it, escaped for COPY's text format (only a string can hold
    /// a backslash or a control character: its JSON escapes get their backslashes doubled).
    static func append(_ value: DatabaseValue, to bytes: inout [UInt8]) {
        switch value {
        case .text(let text): appendJSONString(text, to: &bytes)
        case .integer(let integer): appendInteger(integer, to: &bytes)
        case .null: bytes.append(contentsOf: "null".utf8)
        case .real, .blob: bytes.append(contentsOf: Bundle.json(value).utf8)
        }
    }

    /// `integer` in decimal, as `String(integer)` spells it.
    static func appendInteger(_ integer: Int64, to bytes: inout [UInt8]) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 19 digits of Int64.min
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// `text` as `JSONText.string` spells it, in COPY's text format.
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\\\"#.utf8)
                case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\\n"#.utf8)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\\r"#.utf8)
                case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\\t"#.utf8)
                default: bytes.append(contentsOf: String(format: #"\\u%04x"#, UInt32(byte)).utf8)
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` as a field of COPY's text format.
    static func appendText(_ text: String, to bytes: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            default: bytes.append(byte)
            }
        }
    }
}
