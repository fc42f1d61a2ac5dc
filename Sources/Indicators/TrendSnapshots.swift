import FoundationEssentials
import Storage

/// The years of a trend whose stored year-end snapshot (`iku recompute`) still holds, so the
/// trend reads their figures instead of computing them.
///
/// A snapshot of year Y holds when it is part of what is read (recorded at or before the pinned
/// change), the year was over both when it was stored and on the report's day (so no document
/// was left "not yet due" in it), and no change recorded after the change it was computed at can
/// touch Y's figures. Which years a later change touches is read from the change log and the
/// record it names (its version rows by their ids): a survey response's survey dates, an
/// activity's dates held (a follow-up's through its activity), a village document's fiscal year
/// ± 2; a village, a deadline, an import or anything else touches every year. Targets,
/// populations and snapshots touch no trend figure.
struct TrendSnapshots {
    let database: IkuDatabase

    static let changesAfter = """
        SELECT id, kind, action, record_id FROM changes WHERE id > :after AND id <= :as_of ORDER BY id
        """
    static let surveyYears = """
        SELECT DISTINCT CAST(substr(survey_date, 1, 4) AS INTEGER) FROM survey_response_versions
        WHERE response_id = :id AND change_id <= :as_of
        """
    static let activityYears = """
        SELECT DISTINCT CAST(substr(held_on, 1, 4) AS INTEGER) FROM facilitation_versions
        WHERE facilitation_id = :id AND change_id <= :as_of
        """
    static let followUpYears = """
        SELECT DISTINCT CAST(substr(v.held_on, 1, 4) AS INTEGER)
        FROM follow_ups AS f JOIN facilitation_versions AS v ON v.facilitation_id = f.facilitation_id
        WHERE f.id = :id AND v.change_id <= :as_of
        """
    static let submissionFiscalYears = """
        SELECT DISTINCT fiscal_year FROM submission_versions WHERE submission_id = :id AND change_id <= :as_of
        """

    /// The figures of every year in `years` whose latest snapshot as of `asOf` (pinned) holds on `day`.
    func current(years: ClosedRange<Int>, asOf: AsOf, day: CalendarDate) throws -> [Int: YearFigures] {
        var candidates: [Int: (snapshot: Snapshot, contents: SnapshotContents)] = [:]
        let store = SnapshotStore(database)
        let zone = try database.officeZone(asOf: asOf)
        for year in years where year < day.year {
            guard let snapshot = try store.latest(year: year, asOf: asOf),
                  let storedAt = Timestamp.parse(snapshot.stamp.recordedAt),
                  zone.day(of: storedAt).year > year,
                  let contents = try? SnapshotContents.decode(snapshot),
                  contents.year == year, contents.asOfChangeID <= asOf.lastChangeID else { continue }
            candidates[year] = (snapshot, contents)
        }
        guard let earliest = candidates.values.map(\.contents.asOfChangeID).min() else { return [:] }
        var stale: Set<Int> = []
        try database.connection.cached(Self.changesAfter).forEachRow(named: [":after": earliest, ":as_of": asOf.lastChangeID]) { row in
            let changeID = row.int64(0)
            let exposed = candidates.filter { $0.value.contents.asOfChangeID < changeID && !stale.contains($0.key) }
            guard !exposed.isEmpty else { return }
            let touched = try touchedYears(kind: ChangeKind(rawValue: row.string(1)),
                                           action: ChangeAction(rawValue: row.string(2)),
                                           recordID: row.optionalInt64(3), asOf: asOf)
            for year in exposed.keys where touched?.contains(year) ?? true { stale.insert(year) }
        }
        var result: [Int: YearFigures] = [:]
        for (year, candidate) in candidates where !stale.contains(year) {
            let figures = candidate.contents.figures
            func figure(_ key: IndicatorKey) -> Figure {
                if case .number(let value)? = figures["\(key.rawValue).value"] { return .value(value) }
                if case .text(let reason)? = figures["\(key.rawValue).reason"] { return .notComputable(reason: reason) }
                return .notComputable(reason: "")
            }
            result[year] = YearFigures(year: year, ikm: figure(.ikm), facilitation: figure(.facilitation),
                                       villageDocuments: figure(.villageDocuments), snapshotID: candidate.snapshot.id)
        }
        return result
    }

    /// The calendar years whose trend figures one change may have altered; nil for every year.
    private func touchedYears(kind: ChangeKind?, action: ChangeAction?, recordID: Int64?, asOf: AsOf) throws -> Set<Int>? {
        func years(_ sql: String) throws -> Set<Int>? {
            guard let recordID else { return nil }
            return Set(try database.connection.cached(sql).map(named: [":id": recordID, ":as_of": asOf.lastChangeID]) { $0.int(0) })
        }
        switch kind {
        case .target?, .population?, .snapshot?: return []
        case _ where action == .import: return nil
        case .survey?: return try years(Self.surveyYears)
        case .facilitation?: return try years(Self.activityYears)
        case .followUp?: return try years(Self.followUpYears)
        case .submission?:
            return try years(Self.submissionFiscalYears).map { Set($0.flatMap { ($0 - 2)...($0 + 2) }) }
        default: return nil
        }
    }
}
