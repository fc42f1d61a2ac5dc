import FoundationEssentials

/// Applies embedded migrations in order and refuses databases it cannot vouch for.
public struct Migrator: Sendable {
    /// Where one migration stands in a database.
    public enum State: String, Sendable {
        case applied, pending
        /// Applied, but the text this binary carries differs from the text that was applied.
        case changed
        /// Applied by a newer `iku`: this binary does not know it.
        case unknown
    }

    /// One line of `iku migrate --status`.
    public struct Status: Sendable, Equatable {
        public let name: String
        public let state: State
        public let appliedAt: String?
    }

    public let migrations: [Migration]

    public init(migrations: [Migration] = Migration.embedded) {
        self.migrations = migrations.sorted { $0.name < $1.name }
    }

    static let createLedgerSQL = """
        CREATE TABLE IF NOT EXISTS iku_migrations (
            name TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            applied_at TEXT NOT NULL
        ) STRICT
        """

    /// Every migration known to the binary or recorded in the database, in name order.
    public func status(of connection: Connection) throws -> [Status] {
        // Arrays, not a dictionary and a set: a handful of migrations, read on every open, where
        // the first dictionary or set of a new type costs a conformance look-up.
        let applied = try appliedMigrations(in: connection)
        var result: [Status] = migrations.map { migration in
            guard let record = applied.first(where: { $0.name == migration.name }) else {
                return Status(name: migration.name, state: .pending, appliedAt: nil)
            }
            let state: State = record.sha256 == migration.sha256 ? .applied : .changed
            return Status(name: migration.name, state: state, appliedAt: record.appliedAt)
        }
        for record in applied where !migrations.contains(where: { $0.name == record.name }) {
            result.append(Status(name: record.name, state: .unknown, appliedAt: record.appliedAt))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Throws when the database was migrated by a newer binary or an applied migration was edited.
    public func validate(_ connection: Connection) throws {
        try Self.refuseUnsafe(try status(of: connection))
    }

    /// One reading of the ledger on open: throws when the database was migrated by a newer
    /// binary or an applied migration was edited, and, when `requireCurrent`, when any is pending.
    public func check(_ connection: Connection, requireCurrent: Bool) throws {
        let status = try status(of: connection)
        try Self.refuseUnsafe(status)
        let pending = status.filter { $0.state == .pending }.map(\.name)
        if requireCurrent, !pending.isEmpty { throw DatabaseStateError.pendingMigrations(pending) }
    }

    /// Names of migrations not yet applied.
    public func pending(in connection: Connection) throws -> [String] {
        try status(of: connection).filter { $0.state == .pending }.map(\.name)
    }

    /// Applies every pending migration, each in its own transaction. Returns the names applied.
    @discardableResult
    public func migrate(_ connection: Connection, appliedAt: String) throws -> [String] {
        var applied: [String] = []
        for migration in migrations {
            let didApply = try connection.write { () -> Bool in
                try connection.execute(Self.createLedgerSQL)
                let current = try status(of: connection)
                try Self.refuseUnsafe(current)
                guard current.contains(where: { $0.name == migration.name && $0.state == .pending }) else {
                    return false
                }
                try connection.execute(migration.sql)
                try connection.run(
                    "INSERT INTO iku_migrations (name, sha256, applied_at) VALUES (?, ?, ?)",
                    [migration.name, migration.sha256, appliedAt])
                return true
            }
            if didApply { applied.append(migration.name) }
        }
        return applied
    }

    private static func refuseUnsafe(_ status: [Status]) throws {
        let unknown = status.filter { $0.state == .unknown }.map(\.name)
        if !unknown.isEmpty { throw DatabaseStateError.newerDatabase(unknownMigrations: unknown) }
        if let changed = status.first(where: { $0.state == .changed }) {
            throw DatabaseStateError.migrationChanged(name: changed.name)
        }
    }

    /// One row of the ledger (`name` is its primary key).
    private struct AppliedMigration {
        let name: String
        let sha256: String
        let appliedAt: String
    }

    private func appliedMigrations(in connection: Connection) throws -> [AppliedMigration] {
        let ledgerExists = try connection.prepare(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'iku_migrations'"
        ).first { _ in true } ?? false
        guard ledgerExists else { return [] }
        var result: [AppliedMigration] = []
        try connection.prepare("SELECT name, sha256, applied_at FROM iku_migrations").forEachRow { row in
            result.append(AppliedMigration(name: row.string(0), sha256: row.string(1), appliedAt: row.string(2)))
        }
        return result
    }
}
