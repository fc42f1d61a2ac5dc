import Foundation

/// The SHA-256 chain over the change log: sealing new changes, and the digests both sealing and
/// verifying compute.
///
/// Each change's *content digest* covers every row it wrote, in every table that has a
/// `change_id` column (tables by name, each table's rows digested on their own by rowid, every
/// value typed, in column order: see `ContentDigest`). Its *entry digest* covers the previous
/// entry's digest, the change row and the content digest.
///
/// Rows are only ever appended, and a change is recorded before the rows it writes, so in every
/// table the rows of one change are contiguous and `change_id` never decreases along the rowid.
/// Sealing reads the rows appended since the transaction began (but for tables whose digest the
/// writer supplied); verifying reads every table once, in rowid order, alongside the log. Neither
/// needs an index on `change_id`.
public struct AuditChain {
    /// The `previous_sha256` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    static let headSQL = """
        SELECT change_id, entry_sha256 FROM change_digests ORDER BY change_id DESC LIMIT 1
        """
    static let changeSQL = """
        SELECT id, recorded_at, actor, kind, action, record_id, summary FROM changes WHERE id = ?
        """
    static let insertDigestSQL = """
        INSERT INTO change_digests (change_id, content_sha256, previous_sha256, entry_sha256)
        VALUES (?, ?, ?, ?)
        """
    static let recordTablesSQL = """
        SELECT m.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS c
        WHERE m.type = 'table' AND c.name = 'change_id' AND m.name <> 'change_digests'
        ORDER BY m.name
        """

    /// The latest entry digest, or nil for an empty log.
    public func head() throws -> (changeID: Int64, digest: String)? {
        try connection.cached(Self.headSQL).first { ($0.int64(0), $0.string(1)) }
    }

    /// Names of every table whose rows are written by changes.
    func recordTables() throws -> [String] {
        try connection.cached(Self.recordTablesSQL).map { $0.string(0) }
    }

    /// The last rowid of every record table: what existed before a transaction's writes.
    func watermarks() throws -> [String: Int64] {
        try lastRowIDs(of: recordTables())
    }

    /// The last rowid of each of `tables`, read by one statement (one per table cost a prepare
    /// each, a tenth of one `survey add`'s instructions with the seal's per-table queries).
    func lastRowIDs(of tables: [String]) throws -> [String: Int64] {
        let tables = tables.sorted()
        guard !tables.isEmpty else { return [:] }
        // Table names come from sqlite_schema, never from user input.
        var sql = "SELECT "
        for (index, table) in tables.enumerated() {
            sql += (index == 0 ? "" : ", ") + "(SELECT coalesce(max(rowid), 0) FROM \"" + table + "\")"
        }
        let statement = try connection.cached(sql)
        let ends = try statement.first { row in tables.indices.map { row.int64($0) } } ?? []
        guard ends.count == tables.count else { throw StateError("cannot read the ends of the record tables") }
        return Dictionary(uniqueKeysWithValues: zip(tables, ends))
    }

    /// Appends digests for `changeIDs`, in order, after the current head. Call inside the
    /// transaction that recorded them; `watermarks` are the table ends when it began.
    ///
    /// `supplied` holds, per change and table, the digest of every row the change wrote to that
    /// table, computed by the writer from the values it bound (`TableDigest.hexDigest()`); those
    /// rows are not read back. Verifying recomputes every table from the stored rows, so a
    /// supplied digest that does not match them fails verification.
    func seal(_ changeIDs: [Int64], after watermarks: [String: Int64],
              supplied: [Int64: [String: String]] = [:]) throws {
        guard !changeIDs.isEmpty else { return }
        for table in supplied.values.flatMap(\.keys) where watermarks[table] == nil {
            throw StateError("a digest was supplied for \(table), which holds no change rows")
        }
        var previous = try head()?.digest ?? Self.genesis
        // A table whose last rowid is still its watermark gained no rows in this transaction, so
        // none of the changes' (the query below would find none): it is not read.
        let ends = try lastRowIDs(of: Array(watermarks.keys))
        for changeID in changeIDs {
            var content = ContentDigest()
            for (table, mark) in watermarks.sorted(by: { $0.key < $1.key }) {
                if let rowsDigest = supplied[changeID]?[table] {
                    content.add(table: table, rowsDigest: rowsDigest)
                    continue
                }
                if let end = ends[table], end <= mark { continue }
                let statement = try connection.cached(
                    "SELECT rowid, * FROM \"\(table)\" WHERE rowid > ? AND change_id = ? ORDER BY rowid")
                try statement.forEachRow([mark, changeID]) { _ in content.add(currentRowOf: statement, table: table) }
            }
            let entry = try entryDigest(of: changeID, content: content.hexDigest(), previous: previous)
            try connection.cached(Self.insertDigestSQL).run([changeID, content.hexDigest(), previous, entry])
            previous = entry
        }
    }

    /// Digest of the change row itself, chained to `previous`.
    func entryDigest(of changeID: Int64, content: String, previous: String) throws -> String {
        let digest = try connection.cached(Self.changeSQL).first([changeID]) { row -> String in
            Self.entryDigest(changeRow: (0..<7).map { row.value($0) }, content: content, previous: previous)
        }
        guard let digest else { throw StateError("change \(changeID) is missing from the change log") }
        return digest
    }

    /// Digest of a change row given as its seven values (`changeSQL`'s columns), chained to `previous`.
    static func entryDigest(changeRow: [DatabaseValue], content: String, previous: String) -> String {
        var digest = CanonicalDigest()
        digest.append(text: "iku-change-v1")
        digest.append(text: previous)
        for value in changeRow { digest.append(value) }
        digest.append(text: content)
        return digest.hexDigest()
    }
}
