import Storage

/// The calendar years the live records fall in: from the earliest to the latest survey date,
/// activity date held or village document date (adopted or delivered).
///
/// Documents count by the date they carry, not by their fiscal year: a fiscal year N RKPDesa is
/// due in N−1 and an LPPDesa in N+1, so fiscal years would add years with nothing recorded.
public struct RecordedYears {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    /// The first and last day of the live (latest version as of `:as_of`, not voided) records of
    /// each kind, one single-aggregate subquery each, so SQLite walks each date index from one end.
    static let span = """
        SELECT min(day), max(day) FROM (
            SELECT (SELECT min(survey_date) FROM (\(live("survey_response_versions", id: "response_id", date: "survey_date")))) AS day
            UNION ALL SELECT (SELECT max(survey_date) FROM (\(live("survey_response_versions", id: "response_id", date: "survey_date"))))
            UNION ALL SELECT (SELECT min(held_on) FROM (\(live("facilitation_versions", id: "facilitation_id", date: "held_on"))))
            UNION ALL SELECT (SELECT max(held_on) FROM (\(live("facilitation_versions", id: "facilitation_id", date: "held_on"))))
            UNION ALL SELECT (SELECT min(submitted_on) FROM (\(live("submission_versions", id: "submission_id", date: "submitted_on"))))
            UNION ALL SELECT (SELECT max(submitted_on) FROM (\(live("submission_versions", id: "submission_id", date: "submitted_on"))))
        )
        """

    /// The dates of one version table's live records as of `:as_of`.
    private static func live(_ table: String, id: String, date: String) -> String {
        """
        SELECT v.\(date) FROM \(table) AS v
        WHERE v.change_id <= :as_of AND v.voided = 0
          AND NOT EXISTS (SELECT 1 FROM \(table) AS w
                          WHERE w.\(id) = v.\(id) AND w.version > v.version AND w.change_id <= :as_of)
        """
    }

    /// The years from the first to the last with a live record as of `asOf`, within the years a
    /// period may lie in; nil when nothing is recorded.
    public func range(asOf: AsOf = .now) throws -> ClosedRange<Int>? {
        let days = try database.connection.cached(Self.span).first(named: [":as_of": asOf.lastChangeID]) { row in
            (row.optionalString(0), row.optionalString(1))
        }
        guard let first = days?.0.flatMap(CalendarDate.init)?.year,
              let last = days?.1.flatMap(CalendarDate.init)?.year else { return nil }
        let lower = max(first, Period.years.lowerBound), upper = min(last, Period.years.upperBound)
        return lower <= upper ? lower...upper : nil
    }
}
