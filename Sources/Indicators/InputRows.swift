import Crypto
import FoundationEssentials
import Storage

/// The kinds of stored row a year's figures are computed from, in digest order.
public enum InputKind: String, Hashable, Sendable, CaseIterable, Codable {
    case surveyResponse = "survey_response"
    case facilitation
    case followUp = "follow_up"
    case village
    case submission
    case deadlineSetting = "deadline_setting"
    case targetSetting = "target_setting"
    case populationSetting = "population_setting"

    /// How people call a record of this kind.
    public var title: String {
        switch self {
        case .surveyResponse: return "survey response"
        case .facilitation: return "facilitation activity"
        case .followUp: return "follow-up"
        case .village: return "village"
        case .submission: return "document submission"
        case .deadlineSetting: return "deadline setting"
        case .targetSetting: return "target setting"
        case .populationSetting: return "population setting"
        }
    }

    /// Whether the kind has versions (records are corrected and voided, not set).
    var isVersioned: Bool {
        switch self {
        case .surveyResponse, .facilitation, .followUp, .village, .submission: return true
        case .deadlineSetting, .targetSetting, .populationSetting: return false
        }
    }
}

/// Which record an input row belongs to: a record id, or a setting's key such as `rkpdesa 2027`.
public struct InputRecord: Hashable, Sendable, Comparable {
    public let kind: InputKind
    public let key: String

    public init(kind: InputKind, key: String) {
        self.kind = kind
        self.key = key
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let kinds = InputKind.allCases
        let left = kinds.firstIndex(of: lhs.kind)!, right = kinds.firstIndex(of: rhs.kind)!
        if left != right { return left < right }
        if let l = Int64(lhs.key), let r = Int64(rhs.key) { return l < r }
        return lhs.key < rhs.key
    }
}

/// The row of a record that went into the figures.
public struct InputRow: Hashable, Sendable {
    /// The row id in its table (`row_id` of a version table, `id` of a settings table).
    public let rowID: Int64
    public let changeID: Int64
    /// The record's version, for versioned kinds.
    public let version: Int?
}

/// The exact rows a year's figures are computed from, and their SHA-256.
///
/// Canonical encoding: `iku-inputs-v1\n`, then for each kind in `InputKind` order a line
/// `#kind\n` and its rows ordered by row id, each value written as `N;` (null), `I<integer>;`,
/// `R<IEEE-754 bits in hex>;`, `T<UTF-8 byte count>:<text>;` or `B<byte count>:<bytes>;`, and a
/// newline after each row.
public struct InputSet: Sendable {
    public let sha256: String
    public let counts: [InputKind: Int]
    public let rows: [InputRecord: InputRow]
}

/// Reads the input rows of a period with SQL that mirrors the indicator queries.
struct InputRows {
    let database: IkuDatabase

    static let surveyResponses = """
        SELECT v.response_id, v.row_id, v.change_id, v.version, v.survey_date, v.service,
               v.u1, v.u2, v.u3, v.u4, v.u5, v.u6, v.u7, v.u8, v.u9,
               v.gender, v.age, v.education, v.occupation, v.suggestion
        FROM survey_response_versions AS v
        WHERE v.survey_date BETWEEN :from AND :to AND v.change_id <= :as_of AND v.voided = 0
          AND NOT EXISTS (SELECT 1 FROM survey_response_versions AS w
                          WHERE w.response_id = v.response_id AND w.version > v.version AND w.change_id <= :as_of)
        ORDER BY v.row_id
        """

    static let liveActivities = """
        SELECT v.facilitation_id, v.row_id, v.change_id, v.version, v.held_on, v.kind, v.institution,
               v.subject, v.section, v.result
        FROM facilitation_versions AS v
        WHERE v.held_on BETWEEN :from AND :to AND v.change_id <= :as_of AND v.voided = 0
          AND NOT EXISTS (SELECT 1 FROM facilitation_versions AS w
                          WHERE w.facilitation_id = v.facilitation_id AND w.version > v.version
                            AND w.change_id <= :as_of)
        """

    static let facilitations = """
        \(liveActivities)
        ORDER BY v.row_id
        """

    static let followUps = """
        WITH activity AS (\(liveActivities))
        SELECT u.follow_up_id, u.row_id, u.change_id, u.version, f.facilitation_id, u.done_on, u.action, u.evidence
        FROM follow_up_versions AS u JOIN follow_ups AS f ON f.id = u.follow_up_id
        WHERE f.facilitation_id IN (SELECT facilitation_id FROM activity)
          AND u.change_id <= :as_of AND u.voided = 0
          AND NOT EXISTS (SELECT 1 FROM follow_up_versions AS x
                          WHERE x.follow_up_id = u.follow_up_id AND x.version > u.version AND x.change_id <= :as_of)
        ORDER BY u.row_id
        """

    static let deadlines = """
        deadline AS (
            SELECT json_extract(value, '$.document') AS document,
                   json_extract(value, '$.fiscal_year') AS fiscal_year,
                   json_extract(value, '$.due') AS due
            FROM json_each(:deadlines)
        ),
        village AS (
            SELECT v.village_id, v.row_id, v.change_id, v.version, v.code, v.name, v.active_from, v.active_until
            FROM village_versions AS v
            WHERE v.change_id <= :as_of AND v.voided = 0
              AND NOT EXISTS (SELECT 1 FROM village_versions AS w
                              WHERE w.village_id = v.village_id AND w.version > v.version AND w.change_id <= :as_of)
              AND EXISTS (SELECT 1 FROM deadline AS d
                          WHERE (v.active_from IS NULL OR v.active_from <= d.due)
                            AND (v.active_until IS NULL OR v.active_until >= d.due))
        )
        """

