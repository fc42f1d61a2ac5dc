/// The fields of one record kind as its version table stores them.
protocol RecordFields: Equatable, Sendable {
    /// The kind's tables, columns and SQL.
    static var table: VersionedTable { get }
    /// Reads the fields from `row`, starting at column `offset`, in `table.selectFields` order.
    init(row: Row, from offset: Int) throws
    /// The values of `table.insertColumns`, in order.
    var columnValues: [DatabaseValueConvertible] { get }
}

/// One record kind's identity table and version table, and the SQL every kind shares: the
/// current version of each record as of a change, one record's versions, appending a version.
///
/// The SQL is assembled once from the constants given here (table and column names), never from
/// user input; every value is a bound parameter.
struct VersionedTable: Sendable {
    /// What a record of this kind is called in messages ("survey response").
    let noun: String
    let changeKind: ChangeKind
    let identityTable: String
    let versionTable: String
    /// The version table's column naming the record (`village_id`).
    let idColumn: String
    /// Field expressions selected after the metadata, over `v` (the version row) and `joins`.
    let selectFields: [String]
    /// Version-table field columns written by `insertVersion`, after the metadata.
    let insertColumns: [String]

    /// Metadata columns, in the order `Versioned` reads them.
    let metadata: String
    /// `FROM` clause: the version row `v` with its change `c`.
    let from: String
    /// Every record's current version as of `:as_of`; voided ones only when `:include_voided` is 1.
    /// Kinds append `AND ...` filters and an `ORDER BY`.
    let selectCurrent: String
    /// One record's (`:id`) latest version as of `:as_of`.
    let selectLatest: String
    /// One record's (`:id`) versions up to `:as_of`, oldest first.
    let selectHistory: String
    let insertVersion: String
    let insertIdentity: String

    init(noun: String, changeKind: ChangeKind, identityTable: String, versionTable: String, idColumn: String,
         joins: String = "", selectFields: [String], insertColumns: [String], insertIdentity: String? = nil) {
        self.noun = noun
        self.changeKind = changeKind
        self.identityTable = identityTable
        self.versionTable = versionTable
        self.idColumn = idColumn
        self.selectFields = selectFields
        self.insertColumns = insertColumns
        metadata = "v.\(idColumn), v.version, v.voided, v.void_reason, v.change_id, c.recorded_at, c.actor, c.action"
        from = "FROM \(versionTable) AS v JOIN changes AS c ON c.id = v.change_id \(joins)"
        let columns = Self.commaList([metadata] + selectFields)
        selectCurrent = """
            SELECT \(columns) \(from)
            WHERE v.change_id <= :as_of
              AND NOT EXISTS (SELECT 1 FROM \(versionTable) AS w
                              WHERE w.\(idColumn) = v.\(idColumn) AND w.version > v.version AND w.change_id <= :as_of)
              AND (:include_voided OR v.voided = 0)
            """
        selectLatest = """
            SELECT \(columns) \(from)
            WHERE v.\(idColumn) = :id AND v.change_id <= :as_of ORDER BY v.version DESC LIMIT 1
            """
        selectHistory = """
            SELECT \(columns) \(from)
            WHERE v.\(idColumn) = :id AND v.change_id <= :as_of ORDER BY v.version
            """
        let inserted = [idColumn, "version", "change_id", "voided", "void_reason"] + insertColumns
        insertVersion = """
            INSERT INTO \(versionTable) (\(Self.commaList(inserted)))
            VALUES (\(Self.commaList(Array(repeating: "?", count: inserted.count))))
            """
        self.insertIdentity = insertIdentity ?? "INSERT INTO \(identityTable) DEFAULT VALUES"
    }

    /// Number of metadata columns before the fields.
    static let metadataCount = 8

    /// `items.joined(separator: ", ")` by hand: every write builds its table's SQL once, and the
    /// first `joined` of a run cost a protocol-conformance look-up of 0.3 million instructions.
    static func commaList(_ items: [String]) -> String {
        var result = ""
        for item in items {
            if !result.isEmpty { result += ", " }
            result += item
        }
        return result
    }
}

extension Versioned where Fields: RecordFields {
    init(row: Row) throws {
        guard let action = ChangeAction(rawValue: row.string(7)) else {
            throw StateError("unreadable change action \"\(row.string(7))\"")
        }
        self.init(
            id: row.int64(0), version: row.int(1), voided: row.int(2) == 1, voidReason: row.optionalString(3),
            change: ChangeStamp(id: row.int64(4), recordedAt: row.string(5), actor: row.string(6), action: action),
            fields: try Fields(row: row, from: VersionedTable.metadataCount))
    }
}

