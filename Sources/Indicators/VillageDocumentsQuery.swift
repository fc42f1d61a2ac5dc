import FoundationEssentials
import Storage

/// Expected and on-time documents of a set of deadlines.
public struct DocumentTally: Hashable, Sendable {
    /// Documents decided and so counted: one per village active on each deadline, leaving out
    /// those not yet due (SPEC.md "Open periods").
    public let expected: Int
    /// Documents dated on or before their deadline.
    public let onTime: Int
    /// Documents whose deadline is still ahead on the deciding day and that have not come in:
    /// in neither `expected` nor `onTime`.
    public let notYetDue: Int

    public init(expected: Int, onTime: Int, notYetDue: Int = 0) {
        self.expected = expected
        self.onTime = onTime
        self.notYetDue = notYetDue
    }
}

/// One deadline's documents.
public struct DeadlineTally: Hashable, Sendable {
    public let deadline: DocumentDeadline
    public let tally: DocumentTally
}

/// One village's document for one deadline.
public struct DocumentCell: Hashable, Sendable {
    public let deadline: DocumentDeadline
    /// The submission counted (the earliest-dated live one), or nil when missing.
    public let submissionID: Int64?
    /// The date adopted or delivered.
    public let submittedOn: CalendarDate?
    public let reference: String?
    /// Not in yet while its deadline is still ahead on the deciding day: left out of the count.
    public let isNotYetDue: Bool

    /// On time when dated on or before the deadline; a missing document is not on time.
    public var isOnTime: Bool { submittedOn.map { $0 <= deadline.due } ?? false }
    /// Not in although its deadline has passed: not on time.
    public var isMissing: Bool { submittedOn == nil && !isNotYetDue }
    /// Days after the deadline (negative: days early; 0: on the deadline day); nil when missing.
    public var daysLate: Int? { submittedOn.map { deadline.due.days(until: $0) } }
}

/// One row of the village × document matrix.
public struct VillageDocumentRow: Hashable, Sendable {
    public let villageID: Int64
    public let code: String
    public let name: String
    /// One cell per deadline of the period, in the same order; nil where the village was not
    /// active on that deadline (so no document was expected of it).
    public internal(set) var cells: [DocumentCell?]
}

/// IKU 3 for a period.
public struct VillageDocumentsResult: Hashable, Sendable {
    /// The deadlines inside the period, in date order: the documents counted.
    public let deadlines: [DocumentDeadline]
    public let tally: DocumentTally
    public let perDeadline: [DeadlineTally]
    public let villages: [VillageDocumentRow]
    /// on time / expected × 100, i.e. (RKPDesa + APBDesa + LPPDesa on time) / (villages × 3) × 100
    /// for a year; not computable when no deadline falls in the period or no village was active.
    public let figure: Figure
    public let achievement: Achievement
    /// The day that decides which documents are due: the report's as-of day (today without one).
    public let decidedOn: CalendarDate

    /// Whether some deadline of the period has not passed on `decidedOn`: the figure then counts
    /// only what is decided "sampai dengan" that day, and may still change.
    public var isOpen: Bool { deadlines.contains { !Self.hasPassed($0.due, on: decidedOn) } }

    /// on time / expected × 100, or not computable with the reason: no deadline in the period,
    /// nothing due yet, or no village active.
    static func figure(hasDeadlines: Bool, tally: DocumentTally, decidedOn: CalendarDate) -> Figure {
        if !hasDeadlines {
            return .notComputable(reason: "tidak ada batas waktu RKPDesa, APBDesa atau LPPDesa dalam periode ini")
        }
        if tally.expected == 0, tally.notYetDue > 0 {
            return .notComputable(reason: "belum ada dokumen yang jatuh tempo sampai dengan \(decidedOn)")
        }
        return .percentage(tally.onTime, of: tally.expected,
                           otherwise: "tidak ada desa yang aktif pada batas waktu dokumen dalam periode ini")
    }

    /// Whether a deadline has passed as of `day`. The as-of day stands for its end (SPEC.md "Days
    /// and time zones"), so a deadline on that very day has passed: `--as-of` 31 December gives
    /// the year's final figure.
    public static func hasPassed(_ due: CalendarDate, on day: CalendarDate) -> Bool { due <= day }

    init(deadlines: [DocumentDeadline], perDeadline: [DeadlineTally], villages: [VillageDocumentRow], target: Double?,
         decidedOn: CalendarDate) {
        self.deadlines = deadlines
        self.perDeadline = perDeadline
        self.villages = villages
        self.decidedOn = decidedOn
        tally = DocumentTally(expected: perDeadline.reduce(0) { $0 + $1.tally.expected },
                              onTime: perDeadline.reduce(0) { $0 + $1.tally.onTime },
                              notYetDue: perDeadline.reduce(0) { $0 + $1.tally.notYetDue })
        figure = Self.figure(hasDeadlines: !deadlines.isEmpty, tally: tally, decidedOn: decidedOn)
        achievement = Achievement(figure: figure, target: target)
    }
}

/// Computes IKU 3 with SQL over the deadlines of the period, the villages active on each and
/// their live submissions.
struct VillageDocumentsQuery {
    let database: IkuDatabase

