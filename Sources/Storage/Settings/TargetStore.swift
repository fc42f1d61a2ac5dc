/// A yearly target of one indicator (Renstra / Perjanjian Kinerja), as last set.
public struct Target: Hashable, Sendable {
    public let indicator: IndicatorKey
    public let year: Int
    /// The target value; nil when the target was cleared.
    public let value: Double?
    public let stamp: ChangeStamp
}

/// Sets and reads the indicators' yearly targets (`target_settings`; the latest row per key wins).
public struct TargetStore {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let insert = """
        INSERT INTO target_settings (change_id, indicator, year, value) VALUES (?, ?, ?, ?)
        """

    /// The latest row per (indicator, year) as of `:as_of`, optionally for one year.
    static let latest = """
        SELECT t.indicator, t.year, t.value, t.change_id, c.recorded_at, c.actor
        FROM target_settings AS t JOIN changes AS c ON c.id = t.change_id
        WHERE t.change_id <= :as_of
          AND (:year IS NULL OR t.year = :year)
          AND (:indicator IS NULL OR t.indicator = :indicator)
          AND NOT EXISTS (SELECT 1 FROM target_settings AS u
                          WHERE u.indicator = t.indicator AND u.year = t.year
                            AND u.change_id <= :as_of AND u.id > t.id)
        ORDER BY t.year, t.indicator
        """

    /// Sets (or, with `value` nil, clears) the target of `indicator` for `year`, in one transaction.
    @discardableResult
    public func set(_ indicator: IndicatorKey, year: Int, value: Double?) throws -> Target {
        try SettingValidation.year(year)
        if let value {
            guard value.isFinite, value > 0, value <= 100 else {
                throw InputError(field: "value", value: String(value),
                                 allowed: "a number greater than 0 and at most 100 (IKM points or percent)")
            }
        }
        try database.write {
            let summary = value.map { "target \(indicator.rawValue) \(year) = \($0)" }
                ?? "target \(indicator.rawValue) \(year) cleared"
            let changeID = try database.recordChange(kind: .target, action: .set, recordID: nil, summary: summary)
            try database.connection.run(Self.insert, [changeID, indicator.rawValue, year, value])
        }
        guard let stored = try target(indicator, year: year) else {
            throw StateError("the target of \(indicator.rawValue) for \(year) was not stored")
        }
        return stored
    }

    /// The target as last set as of `asOf`; nil when never set (a cleared target has `value` nil).
    public func target(_ indicator: IndicatorKey, year: Int, asOf: AsOf = .now) throws -> Target? {
        try rows(year: year, indicator: indicator, asOf: asOf).first
    }

    /// Every target as last set, ordered by year and indicator, optionally for one year.
    public func list(year: Int? = nil, asOf: AsOf = .now) throws -> [Target] {
        try rows(year: year, indicator: nil, asOf: asOf)
    }

    private func rows(year: Int?, indicator: IndicatorKey?, asOf: AsOf) throws -> [Target] {
        try database.connection.cached(Self.latest).map(named: [
            ":as_of": asOf.lastChangeID, ":year": year, ":indicator": indicator?.rawValue,
        ]) { row in
            Target(indicator: IndicatorKey(rawValue: row.string(0))!, year: row.int(1), value: row.optionalDouble(2),
                   stamp: ChangeStamp(id: row.int64(3), recordedAt: row.string(4), actor: row.string(5), action: .set))
        }
    }
}
