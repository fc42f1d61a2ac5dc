import Foundation

/// One office's records rebuilt in memory from the rows it sent the regency, so that the office's
/// own queries compute its figures there: the regency's figures of a kecamatan are then its own
/// report's by construction, not a second implementation of the rules.
///
/// Rows come as the regency reads them out of the JSON objects it holds: per table, the value of
/// each of this schema's columns (`columns(of:)`) as JSON text (`->>`: a number or a string as
/// its text, a real or a blob as its `Bundle.json` object), typed here by the column's declared
/// type. Every value is bound; table and column names are this schema's own, never the row's
/// text, and a row with a column the schema does not know is refused by the caller.
///
/// Identity rows carry no change and so travel in no bundle: they are derived from the version
/// rows (and a follow-up's from its sealed link, migration 0006). Foreign keys are off: the rows
/// were verified against the office's audit chain on ingest, and only what the queries read is
/// loaded (the regency aggregates survey responses itself).
public final class OfficeReplica {
    public let database: IkuDatabase
    /// The columns of every table written by changes, in name order, with their declared types.
    private let columns: [String: [(name: String, type: String)]]
    /// The INSERT of each table, all its columns bound.
    private let inserts: [String: String]

    /// An empty replica; `clock` is the regency's, so "today" is the office's local today on it.
    public init(clock: Clock = .system) throws {
        database = try IkuDatabase.inMemory(clock: clock)
        try database.connection.execute("PRAGMA foreign_keys = OFF")
        var columns: [String: [(name: String, type: String)]] = [:]
        var inserts: [String: String] = [:]
        for table in try AuditChain(database.connection).recordTables() {
            let list = try database.connection.cached("SELECT name, type FROM pragma_table_info(?) ORDER BY name")
                .map([table]) { (name: $0.string(0), type: $0.string(1).uppercased()) }
            columns[table] = list
            // Names from sqlite_schema and pragma_table_info: this binary's own schema.
            inserts[table] = "INSERT INTO \"\(table)\" (" + list.map { "\"\($0.name)\"" }.joined(separator: ", ")
                + ") VALUES (" + Array(repeating: "?", count: list.count).joined(separator: ", ") + ")"
        }
        self.columns = columns
        self.inserts = inserts
    }

    /// The tables a replica loads: every table written by changes but the survey responses,
    /// which the regency aggregates itself.
    public var loadedTables: [String] { columns.keys.filter { $0 != "survey_response_versions" }.sorted() }

    /// The columns of `table` a row of it gives, in this order.
    public func columns(of table: String) -> [String] { columns[table]?.map(\.name) ?? [] }

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

    /// A row of an office table: each of `columns(of: table)` as JSON text, nil for null.
    public struct Row: Sendable {
        public let table: String
        public let cells: [String?]

        public init(table: String, cells: [String?]) {
            self.table = table
            self.cells = cells
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
        guard let list = columns[row.table], let sql = inserts[row.table], row.table != "survey_response_versions" else {
            throw StateError("a row of \(row.table), which this iku-regency does not compute from: upgrade iku-regency")
        }
        guard row.cells.count == list.count else {
            throw StateError("a row of \(row.table) with \(row.cells.count) values for its \(list.count) columns")
        }
        let values = try zip(list, row.cells).map { column, cell in try Self.value(cell, type: column.type, table: row.table) }
        if row.table == "follow_up_links",
           let followUp = list.firstIndex(where: { $0.name == "follow_up_id" }),
           let activity = list.firstIndex(where: { $0.name == "facilitation_id" }) {
            try database.connection.cached(Self.followUpIdentity).run([values[followUp], values[activity]])
        }
        try database.connection.cached(sql).run(values)
    }

    /// A cell typed by its column's declared type (STRICT tables: INTEGER, REAL, TEXT, BLOB).
    static func value(_ cell: String?, type: String, table: String) throws -> DatabaseValue {
        guard let cell else { return .null }
        switch type {
        case "INTEGER":
            if let integer = Int64(cell) { return .integer(integer) }
        case "TEXT":
            return .text(cell)
        default:
            if let object = try? JSONSerialization.jsonObject(with: Data(cell.utf8)) {
                return try BundleReader.value(object, line: 0, path: table)
            }
        }
        throw StateError("a row of \(table) with a value iku does not write for a \(type) column: \(cell)")
    }
}
