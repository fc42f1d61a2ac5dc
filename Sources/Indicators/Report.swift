import Storage

/// All three IKU of a period, with the breakdowns and the counts behind them.
public struct Report: Equatable, Sendable {
    public let period: Period
    /// The last change the figures include: recomputing as of this change gives the same report.
    public let asOfChangeID: Int64
    public let office: Office?
    /// The letterhead and the head of office as recorded up to `asOfChangeID`.
    public let officeDetails: OfficeDetails
    public let ikm: IKMResult
    public let facilitation: FacilitationResult
    public let villageDocuments: VillageDocumentsResult

    /// The headline figure of one indicator.
    public func figure(_ key: IndicatorKey) -> Figure {
        switch key {
        case .ikm: return ikm.figure
        case .facilitation: return facilitation.figure
        case .villageDocuments: return villageDocuments.figure
        }
    }

    /// The target and capaian of one indicator.
    public func achievement(_ key: IndicatorKey) -> Achievement {
        switch key {
        case .ikm: return ikm.achievement
        case .facilitation: return facilitation.achievement
        case .villageDocuments: return villageDocuments.achievement
        }
    }
}

/// The parts of a report, IKU 1 as far as it is known.
struct ReportParts<IKM: Sendable>: Sendable {
    let period: Period
    let asOfChangeID: Int64
    let office: Office?
    let officeDetails: OfficeDetails
    let ikm: IKM
    let facilitation: FacilitationResult
    let villageDocuments: VillageDocumentsResult
}

extension Report {
    init(_ parts: ReportParts<IKMResult>) {
        self.init(period: parts.period, asOfChangeID: parts.asOfChangeID, office: parts.office, officeDetails: parts.officeDetails,
                  ikm: parts.ikm, facilitation: parts.facilitation, villageDocuments: parts.villageDocuments)
    }
}

/// The number of service users recorded for a period (the sample size is judged against it) and
/// what it counts.
struct RecordedPopulation: Sendable {
    let users: Int
    let source: String
}

/// A kecamatan's report at the regency without IKU 1 yet: everything its replica gives, and IKU
/// 1's target and recorded population (`ReportBuilder.pendingReport`).
public struct PendingReport: Sendable {
    let parts: ReportParts<(target: Double?, population: RecordedPopulation?)>

    /// The report, IKU 1 from `surveyTally` (the regency's aggregate of the office's live
    /// responses; no breakdowns).
    public func completed(with surveyTally: SurveyTally) -> Report {
        Report(ReportParts(period: parts.period, asOfChangeID: parts.asOfChangeID, office: parts.office,
                           officeDetails: parts.officeDetails,
                           ikm: IKMQuery.result(surveyTally, groups: [], target: parts.ikm.target, population: parts.ikm.population),
                           facilitation: parts.facilitation, villageDocuments: parts.villageDocuments))
    }
}

/// Computes reports from the stored records.
public struct ReportBuilder {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    /// The three IKU for `period` as the records stood at `asOf`, read in one transaction.
    ///
    /// - Parameters:
    ///   - followUpBy: count only follow-ups dated on or before this day (IKU 2); nil counts
    ///     every follow-up recorded.
    ///   - day: the day that decides which documents are not yet due (IKU 3 in an open period):
    ///     the report's as-of day; nil means today (`OfficeCalendar.today`).
    public func report(for period: Period, followUpBy: CalendarDate? = nil, asOf: AsOf = .now,
                       on day: CalendarDate? = nil) throws -> Report {
        try report(for: period, followUpBy: followUpBy, asOf: asOf, on: day) { target, pinned in
            try IKMQuery(database: database).compute(period, target: target, asOf: pinned)
        }
    }

    /// The report of a kecamatan as the regency compiles it from the records the office sent
    /// (`database` an `OfficeReplica` of them): IKU 2 and 3, the targets and the office details by
    /// this report's own queries, IKU 1 from `surveyTally`, the regency's aggregate of the same
    /// live responses (`IKMResult.groups` is empty: the breakdowns stay in the office's report).
    /// With `villages` false, IKU 3 lists no village: the regency's table shows the figures alone,
    /// and only its JSON carries each village's documents.
    public func report(for period: Period, surveyTally: SurveyTally, asOf: AsOf, on day: CalendarDate,
                       villages: Bool = true) throws -> Report {
        try pendingReport(for: period, asOf: asOf, on: day, villages: villages).completed(with: surveyTally)
    }

