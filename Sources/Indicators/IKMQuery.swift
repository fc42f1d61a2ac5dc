import Storage

/// A way of grouping survey responses for the IKM breakdowns.
public enum SurveyDimension: String, Hashable, Sendable, CaseIterable {
    case service
    case gender
    case education
    case occupation
    case ageBand = "age_band"
    case quarter

    /// The Indonesian heading of the breakdown.
    public var title: String {
        switch self {
        case .service: return "Jenis Layanan"
        case .gender: return "Jenis Kelamin"
        case .education: return "Pendidikan"
        case .occupation: return "Pekerjaan"
        case .ageBand: return "Kelompok Umur"
        case .quarter: return "Triwulan"
        }
    }

    /// Known keys in their natural order; other keys (services) sort by name after these.
    var order: [String] {
        switch self {
        case .gender: return ["L", "P"]
        case .education: return ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"]
        case .occupation: return ["PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "LAINNYA"]
        case .ageBand: return ["<20", "20-29", "30-39", "40-49", "50-59", "60+"]
        case .quarter: return ["1", "2", "3", "4"]
        case .service: return []
        }
    }

    /// The label of a group key; nil (the field left empty) reads "tidak diisi".
    public func label(for key: String?) -> String {
        guard let key else { return "tidak diisi" }
        switch self {
        case .gender: return key == "L" ? "Laki-laki" : key == "P" ? "Perempuan" : key
        case .ageBand:
            switch key {
            case "<20": return "< 20 tahun"
            case "60+": return "≥ 60 tahun"
            default: return key.replacingEvery("-", with: "–") + " tahun"
            }
        case .quarter: return Int(key).map { "Triwulan \(Period.romanQuarters[$0 - 1])" } ?? key
        default: return key
        }
    }
}

/// The IKM of one group of respondents (a service, a profile group, a quarter).
public struct SurveyGroup: Hashable, Sendable {
    public let dimension: SurveyDimension
    /// The stored value (nil when respondents left it empty), e.g. `P`, `D4/S1`, `20-29`, `3`.
    public let key: String?
    public let tally: SurveyTally

    public var label: String { dimension.label(for: key) }
}

/// IKU 1 for a period: the responses' aggregates overall and per group.
public struct IKMResult: Hashable, Sendable {
    public let tally: SurveyTally
    public let groups: [SurveyGroup]
    public let achievement: Achievement
    /// Sample adequacy, when the period's number of service users is recorded.
    public let sample: SampleAdequacy?

    public var respondents: Int { tally.respondents }
    public var figure: Figure { tally.ikm }
    public var mutu: Mutu? { tally.mutu }

    /// The groups of one breakdown, in their natural order.
    public func groups(_ dimension: SurveyDimension) -> [SurveyGroup] {
        groups.filter { $0.dimension == dimension }
    }
}

/// Computes IKU 1 with one SQL statement: the live responses of the period are read once and
/// aggregated overall and per service, gender, education, occupation, age band and quarter.
struct IKMQuery {
    let database: IkuDatabase

    /// Each response's latest version as of `:as_of`, unvoided, surveyed in the period.
    static let liveResponses = """
        SELECT v.survey_date, v.service, v.gender, v.education, v.occupation, v.age,
               v.u1, v.u2, v.u3, v.u4, v.u5, v.u6, v.u7, v.u8, v.u9
        FROM survey_response_versions AS v
        WHERE v.survey_date BETWEEN :from AND :to
          AND v.change_id <= :as_of
          AND v.voided = 0
          AND NOT EXISTS (SELECT 1 FROM survey_response_versions AS w
                          WHERE w.response_id = v.response_id AND w.version > v.version
                            AND w.change_id <= :as_of)
        """

    static let aggregates = """
        count(*) AS n, sum(u1) AS s1, count(u1) AS a1, sum(u2) AS s2, count(u2) AS a2, sum(u3) AS s3, count(u3) AS a3,
        sum(u4) AS s4, count(u4) AS a4, sum(u5) AS s5, count(u5) AS a5, sum(u6) AS s6, count(u6) AS a6,
        sum(u7) AS s7, count(u7) AS a7, sum(u8) AS s8, count(u8) AS a8, sum(u9) AS s9, count(u9) AS a9
        """

    static let rollup = """
        sum(n), sum(s1), sum(a1), sum(s2), sum(a2), sum(s3), sum(a3), sum(s4), sum(a4), sum(s5), sum(a5),
        sum(s6), sum(a6), sum(s7), sum(a7), sum(s8), sum(a8), sum(s9), sum(a9)
        """