    static let villages = """
        WITH \(deadlines)
        SELECT * FROM village
        ORDER BY row_id
        """

    static let submissions = """
        WITH \(deadlines)
        SELECT s.submission_id, s.row_id, s.change_id, s.version, s.village_id, s.document, s.fiscal_year,
               s.submitted_on, s.reference, s.received_on, s.note
        FROM submission_versions AS s
        JOIN deadline AS d ON d.document = s.document AND d.fiscal_year = s.fiscal_year
        JOIN village AS v ON v.village_id = s.village_id
                         AND (v.active_from IS NULL OR v.active_from <= d.due)
                         AND (v.active_until IS NULL OR v.active_until >= d.due)
        WHERE s.change_id <= :as_of AND s.voided = 0
          AND NOT EXISTS (SELECT 1 FROM submission_versions AS x
                          WHERE x.submission_id = s.submission_id AND x.version > s.version AND x.change_id <= :as_of)
        ORDER BY s.row_id
        """

    /// Deadline settings consulted: the latest row per key for the fiscal years around the period.
    static let deadlineSettings = """
        SELECT d.document || ' ' || d.fiscal_year, d.id, d.change_id, NULL, d.document, d.fiscal_year, d.due_on
        FROM deadline_settings AS d
        WHERE d.change_id <= :as_of
          AND d.fiscal_year BETWEEN :first_fiscal_year AND :last_fiscal_year
          AND NOT EXISTS (SELECT 1 FROM deadline_settings AS e
                          WHERE e.document = d.document AND e.fiscal_year = d.fiscal_year
                            AND e.change_id <= :as_of AND e.id > d.id)
        ORDER BY d.id
        """

    static let targetSettings = """
        SELECT t.indicator || ' ' || t.year, t.id, t.change_id, NULL, t.indicator, t.year, t.value
        FROM target_settings AS t
        WHERE t.change_id <= :as_of AND t.year = :year
          AND NOT EXISTS (SELECT 1 FROM target_settings AS u
                          WHERE u.indicator = t.indicator AND u.year = t.year AND u.change_id <= :as_of AND u.id > t.id)
        ORDER BY t.id
        """

    static let populationSettings = """
        SELECT p.year || ' ' || coalesce('Q' || p.quarter, 'year'), p.id, p.change_id, NULL, p.year, p.quarter, p.user_count
        FROM population_settings AS p
        WHERE p.change_id <= :as_of AND p.year = :year
          AND NOT EXISTS (SELECT 1 FROM population_settings AS q
                          WHERE q.year = p.year AND q.quarter IS p.quarter AND q.change_id <= :as_of AND q.id > p.id)
        ORDER BY p.id
        """

    static func query(_ kind: InputKind) -> String {
        switch kind {
        case .surveyResponse: return surveyResponses
        case .facilitation: return facilitations
        case .followUp: return followUps
        case .village: return villages
        case .submission: return submissions
        case .deadlineSetting: return deadlineSettings
        case .targetSetting: return targetSettings
        case .populationSetting: return populationSettings
        }
    }

    /// The inputs of `period` as of `asOf`. Every query returns the record key, the row id, the
    /// change id and the version first, then the row's fields; all of them go into the digest.
    func collect(_ period: Period, asOf: AsOf) throws -> InputSet {
        let deadlines = try DeadlineSchedule(database).deadlines(inside: period, asOf: asOf)
        let parameters: [String: DatabaseValueConvertible] = [
            ":from": period.from.description, ":to": period.to.description, ":as_of": asOf.lastChangeID,
            ":deadlines": try VillageDocumentsQuery.json(deadlines), ":year": period.year,
            ":first_fiscal_year": DeadlineSchedule.fiscalYears(around: period).lowerBound,
            ":last_fiscal_year": DeadlineSchedule.fiscalYears(around: period).upperBound,
        ]
        var hasher = SHA256()
        var encoder = CanonicalRowEncoder()
        hasher.update(data: Data("iku-inputs-v1\n".utf8))
        var counts: [InputKind: Int] = [:]
        var rows: [InputRecord: InputRow] = [:]
        for kind in InputKind.allCases {
            hasher.update(data: Data("#\(kind.rawValue)\n".utf8))
            var count = 0
            let statement = try database.connection.cached(Self.query(kind))
            try statement.forEachRow(named: parameters.filter { statement.hasParameter($0.key) }) { row in
                count += 1
                rows[InputRecord(kind: kind, key: row.string(0))] =
                    InputRow(rowID: row.int64(1), changeID: row.int64(2), version: row.optionalInt(3))
                encoder.encode(row)
                hasher.update(data: encoder.buffer)
            }
            counts[kind] = count
        }
        let digest = Hex.lowercase(hasher.finalize())
        return InputSet(sha256: digest, counts: counts, rows: rows)
    }
}

/// Writes one row in the canonical encoding described on `InputSet`.
struct CanonicalRowEncoder {
    private(set) var buffer = Data()

    mutating func encode(_ row: Row) {
        buffer.removeAll(keepingCapacity: true)
        for index in 0..<row.count {
            switch row.value(index) {
            case .null:
                buffer.append(contentsOf: "N;".utf8)
            case .integer(let integer):
                buffer.append(contentsOf: "I\(integer);".utf8)
            case .real(let real):
                buffer.append(contentsOf: "R\(String(real.bitPattern, radix: 16));".utf8)
            case .text(let text):
                let bytes = Array(text.utf8)
                buffer.append(contentsOf: "T\(bytes.count):".utf8)
                buffer.append(contentsOf: bytes)
                buffer.append(UInt8(ascii: ";"))
            case .blob(let data):
                buffer.append(contentsOf: "B\(data.count):".utf8)
                buffer.append(data)
                buffer.append(UInt8(ascii: ";"))
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}