    /// Everything of `report(for:surveyTally:asOf:on:villages:)` but IKU 1's tally, so that the
    /// regency reads an office's replica while its aggregate of the responses is still running.
    public func pendingReport(for period: Period, asOf: AsOf, on day: CalendarDate, villages: Bool = true) throws -> PendingReport {
        PendingReport(parts: try parts(for: period, followUpBy: nil, asOf: asOf, on: day, villages: villages) { target, pinned in
            (target: target, population: try IKMQuery(database: database).population(for: period, asOf: pinned))
        })
    }

    private func report(for period: Period, followUpBy: CalendarDate?, asOf: AsOf, on day: CalendarDate?,
                        ikm: (_ target: Double?, _ pinned: AsOf) throws -> IKMResult) throws -> Report {
        Report(try parts(for: period, followUpBy: followUpBy, asOf: asOf, on: day, villages: true, ikm: ikm))
    }

    /// A report's parts, IKU 1 as `ikm` gives it, read in one transaction.
    private func parts<IKM>(for period: Period, followUpBy: CalendarDate?, asOf: AsOf, on day: CalendarDate?, villages: Bool,
                            ikm: (_ target: Double?, _ pinned: AsOf) throws -> IKM) throws -> ReportParts<IKM> {
        let day = try day ?? database.officeCalendar().today
        return try database.read {
            let pinned = AsOf(lastChangeID: try database.lastChangeID(asOf: asOf))
            let targets = try TargetStore(database).list(year: period.year, asOf: pinned)
            func target(_ key: IndicatorKey) -> Double? { targets.first { $0.indicator == key }?.value }
            return ReportParts(
                period: period, asOfChangeID: pinned.lastChangeID, office: try OfficeStore(database).office(),
                officeDetails: try OfficeDetails.read(database, asOf: pinned),
                ikm: try ikm(target(.ikm), pinned),
                facilitation: try FacilitationQuery(database: database)
                    .compute(period, followUpBy: followUpBy, target: target(.facilitation), asOf: pinned),
                villageDocuments: try VillageDocumentsQuery(database: database)
                    .compute(period, target: target(.villageDocuments), asOf: pinned, day: day, villages: villages))
        }
    }

    /// The trend: the headline figures of every year from the first to the last with records,
    /// widened to include `year` when given, all as of the same change: from the year-end
    /// snapshots that still hold (`TrendSnapshots`), the other years from grouped aggregates
    /// (`TrendQuery`). Each year equals the year's own report (as `yearlyReports` gives them).
    public func trend(including year: Int? = nil, asOf: AsOf = .now, on day: CalendarDate? = nil) throws -> [YearFigures] {
        let day = try day ?? database.officeCalendar().today
        return try database.read {
            let pinned = AsOf(lastChangeID: try database.lastChangeID(asOf: asOf))
            guard let years = try years(including: year, asOf: pinned) else { return [] }
            let stored = try TrendSnapshots(database: database).current(years: years, asOf: pinned, day: day)
            var figures = stored
            for run in Self.runs(of: years.filter { stored[$0] == nil }) {
                for computed in try TrendQuery(database: database).compute(years: run, asOf: pinned, day: day) {
                    figures[computed.year] = computed
                }
            }
            return years.map { figures[$0]! }
        }
    }

    /// `years` (ascending) as runs of consecutive years.
    static func runs(of years: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for year in years {
            if let last = runs.last, last.upperBound + 1 == year {
                runs[runs.count - 1] = last.lowerBound...year
            } else {
                runs.append(year...year)
            }
        }
        return runs
    }

    /// The years from the first to the last with records as of `asOf`, widened to include `year`.
    private func years(including year: Int?, asOf: AsOf) throws -> ClosedRange<Int>? {
        var years = try RecordedYears(database).range(asOf: asOf)
        if let year, Period.years.contains(year) {
            years = years.map { min($0.lowerBound, year)...max($0.upperBound, year) } ?? year...year
        }
        return years
    }

    /// One calendar-year report for every year from the first to the last with records
    /// (`RecordedYears`), widened to include `year` when given, all as of the same change.
    /// Every follow-up recorded counts (no `followUpBy`): these are the years' own figures;
    /// `day` decides the documents not yet due as in `report(for:followUpBy:asOf:on:)`.
    ///
    /// - Parameter progress: called before each year is computed with the year, how many are
    ///   done and how many there are.
    public func yearlyReports(including year: Int? = nil, asOf: AsOf = .now, on day: CalendarDate? = nil,
                              progress: (_ year: Int, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) throws -> [Report] {
        let pinned = AsOf(lastChangeID: try database.lastChangeID(asOf: asOf))
        let all = try years(including: year, asOf: pinned).map(Array.init) ?? []
        return try all.enumerated().map { done, year in
            progress(year, done, all.count)
            return try report(for: Period.year(year), asOf: pinned, on: day)
        }
    }
}
