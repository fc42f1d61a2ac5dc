import Foundation
import Indicators
import PostgresNIO
import Storage

/// IKU 1 of each kecamatan at the regency, from the rows it sent, computed as its own `iku report`
/// computes it (IKMQuery): the latest version of each response as of a change of the office,
/// unvoided, surveyed in the period; sums and counts of the answers per unsur in SQL, the IKM
/// from them by the office's own `SurveyTally`, so the figure is the same double.
extension Regency {
    /// The live responses of each kecamatan in `scope` (code and the last change of its log to
    /// count) for the period `$3`–`$4`, tallied per kecamatan, from the typed projection of the
    /// rows it sent (`survey_versions`, regency migration 0002). A later version is looked up in
    /// the small partial index of versions after the first.
    static let surveyTallies = """
        WITH scope AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS s (code, as_of))
        SELECT v.kecamatan_code, count(*),
               coalesce(sum(v.u1), 0)::bigint, count(v.u1), coalesce(sum(v.u2), 0)::bigint, count(v.u2),
               coalesce(sum(v.u3), 0)::bigint, count(v.u3), coalesce(sum(v.u4), 0)::bigint, count(v.u4),
               coalesce(sum(v.u5), 0)::bigint, count(v.u5), coalesce(sum(v.u6), 0)::bigint, count(v.u6),
               coalesce(sum(v.u7), 0)::bigint, count(v.u7), coalesce(sum(v.u8), 0)::bigint, count(v.u8),
               coalesce(sum(v.u9), 0)::bigint, count(v.u9)
        FROM scope JOIN survey_versions AS v ON v.kecamatan_code = scope.code
        WHERE v.survey_date COLLATE "C" BETWEEN $3 AND $4
          AND v.change_id <= scope.as_of
          AND NOT v.voided
          AND NOT EXISTS (SELECT 1 FROM survey_versions AS w
                          WHERE w.kecamatan_code = v.kecamatan_code AND w.response_id = v.response_id
                            AND w.version > 1 AND w.version > v.version AND w.change_id <= scope.as_of)
        GROUP BY v.kecamatan_code
        """

    /// The survey tally (respondents, per-unsur sum and count) of each kecamatan of `asOf`
    /// (kecamatan code → the last change of its log to count) for `period`; a kecamatan without a
    /// live response in the period has a tally of zero respondents (its IKM not computable).
    public func surveyTallies(for period: Period, asOf: [String: Int64]) async throws -> [String: SurveyTally] {
        let codes = asOf.keys.sorted()
        var bindings = PostgresBindings()
        bindings.append(codes)
        bindings.append(codes.map { asOf[$0]! })
        bindings.append(period.from.description)
        bindings.append(period.to.description)
        let empty = SurveyTally(respondents: 0, scores: Unsur.allCases.map { UnsurScore(unsur: $0, sum: 0, answered: 0) })
        var result = Dictionary(uniqueKeysWithValues: codes.map { ($0, empty) })
        let rows = try await server.client.query(PostgresQuery(unsafeSQL: Self.surveyTallies, binds: bindings), logger: server.logger)
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let code = try cells[0].decode(String.self)
            let respondents = try cells[1].decode(Int64.self)
            let scores = try Unsur.allCases.map { unsur in
                let column = 2 + (unsur.rawValue - 1) * 2
                return UnsurScore(unsur: unsur, sum: Int(try cells[column].decode(Int64.self)),
                                  answered: Int(try cells[column + 1].decode(Int64.self)))
            }
            result[code] = SurveyTally(respondents: Int(respondents), scores: scores)
        }
        return result
    }

    /// The last change held of each registered kecamatan (0 for one that sent nothing yet).
    public func lastChanges() async throws -> [String: Int64] {
        let rows = try await server.rows("""
            SELECT o.kecamatan_code, coalesce(max(c.change_id), 0)::bigint
            FROM offices AS o LEFT JOIN office_changes AS c ON c.kecamatan_code = o.kecamatan_code
            GROUP BY o.kecamatan_code
            """, as: (String, Int64).self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0.1) })
    }
}
