import FoundationEssentials
import Indicators
import Storage

/// Encodes a value, writing `null` (never omitting the key) when it is nil.
struct Nullable<Wrapped: Encodable>: Encodable {
    let wrapped: Wrapped?

    init(_ wrapped: Wrapped?) {
        self.wrapped = wrapped
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrapped { try container.encode(wrapped) } else { try container.encodeNil() }
    }
}

/// `iku report --format json`: the contract of issue 4 (`period`, `indicators` with `key`, `value`,
/// `reason`, `target`, `capaian` and each indicator's counts), plus the breakdowns.
public struct ReportJSON: Encodable {
    let report: Report

    public static func render(_ report: Report) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(ReportJSON(report: report)), as: UTF8.self) + "\n"
    }

    enum Keys: String, CodingKey {
        case period, indicators, kecamatan, rounding
        case asOfChangeID = "as_of_change_id"
        case ikuSheet = "iku_sheet"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(PeriodJSON(report.period), forKey: .period)
        try container.encode(report.asOfChangeID, forKey: .asOfChangeID)
        try container.encode(Nullable(report.office.map { ["code": $0.kecamatanCode, "name": $0.kecamatanName] }),
                             forKey: .kecamatan)
        try container.encode(IKUSheet.roundingRule, forKey: .rounding)
        try container.encode(["tujuan": IKUSheet.tujuan, "indikator_tujuan": IKUSheet.indikatorTujuan,
                              "sasaran_strategis": IKUSheet.sasaranStrategis], forKey: .ikuSheet)
        var indicators = container.nestedUnkeyedContainer(forKey: .indicators)
        try indicators.encode(IKMJSON(result: report.ikm))
        try indicators.encode(FacilitationJSON(result: report.facilitation))
        try indicators.encode(VillageDocumentsJSON(result: report.villageDocuments))
    }
}

struct PeriodJSON: Encodable {
    let from: String
    let to: String
    let year: Int
    let span: String
    let quarter: Nullable<Int>
    let title: String

    init(_ period: Period) {
        from = period.from.description
        to = period.to.description
        year = period.year
        title = period.title
        switch period.span {
        case .year: (span, quarter) = ("year", Nullable(nil))
        case .quarter(let number): (span, quarter) = ("quarter", Nullable(number))
        case .range: (span, quarter) = ("range", Nullable(nil))
        }
    }
}

/// Keys every indicator object carries.
enum IndicatorKeys: String, CodingKey {
    case key, number, name, formula, value, reason, target, capaian
    case dataSource = "data_source"
    case responsible
}

extension KeyedEncodingContainer where K == IndicatorKeys {
    mutating func encodeCommon(_ definition: IKUDefinition, _ figure: Figure, _ achievement: Achievement) throws {
        try encode(definition.key.rawValue, forKey: .key)
        try encode(definition.number, forKey: .number)
        try encode(definition.name, forKey: .name)
        try encode(definition.formula, forKey: .formula)
        try encode(definition.dataSource, forKey: .dataSource)
        try encode(definition.responsible, forKey: .responsible)
        try encode(Nullable(figure.value), forKey: .value)
        try encodeIfPresent(figure.reason, forKey: .reason)
        try encode(Nullable(achievement.target), forKey: .target)
        try encode(Nullable(achievement.capaian), forKey: .capaian)
    }
}

struct GroupJSON: Encodable {
    let key: String?
    let label: String
    let respondents: Int
    let value: Nullable<Double>
    let reason: String?
    let mutu: Nullable<String>

    init(_ group: SurveyGroup) {
        key = group.key
        label = group.label
        respondents = group.tally.respondents
        value = Nullable(group.tally.ikm.value)
        reason = group.tally.ikm.reason
        mutu = Nullable(group.tally.mutu?.rawValue)
    }
}

struct IKMJSON: Encodable {
    let result: IKMResult
    /// False at the regency, which computes IKU 1 from per-unsur aggregates: the breakdowns per
    /// service and profile are the office's report's, and an empty list would read as "none".
    var breakdowns = true

    enum Keys: String, CodingKey {
        case respondents, mutu, unsur, breakdowns
        case mutuLabel = "mutu_label"
        case sampleAdequacy = "sample_adequacy"
    }

    struct UnsurJSON: Encodable {
        let code: String
        let name: String
        let nrr: Nullable<Double>
        let answered: Int
        let sum: Int
        let priority: Bool
    }

    struct SampleJSON: Encodable {
        let population: Int
        let minimum_sample: Int
        let respondents: Int
        let adequate: Bool
        let source: String
    }

