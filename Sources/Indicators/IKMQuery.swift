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
            default: return key.replacingOccurrences(of: "-", with: "–") + " tahun"
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
        count(*), sum(u1), count(u1), sum(u2), count(u2), sum(u3), count(u3), sum(u4), count(u4),
        sum(u5), count(u5), sum(u6), count(u6), sum(u7), count(u7), sum(u8), count(u8), sum(u9), count(u9)
        """

    static let ageBand = """
        CASE WHEN age IS NULL THEN NULL WHEN age < 20 THEN '<20' WHEN age < 30 THEN '20-29'
             WHEN age < 40 THEN '30-39' WHEN age < 50 THEN '40-49' WHEN age < 60 THEN '50-59' ELSE '60+' END
        """

    /// One row overall (dimension NULL), then one row per group of each dimension.
    static let tallies = """
        WITH live AS MATERIALIZED (\(liveResponses))
        SELECT NULL, NULL, \(aggregates) FROM live
        UNION ALL SELECT 'service', service, \(aggregates) FROM live GROUP BY service
        UNION ALL SELECT 'gender', gender, \(aggregates) FROM live GROUP BY gender
        UNION ALL SELECT 'education', education, \(aggregates) FROM live GROUP BY education
        UNION ALL SELECT 'occupation', occupation, \(aggregates) FROM live GROUP BY occupation
        UNION ALL SELECT 'age_band', \(ageBand), \(aggregates) FROM live GROUP BY 2
        UNION ALL SELECT 'quarter', CAST((CAST(substr(survey_date, 6, 2) AS INTEGER) + 2) / 3 AS TEXT), \(aggregates)
                  FROM live GROUP BY 2
        """

    func compute(_ period: Period, target: Double?, asOf: AsOf) throws -> IKMResult {
        var overall = SurveyTally(respondents: 0, scores: Unsur.allCases.map { UnsurScore(unsur: $0, sum: 0, answered: 0) })
        var groups: [SurveyGroup] = []
        try database.connection.cached(Self.tallies).forEachRow(named: [
            ":from": period.from.description, ":to": period.to.description, ":as_of": asOf.lastChangeID,
        ]) { row in
            let tally = SurveyTally(respondents: row.int(2), scores: Unsur.allCases.map { unsur in
                let column = 3 + (unsur.rawValue - 1) * 2
                return UnsurScore(unsur: unsur, sum: row.optionalInt(column) ?? 0, answered: row.int(column + 1))
            })
            if let dimension = row.optionalString(0).flatMap(SurveyDimension.init(rawValue:)) {
                groups.append(SurveyGroup(dimension: dimension, key: row.optionalString(1), tally: tally))
            } else {
                overall = tally
            }
        }
        overall.flagPriorities()
        let sample = try SampleAdequacy.population(for: period, in: PopulationStore(database), asOf: asOf).map {
            SampleAdequacy(population: $0.0, minimumSample: SampleAdequacy.minimumSample(population: $0.0),
                           respondents: overall.respondents, source: $0.1)
        }
        return IKMResult(tally: overall, groups: groups.sorted(by: Self.naturalOrder),
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