/// The operations every record kind shares, over its `VersionedTable`.
struct VersionedRecords<Fields: RecordFields> {
    let database: IkuDatabase
    var table: VersionedTable { Fields.table }
    var connection: Connection { database.connection }

    /// The record's latest version as of `asOf`, voided or not; nil when it did not exist then.
    func latest(_ id: Int64, asOf: AsOf) throws -> Versioned<Fields>? {
        var result: Versioned<Fields>?
        try connection.cached(table.selectLatest).forEachRow(named: [":id": id, ":as_of": asOf.lastChangeID]) {
            result = try Versioned(row: $0)
        }
        return result
    }

    /// Every version of the record recorded up to `asOf`, oldest first.
    func history(_ id: Int64, asOf: AsOf) throws -> [Versioned<Fields>] {
        var result: [Versioned<Fields>] = []
        try connection.cached(table.selectHistory).forEachRow(named: [":id": id, ":as_of": asOf.lastChangeID]) {
            result.append(try Versioned(row: $0))
        }
        return result
    }

    /// Runs a listing query built on `table.selectCurrent` and calls `body` per record.
    func forEachCurrent(_ sql: String, _ parameters: [String: DatabaseValueConvertible],
                        _ body: (Versioned<Fields>) throws -> Void) throws {
        try connection.cached(sql).forEachRow(named: parameters) { try body(try Versioned(row: $0)) }
    }

    /// The latest version, which must exist and not be voided, before `purpose` ("correct").
    func requireLive(_ id: Int64, to purpose: String) throws -> Versioned<Fields> {
        guard let current = try latest(id, asOf: .now) else {
            throw StateError("cannot \(purpose) \(table.noun) \(id): there is no \(table.noun) \(id)")
        }
        guard !current.voided else {
            throw StateError("cannot \(purpose) \(table.noun) \(id): it is voided (\(current.voidReason ?? "no reason"))")
        }
        return current
    }

    /// Writes a new record's identity row (with `identityValues` for `insertIdentity`'s
    /// parameters) and version 1 with one change; returns its id.
    func add(_ fields: Fields, summary: String, identityValues: [DatabaseValueConvertible] = []) throws -> Int64 {
        try connection.cached(table.insertIdentity).run(identityValues)
        let id = connection.lastInsertedRowID
        let changeID = try database.recordChange(kind: table.changeKind, action: .create, recordID: id,
                                                 summary: "add \(table.noun) \(id): \(summary)")
        try insertVersion(id: id, version: 1, changeID: changeID, voidReason: nil, fields: fields)
        return id
    }

    /// Writes version N+1 of a live record with every field; returns the new version number.
    /// Refuses a correction that changes nothing.
    func correct(_ current: Versioned<Fields>, to fields: Fields, summary: String) throws -> Int {
        guard fields != current.fields else {
            throw StateError("nothing to correct: \(table.noun) \(current.id) already has these values")
        }
        let version = current.version + 1
        let changeID = try database.recordChange(
            kind: table.changeKind, action: .correct, recordID: current.id,
            summary: "correct \(table.noun) \(current.id) (version \(version)): \(summary)")
        try insertVersion(id: current.id, version: version, changeID: changeID, voidReason: nil, fields: fields)
        return version
    }

    /// Voids a live record: version N+1 with the same fields, `voided = 1` and the reason.
    func void(_ id: Int64, reason: String) throws -> Int {
        let reason = try FieldRules.voidReason(reason)
        let current = try requireLive(id, to: "void")
        let version = current.version + 1
        let changeID = try database.recordChange(
            kind: table.changeKind, action: .void, recordID: id,
            summary: "void \(table.noun) \(id) (version \(version)): \(reason)")
        try insertVersion(id: id, version: version, changeID: changeID, voidReason: reason, fields: current.fields)
        return version
    }

    func insertVersion(id: Int64, version: Int, changeID: Int64, voidReason: String?, fields: Fields) throws {
        let metadata: [DatabaseValueConvertible] = [id, version, changeID, voidReason != nil, voidReason]
        try connection.cached(table.insertVersion).run(metadata + fields.columnValues)
    }
}
