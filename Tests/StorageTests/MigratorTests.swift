import Foundation
import Testing
@testable import Storage

@Suite("Migrations")
struct MigratorTests {
    let directory: TemporaryDirectory
    let connection: Connection
    let first = Migration(name: "0001_a", sql: "CREATE TABLE a (x INTEGER) STRICT;")
    let second = Migration(name: "0002_b", sql: "CREATE TABLE b (y INTEGER) STRICT; INSERT INTO b VALUES (1);")

    init() throws {
        directory = try TemporaryDirectory()
        connection = try Connection(path: directory.path("migrate.sqlite"), mode: .create)
    }

    @Test func appliesPendingInOrderAndRecordsThem() throws {
        let migrator = Migrator(migrations: [second, first])
        #expect(try migrator.pending(in: connection) == ["0001_a", "0002_b"])
        #expect(try migrator.migrate(connection, appliedAt: "2026-01-01T00:00:00.000Z") == ["0001_a", "0002_b"])
        let ledger = try connection.prepare("SELECT name, sha256, applied_at FROM iku_migrations ORDER BY name").map {
            [$0.string(0), $0.string(1), $0.string(2)]
        }
        #expect(ledger == [
            ["0001_a", first.sha256, "2026-01-01T00:00:00.000Z"],
            ["0002_b", second.sha256, "2026-01-01T00:00:00.000Z"],
        ])
        #expect(first.sha256.count == 64)
    }

    @Test func rerunIsIdempotent() throws {
        let migrator = Migrator(migrations: [first, second])
        try migrator.migrate(connection, appliedAt: "t")
        #expect(try migrator.migrate(connection, appliedAt: "t") == [])
        #expect(try connection.prepare("SELECT count(*) FROM b").first { $0.int(0) } == 1)
        #expect(try migrator.status(of: connection).map(\.state) == [.applied, .applied])
    }

    @Test func appliesOnlyWhatIsNew() throws {
        try Migrator(migrations: [first]).migrate(connection, appliedAt: "t")
        let status = try Migrator(migrations: [first, second]).status(of: connection)
        #expect(status.map(\.state) == [.applied, .pending])
        #expect(try Migrator(migrations: [first, second]).migrate(connection, appliedAt: "t") == ["0002_b"])
    }

    @Test func failedMigrationLeavesNothingBehind() throws {
        let broken = Migration(name: "0002_broken", sql: "CREATE TABLE c (z INTEGER) STRICT; INSERT INTO nowhere VALUES (1);")
        let migrator = Migrator(migrations: [first, broken])
        #expect(throws: SQLiteError.self) { try migrator.migrate(connection, appliedAt: "t") }
        #expect(try migrator.status(of: connection).map(\.state) == [.applied, .pending])
        let tableC = try connection.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'c'").first { $0.int(0) }
        #expect(tableC == 0)
    }

    @Test func refusesAnEditedMigration() throws {
        try Migrator(migrations: [first]).migrate(connection, appliedAt: "t")
        let edited = Migration(name: "0001_a", sql: "CREATE TABLE a (x INTEGER, extra TEXT) STRICT;")
        let migrator = Migrator(migrations: [edited, second])
        #expect(throws: DatabaseStateError.migrationChanged(name: "0001_a")) { try migrator.validate(connection) }
        #expect(throws: DatabaseStateError.migrationChanged(name: "0001_a")) {
            try migrator.migrate(connection, appliedAt: "t")
        }
        #expect(try connection.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'b'").first { $0.int(0) } == 0)
    }

    @Test func refusesADatabaseFromANewerBinary() throws {
        try Migrator(migrations: [first, second]).migrate(connection, appliedAt: "t")
        let older = Migrator(migrations: [first])
        #expect(throws: DatabaseStateError.newerDatabase(unknownMigrations: ["0002_b"])) {
            try older.validate(connection)
        }
        #expect(try older.status(of: connection).last?.state == .unknown)
    }

    @Test func embeddedMigrationsAreNumberedAndApply() throws {
        let embedded = Migration.embedded
        #expect(!embedded.isEmpty)
        #expect(embedded.first?.name == "0001_records")
        for migration in embedded {
            #expect(migration.name.prefix(4).allSatisfy { $0.isNumber })
        }
        #expect(try Migrator().migrate(connection, appliedAt: "t") == embedded.map(\.name))
    }

    /// MigrationEmbedder computes each digest when it embeds the file; it must be swift-crypto's
    /// SHA-256 (`Migration(name:sql:)`) of the very text embedded, or the check on open would
    /// compare the ledger with a wrong digest. And the text embedded is the file's.
    @Test func embeddedDigestsAreTheSHA256OfTheEmbeddedText() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../migrations").standardized
        for migration in Migration.embedded {
            #expect(migration.sha256 == Migration(name: migration.name, sql: migration.sql).sha256, "\(migration.name)")
            let file = try String(contentsOf: folder.appendingPathComponent(migration.name + ".sql"), encoding: .utf8)
            #expect(migration.sql == file, "\(migration.name)")
        }
    }
}
