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
    static let rowBatchSize = 2_000

    /// Verifies the bundle at `path` completely and writes what it adds in one transaction:
    /// its changes with their digests and every row they wrote. Refuses (nothing written) an
    /// unregistered office, another key, anything that does not verify, a bundle that starts
    /// after a head never ingested (a gap), and one that differs from the history already held
    /// (a fork: its evidence is kept and the office flagged).
    public func ingest(_ path: String) async throws -> IngestOutcome {
        var reader = try BundleReader(path: path, publicKey: nil)
        let header = reader.header
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        do {
            return try await server.transaction { connection in
                try await write(&reader, fileName: fileName, on: connection)
            }
        } catch let fork as ForkEvidence {
            guard let summary = fork.summary else { throw StateError("\(path) is truncated: it ends without its signed trailer") }
            try await recordFork(fork, header: header, summary: summary, fileName: fileName)
            throw StateError("\(path): a fork: change \(fork.changeID) of \(header.officeCode) differs from the one already ingested "
                + "(entry \(fork.bundleEntry.prefix(16))… here, \(fork.storedEntry.prefix(16))… held); nothing written, the evidence kept "
                + "and the office flagged (iku-regency status)")
        }
    }

    private func write(_ reader: inout BundleReader, fileName: String, on connection: PostgresConnection) async throws -> IngestOutcome {
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
        var batch = IngestBatch(code: code, ingestID: ingestID)
        var fork: ForkEvidence?
        var writing = false
        var currentChange: Int64 = 0
        var summary: BundleSummary?
        while let event = try reader.next() {
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
                    if writing { batch.add(change) }
                }
            case .row(let table, let values):
                guard writing else { continue }
                guard let columns = header.tables[table], columns.count == values.count else {
                    throw StateError("\(path): a row of \(table) whose values do not match the header's columns")
                }
                batch.add(table: table, columns: columns, values: values, changeID: currentChange)
            case .end(let verified):
                summary = verified
            }
            if batch.isFull { try await batch.flush(on: connection, server: server) }
        }
        if var fork {
            fork.summary = summary
            throw fork
        }
        guard let summary else { throw StateError("\(path) is truncated: it ends without its signed trailer") }
        try await batch.flush(on: connection, server: server)
        guard batch.changesAdded > 0 else { return .alreadyHeld(lastHead: summary.lastHead) }
        let changes = Int64(batch.changesAdded)
        let rows = Int64(batch.rowsAdded)
        try await connection.query("""
            INSERT INTO ingests (kecamatan_code, id, file_name, first_head, last_head, body_sha256, header, changes_added, rows_added)
            OVERRIDING SYSTEM VALUE
            VALUES (\(code), \(ingestID), \(fileName), \(summary.firstHead), \(summary.lastHead), \(summary.bodySHA256),
                    \(header.text)::jsonb, \(changes), \(rows))
            """, logger: server.logger)
        return .ingested(changes: batch.changesAdded, rows: batch.rowsAdded, lastHead: summary.lastHead)
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

/// Changes and rows waiting to be written, sent to PostgreSQL as one JSON array per table per
/// batch (bound as a parameter, expanded by `jsonb_array_elements`).
struct IngestBatch {
    let code: String
    let ingestID: Int64
    private var changes: [String] = []
    private var rows: [String] = []
    private(set) var changesAdded = 0
    private(set) var rowsAdded = 0

    init(code: String, ingestID: Int64) {
        self.code = code
        self.ingestID = ingestID
    }

    var isFull: Bool { changes.count + rows.count >= Regency.rowBatchSize }

    mutating func add(_ change: BundleChange) {
        let values = change.values.map(Bundle.json).joined(separator: ", ")
        changes.append("[\(values), \(JSONText.string(change.contentSHA256)), \(JSONText.string(change.previousSHA256)), "
            + "\(JSONText.string(change.entrySHA256))]")
        changesAdded += 1
    }

    /// A row of `table`: its rowid (the first value) and an object of the other columns.
    mutating func add(table: String, columns: [String], values: [DatabaseValue], changeID: Int64) {
        let rowID: String
        if case .integer(let id) = values[0] { rowID = String(id) } else { rowID = "null" }
        let object = zip(columns.dropFirst(), values.dropFirst())
            .map { "\(JSONText.string($0.0)): \(Bundle.json($0.1))" }.joined(separator: ", ")
        rows.append("[\(JSONText.string(table)), \(rowID), \(changeID), {\(object)}]")
        rowsAdded += 1
    }

    static let insertChanges = """
        INSERT INTO office_changes (kecamatan_code, change_id, recorded_at, actor, kind, action, record_id, summary,
                                    content_sha256, previous_sha256, entry_sha256, ingest_id)
        SELECT $1, (e->>0)::bigint, e->>1, e->>2, e->>3, e->>4, (e->>5)::bigint, e->>6, e->>7, e->>8, e->>9, $2
        FROM jsonb_array_elements($3::jsonb) AS e
        """
    static let insertRows = """
        INSERT INTO office_rows (kecamatan_code, table_name, row_id, change_id, row_values)
        SELECT $1, e->>0, (e->>1)::bigint, (e->>2)::bigint, e->3
        FROM jsonb_array_elements($2::jsonb) AS e
        """

    mutating func flush(on connection: PostgresConnection, server: RegencyServer) async throws {
        try RegencyServer.requireOpen(connection)
        if !changes.isEmpty {
            var bindings = PostgresBindings()
            bindings.append(code)
            bindings.append(ingestID)
            bindings.append("[" + changes.joined(separator: ",") + "]")
            try await connection.query(PostgresQuery(unsafeSQL: Self.insertChanges, binds: bindings), logger: server.logger)
            changes.removeAll(keepingCapacity: true)
        }
        if !rows.isEmpty {
            var bindings = PostgresBindings()
            bindings.append(code)
            bindings.append("[" + rows.joined(separator: ",") + "]")
            try await connection.query(PostgresQuery(unsafeSQL: Self.insertRows, binds: bindings), logger: server.logger)
            rows.removeAll(keepingCapacity: true)
        }
    }
}