    func encode(to encoder: Encoder) throws {
        var common = encoder.container(keyedBy: IndicatorKeys.self)
        try common.encodeCommon(IKUSheet.ikm, result.figure, result.achievement)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(result.respondents, forKey: .respondents)
        try container.encode(Nullable(result.mutu?.rawValue), forKey: .mutu)
        try container.encode(Nullable(result.mutu?.kinerja), forKey: .mutuLabel)
        try container.encode(result.tally.scores.map {
            UnsurJSON(code: $0.unsur.code, name: $0.unsur.name, nrr: Nullable($0.nrr), answered: $0.answered,
                      sum: $0.sum, priority: $0.isPriority)
        }, forKey: .unsur)
        if breakdowns {
            var groups: [String: [GroupJSON]] = [:]
            for dimension in SurveyDimension.allCases {
                groups[dimension.rawValue] = result.groups(dimension).map(GroupJSON.init)
            }
            try container.encode(groups, forKey: .breakdowns)
        }
        try container.encode(Nullable(result.sample.map {
            SampleJSON(population: $0.population, minimum_sample: $0.minimumSample, respondents: $0.respondents,
                       adequate: $0.isAdequate, source: $0.source)
        }), forKey: .sampleAdequacy)
    }
}

struct FacilitationJSON: Encodable {
    let result: FacilitationResult

    enum Keys: String, CodingKey {
        case held, pending
        case followedUp = "followed_up"
        case followUpBy = "follow_up_by"
        case byKind = "by_kind"
        case bySection = "by_section"
    }

    struct GroupJSON: Encodable {
        let key: String?
        let held: Int
        let followed_up: Int
        let value: Nullable<Double>
    }

    struct PendingJSON: Encodable {
        let id: Int64
        let held_on: String
        let kind: String
        let institution: String
        let subject: String
        let section: Nullable<String>
    }

    func encode(to encoder: Encoder) throws {
        var common = encoder.container(keyedBy: IndicatorKeys.self)
        try common.encodeCommon(IKUSheet.facilitation, result.figure, result.achievement)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(result.tally.held, forKey: .held)
        try container.encode(result.tally.followedUp, forKey: .followedUp)
        try container.encode(Nullable(result.followUpBy?.description), forKey: .followUpBy)
        func groups(_ groups: [FacilitationGroup]) -> [GroupJSON] {
            groups.map { GroupJSON(key: $0.key, held: $0.tally.held, followed_up: $0.tally.followedUp,
                                   value: Nullable($0.tally.figure.value)) }
        }
        try container.encode(groups(result.byKind), forKey: .byKind)
        try container.encode(groups(result.bySection), forKey: .bySection)
        try container.encode(result.pending.map {
            PendingJSON(id: $0.facilitationID, held_on: $0.heldOn.description, kind: $0.kind,
                        institution: $0.institution, subject: $0.subject, section: Nullable($0.section))
        }, forKey: .pending)
    }
}

struct VillageDocumentsJSON: Encodable {
    let result: VillageDocumentsResult

    enum Keys: String, CodingKey {
        case expected, deadlines, villages, open
        case onTime = "on_time"
        case notYetDue = "not_yet_due"
        case decidedOn = "decided_on"
    }

    struct DeadlineJSON: Encodable {
        let document: String
        let fiscal_year: Int
        let due: String
        let basis: String
        let expected: Int
        let on_time: Int
        let not_yet_due: Int
    }

    struct CellJSON: Encodable {
        let document: String
        let fiscal_year: Int
        let deadline: String
        let expected: Bool
        let submission_id: Nullable<Int64>
        let date: Nullable<String>
        let days_late: Nullable<Int>
        let on_time: Bool
        let missing: Bool
        let not_yet_due: Bool
    }

    struct VillageJSON: Encodable {
        let id: Int64
        let code: String
        let name: String
        let documents: [CellJSON]
    }

    func encode(to encoder: Encoder) throws {
        var common = encoder.container(keyedBy: IndicatorKeys.self)
        try common.encodeCommon(IKUSheet.villageDocuments, result.figure, result.achievement)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(result.tally.expected, forKey: .expected)
        try container.encode(result.tally.onTime, forKey: .onTime)
        try container.encode(result.tally.notYetDue, forKey: .notYetDue)
        try container.encode(result.decidedOn.description, forKey: .decidedOn)
        try container.encode(result.isOpen, forKey: .open)
        try container.encode(result.perDeadline.map {
            DeadlineJSON(document: $0.deadline.document.rawValue, fiscal_year: $0.deadline.fiscalYear,
                         due: $0.deadline.due.description, basis: $0.deadline.basisDescription,
                         expected: $0.tally.expected, on_time: $0.tally.onTime, not_yet_due: $0.tally.notYetDue)
        }, forKey: .deadlines)
        try container.encode(result.villages.map { village in
            VillageJSON(id: village.villageID, code: village.code, name: village.name,
                        documents: zip(result.deadlines, village.cells).map { deadline, cell in
                            CellJSON(document: deadline.document.rawValue, fiscal_year: deadline.fiscalYear,
                                     deadline: deadline.due.description, expected: cell != nil,
                                     submission_id: Nullable(cell?.submissionID),
                                     date: Nullable(cell?.submittedOn?.description),
                                     days_late: Nullable(cell?.daysLate), on_time: cell?.isOnTime ?? false,
                                     missing: cell?.isMissing ?? false,
                                     not_yet_due: cell?.isNotYetDue ?? false)
                        })
        }, forKey: .villages)
    }
}
