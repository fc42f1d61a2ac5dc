/// A deadline set for one document and fiscal year, overriding the regulation's default.
public struct DeadlineOverride: Hashable, Sendable {
    public let document: AdministrationDocument
    public let fiscalYear: Int
    /// The deadline; nil when the override was withdrawn (the default applies again).
    public let due: CalendarDate?
    public let stamp: ChangeStamp
}

/// Sets and reads deadline overrides (`deadline_settings`; the latest row per key wins).
public struct DeadlineStore {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let insert = """
        INSERT INTO deadline_settings (change_id, document, fiscal_year, due_on) VALUES (?, ?, ?, ?)
        """

    /// The latest row per (document, fiscal year) as of `:as_of`, for fiscal years in a range.
    static let latest = """
        SELECT d.document, d.fiscal_year, d.due_on, d.change_id, c.recorded_at, c.actor
        FROM deadline_settings AS d JOIN changes AS c ON c.id = d.change_id
        WHERE d.change_id <= :as_of AND d.fiscal_year BETWEEN :first_year AND :last_year
          AND NOT EXISTS (SELECT 1 FROM deadline_settings AS e
                          WHERE e.document = d.document AND e.fiscal_year = d.fiscal_year
                            AND e.change_id <= :as_of AND e.id > d.id)
        ORDER BY d.fiscal_year, d.document
        """

    /// Sets the deadline of `document` for `fiscalYear`, or with `due` nil restores the default.
    ///
    /// The date must fall within two years of the fiscal year (e.g. 2024-01-01 … 2028-12-31 for
    /// 2026), which every legal deadline does and a mistyped year does not.
    @discardableResult
    public func set(_ document: AdministrationDocument, fiscalYear: Int, due: CalendarDate?) throws -> DeadlineOverride {
        try SettingValidation.year(fiscalYear)
        if let due, !(fiscalYear - 2...fiscalYear + 2).contains(due.year) {
            throw InputError(field: "due", value: due.description,
                             allowed: "a date from \(fiscalYear - 2)-01-01 to \(fiscalYear + 2)-12-31 for fiscal year \(fiscalYear)")
        }
        try database.write {
            let summary = due.map { "deadline \(document.rawValue) \(fiscalYear) = \($0)" }
                ?? "deadline \(document.rawValue) \(fiscalYear) restored to the default"
            let changeID = try database.recordChange(kind: .deadline, action: .set, recordID: nil, summary: summary)
            try database.connection.run(Self.insert, [changeID, document.rawValue, fiscalYear, due?.description])
        }
        guard let stored = try overrides(fiscalYears: fiscalYear...fiscalYear).first(where: { $0.document == document }) else {
            throw StateError("the deadline of \(document.title) \(fiscalYear) was not stored")
        }
        return stored
    }

    /// The latest setting for every document and fiscal year in `fiscalYears`, as of `asOf`.
    public func overrides(fiscalYears: ClosedRange<Int>, asOf: AsOf = .now) throws -> [DeadlineOverride] {
        try database.connection.cached(Self.latest).map(named: [
            ":as_of": asOf.lastChangeID, ":first_year": fiscalYears.lowerBound, ":last_year": fiscalYears.upperBound,
        ]) { row in
            DeadlineOverride(
                document: AdministrationDocument(rawValue: row.string(0))!, fiscalYear: row.int(1),
                due: row.optionalString(2).flatMap(CalendarDate.init),
                stamp: ChangeStamp(id: row.int64(3), recordedAt: row.string(4), actor: row.string(5), action: .set))
        }
    }
}
