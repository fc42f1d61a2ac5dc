/// Year-end figures as computed at one moment, with the digest of the exact input rows.
public struct Snapshot: Hashable, Sendable {
    public let id: Int64
    public let year: Int
    /// The figures and the counts behind them, as a JSON object.
    public let figures: String
    /// Lower-case hex SHA-256 of the canonical encoding of the input rows.
    public let inputSHA256: String
    public let stamp: ChangeStamp
}

/// Stores and reads year-end snapshots (`snapshots`, append-only).
public struct SnapshotStore {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let insert = """
        INSERT INTO snapshots (change_id, year, figures, input_sha256) VALUES (?, ?, ?, ?)
        """

    static let select = """
        SELECT s.id, s.year, s.figures, s.input_sha256, s.change_id, c.recorded_at, c.actor
        FROM snapshots AS s JOIN changes AS c ON c.id = s.change_id
        WHERE s.change_id <= :as_of AND (:year IS NULL OR s.year = :year) AND (:id IS NULL OR s.id = :id)
        ORDER BY s.id
        """

    static let latestOfYear = """
        SELECT s.id, s.year, s.figures, s.input_sha256, s.change_id, c.recorded_at, c.actor
        FROM snapshots AS s JOIN changes AS c ON c.id = s.change_id
        WHERE s.year = :year AND s.change_id <= :as_of
        ORDER BY s.id DESC LIMIT 1
        """

    /// Stores a snapshot of `year` in one transaction and returns it.
    @discardableResult
    public func create(year: Int, figures: String, inputSHA256: String) throws -> Snapshot {
        try SettingValidation.year(year)
        guard inputSHA256.count == 64, inputSHA256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw InputError(field: "input_sha256", value: inputSHA256, allowed: "64 lower-case hex digits")
        }
        let id = try database.write {
            let changeID = try database.recordChange(kind: .snapshot, action: .create, recordID: nil,
                                                     summary: "snapshot of \(year) (inputs \(inputSHA256.prefix(12)))")
            try database.connection.run(Self.insert, [changeID, year, figures, inputSHA256])
            return database.connection.lastInsertedRowID
        }
        guard let stored = try snapshot(id: id) else { throw StateError("snapshot \(id) was not stored") }
        return stored
    }

    /// One snapshot by id, or nil.
    public func snapshot(id: Int64, asOf: AsOf = .now) throws -> Snapshot? {
        try rows(Self.select, [":as_of": asOf.lastChangeID, ":year": Int?.none, ":id": id]).first
    }

    /// Every snapshot in the order stored, optionally of one year.
    public func list(year: Int? = nil, asOf: AsOf = .now) throws -> [Snapshot] {
        try rows(Self.select, [":as_of": asOf.lastChangeID, ":year": year, ":id": Int64?.none])
    }

    /// The most recent snapshot of `year`, or nil when none was stored.
    public func latest(year: Int, asOf: AsOf = .now) throws -> Snapshot? {
        try rows(Self.latestOfYear, [":as_of": asOf.lastChangeID, ":year": year]).first
    }

    private func rows(_ sql: String, _ values: [String: DatabaseValueConvertible]) throws -> [Snapshot] {
        try database.connection.cached(sql).map(named: values) { row in
            Snapshot(id: row.int64(0), year: row.int(1), figures: row.string(2), inputSHA256: row.string(3),
                     stamp: ChangeStamp(id: row.int64(4), recordedAt: row.string(5), actor: row.string(6), action: .create))
        }
    }
}
