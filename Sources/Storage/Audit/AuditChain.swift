import Foundation

/// The SHA-256 chain over the change log: sealing new changes, and verifying the whole chain.
///
/// Each change's *content digest* covers every row it wrote, in every table that has a
/// `change_id` column (tables by name, rows by rowid, every value typed, in column order). Its *entry digest* covers
/// the previous entry's digest, the change row and the content digest.
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

    /// Appends digests for `changeIDs`, in order, after the current head. Call inside the
    /// transaction that recorded them.
    func seal(_ changeIDs: [Int64]) throws {
        guard !changeIDs.isEmpty else { return }
        var previous = try head()?.digest ?? Self.genesis
        let tables = try recordTables()
        for changeID in changeIDs {
            let content = try contentDigest(of: changeID, tables: tables)
            let entry = try entryDigest(of: changeID, content: content, previous: previous)
            try connection.cached(Self.insertDigestSQL).run([changeID, content, previous, entry])
            previous = entry
        }
    }

    /// Digest of every row `changeID` wrote: for each table with rows, its name, then each row's
    /// rowid and its values in column order, trailing NULLs left out (so a column added later as
    /// NULL leaves old digests intact).
    func contentDigest(of changeID: Int64, tables: [String]) throws -> String {
        var digest = CanonicalDigest()
        digest.append(text: "iku-content-v1")
        for table in tables {
            // `table` comes from sqlite_schema, never from user input.
            let statement = try connection.cached("SELECT rowid, * FROM \"\(table)\" WHERE change_id = ? ORDER BY rowid")
            let columnCount = statement.columnCount
            var wroteTable = false
            try statement.forEachRow([changeID]) { row in
                if !wroteTable {
                    digest.append(text: table)
                    wroteTable = true
                }
                var lastValue = columnCount - 1
                while lastValue > 0, row.isNull(lastValue) { lastValue -= 1 }
                digest.appendRowStart(valueCount: lastValue)
                digest.append(integer: row.int64(0))
                for column in stride(from: 1, through: lastValue, by: 1) {
                    digest.appendColumn(of: statement, at: column)
                }
            }
        }
        return digest.hexDigest()
    }

    /// Digest of the change row itself, chained to `previous`; nil when the change is missing.
    func entryDigest(of changeID: Int64, content: String, previous: String) throws -> String {
        let digest = try connection.cached(Self.changeSQL).first([changeID]) { row -> String in
            var digest = CanonicalDigest()
            digest.append(text: "iku-change-v1")
            digest.append(text: previous)
            for column in 0..<7 { digest.append(row.value(column)) }
            digest.append(text: content)
            return digest.hexDigest()
        }
        guard let digest else { throw StateError("change \(changeID) is missing from the change log") }
        return digest
    }

    /// Names of every table whose rows are written by changes.
    func recordTables() throws -> [String] {
        try connection.cached(Self.recordTablesSQL).map { $0.string(0) }
    }
}
