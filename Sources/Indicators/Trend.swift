import Storage

/// One calendar year's three headline figures, as that year's own report computes them.
public struct YearFigures: Hashable, Sendable {
    public let year: Int
    public let ikm: Figure
    public let facilitation: Figure
    public let villageDocuments: Figure
    /// The stored year-end snapshot the figures were read from; nil when computed.
    public let snapshotID: Int64?

    init(year: Int, ikm: Figure, facilitation: Figure, villageDocuments: Figure, snapshotID: Int64? = nil) {
        self.year = year
        self.ikm = ikm
        self.facilitation = facilitation
        self.villageDocuments = villageDocuments
        self.snapshotID = snapshotID
    }

    /// The figure of one indicator.
    public func figure(_ key: IndicatorKey) -> Figure {
        switch key {
        case .ikm: return ikm
        case .facilitation: return facilitation
        case .villageDocuments: return villageDocuments
        }
    }
}

/// The trend: every year's headline figures from grouped aggregates, one statement per
/// indicator over all the years at once (GROUP BY year), instead of one full report per year;
/// `ReportBuilder.trend` reads the years whose year-end snapshot still holds from it instead.
/// Each year's figures equal those of `ReportBuilder.report(for: .year(Y))` (every follow-up
/// counted, documents not yet due decided on the same day).
struct TrendQuery {
    let database: IkuDatabase

    /// IKU 1: the element sums and answers of the live responses, per survey year.
    static let ikm = """
        SELECT CAST(substr(survey_date, 1, 4) AS INTEGER), \(IKMQuery.aggregates)
        FROM (\(IKMQuery.liveResponses)) GROUP BY 1
        """

    /// IKU 2: activities held and followed up (any follow-up recorded), per year held.
    static let facilitation = """
        SELECT CAST(substr(held_on, 1, 4) AS INTEGER), count(*), coalesce(sum(followed_up), 0)
        FROM (\(FacilitationQuery.liveActivities)) GROUP BY 1
        """

    /// IKU 3: decided, on time and not yet due, per year of the deadline.
    static let villageDocuments = """
        WITH expected AS (\(VillageDocumentsQuery.expected))
        SELECT CAST(substr(due, 1, 4) AS INTEGER),
               count(CASE WHEN submitted_on IS NOT NULL OR due <= :day THEN 1 END),
               count(CASE WHEN submitted_on <= due THEN 1 END),
               count(CASE WHEN submitted_on IS NULL AND due > :day THEN 1 END)
        FROM expected GROUP BY 1
        """

    func compute(years: ClosedRange<Int>, asOf: AsOf, day: CalendarDate) throws -> [YearFigures] {
        let from = try Period.year(years.lowerBound).from, to = try Period.year(years.upperBound).to
        let range: [String: DatabaseValueConvertible] = [
            ":from": from.description, ":to": to.description, ":as_of": asOf.lastChangeID,
        ]
        var surveys: [Int: SurveyTally] = [:]
        try database.connection.cached(Self.ikm).forEachRow(named: range) { row in
            surveys[row.int(0)] = SurveyTally(respondents: row.int(1), scores: Unsur.allCases.map { unsur in
                let column = 2 + (unsur.rawValue - 1) * 2
                return UnsurScore(unsur: unsur, sum: row.optionalInt(column) ?? 0, answered: row.optionalInt(column + 1) ?? 0)
            })
        }
        var activities: [Int: FacilitationTally] = [:]
        try database.connection.cached(Self.facilitation).forEachRow(named: range.merging([":follow_up_by": String?.none]) { $1 }) { row in
            activities[row.int(0)] = FacilitationTally(held: row.int(1), followedUp: row.int(2))
        }
        // A year counts the deadlines inside it among the fiscal years around it, exactly as
        // `DeadlineSchedule.deadlines(inside:)` does for that year alone.
        let deadlines = try DeadlineSchedule(database)
            .deadlines(fiscalYears: (years.lowerBound - 2)...(years.upperBound + 2), asOf: asOf)
            .filter { years.contains($0.due.year) && abs($0.fiscalYear - $0.due.year) <= 2 }
        var documents: [Int: DocumentTally] = [:]
        try database.connection.cached(Self.villageDocuments).forEachRow(named: [
            ":deadlines": try VillageDocumentsQuery.json(deadlines), ":as_of": asOf.lastChangeID, ":day": day.description,
        ]) { row in
            documents[row.int(0)] = DocumentTally(expected: row.int(1), onTime: row.int(2), notYetDue: row.int(3))
        }
        let emptySurvey = SurveyTally(respondents: 0, scores: Unsur.allCases.map { UnsurScore(unsur: $0, sum: 0, answered: 0) })
        return years.map { year in
            let hasDeadlines = deadlines.contains { $0.due.year == year }
            return YearFigures(
                year: year, ikm: (surveys[year] ?? emptySurvey).ikm,
                facilitation: (activities[year] ?? FacilitationTally(held: 0, followedUp: 0)).figure,
                villageDocuments: VillageDocumentsResult.figure(
                    hasDeadlines: hasDeadlines, tally: documents[year] ?? DocumentTally(expected: 0, onTime: 0), decidedOn: day))
        }
    }
}
