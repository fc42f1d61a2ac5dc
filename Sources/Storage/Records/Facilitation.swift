/// Whether an activity was facilitation or coordination with another institution.
public enum FacilitationKind: String, CaseIterable, Sendable, ClosedSetValue {
    case fasilitasi, koordinasi

    var canonical: StaticString {
        switch self {
        case .fasilitasi: return "fasilitasi"
        case .koordinasi: return "koordinasi"
        }
    }

    static let allowedText = "fasilitasi or koordinasi"
}

/// A facilitation or coordination activity with another institution (IKU 2).
public struct Facilitation: Equatable, Sendable {
    /// The date it was held.
    public var date: CalendarDate
    public var kind: FacilitationKind
    /// The counterpart institution (lembaga/instansi).
    public var institution: String
    public var subject: String
    /// The office section responsible (Pemerintahan, Trantib, Kesra, ...).
    public var section: String?
    /// Its result (hasil).
    public var result: String?

    public init(date: CalendarDate, kind: FacilitationKind, institution: String, subject: String,
                section: String? = nil, result: String? = nil) {
        self.date = date
        self.kind = kind
        self.institution = institution
        self.subject = subject
        self.section = section
        self.result = result
    }
}

/// An activity as a clerk types it. For `add`, date, kind, institution and subject are required;
/// for `correct`, a nil field keeps the current value and an empty one clears an optional field.
public struct FacilitationInput: Sendable {
    public var date: String?
    public var kind: String?
    public var institution: String?
    public var subject: String?
    public var section: String?
    public var result: String?

    public init(date: String? = nil, kind: String? = nil, institution: String? = nil, subject: String? = nil,
                section: String? = nil, result: String? = nil) {
        self.date = date
        self.kind = kind
        self.institution = institution
        self.subject = subject
        self.section = section
        self.result = result
    }
}

/// A follow-up (tindak lanjut) of an activity.
public struct FollowUp: Equatable, Sendable {
    /// The activity followed up (fixed when the follow-up is added).
    public var facilitationID: Int64
    /// The date it was done; never before the activity.
    public var date: CalendarDate
    /// What was done.
    public var action: String
    /// Evidence: a document number or reference.
    public var evidence: String?

    public init(facilitationID: Int64, date: CalendarDate, action: String, evidence: String? = nil) {
        self.facilitationID = facilitationID
        self.date = date
        self.action = action
        self.evidence = evidence
    }
}

/// A follow-up as a clerk types it; same nil/empty rules as the other inputs.
public struct FollowUpInput: Sendable {
    public var date: String?
    public var action: String?
    public var evidence: String?

    public init(date: String? = nil, action: String? = nil, evidence: String? = nil) {
        self.date = date
        self.action = action
        self.evidence = evidence
    }
}

extension Facilitation: RecordFields {
    static let table = VersionedTable(
        noun: "facilitation", changeKind: .facilitation, identityTable: "facilitations",
        versionTable: "facilitation_versions", idColumn: "facilitation_id",
        selectFields: ["v.held_on", "v.kind", "v.institution", "v.subject", "v.section", "v.result"],
        insertColumns: ["held_on", "kind", "institution", "subject", "section", "result"])

    init(row: Row, from offset: Int) throws {
        self.init(date: try row.calendarDate(offset), kind: try row.member(offset + 1, of: FacilitationKind.self),
                  institution: row.string(offset + 2), subject: row.string(offset + 3),
                  section: row.optionalString(offset + 4), result: row.optionalString(offset + 5))
    }

    var columnValues: [DatabaseValueConvertible] {
        [date.description, kind.rawValue, institution, subject, section, result]
    }

    init(_ input: FacilitationInput, onto current: Facilitation?, limit: EventDateLimit) throws {
        guard let date = try input.date.map({ try FieldRules.date($0, field: "date") }) ?? current?.date else {
            throw FieldRules.missing("date", allowed: FieldRules.dateAllowed(FieldRules.recordYears))
        }
        try limit.check(date, field: "date")
        guard let kind = try input.kind.map({ try FieldRules.member($0, of: FacilitationKind.self, field: "kind") })
                ?? current?.kind else {
            throw FieldRules.missing("kind", allowed: FacilitationKind.allowedText)
        }
        guard let institution = try input.institution.map({ try FieldRules.requiredText($0, field: "institution", maxLength: 200) })
                ?? current?.institution else {
            throw FieldRules.missing("institution", allowed: "the counterpart institution, 1 to 200 characters")
        }
        guard let subject = try input.subject.map({ try FieldRules.requiredText($0, field: "subject", maxLength: 500) })
                ?? current?.subject else {
            throw FieldRules.missing("subject", allowed: "what the activity was about, 1 to 500 characters")
        }
        let section = try input.section.map { try FieldRules.text($0, field: "section", maxLength: 100) } ?? current?.section
        let result = try input.result.map { try FieldRules.text($0, field: "result", maxLength: 2000) } ?? current?.result
        self.init(date: date, kind: kind, institution: institution, subject: subject, section: section, result: result)
    }
}

extension FollowUp: RecordFields {
    static let table = VersionedTable(
        noun: "follow-up", changeKind: .followUp, identityTable: "follow_ups", versionTable: "follow_up_versions",
        idColumn: "follow_up_id", joins: "JOIN follow_ups AS i ON i.id = v.follow_up_id",
        selectFields: ["i.facilitation_id", "v.done_on", "v.action", "v.evidence"],
        insertColumns: ["done_on", "action", "evidence"],
        insertIdentity: "INSERT INTO follow_ups (facilitation_id) VALUES (?)")

    init(row: Row, from offset: Int) throws {
        self.init(facilitationID: row.int64(offset), date: try row.calendarDate(offset + 1),
                  action: row.string(offset + 2), evidence: row.optionalString(offset + 3))
    }

    var columnValues: [DatabaseValueConvertible] {
        [date.description, action, evidence]
    }

    /// The follow-up `input` describes for the activity `activity` (held on `heldOn`), dated no
    /// later than `limit`'s today.
    init(_ input: FollowUpInput, onto current: FollowUp?, activity: Int64, heldOn: CalendarDate,
         limit: EventDateLimit) throws {
        guard let date = try input.date.map({ try FieldRules.date($0, field: "date") }) ?? current?.date else {
            throw FieldRules.missing("date", allowed: FieldRules.dateAllowed(FieldRules.recordYears))
        }
        try limit.check(date, field: "date")
        guard date >= heldOn else {
            throw InputError(field: "date", value: date.description,
                             allowed: "a date on or after the activity's date (facilitation \(activity) was held on \(heldOn))")
        }
        guard let action = try input.action.map({ try FieldRules.requiredText($0, field: "action", maxLength: 2000) })
                ?? current?.action else {
            throw FieldRules.missing("action", allowed: "what was done, 1 to 2000 characters")
        }
        let evidence = try input.evidence.map { try FieldRules.text($0, field: "evidence", maxLength: 500) } ?? current?.evidence
        self.init(facilitationID: activity, date: date, action: action, evidence: evidence)
    }
}
