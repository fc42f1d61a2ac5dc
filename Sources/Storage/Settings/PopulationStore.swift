/// The number of service users in a year or quarter, as last set (for sample adequacy).
public struct Population: Hashable, Sendable {
    public let year: Int
    /// 1...4, or nil for the whole year.
    public let quarter: Int?
    public let userCount: Int
    public let stamp: ChangeStamp
}

/// Sets and reads survey populations (`population_settings`; the latest row per key wins).
public struct PopulationStore {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    /// The most service users a kecamatan could plausibly record for one period.
    public static let maximumCount = 10_000_000

    static let insert = """
        INSERT INTO population_settings (change_id, year, quarter, user_count) VALUES (?, ?, ?, ?)
        """

    /// The latest row per (year, quarter) as of `:as_of`, optionally for one year.
    static let latest = """
        SELECT p.year, p.quarter, p.user_count, p.change_id, c.recorded_at, c.actor
        FROM population_settings AS p JOIN changes AS c ON c.id = p.change_id
        WHERE p.change_id <= :as_of AND (:year IS NULL OR p.year = :year)
          AND NOT EXISTS (SELECT 1 FROM population_settings AS q
                          WHERE q.year = p.year AND q.quarter IS p.quarter
                            AND q.change_id <= :as_of AND q.id > p.id)
        ORDER BY p.year, coalesce(p.quarter, 0)
        """

    /// Records the number of service users in `year` (or one quarter of it), in one transaction.
    @discardableResult
    public func set(year: Int, quarter: Int?, count: Int) throws -> Population {
        try SettingValidation.year(year)
        try SettingValidation.quarter(quarter)
        guard (0...Self.maximumCount).contains(count) else {
            throw InputError(field: "count", value: String(count),
                             allowed: "a whole number of service users from 0 to \(Self.maximumCount)")
        }
        try database.write {
            let period = quarter.map { "\(year) Q\($0)" } ?? "\(year)"
            let changeID = try database.recordChange(kind: .population, action: .set, recordID: nil,
                                                     summary: "survey population \(period) = \(count)")
            try database.connection.run(Self.insert, [changeID, year, quarter, count])
        }
        guard let stored = try list(year: year).first(where: { $0.quarter == quarter }) else {
            throw StateError("the population of \(year) was not stored")
        }
        return stored
    }

    /// The population of `year` (quarter nil) or of one quarter, as last set as of `asOf`.
    public func population(year: Int, quarter: Int?, asOf: AsOf = .now) throws -> Population? {
        try list(year: year, asOf: asOf).first { $0.quarter == quarter }
    }

    /// Every population as last set, ordered by year and quarter (the year's own figure first).
    public func list(year: Int? = nil, asOf: AsOf = .now) throws -> [Population] {
        try database.connection.cached(Self.latest).map(named: [":as_of": asOf.lastChangeID, ":year": year]) { row in
            Population(year: row.int(0), quarter: row.optionalInt(1), userCount: row.int(2),
                       stamp: ChangeStamp(id: row.int64(3), recordedAt: row.string(4), actor: row.string(5), action: .set))
        }
    }
}
