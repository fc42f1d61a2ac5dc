import Foundation
import PostgresNIO
import Testing
@testable import Regency
import Storage

/// A fresh PostgreSQL database on the test server (`IKU_TEST_POSTGRES`, set by
/// scripts/with-postgres.sh), created for one test and dropped after it.
struct TestDatabase {
    let address: PostgresAddress

    /// The server the tests use; a test that needs it and cannot have it fails saying why.
    static func server() throws -> PostgresAddress {
        guard let text = ProcessInfo.processInfo.environment["IKU_TEST_POSTGRES"], !text.isEmpty else {
            let reason = "IKU_TEST_POSTGRES is not set: the regency tests need a PostgreSQL server; run them as "
                + "scripts/with-postgres.sh swift test (it starts a throwaway cluster and sets IKU_TEST_POSTGRES)"
            Issue.record(Comment(rawValue: reason))
            throw StateError(reason)
        }
        return try PostgresAddress(text, field: "IKU_TEST_POSTGRES")
    }

    /// Runs `body` with a new empty database, then drops it.
    static func with(_ body: (TestDatabase) async throws -> Void) async throws {
        let server = try server()
        // A generated name, never user text: identifiers cannot be bound as parameters.
        let name = "iku_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin(server, "CREATE DATABASE \(name)")
        do {
            try await body(TestDatabase(address: server.database(name)))
        } catch {
            try? await admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try await admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func admin(_ server: PostgresAddress, _ sql: String) async throws {
        try await RegencyServer.with(server) { regency in
            try await regency.client.query(PostgresQuery(unsafeSQL: sql), logger: regency.logger)
        }
    }

    /// `SELECT count(*)` of a table of the regency's schema.
    func count(_ table: String) async throws -> Int64 {
        try await RegencyServer.with(address) { server in
            try await server.rows(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), as: Int64.self)[0]
        }
    }

    /// The row counts of every table an ingest writes, to show a refusal wrote nothing.
    func counts() async throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for table in ["ingests", "office_changes", "office_rows", "survey_versions", "forks"] {
            result[table] = try await count(table)
        }
        return result
    }
}