    /// Every (deadline, active village) pair with the earliest-dated live submission, if any.
    /// `:deadlines` is a JSON array of {document, fiscal_year, due}.
    static let expected = """
        WITH deadline AS (
            SELECT json_extract(value, '$.document') AS document,
                   json_extract(value, '$.fiscal_year') AS fiscal_year,
                   json_extract(value, '$.due') AS due
            FROM json_each(:deadlines)
        ),
        village AS (
            SELECT v.village_id, v.code, v.name, v.active_from, v.active_until
            FROM village_versions AS v
            WHERE v.change_id <= :as_of AND v.voided = 0
              AND NOT EXISTS (SELECT 1 FROM village_versions AS w
                              WHERE w.village_id = v.village_id AND w.version > v.version
                                AND w.change_id <= :as_of)
        ),
        submission AS (
            SELECT s.village_id, s.document, s.fiscal_year, min(s.submitted_on) AS submitted_on,
                   s.submission_id, s.reference
            FROM submission_versions AS s
            WHERE s.change_id <= :as_of AND s.voided = 0
              AND EXISTS (SELECT 1 FROM deadline AS d WHERE d.document = s.document AND d.fiscal_year = s.fiscal_year)
              AND NOT EXISTS (SELECT 1 FROM submission_versions AS x
                              WHERE x.submission_id = s.submission_id AND x.version > s.version
                                AND x.change_id <= :as_of)
            GROUP BY s.village_id, s.document, s.fiscal_year
        )
        SELECT d.document, d.fiscal_year, d.due, village.village_id, village.code, village.name,
               submission.submission_id, submission.submitted_on, submission.reference
        FROM deadline AS d
        JOIN village ON (village.active_from IS NULL OR village.active_from <= d.due)
                    AND (village.active_until IS NULL OR village.active_until >= d.due)
        LEFT JOIN submission ON submission.village_id = village.village_id
                            AND submission.document = d.document AND submission.fiscal_year = d.fiscal_year
        """

    /// Decided (in, or deadline on or before `:day`), on time and not yet due per deadline
    /// (the overall figure is their sum).
    static let tallies = """
        WITH expected AS (\(expected))
        SELECT document, fiscal_year,
               count(CASE WHEN submitted_on IS NOT NULL OR due <= :day THEN 1 END),
               count(CASE WHEN submitted_on <= due THEN 1 END),
               count(CASE WHEN submitted_on IS NULL AND due > :day THEN 1 END)
        FROM expected GROUP BY document, fiscal_year
        """

    static let matrix = """
        WITH expected AS (\(expected))
        SELECT document, fiscal_year, village_id, code, name, submission_id, submitted_on, reference,
               submitted_on IS NULL AND due > :day
        FROM expected ORDER BY code, village_id
        """

    /// IKU 3 of `period` as of `asOf`, deciding on `day` which documents are not yet due;
    /// with `villages` false the result lists no village (the figures alone, as the regency's
    /// table shows them).
    func compute(_ period: Period, target: Double?, asOf: AsOf, day: CalendarDate, villages: Bool = true) throws
        -> VillageDocumentsResult {
        let deadlines = try DeadlineSchedule(database).deadlines(inside: period, asOf: asOf)
        let parameters: [String: DatabaseValueConvertible] = [
            ":deadlines": try Self.json(deadlines), ":as_of": asOf.lastChangeID, ":day": day.description,
        ]
        func deadline(_ row: Row) -> DocumentDeadline {
            let document = AdministrationDocument(rawValue: row.string(0))!
            return deadlines.first { $0.document == document && $0.fiscalYear == row.int(1) }!
        }
        let counted = try database.connection.cached(Self.tallies).map(named: parameters) { row in
            DeadlineTally(deadline: deadline(row), tally: DocumentTally(expected: row.int(2), onTime: row.int(3),
                                                                      notYetDue: row.int(4)))
        }
        let perDeadline = deadlines.map { due in
            counted.first { $0.deadline == due } ?? DeadlineTally(deadline: due, tally: DocumentTally(expected: 0, onTime: 0))
        }
        var rows: [VillageDocumentRow] = []
        guard villages else {
            return VillageDocumentsResult(deadlines: deadlines, perDeadline: perDeadline, villages: [], target: target,
                                          decidedOn: day)
        }
        try database.connection.cached(Self.matrix).forEachRow(named: parameters) { row in
            let due = deadline(row)
            if rows.last?.villageID != row.int64(2) {
                rows.append(VillageDocumentRow(villageID: row.int64(2), code: row.string(3), name: row.string(4),
                                               cells: Array(repeating: nil, count: deadlines.count)))
            }
            rows[rows.count - 1].cells[deadlines.firstIndex(of: due)!] = DocumentCell(
                deadline: due, submissionID: row.optionalInt64(5),
                submittedOn: row.optionalString(6).flatMap(CalendarDate.init), reference: row.optionalString(7),
                isNotYetDue: row.int(8) != 0)
        }
        return VillageDocumentsResult(deadlines: deadlines, perDeadline: perDeadline, villages: rows, target: target,
                                      decidedOn: day)
    }

    struct DeadlineParameter: Encodable {
        let document: String
        let fiscalYear: Int
        let due: String

        enum CodingKeys: String, CodingKey {
            case document, due
            case fiscalYear = "fiscal_year"
        }
    }

    static func json(_ deadlines: [DocumentDeadline]) throws -> String {
        let values = deadlines.map {
            DeadlineParameter(document: $0.document.rawValue, fiscalYear: $0.fiscalYear, due: $0.due.description)
        }
        return String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }
}
