import Crypto
import FoundationEssentials

/// One numbered schema change, embedded from `migrations/NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    /// The file name without `.sql`, e.g. `0001_records`; migrations apply in name order.
    public let name: String
    /// The SQL text, run as one transaction.
    public let sql: String

    /// Hex SHA-256 of the SQL text, recorded when applied so later edits are detected.
    public let sha256: String

    public init(name: String, sql: String) {
        self.init(name: name, sql: sql, sha256: SHA256.hexDigest(of: Data(sql.utf8)))
    }

    /// A migration whose digest was computed when it was embedded (MigrationEmbedder), so
    /// opening a database does not hash every migration again; MigrationTests check each
    /// embedded digest against `SHA256.hexDigest` of its text.
    public init(name: String, sql: String, sha256: String) {
        self.name = name
        self.sql = sql
        self.sha256 = sha256
    }

    /// The migrations built into this binary.
    public static let embedded: [Migration] = embeddedMigrations
}

extension SHA256 {
    /// Lower-case hex SHA-256 of `data`.
    public static func hexDigest(of data: Data) -> String {
        Hex.lowercase(hash(data: data))
    }
}
