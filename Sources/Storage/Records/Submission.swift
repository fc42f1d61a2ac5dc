import FoundationEssentials

/// The village administration documents behind IKU 3.
public enum VillageDocument: String, CaseIterable, Sendable, ClosedSetValue {
    /// Rencana Kerja Pemerintah Desa for the fiscal year, adopted by Perdes.
    case rkpdesa
    /// The village budget for the fiscal year, adopted by Perdes.
    case apbdesa
    /// The year-end report on village government, delivered to the Bupati through the Camat.
    case lppdesa

    var canonical: StaticString {
        switch self {
        case .rkpdesa: return "rkpdesa"
        case .apbdesa: return "apbdesa"
        case .lppdesa: return "lppdesa"
        }
    }

    static let allowedText = "rkpdesa, apbdesa or lppdesa"
}

/// A village document for a fiscal year, with the date it was adopted (LPPDesa: delivered).
public struct Submission: Equatable, Sendable {
    public var villageID: Int64
    /// The village's code (its current code as of the read).
    public var villageCode: String
    public var document: VillageDocument
    public var fiscalYear: Int
    /// The date adopted, or for LPPDesa delivered; on time when on or before the deadline.
    public var date: CalendarDate
    /// E.g. the Perdes number.
    public var reference: String?
    /// The date the kecamatan received it.
    public var received: CalendarDate?
    public var note: String?

    public init(villageID: Int64, villageCode: String, document: VillageDocument, fiscalYear: Int,
                date: CalendarDate, reference: String? = nil, received: CalendarDate? = nil, note: String? = nil) {
        self.villageID = villageID
        self.villageCode = villageCode
        self.document = document
        self.fiscalYear = fiscalYear
        self.date = date
        self.reference = reference
        self.received = received
        self.note = note
    }
}

/// A submission as a clerk types it. For `add`, village, document, year and date are required;
/// for `correct`, a nil field keeps the current value and an empty one clears an optional field.
public struct SubmissionInput: Sendable {
    /// The village's code, e.g. `35.08.01.2005`.
    public var village: String?
    public var document: String?
    public var year: String?
    public var date: String?
    public var reference: String?
    public var received: String?
    public var note: String?

    public init(village: String? = nil, document: String? = nil, year: String? = nil, date: String? = nil,
                reference: String? = nil, received: String? = nil, note: String? = nil) {
        self.village = village
        self.document = document
        self.year = year
        self.date = date
        self.reference = reference
        self.received = received
        self.note = note
    }
}

extension Submission: RecordFields {
    static let table = VersionedTable(
        noun: "submission", changeKind: .submission, identityTable: "submissions",
        versionTable: "submission_versions", idColumn: "submission_id",
        selectFields: [
            "v.village_id",
            """
            (SELECT vv.code FROM village_versions AS vv WHERE vv.village_id = v.village_id AND vv.change_id <= :as_of
             ORDER BY vv.version DESC LIMIT 1) AS village_code
            """,
            "v.document", "v.fiscal_year", "v.submitted_on", "v.reference", "v.received_on", "v.note",
        ],
        insertColumns: ["village_id", "document", "fiscal_year", "submitted_on", "reference", "received_on", "note"])

    init(row: Row, from offset: Int) throws {
        self.init(villageID: row.int64(offset), villageCode: row.string(offset + 1),
                  document: try row.member(offset + 2, of: VillageDocument.self), fiscalYear: row.int(offset + 3),
                  date: try row.calendarDate(offset + 4), reference: row.optionalString(offset + 5),
                  received: try row.optionalCalendarDate(offset + 6), note: row.optionalString(offset + 7))
    }

    var columnValues: [DatabaseValueConvertible] {
        [villageID, document.rawValue, fiscalYear, date.description, reference, received?.description, note]
    }

    static let yearAllowed = "a fiscal year from \(FieldRules.fiscalYears.lowerBound) to \(FieldRules.fiscalYears.upperBound)"

    static func fiscalYear(_ text: String, field: String = "year") throws -> Int? {
        try FieldRules.number(text, field: field, range: FieldRules.fiscalYears, allowed: yearAllowed)
    }

    /// The submission `input` describes, on its own (`current` nil) or applied to `current`;
    /// `village` resolves a village code to a live village's id. The dates adopted (delivered)
    /// and received are events: neither may lie after `limit`'s today (the deadline may).
    init(_ input: SubmissionInput, onto current: Submission?, limit: EventDateLimit,
         village: (String) throws -> Int64) throws {
        var villageID = current?.villageID
        var villageCode = current?.villageCode
        if let code = input.village {
            villageID = try village(code)
            villageCode = code.trimmingWhitespace()
        }
        guard let villageID, let villageCode else {
            throw FieldRules.missing("village", allowed: "the code of a live village, e.g. 35.08.01.2005")
        }
        guard let document = try input.document.map({ try FieldRules.member($0, of: VillageDocument.self, field: "document") })
                ?? current?.document else {
            throw FieldRules.missing("document", allowed: VillageDocument.allowedText)
        }
        guard let fiscalYear = try input.year.map({ try Self.fiscalYear($0) }) ?? current?.fiscalYear else {
            throw FieldRules.missing("year", allowed: Self.yearAllowed)
        }
        guard let date = try input.date.map({ try FieldRules.date($0, field: "date") }) ?? current?.date else {
            throw FieldRules.missing("date", allowed: FieldRules.dateAllowed(FieldRules.recordYears))
        }
        try limit.check(date, field: "date")
        let reference = try input.reference.map { try FieldRules.text($0, field: "reference", maxLength: 200) } ?? current?.reference
        let note = try input.note.map { try FieldRules.text($0, field: "note", maxLength: 1000) } ?? current?.note
        var received = current?.received
        if let text = input.received {
            received = FieldRules.hasText(text) ? try FieldRules.date(text, field: "received") : nil
        }
        if let received { try limit.check(received, field: "received") }
        if let received, received < date {
            throw InputError(field: "received", value: received.description,
                             allowed: "a date on or after the date adopted or delivered (\(date))")
        }
        self.init(villageID: villageID, villageCode: villageCode, document: document, fiscalYear: fiscalYear,
                  date: date, reference: reference, received: received, note: note)
    }
}
