import Foundation
import Indicators
import PostgresNIO
import Storage

/// IKU 1 of each kecamatan at the regency, from the rows it sent, computed as its own `iku report`
/// computes it (IKMQuery): the latest version of each response as of a change of the office,
/// unvoided, surveyed in the period; sums and counts of the answers per unsur in SQL, the IKM
/// from them by the office's own `SurveyTally`, so the figure is the same double.
extension Regency {
    /// The offices to tally and the last change of each to count, as a table the planner can
    /// count: an `unnest` of bound arrays is estimated at ten rows, and for a nation of offices
    /// that estimate chose a sort of every response for a merge join (3 s of the 5).
    static let createScope = "CREATE TEMP TABLE tally_scope (code text NOT NULL, as_of bigint NOT NULL) ON COMMIT DROP"
    static let fillScope = "INSERT INTO tally_scope SELECT * FROM unnest($1::text[], $2::bigint[])"
    static let analyseScope = "ANALYZE tally_scope"

    /// The live responses of each kecamatan in `tally_scope` for the period `$1`–`$2`, tallied
    /// per kecamatan, from the typed projection of the rows it sent (`survey_versions`, regency
    /// migration 0002): each response's latest version as of the office's last change, as the
    /// office's IKMQuery picks it; the versions after a first one (corrections and voids) are few
    /// and are hashed once.
    static let surveyTallies = """
        WITH later AS MATERIALIZED (
            SELECT w.kecamatan_code, w.response_id, w.version
            FROM tally_scope AS scope JOIN survey_versions AS w ON w.kecamatan_code = scope.code
            WHERE w.version > 1 AND w.change_id <= scope.as_of
        )
        SELECT v.kecamatan_code, count(*),
               coalesce(sum(v.u1), 0)::bigint, count(v.u1), coalesce(sum(v.u2), 0)::bigint, count(v.u2),
               coalesce(sum(v.u3), 0)::bigint, count(v.u3), coalesce(sum(v.u4), 0)::bigint, count(v.u4),
               coalesce(sum(v.u5), 0)::bigint, count(v.u5), coalesce(sum(v.u6), 0)::bigint, count(v.u6),
               coalesce(sum(v.u7), 0)::bigint, count(v.u7), coalesce(sum(v.u8), 0)::bigint, count(v.u8),
               coalesce(sum(v.u9), 0)::bigint, count(v.u9)
        FROM tally_scope AS scope JOIN survey_versions AS v ON v.kecamatan_code = scope.code
        WHERE v.survey_date COLLATE "C" BETWEEN $1 AND $2
          AND v.change_id <= scope.as_of
          AND NOT v.voided
          AND NOT EXISTS (SELECT 1 FROM later
                          WHERE later.kecamatan_code = v.kecamatan_code AND later.response_id = v.response_id
                            AND later.version > v.version)
        GROUP BY v.kecamatan_code
        """

    /// The survey tally (respondents, per-unsur sum and count) of each kecamatan of `asOf`
    /// (kecamatan code → the last change of its log to count) for `period`; a kecamatan without a
    /// live response in the period has a tally of zero respondents (its IKM not computable).
    public func surveyTallies(for period: Period, asOf: [String: Int64]) async throws -> [String: SurveyTally] {
        let codes = asOf.keys.sorted()
        let empty = SurveyTally(respondents: 0, scores: Unsur.allCases.map { UnsurScore(unsur: $0, sum: 0, answered: 0) })
        var result = Dictionary(uniqueKeysWithValues: codes.map { ($0, empty) })
        let logger = server.logger
        let (from, to) = (period.from.description, period.to.description)
        let tallies = try await server.transaction { connection -> [(String, SurveyTally)] in
            try await connection.query(PostgresQuery(unsafeSQL: Self.createScope), logger: logger)
            var scope = PostgresBindings()
            scope.append(codes)
            scope.append(codes.map { asOf[$0]! })
            try await connection.query(PostgresQuery(unsafeSQL: Self.fillScope, binds: scope), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: Self.analyseScope), logger: logger)
            var dates = PostgresBindings()
            dates.append(from)
            dates.append(to)
            var tallies: [(String, SurveyTally)] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: Self.surveyTallies, binds: dates), logger: logger) {
                let cells = row.makeRandomAccess()
                let scores = try Unsur.allCases.map { unsur in
                    let column = 2 + (unsur.rawValue - 1) * 2
                    return UnsurScore(unsur: unsur, sum: Int(try cells[column].decode(Int64.self)),
                                      answered: Int(try cells[column + 1].decode(Int64.self)))
                }
                tallies.append((try cells[0].decode(String.self),
                                SurveyTally(respondents: Int(try cells[1].decode(Int64.self)), scores: scores)))
            }
            return tallies
        }
        for (code, tally) in tallies { result[code] = tally }
        return result
    }
}
