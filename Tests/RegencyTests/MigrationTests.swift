import Foundation
import PostgresNIO
import Testing
@testable import Regency
@testable import Storage

/// The regency's schema on a real PostgreSQL server: a database set up by an older `iku-regency`
/// is upgraded by `init`, one migrated by a newer one or with an edited migration is refused.
@Suite("Regency migrations")
struct MigrationTests {
    func sql(_ database: TestDatabase, _ text: String) async throws {
        try await RegencyServer.with(database.address) { server in
            try await server.client.query(PostgresQuery(unsafeSQL: text), logger: server.logger)
        }
    }

    func withInitialised(_ body: (TestDatabase, RegencyRunner) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let runner = RegencyRunner(address: database.address.description)
            let initialised = try runner.run(["init", "--code", "35.08", "--name", "Lumajang"])
            #expect(initialised.status == 0, "\(initialised.stderr)")
            try await body(database, runner)
        }
    }

    /// A database as the iku-regency before regency migration 0004 left it: the projection's
    /// trigger in place, 0004 not in the ledger. Every command but `init` refuses it with the
    /// command that upgrades it; that command applies 0004 and nothing else changes.
    @Test func aDatabaseOfAnOlderIkuRegencyIsUpgradedByInit() async throws {
        try await withInitialised { database, runner in
            let earlier = try #require(Migration.regency.first { $0.name == "0002_survey_versions" })
            for statement in RegencyMigrator.statements(of: earlier.sql)
            where statement.hasPrefix("CREATE FUNCTION project_survey_versions") || statement.hasPrefix("CREATE TRIGGER office_rows_project") {
                try await sql(database, statement)
            }
            try await sql(database, "DELETE FROM regency_migrations WHERE name = '0004_survey_versions_by_ingest'")

            let refused = try runner.run(["status"])
            #expect(refused.status == 1)
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("set up by an older iku-regency (pending: 0004_survey_versions_by_ingest)"), "\(refused.stderr)")
            #expect(refused.stderr.contains("run iku-regency init --code 35.08 --name Lumajang to apply them"), "\(refused.stderr)")

            let upgraded = try runner.run(["init", "--code", "35.08", "--name", "Lumajang"])
            #expect(upgraded.status == 0, "\(upgraded.stderr)")
            #expect(upgraded.stdout.contains("already initialised; nothing changed"))
            #expect(try runner.run(["status"]).status == 0)
            let trigger = try await RegencyServer.with(database.address) { server in
                try await server.rows("SELECT count(*) FROM pg_trigger WHERE tgname = 'office_rows_project_survey_versions'",
                                      as: Int64.self)[0]
            }
            #expect(trigger == 0)
        }
    }

    @Test func aDatabaseOfANewerIkuRegencyOrWithAnEditedMigrationIsRefused() async throws {
        try await withInitialised { database, runner in
            try await sql(database, "INSERT INTO regency_migrations (name, sha256) VALUES ('9999_future', 'x')")
            for arguments in [["status"], ["init", "--code", "35.08", "--name", "Lumajang"]] {
                let refused = try runner.run(arguments)
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("migrated by a newer iku-regency (9999_future): update iku-regency"), "\(refused.stderr)")
            }
            try await sql(database, "DELETE FROM regency_migrations WHERE name = '9999_future'")
            try await sql(database, "UPDATE regency_migrations SET sha256 = 'edited' WHERE name = '0001_regency'")
            let edited = try runner.run(["status"])
            #expect(edited.status == 1)
            #expect(edited.stderr.contains("migration 0001_regency differs from the one applied"), "\(edited.stderr)")
        }
    }

    @Test func aRegencyNameIsQuotedForTheShellWhenItMustBe() {
        #expect(RegencyMigrator.shellWord("Lumajang") == "Lumajang")
        #expect(RegencyMigrator.shellWord("Kota Batu") == "'Kota Batu'")
        #expect(RegencyMigrator.shellWord("Hulu Sungai's") == "'Hulu Sungai'\\''s'")
    }
}
