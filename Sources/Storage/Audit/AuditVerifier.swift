import Foundation

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
            let tables = try chain.recordTables()
            var previous = AuditChain.genesis
            var checked = 0
            var sawExpectedHead = false
            var failure: String?
            try connection.prepare(Self.entriesSQL).forEachRow { row in
                guard failure == nil else { return }
                let changeID = row.int64(0)
                guard let storedContent = row.optionalString(1), let storedPrevious = row.optionalString(2),
                      let storedEntry = row.optionalString(3) else {
                    failure = "change \(changeID) has no digest: the log was written outside iku"
                    return
                }
                let content = try chain.contentDigest(of: changeID, tables: tables)
                if content != storedContent {
                    failure = "change \(changeID): the rows it wrote no longer match its digest (a record was altered, added or removed)"
                } else if storedPrevious != previous {
                    failure = "change \(changeID): its link to the previous entry is broken (an entry before it was altered or removed)"
                } else if try chain.entryDigest(of: changeID, content: content, previous: previous) != storedEntry {
                    failure = "change \(changeID): the change entry no longer matches its digest (who, when or what was altered)"
                } else {
                    previous = storedEntry
                    checked += 1
                    if storedEntry == expectedHead { sawExpectedHead = true }
                }
            }
            if failure == nil, let stray = try connection.prepare(Self.strayDigestsSQL).scalarInt64() {
                failure = "digest for change \(stray) has no change: a log entry was removed"
            }
            if failure == nil { failure = try orphanRows(tables: tables) }
            if failure == nil, let expectedHead, !sawExpectedHead {
                failure = "head \(expectedHead) is not in this chain: the log was cut back or rewritten since it was published"
            }
            return VerificationReport(entriesChecked: checked, head: checked > 0 ? previous : nil, failure: failure)
        }
    }

    /// Rows no change accounts for: a row whose change is gone, or an identity row with no first version.
    private func orphanRows(tables: [String]) throws -> String? {
        for table in tables {
            let orphan = try connection.prepare(
                "SELECT min(rowid) FROM \"\(table)\" WHERE change_id NOT IN (SELECT id FROM changes)"
            ).scalarInt64()
            if let orphan { return "\(table) row \(orphan) was written by no change in the log" }
        }
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