    /// Age bands from the decade of age (10–19 → 1 … 60 and over → 6; the schema allows 10–120).
    static let ageBand = """
        CASE decade WHEN 1 THEN '<20' WHEN 2 THEN '20-29' WHEN 3 THEN '30-39' WHEN 4 THEN '40-49'
                    WHEN 5 THEN '50-59' WHEN 6 THEN '60+' END
        """

    /// One row overall (dimension NULL), then one row per group of each dimension. The live
    /// responses are read and sorted once, into one cell per combination of service and profile
    /// (a few thousand at most); every breakdown is a sum over those cells.
    static let tallies = """
        WITH cell AS MATERIALIZED (
            SELECT service, gender, education, occupation, min(age / 10, 6) AS decade,
                   (CAST(substr(survey_date, 6, 2) AS INTEGER) + 2) / 3 AS quarter, \(aggregates)
            FROM (\(liveResponses))
            GROUP BY 1, 2, 3, 4, 5, 6
        )
        SELECT NULL, NULL, \(rollup) FROM cell
        UNION ALL SELECT 'service', service, \(rollup) FROM cell GROUP BY 2
        UNION ALL SELECT 'gender', gender, \(rollup) FROM cell GROUP BY 2
        UNION ALL SELECT 'education', education, \(rollup) FROM cell GROUP BY 2
        UNION ALL SELECT 'occupation', occupation, \(rollup) FROM cell GROUP BY 2
        UNION ALL SELECT 'age_band', \(ageBand), \(rollup) FROM cell GROUP BY 2
        UNION ALL SELECT 'quarter', CAST(quarter AS TEXT), \(rollup) FROM cell GROUP BY 2
        """

    func compute(_ period: Period, target: Double?, asOf: AsOf) throws -> IKMResult {
        var overall = SurveyTally(respondents: 0, scores: Unsur.allCases.map { UnsurScore(unsur: $0, sum: 0, answered: 0) })
        var groups: [SurveyGroup] = []
        try database.connection.cached(Self.tallies).forEachRow(named: [
            ":from": period.from.description, ":to": period.to.description, ":as_of": asOf.lastChangeID,
        ]) { row in
            let tally = SurveyTally(respondents: row.optionalInt(2) ?? 0, scores: Unsur.allCases.map { unsur in
                let column = 3 + (unsur.rawValue - 1) * 2
                return UnsurScore(unsur: unsur, sum: row.optionalInt(column) ?? 0, answered: row.optionalInt(column + 1) ?? 0)
            })
            if let dimension = row.optionalString(0).flatMap(SurveyDimension.init(rawValue:)) {
                groups.append(SurveyGroup(dimension: dimension, key: row.optionalString(1), tally: tally))
            } else {
                overall = tally
            }
        }
        return try result(overall, groups: groups, period: period, target: target, asOf: asOf)
    }

    /// IKU 1 from its tallies: the priorities flagged, the target and the sample adequacy of the
    /// period's recorded number of service users.
    func result(_ tally: SurveyTally, groups: [SurveyGroup], period: Period, target: Double?, asOf: AsOf) throws -> IKMResult {
        Self.result(tally, groups: groups, target: target, population: try population(for: period, asOf: asOf))
    }

    /// The number of service users recorded for `period` as of `asOf`, and what it counts.
    func population(for period: Period, asOf: AsOf) throws -> RecordedPopulation? {
        try SampleAdequacy.population(for: period, in: PopulationStore(database), asOf: asOf)
            .map { RecordedPopulation(users: $0.0, source: $0.1) }
    }

    /// IKU 1 from its tallies, its target and the period's recorded population.
    static func result(_ tally: SurveyTally, groups: [SurveyGroup], target: Double?, population: RecordedPopulation?) -> IKMResult {
        var overall = tally
        overall.flagPriorities()
        let sample = population.map {
            SampleAdequacy(population: $0.users, minimumSample: SampleAdequacy.minimumSample(population: $0.users),
                           respondents: overall.respondents, source: $0.source)
        }
        return IKMResult(tally: overall, groups: groups.sorted(by: naturalOrder),
                         achievement: Achievement(figure: overall.ikm, target: target), sample: sample)
    }

    static func naturalOrder(_ lhs: SurveyGroup, _ rhs: SurveyGroup) -> Bool {
        let dimensions = SurveyDimension.allCases
        if lhs.dimension != rhs.dimension {
            return dimensions.firstIndex(of: lhs.dimension)! < dimensions.firstIndex(of: rhs.dimension)!
        }
        func rank(_ group: SurveyGroup) -> (Int, String) {
            guard let key = group.key else { return (Int.max, "") }
            return (group.dimension.order.firstIndex(of: key) ?? group.dimension.order.count, key)
        }
        return rank(lhs) < rank(rhs)
    }
}
