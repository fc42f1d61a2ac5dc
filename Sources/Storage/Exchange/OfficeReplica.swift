import FoundationEssentials

/// One office's records rebuilt in memory from the rows it sent the regency, so that the office's
/// own queries compute its figures there: the regency's figures of a kecamatan are then its own
/// report's by construction, not a second implementation of the rules.
///
/// Rows come as the regency holds them: the table, and the row's columns as a JSON object in the
/// bundle's value encoding (`Bundle.json`), as PostgreSQL prints a `jsonb`. Only columns of this
/// binary's own schema are written, under the names the schema gives them, and every value is
/// bound: a row naming a column or a table the schema does not have is refused, never turned into
/// SQL.
///
/// Identity rows carry no change and so travel in no bundle: they are derived from the version
/// rows (and a follow-up's from its sealed link, migration 0006). Foreign keys and CHECK
/// constraints are off: the rows were verified against the office's audit chain on ingest, the
/// office's own schema checked them when they were written, and only what the queries read is
/// loaded (the regency aggregates survey responses itself).
public final class OfficeReplica {
    public let database: IkuDatabase
    /// The columns of every table written by changes.
    private let columns: [String: [String]]
    /// The INSERT of each table, all its columns bound.
    private let inserts: [String: String]

    /// An empty replica; `clock` is the regency's, so "today" is the office's local today on it.
    public init(clock: Clock = .system) throws {
        database = try IkuDatabase.inMemory(clock: clock)
        try database.connection.execute("PRAGMA foreign_keys = OFF")
        try database.connection.execute("PRAGMA ignore_check_constraints = ON")
        var columns: [String: [String]] = [:]
        var inserts: [String: String] = [:]
        for table in try AuditChain(database.connection).recordTables() {
            let list = try database.connection.cached("SELECT name FROM pragma_table_info(?)").map([table]) { $0.string(0) }
            columns[table] = list
            // Names from sqlite_schema and pragma_table_info: this binary's own schema.
            inserts[table] = "INSERT INTO \"\(table)\" (" + list.map { "\"\($0)\"" }.joined(separator: ", ")
                + ") VALUES (" + Array(repeating: "?", count: list.count).joined(separator: ", ") + ")"
        }
        self.columns = columns
        self.inserts = inserts
    }

    /// Tables a report of a period does not read: the survey responses (the regency aggregates
    /// them itself), the CSV files imported and the year-end snapshots.
    static let unread: Set<String> = ["survey_response_versions", "imports", "snapshots"]

    /// The tables a replica loads: every table written by changes that a report reads.
    public var loadedTables: [String] { columns.keys.filter { !Self.unread.contains($0) }.sorted() }

    /// The loaded tables whose rows are read with the change that wrote them (who set a target,
    /// a deadline, a setting): their changes must be loaded too. Version rows are read alone.
    public var tablesReadWithTheirChange: [String] { loadedTables.filter { $0.hasSuffix("_settings") } }

    /// A row of an office table: its table and its columns as a JSON object (`Bundle.json` values).
    public struct Row: Sendable {
        public let table: String
        public let json: String

        public init(table: String, json: String) {
            self.table = table
            self.json = json
        }
    }

    static let identities = [
        "INSERT OR IGNORE INTO villages (id) SELECT DISTINCT village_id FROM village_versions",
        "INSERT OR IGNORE INTO submissions (id) SELECT DISTINCT submission_id FROM submission_versions",
        "INSERT OR IGNORE INTO facilitations (id) SELECT DISTINCT facilitation_id FROM facilitation_versions",
    ]
    static let followUpIdentity = "INSERT OR IGNORE INTO follow_ups (id, facilitation_id) VALUES (?, ?)"

    /// Loads one office's `changes` and `rows`, runs `body` on them and takes them out again (the
    /// load is rolled back), so one replica serves office after office with its statements
    /// prepared once. Refuses a row of a table or column this binary's schema does not have, or a
    /// value the bundle encoding does not write.
    public func with<T>(changes: [ChangeEntry], rows: [Row], _ body: (IkuDatabase) throws -> T) throws -> T {
        try database.connection.discarding {
            let insertChange = try database.connection.cached(
                "INSERT INTO changes (id, recorded_at, actor, kind, action, record_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for change in changes {
                try insertChange.run([change.id, change.recordedAt, change.actor, change.kind, change.action, change.recordID, change.summary])
            }
            for row in rows {
                try insert(row)
            }
            for sql in Self.identities { try database.connection.cached(sql).run() }
            return try body(database)
        }
    }

    private func insert(_ row: Row) throws {
        guard let list = columns[row.table], let sql = inserts[row.table], !Self.unread.contains(row.table) else {
            throw StateError("a row of \(row.table), which this iku-regency does not compute from: upgrade iku-regency")
        }
        let members = try Self.members(row)
        var values = [DatabaseValue](repeating: .null, count: list.count)
        for (key, value) in members {
            guard let index = list.firstIndex(of: key) else {
                throw StateError("a row of \(row.table) with a column \(key) this iku-regency does not know: upgrade iku-regency")
            }
            values[index] = value
        }
        if row.table == "follow_up_links",
           let followUp = list.firstIndex(of: "follow_up_id"), let activity = list.firstIndex(of: "facilitation_id") {
            try database.connection.cached(Self.followUpIdentity).run([values[followUp], values[activity]])
        }
        try database.connection.cached(sql).run(values)
    }

    /// The columns of `row` and their values: read by `RowLine` when PostgreSQL printed them as
    /// it does, else by `JSONDecoder`.
    static func members(_ row: Row) throws -> [(key: String, value: DatabaseValue)] {
        var json = row.json
        if let members = json.withUTF8({ RowLine.object(UnsafeRawBufferPointer($0)) }) { return members }
        guard let object = JSONValue.object(Data(json.utf8)) else {
            throw StateError("a row of \(row.table) that is not a JSON object")
        }
        return try object.map { ($0.key, try BundleReader.value($0.value, line: 0, path: row.table)) }
    }
}
