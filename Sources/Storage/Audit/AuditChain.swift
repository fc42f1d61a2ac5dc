import FoundationEssentials

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
    /// Every table of the schema but the chain's own, by name; `recordTables` keeps those with
    /// a `change_id` column.
    static let tablesSQL = """
        SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'change_digests' ORDER BY name
        """

    /// The latest entry digest, or nil for an empty log.
    public func head() throws -> (changeID: Int64, digest: String)? {
        try connection.cached(Self.headSQL).first { ($0.int64(0), $0.string(1)) }
    }

    /// Names of every table whose rows are written by changes: those with a `change_id` column,
    /// by name. The columns are read from SQLite's parsed schema (`Connection.hasColumn`), not
    /// with `pragma_table_info` per table, which prepared a statement for each: a twentieth of
    /// one `survey add`'s instructions (a test checks both give the same tables).
    func recordTables() throws -> [String] {
        try connection.cached(Self.tablesSQL).map { $0.string(0) }.filter { connection.hasColumn("change_id", in: $0) }
    }

    /// The last rowid of every record table, in table-name order: what existed before a
    /// transaction's writes. Arrays, not dictionaries: the first dictionary (or zipped pair of
    /// arrays) of a run costs a protocol-conformance look-up of 0.4 million instructions.
    struct Watermarks {
        /// The record tables, by name.
        let tables: [String]
        /// `tables[i]`'s last rowid (0 when empty).
        let ends: [Int64]
        /// The one statement that reads them all (cached by the connection).
        let sql: String
    }

    /// The last rowid of every record table: what existed before a transaction's writes.
    func watermarks() throws -> Watermarks {
        try lastRowIDs(of: recordTables())
    }

    /// The last rowid of each of `tables`, read by one statement (one per table cost a prepare
    /// each, a tenth of one `survey add`'s instructions with the seal's per-table queries).
    func lastRowIDs(of tables: [String]) throws -> Watermarks {
        let tables = tables.sorted()
        // Table names come from sqlite_schema, never from user input.
        var sql = "SELECT "
        for index in tables.indices {
            sql += (index == 0 ? "" : ", ") + "(SELECT coalesce(max(rowid), 0) FROM \"" + tables[index] + "\")"
        }
        return Watermarks(tables: tables, ends: try ends(sql, count: tables.count), sql: sql)
    }

    /// The row of `sql` (a `lastRowIDs` statement of `count` columns) as integers.
    private func ends(_ sql: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        let statement = try connection.cached(sql)
        let ends = try statement.first { row in (0..<count).map { row.int64($0) } } ?? []
        guard ends.count == count else { throw StateError("cannot read the ends of the record tables") }
        return ends
    }

    /// The digest of every row change `changeID` wrote to `table`, computed by the writer from
    /// the values it bound (`IkuDatabase.supplyDigest`).
    struct SuppliedDigest {
        let changeID: Int64
        let table: String
        let digest: String
    }

    /// Appends digests for `changeIDs`, in order, after the current head. Call inside the
    /// transaction that recorded them; `watermarks` are the table ends when it began.
    ///
    /// `supplied` holds, per change and table, the digest of every row the change wrote to that
    /// table, computed by the writer from the values it bound (`TableDigest.hexDigest()`); those
    /// rows are not read back. Verifying recomputes every table from the stored rows, so a
    /// supplied digest that does not match them fails verification.
    func seal(_ changeIDs: [Int64], after watermarks: Watermarks, supplied: [SuppliedDigest] = []) throws {
        guard !changeIDs.isEmpty else { return }
        for entry in supplied where !watermarks.tables.contains(entry.table) {
            throw StateError("a digest was supplied for \(entry.table), which holds no change rows")
        }
        var previous = try head()?.digest ?? Self.genesis
        // A table whose last rowid is still its watermark gained no rows in this transaction, so
        // none of the changes' (the query below would find none): it is not read.
        let ends = try ends(watermarks.sql, count: watermarks.tables.count)
        for changeID in changeIDs {
            var content = ContentDigest()
            for (index, table) in watermarks.tables.enumerated() {
                let mark = watermarks.ends[index]
                if let rowsDigest = supplied.last(where: { $0.changeID == changeID && $0.table == table })?.digest {
                    content.add(table: table, rowsDigest: rowsDigest)
                    continue
                }
                if ends[index] <= mark { continue }
                let statement = try connection.cached(
                    "SELECT rowid, * FROM \"\(table)\" WHERE rowid > ? AND change_id = ? ORDER BY rowid")
                try statement.forEachRow([mark, changeID]) { _ in content.add(currentRowOf: statement, table: table) }
            }
            let contentDigest = content.hexDigest()
            let entry = try entryDigest(of: changeID, content: contentDigest, previous: previous)
            try connection.cached(Self.insertDigestSQL).run([changeID, contentDigest, previous, entry])
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
