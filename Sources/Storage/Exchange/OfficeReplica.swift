import Foundation

/// One office's records rebuilt in memory from the rows it sent the regency, so that the office's
/// own queries compute its figures there: the regency's figures of a kecamatan are then its own
/// report's by construction, not a second implementation of the rules.
///
/// Rows come as the regency holds them: the table, and the row's columns as a JSON object in the
/// bundle's value encoding (`Bundle.json`). Only columns of this binary's own schema are written,
/// under the names the schema gives them, and every value is bound: a row naming a column or a
/// table the schema does not have is refused, never turned into SQL.
///
/// Identity rows carry no change and so travel in no bundle: they are derived from the version
/// rows (and a follow-up's from its sealed link, migration 0006). Foreign keys are off: the rows
/// were verified against the office's audit chain on ingest, and only what the queries read is
/// loaded (the regency aggregates survey responses itself).
public final class OfficeReplica {
    public let database: IkuDatabase
    /// The columns of every table written by changes.
    private let columns: [String: Set<String>]

    /// An empty replica; `clock` is the regency's, so "today" is the office's local today on it.
    public init(clock: Clock = .system) throws {
        database = try IkuDatabase.inMemory(clock: clock)
        try database.connection.execute("PRAGMA foreign_keys = OFF")
        var columns: [String: Set<String>] = [:]
        for table in try AuditChain(database.connection).recordTables() {
            columns[table] = Set(try database.connection.cached("SELECT name FROM pragma_table_info(?)").map([table]) { $0.string(0) })
        }
        self.columns = columns
    }

    /// The tables a replica loads: every table written by changes but the survey responses,
    /// which the regency aggregates itself.
    public var loadedTables: [String] { columns.keys.filter { $0 != "survey_response_versions" }.sorted() }

    /// A change of the office's log: id, recorded_at, actor, kind, action, record_id, summary.
    public struct Change: Sendable {
        public let id: Int64
        public let recordedAt: String
        public let actor: String
        public let kind: String
        public let action: String
        public let recordID: Int64?
        public let summary: String

        public init(id: Int64, recordedAt: String, actor: String, kind: String, action: String, recordID: Int64?, summary: String) {
            (self.id, self.recordedAt, self.actor, self.kind, self.action, self.recordID, self.summary) =
                (id, recordedAt, actor, kind, action, recordID, summary)
        }
    }

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
    public func with<T>(changes: [Change], rows: [Row], _ body: (IkuDatabase) throws -> T) throws -> T {
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
        guard let known = columns[row.table], row.table != "survey_response_versions" else {
            throw StateError("a row of \(row.table), which this iku-regency does not compute from: upgrade iku-regency")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(row.json.utf8))) as? [String: Any] else {
            throw StateError("a row of \(row.table) that is not a JSON object")
        }
        let names = object.keys.sorted()
        for name in names where !known.contains(name) {
            throw StateError("a row of \(row.table) with a column \(name) this iku-regency does not know: upgrade iku-regency")
        }
        let values = try names.map { try BundleReader.value(object[$0]!, line: 0, path: row.table) }
        if row.table == "follow_up_links", let followUp = object["follow_up_id"], let activity = object["facilitation_id"] {
            try database.connection.cached(Self.followUpIdentity).run([
                try BundleReader.value(followUp, line: 0, path: row.table), try BundleReader.value(activity, line: 0, path: row.table),
            ])
        }
        // Table and column names are this schema's own (checked above), never the row's text.
        let sql = "INSERT INTO \"\(row.table)\" (" + names.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES ("
            + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        try database.connection.cached(sql).run(values)
    }
}
