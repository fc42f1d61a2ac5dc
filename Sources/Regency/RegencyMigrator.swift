import Foundation
import Logging
import PostgresNIO
import Storage

/// Applies the regency's embedded migrations in name order, each in its own transaction with its
/// SHA-256 recorded in the ledger `regency_migrations`, and refuses a database migrated by a newer
/// `iku-regency` or whose applied migrations were edited.
struct RegencyMigrator {
    let server: RegencyServer
    let migrations = Migration.regency.sorted { $0.name < $1.name }

    static let createLedger = """
        CREATE TABLE IF NOT EXISTS regency_migrations (
            name text PRIMARY KEY,
            sha256 text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// Applies every pending migration; returns the names applied.
    func migrate() async throws -> [String] {
        var applied: [String] = []
        for migration in migrations {
            let didApply = try await server.transaction { connection -> Bool in
                // One migrating client at a time.
                try await connection.query("SELECT pg_advisory_xact_lock(7277001)", logger: server.logger)
                try await connection.query(PostgresQuery(unsafeSQL: Self.createLedger), logger: server.logger)
                let ledger = try await appliedMigrations(on: connection)
                try refuseUnsafe(ledger)
                guard ledger[migration.name] == nil else { return false }
                for statement in Self.statements(of: migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: server.logger)
                }
                let name = migration.name
                let sha = migration.sha256
                try await connection.query("INSERT INTO regency_migrations (name, sha256) VALUES (\(name), \(sha))",
                                           logger: server.logger)
                return true
            }
            if didApply { applied.append(migration.name) }
        }
        return applied
    }

    /// Throws unless every migration this binary knows is applied, unchanged, and no other is.
    func validate() async throws {
        let ledger = try await server.client.withConnection { try await appliedMigrations(on: $0) }
        try refuseUnsafe(ledger)
        let pending = migrations.map(\.name).filter { ledger[$0] == nil }
        guard pending.isEmpty else {
            let names = pending.joined(separator: ", ")
            guard ledger.isEmpty else {
                // An iku-regency newer than the database's schema: `init` with the regency's own
                // code and name applies the rest and changes nothing else.
                let regency = try await server.rows("SELECT code, name FROM regency", as: (String, String).self).first
                let command = regency.map { "iku-regency init --code \($0.0) --name \(Self.shellWord($0.1))" } ?? "iku-regency init"
                throw StateError("the regency database \(server.address) was set up by an older iku-regency (pending: \(names)): "
                    + "run \(command) to apply them")
            }
            throw StateError("the regency database \(server.address) is not initialised (pending: \(names)): run iku-regency init")
        }
    }

    /// `text` as one shell word (quoted when it holds anything but letters, digits and `.-_`).
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0)) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The statements of a migration, one by one (the extended protocol runs one at a time): split
    /// at each `;` outside quotes and dollar-quoted bodies, `--` comment lines left out.
    static func statements(of sql: String) -> [String] {
        let text = sql.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingWhitespace().hasPrefix("--") }
            .joined(separator: "\n")
        var statements: [String] = []
        var current = ""
        var inQuote = false
        var inDollar = false
        var previous: Character = " "
        for character in text {
            if character == "'" && !inDollar { inQuote.toggle() }
            if character == "$" && previous == "$" && !inQuote { inDollar.toggle() }
            if character == ";" && !inQuote && !inDollar {
                let statement = current.trimmingWhitespaceAndNewlines()
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character == "$" && previous == "$" ? " " : character
        }
        let rest = current.trimmingWhitespaceAndNewlines()
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    private func refuseUnsafe(_ ledger: [String: String]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0.sha256) })
        let unknown = ledger.keys.filter { known[$0] == nil }.sorted()
        if !unknown.isEmpty {
            throw StateError("the regency database was migrated by a newer iku-regency (\(unknown.joined(separator: ", "))): update iku-regency")
        }
        if let changed = ledger.keys.sorted().first(where: { known[$0] != ledger[$0] }) {
            throw StateError("migration \(changed) differs from the one applied to the regency database: this iku-regency was built from edited migrations")
        }
    }

    private func appliedMigrations(on connection: PostgresConnection) async throws -> [String: String] {
        let exists = try await server.rows("SELECT to_regclass('regency_migrations') IS NOT NULL", as: Bool.self, on: connection)
        guard exists.first == true else { return [:] }
        let rows = try await server.rows("SELECT name, sha256 FROM regency_migrations", as: (String, String).self, on: connection)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0.1) })
    }
}
