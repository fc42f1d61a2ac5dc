import FoundationEssentials

/// Respondent's gender as the SKM form asks it.
public enum Gender: String, CaseIterable, Sendable, ClosedSetValue {
    case l = "L", p = "P"

    var canonical: StaticString {
        switch self {
        case .l: return "L"
        case .p: return "P"
        }
    }

    static let allowedText = "L or P"
}

/// Respondent's education level.
public enum Education: String, CaseIterable, Sendable, ClosedSetValue {
    case sd = "SD", smp = "SMP", sma = "SMA", d1d3 = "D1-D3", d4s1 = "D4/S1", s2 = "S2", s3 = "S3"

    var canonical: StaticString {
        switch self {
        case .sd: return "SD"
        case .smp: return "SMP"
        case .sma: return "SMA"
        case .d1d3: return "D1-D3"
        case .d4s1: return "D4/S1"
        case .s2: return "S2"
        case .s3: return "S3"
        }
    }

    static let allowedText = "one of SD, SMP, SMA, D1-D3, D4/S1, S2, S3"
}

/// Respondent's occupation.
public enum Occupation: String, CaseIterable, Sendable, ClosedSetValue {
    case pns = "PNS", tni = "TNI", polri = "POLRI", swasta = "SWASTA", wirausaha = "WIRAUSAHA", lainnya = "LAINNYA"

    var canonical: StaticString {
        switch self {
        case .pns: return "PNS"
        case .tni: return "TNI"
        case .polri: return "POLRI"
        case .swasta: return "SWASTA"
        case .wirausaha: return "WIRAUSAHA"
        case .lainnya: return "LAINNYA"
        }
    }

    static let allowedText = "one of PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA"
}

/// One public-service satisfaction survey (SKM) response (IKU 1).
public struct SurveyResponse: Equatable, Sendable {
    /// The number of elements (unsur) U1..U9.
    public static let elementCount = 9

    public var date: CalendarDate
    /// The service used (jenis layanan).
    public var service: String
    /// Answers to U1..U9 in SPEC order, each 1..4, nil when unanswered. Always 9 entries.
    public var scores: [Int?]
    public var gender: Gender?
    public var age: Int?
    public var education: Education?
    public var occupation: Occupation?
    public var suggestion: String?

    public init(date: CalendarDate, service: String, scores: [Int?], gender: Gender? = nil, age: Int? = nil,
                education: Education? = nil, occupation: Occupation? = nil, suggestion: String? = nil) {
        precondition(scores.count == Self.elementCount, "a survey response has 9 scores")
        self.date = date
        self.service = service
        self.scores = scores
        self.gender = gender
        self.age = age
        self.education = education
        self.occupation = occupation
        self.suggestion = suggestion
    }
}

/// A response as a clerk types it. `scores` is U1..U9 separated by commas, `-` (or nothing) for
/// an unanswered element: `4,3,4,4,3,4,4,3,-`. For `add`, date, service and scores are required;
/// for `correct`, a nil field keeps the current value and an empty one clears an optional field.
public struct SurveyResponseInput: Sendable {
    public var date: String?
    public var service: String?
    public var scores: String?
    public var gender: String?
    public var age: String?
    public var education: String?
    public var occupation: String?
    public var suggestion: String?

    public init(date: String? = nil, service: String? = nil, scores: String? = nil, gender: String? = nil,
                age: String? = nil, education: String? = nil, occupation: String? = nil, suggestion: String? = nil) {
        self.date = date
        self.service = service
        self.scores = scores
        self.gender = gender
        self.age = age
        self.education = education
        self.occupation = occupation
        self.suggestion = suggestion
    }
}

/// The rules of each survey field, on bytes: the command line and the CSV import share them.
enum SurveyRules {
    static let scoreAllowed = "a whole number from 1 (worst) to 4 (best), or empty or - for unanswered"
    static let ageAllowed = "a whole number of years from 10 to 120"
    static let ages = 10...120
    static let serviceLength = 200
    static let suggestionLength = 2000

    /// A score 1..4, or nil for an empty cell or `-`.
    @inline(__always)
    static func score(_ bytes: Bytes, field: String, line: Int? = nil) throws -> Int? {
        let text = FieldRules.trimmed(bytes)
        if text.count == 1 {
            let byte = text[0]
            if byte >= 0x31 && byte <= 0x34 { return Int(byte - 0x30) }
            if byte == 0x2D { return nil }
        } else if text.isEmpty {
            return nil
        }
        throw InputError(field: field, value: FieldRules.string(bytes), allowed: scoreAllowed, line: line)
    }

