import FoundationEssentials

/// What `iku audit verify` found.
public struct VerificationReport: Sendable, Equatable {
    /// Entries whose digests were recomputed and matched, up to the first failure.
    public let entriesChecked: Int
    /// The head digest of the verified chain, if any entry verified.
    public let head: String?
    /// The first thing that does not verify; nil when everything does.
    public let failure: String?

    public var isValid: Bool { failure == nil }
}

/// Recomputes the whole chain from the stored rows and compares it with the stored digests.
///
/// Reads the log once in order and every record table once in rowid order alongside it.
public struct AuditVerifier {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    static let entriesSQL = """
        SELECT c.id, d.content_sha256, d.previous_sha256, d.entry_sha256
        FROM changes AS c LEFT JOIN change_digests AS d ON d.change_id = c.id
        ORDER BY c.id
        """
    static let strayDigestsSQL = """
        SELECT min(change_id) FROM change_digests WHERE change_id NOT IN (SELECT id FROM changes)
        """
    static let identityTables: [(identity: String, versions: String, key: String)] = [
        ("villages", "village_versions", "village_id"),
        ("submissions", "submission_versions", "submission_id"),
        ("facilitations", "facilitation_versions", "facilitation_id"),
        ("follow_ups", "follow_up_versions", "follow_up_id"),
        ("survey_responses", "survey_response_versions", "response_id"),
    ]

    /// Verifies every entry in order. When `expectedHead` is given, it must be an entry digest of
    /// the verified chain (a head the office published earlier), or verification fails.
    public func verify(expectedHead: String? = nil) throws -> VerificationReport {
        try connection.read {
            let chain = AuditChain(connection)
            var cursors = try chain.recordTables().map { try TableCursor(connection: connection, table: $0) }
            var previous = AuditChain.genesis
            var checked = 0
            var sawExpectedHead = false
            var failure: String?
            try connection.prepare(Self.entriesSQL).forEachRow { row in
                guard failure == nil else { return }
                let changeID = row.int64(0)
                var content = ContentDigest()
                for index in cursors.indices {
                    try cursors[index].consumeRows(of: changeID, into: &content)
                    if let stray = cursors[index].strayRow(before: changeID) {
                        failure = stray
                        return
                    }
                }
                guard let storedContent = row.optionalString(1), let storedPrevious = row.optionalString(2),
                      let storedEntry = row.optionalString(3) else {
                    failure = "change \(changeID) has no digest: the log was written outside iku"
                    return
                }
                if content.hexDigest() != storedContent {
                    failure = "change \(changeID): the rows it wrote no longer match its digest (a record was altered, added or removed)"
                } else if storedPrevious != previous {
                    failure = "change \(changeID): its link to the previous entry is broken (an entry before it was altered or removed)"
                } else if try chain.entryDigest(of: changeID, content: storedContent, previous: previous) != storedEntry {
                    failure = "change \(changeID): the change entry no longer matches its digest (who, when or what was altered)"
                } else {
                    previous = storedEntry
                    checked += 1
                    if storedEntry == expectedHead { sawExpectedHead = true }
                }
            }
            if failure == nil {
                failure = cursors.lazy.compactMap { $0.leftoverRow() }.first
            }
            if failure == nil, let stray = try connection.prepare(Self.strayDigestsSQL).scalarInt64() {
                failure = "digest for change \(stray) has no change: a log entry was removed"
            }
            if failure == nil { failure = try identitiesWithoutFirstVersion() }
            if failure == nil, let expectedHead, !sawExpectedHead {
                failure = "head \(expectedHead) is not in this chain: the log was cut back or rewritten since it was published"
            }
            return VerificationReport(entriesChecked: checked, head: checked > 0 ? previous : nil, failure: failure)
        }
    }

    /// An identity row with no recorded first version: added behind iku's back.
    private func identitiesWithoutFirstVersion() throws -> String? {
        for (identity, versions, key) in Self.identityTables {
            let orphan = try connection.prepare("""
                SELECT min(i.id) FROM \(identity) AS i
                WHERE NOT EXISTS (SELECT 1 FROM \(versions) AS v WHERE v.\(key) = i.id AND v.version = 1)
                """).scalarInt64()
            if let orphan { return "\(identity) row \(orphan) has no recorded first version" }
        }
        return nil
    }
}

/// One record table read in rowid order, alongside the change log.
private struct TableCursor {
    let table: String
    let statement: Statement
    let changeColumn: Int
    private(set) var hasRow: Bool

    init(connection: Connection, table: String) throws {
        self.table = table
        // `table` comes from sqlite_schema, never from user input.
        let statement = try connection.prepare("SELECT rowid, * FROM \"\(table)\" ORDER BY rowid")
        self.statement = statement
        changeColumn = (0..<statement.columnCount).first { statement.columnName($0) == "change_id" } ?? 0
        hasRow = try statement.step()
    }

    private var currentChangeID: Int64 { statement.int64(at: changeColumn) }
    private var currentRowID: Int64 { statement.int64(at: 0) }

    /// Feeds every row of `changeID` at the cursor into `content`.
    mutating func consumeRows(of changeID: Int64, into content: inout ContentDigest) throws {
        while hasRow, currentChangeID == changeID {
            content.add(currentRowOf: statement, table: table)
            hasRow = try statement.step()
        }
    }

    /// A row left behind by an earlier change: it was slipped in out of order, or its change is gone.
    func strayRow(before changeID: Int64) -> String? {
        guard hasRow, currentChangeID < changeID else { return nil }
        return "\(table) row \(currentRowID) claims change \(currentChangeID), which did not write it (a row was added or its change removed)"
    }

    /// A row after the last change in the log.
    func leftoverRow() -> String? {
        guard hasRow else { return nil }
        return "\(table) row \(currentRowID) claims change \(currentChangeID), which is not in the log"
    }
}
