import FoundationEssentials

/// One entry of the change log, with its chain digest.
public struct ChangeEntry: Sendable, Equatable {
    public let id: Int64
    public let recordedAt: String
    public let actor: String
    public let kind: String
    public let action: String
    public let recordID: Int64?
    public let summary: String
    /// The entry's digest in the audit chain; nil only for a log written outside iku.
    public let entryDigest: String?

    public init(id: Int64, recordedAt: String, actor: String, kind: String, action: String, recordID: Int64?, summary: String,
                entryDigest: String?) {
        (self.id, self.recordedAt, self.actor, self.kind, self.action, self.recordID, self.summary, self.entryDigest) =
            (id, recordedAt, actor, kind, action, recordID, summary, entryDigest)
    }
}

/// Filters for listing the change log; every field is optional.
public struct ChangeFilter: Sendable {
    public var since: Date?
    public var until: Date?
    public var actor: String?
    public var kind: ChangeKind?

    public init(since: Date? = nil, until: Date? = nil, actor: String? = nil, kind: ChangeKind? = nil) {
        self.since = since
        self.until = until
        self.actor = actor
        self.kind = kind
    }
}

/// Reads the change log for auditors.
public struct ChangeLog {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    static let entriesSQL = """
        SELECT c.id, c.recorded_at, c.actor, c.kind, c.action, c.record_id, c.summary, d.entry_sha256
        FROM changes AS c LEFT JOIN change_digests AS d ON d.change_id = c.id
        WHERE (:since IS NULL OR c.recorded_at >= :since)
          AND (:until IS NULL OR c.recorded_at <= :until)
          AND (:actor IS NULL OR c.actor = :actor)
          AND (:kind IS NULL OR c.kind = :kind)
        ORDER BY c.id
        """

    /// Every change matching `filter`, oldest first, passed to `body` one at a time.
    public func forEachEntry(matching filter: ChangeFilter, _ body: (ChangeEntry) throws -> Void) throws {
        let statement = try connection.cached(Self.entriesSQL)
        try statement.bind([
            ":since": filter.since.map(Timestamp.format),
            ":until": filter.until.map(Timestamp.format),
            ":actor": filter.actor,
            ":kind": filter.kind?.rawValue,
        ])
        defer { statement.reset() }
        while try statement.step() {
            let row = Row(statement: statement)
            try body(ChangeEntry(
                id: row.int64(0), recordedAt: row.string(1), actor: row.string(2), kind: row.string(3),
                action: row.string(4), recordID: row.optionalInt64(5), summary: row.string(6),
                entryDigest: row.optionalString(7)))
        }
    }
}