    @inline(__always)
    static func age(_ bytes: Bytes, line: Int? = nil) throws -> Int? {
        try FieldRules.number(bytes, field: "age", range: ages, allowed: ageAllowed, line: line)
    }

    static let scoresAllowed = "nine scores U1..U9 separated by commas, each 1..4 or - for unanswered, e.g. 4,3,4,4,3,4,4,3,4"

    /// `4,3,-,4,...` into nine scores.
    static func scores(_ text: String) throws -> [Int?] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == SurveyResponse.elementCount else {
            throw InputError(field: "scores", value: text, allowed: scoresAllowed + " (\(parts.count) given)")
        }
        return try parts.enumerated().map { index, part in
            try FieldRules.withBytes(String(part)) { try score($0, field: "scores U\(index + 1)") }
        }
    }
}

extension SurveyResponse: RecordFields {
    static let scoreColumns = (1...elementCount).map { "u\($0)" }

    static let table = VersionedTable(
        noun: "survey response", changeKind: .survey, identityTable: "survey_responses",
        versionTable: "survey_response_versions", idColumn: "response_id",
        selectFields: ["v.survey_date", "v.service"] + scoreColumns.map { "v.\($0)" }
            + ["v.gender", "v.age", "v.education", "v.occupation", "v.suggestion"],
        insertColumns: ["survey_date", "service"] + scoreColumns + ["gender", "age", "education", "occupation", "suggestion"])

    init(row: Row, from offset: Int) throws {
        let scores = (0..<Self.elementCount).map { row.optionalInt(offset + 2 + $0) }
        let profile = offset + 2 + Self.elementCount
        self.init(date: try row.calendarDate(offset), service: row.string(offset + 1), scores: scores,
                  gender: try row.optionalMember(profile, of: Gender.self), age: row.optionalInt(profile + 1),
                  education: try row.optionalMember(profile + 2, of: Education.self),
                  occupation: try row.optionalMember(profile + 3, of: Occupation.self),
                  suggestion: row.optionalString(profile + 4))
    }

    var columnValues: [DatabaseValueConvertible] {
        [date.description, service] + scores.map { $0 as DatabaseValueConvertible }
            + [gender?.rawValue, age, education?.rawValue, occupation?.rawValue, suggestion]
    }

    /// The response `input` describes, on its own (`current` nil) or applied to `current`; its
    /// survey date may not lie after `limit`'s today. Every way a response comes in (a clerk's
    /// `add` and `correct`, an entry session, a form, the kiosk) goes through here.
    init(_ input: SurveyResponseInput, onto current: SurveyResponse?, limit: EventDateLimit) throws {
        guard let date = try input.date.map({ try FieldRules.date($0, field: "date") }) ?? current?.date else {
            throw FieldRules.missing("date", allowed: FieldRules.dateAllowed(FieldRules.recordYears))
        }
        try limit.check(date, field: "date")
        guard let service = try input.service.map({
            try FieldRules.requiredText($0, field: "service", maxLength: SurveyRules.serviceLength)
        }) ?? current?.service else {
            throw FieldRules.missing("service", allowed: "the service used, 1 to 200 characters")
        }
        guard let scores = try input.scores.map(SurveyRules.scores) ?? current?.scores else {
            throw FieldRules.missing("scores", allowed: SurveyRules.scoresAllowed)
        }
        let gender = try input.gender.map { try FieldRules.member($0, of: Gender.self, field: "gender") } ?? current?.gender
        let age = try input.age.map { text in try FieldRules.withBytes(text) { try SurveyRules.age($0) } } ?? current?.age
        let education = try input.education.map { try FieldRules.member($0, of: Education.self, field: "education") }
            ?? current?.education
        let occupation = try input.occupation.map { try FieldRules.member($0, of: Occupation.self, field: "occupation") }
            ?? current?.occupation
        let suggestion = try input.suggestion.map {
            try FieldRules.text($0, field: "suggestion", maxLength: SurveyRules.suggestionLength)
        } ?? current?.suggestion
        self.init(date: date, service: service, scores: scores, gender: gender, age: age, education: education,
                  occupation: occupation, suggestion: suggestion)
    }
}
