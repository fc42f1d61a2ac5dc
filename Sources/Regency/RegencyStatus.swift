import Foundation
import PostgresNIO
import Storage

/// Where one registered kecamatan stands at the regency.
public struct OfficeStatus: Sendable, Equatable {
    public let code: String
    public let name: String
    /// The entry digest of the last change held (nil: nothing received yet).
    public let lastHead: String?
    /// The id of that change in the office's log.
    public let lastChange: Int64?
    /// When the last bundle that added changes came.
    public let lastIngestAt: Date?
    public let changes: Int64
    public let records: Int64
    /// Bundles refused as forks of the history held.
    public let forks: Int64
}

extension Regency {
    static let statusQuery = """
        SELECT o.kecamatan_code, o.name,
               (SELECT c.entry_sha256 FROM office_changes AS c WHERE c.kecamatan_code = o.kecamatan_code
                ORDER BY c.change_id DESC LIMIT 1),
               (SELECT max(c.change_id) FROM office_changes AS c WHERE c.kecamatan_code = o.kecamatan_code),
               (SELECT max(i.ingested_at) FROM ingests AS i WHERE i.kecamatan_code = o.kecamatan_code),
               (SELECT count(*) FROM office_changes AS c WHERE c.kecamatan_code = o.kecamatan_code),
               (SELECT count(*) FROM office_rows AS r WHERE r.kecamatan_code = o.kecamatan_code),
               (SELECT count(*) FROM forks AS f WHERE f.kecamatan_code = o.kecamatan_code)
        FROM offices AS o ORDER BY o.kecamatan_code
        """

    /// Per registered kecamatan: the last head held and when it came, what is held, forks flagged.
    public func status() async throws -> [OfficeStatus] {
        try await server.rows(PostgresQuery(unsafeSQL: Self.statusQuery),
                              as: (String, String, String?, Int64?, Date?, Int64, Int64, Int64).self)
            .map { OfficeStatus(code: $0.0, name: $0.1, lastHead: $0.2, lastChange: $0.3, lastIngestAt: $0.4,
                                changes: $0.5, records: $0.6, forks: $0.7) }
    }
}
