import Foundation
import Testing
@testable import Storage

/// The audit chain catches edits made behind iku's back, e.g. in a SQLite browser.
@Suite("Audit chain")
struct AuditChainTests {
    let directory: TemporaryDirectory
    let database: IkuDatabase
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("audit.sqlite")
        database = try IkuDatabase.create(
            path: path, office: Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari"), actor: "clerk")
    }

    /// Adds one survey response the way a store does: a change, an identity row, version 1.
    @discardableResult
    func addSurvey(u1: Int = 4) throws -> Int64 {
        try database.write {
            let change = try database.recordChange(kind: .survey, action: .create, recordID: nil, summary: "survey")
            try database.connection.run("INSERT INTO survey_responses DEFAULT VALUES")
            let id = database.connection.lastInsertedRowID
            try database.connection.run("""
                INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service, u1)
                VALUES (?, 1, ?, '2026-03-01', 'KTP', ?)
                """, [id, change, u1])
            return id
        }
    }

    /// A raw connection with the append-only triggers dropped and foreign keys off: a tamperer.
    func tamper(_ sql: String) throws {
        let raw = try Connection(path: path)
        try raw.execute("PRAGMA foreign_keys = OFF")
        let triggers = try raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").map { $0.string(0) }
        for trigger in triggers { try raw.execute("DROP TRIGGER \(trigger)") }
        try raw.execute(sql)
    }

    func verify(expectedHead: String? = nil) throws -> VerificationReport {
        try AuditVerifier(database.connection).verify(expectedHead: expectedHead)
    }

    /// The record tables read from SQLite's parsed schema are exactly those the SQL of
    /// `pragma_table_info` finds (how they were read before), in the same order, also with a
    /// table added that has a `change_id` column and one without.
    @Test func recordTablesAreTheTablesWithAChangeIDColumn() throws {
        let byPragma = """
            SELECT m.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS c
            WHERE m.type = 'table' AND c.name = 'change_id' AND m.name <> 'change_digests'
            ORDER BY m.name
            """
        let chain = AuditChain(database.connection)
        let tables = try chain.recordTables()
        #expect(tables.count > 5 && tables.contains("survey_response_versions") && !tables.contains("change_digests"))
        #expect(tables == (try database.connection.prepare(byPragma).map { $0.string(0) }))
        try database.connection.execute("CREATE TABLE a_extra (id INTEGER PRIMARY KEY, change_id INTEGER)")
        try database.connection.execute("CREATE TABLE b_extra (id INTEGER PRIMARY KEY, note TEXT)")
        let extended = try chain.recordTables()
        #expect(extended == (try database.connection.prepare(byPragma).map { $0.string(0) }))
        #expect(extended.contains("a_extra") && !extended.contains("b_extra"))
    }

    @Test func cleanDatabaseVerifiesWithEveryHeadItHad() throws {
        var heads: [String] = []
        heads.append(try #require(try AuditChain(database.connection).head()?.digest))
        for score in 1...4 {
            try addSurvey(u1: score)
            heads.append(try #require(try AuditChain(database.connection).head()?.digest))
        }
        #expect(Set(heads).count == heads.count)
        let report = try verify()
        #expect(report.isValid)
        #expect(report.entriesChecked == 5)
        #expect(report.head == heads.last)
        for head in heads {
            #expect(try verify(expectedHead: head).isValid)
        }
        #expect(try verify(expectedHead: String(repeating: "f", count: 64)).failure?.contains("not in this chain") == true)
    }

    @Test func everyChangeIsSealedInTheSameTransaction() throws {
        struct Abandon: Error {}
        #expect(throws: Abandon.self) {
            try database.write {
                _ = try database.recordChange(kind: .target, action: .set, recordID: nil, summary: "abandoned")
                throw Abandon()
            }
        }
        try addSurvey()
        let counts = try database.connection.prepare(
            "SELECT (SELECT count(*) FROM changes), (SELECT count(*) FROM change_digests)"
        ).first { [$0.int(0), $0.int(1)] }
        #expect(counts == [2, 2])
    }

    @Test func scoreChangedDirectlyIsCaught() throws {
        try addSurvey(u1: 4)
        try addSurvey(u1: 3)
        try tamper("UPDATE survey_response_versions SET u1 = 1 WHERE response_id = 1")
        let report = try verify()
        #expect(!report.isValid)
        #expect(report.failure?.hasPrefix("change 2:") == true, "\(report.failure ?? "")")
        #expect(report.entriesChecked == 1)
    }

    @Test func rowSmuggledIntoAnExistingChangeIsCaught() throws {
        try addSurvey()
        try tamper("""
            INSERT INTO survey_responses (id) VALUES (99);
            INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service, u1)
            VALUES (99, 1, 2, '2026-03-02', 'KTP', 1);
            """)
        #expect(try verify().failure?.hasPrefix("change 2:") == true)
    }

    @Test func editedLogEntryIsCaught() throws {
        try addSurvey()
        try addSurvey()
        try tamper("UPDATE changes SET actor = 'someone-else' WHERE id = 2")
        let failure = try #require(try verify().failure)
        #expect(failure.hasPrefix("change 2:"))
        #expect(failure.contains("change entry"))
    }

    @Test func editedDigestIsCaught() throws {
        try addSurvey()
        try addSurvey()
        try tamper("UPDATE change_digests SET entry_sha256 = '\(String(repeating: "e", count: 64))' WHERE change_id = 2")
        #expect(try verify().failure?.hasPrefix("change 2:") == true)
    }

    @Test func deletedLogEntryIsCaught() throws {
        try addSurvey()
        try addSurvey()
        try addSurvey()
        try tamper("DELETE FROM changes WHERE id = 3; DELETE FROM change_digests WHERE change_id = 3")
        let failure = try #require(try verify().failure)
        #expect(failure.contains("change 4") || failure.contains("row"), "\(failure)")
    }

    @Test func deletedLogEntryWithItsRowsIsCaughtByTheChainLink() throws {
        try addSurvey()
        try addSurvey()
        try addSurvey()
        try tamper("""
            DELETE FROM survey_response_versions WHERE change_id = 3;
            DELETE FROM survey_responses WHERE id = 2;
            DELETE FROM changes WHERE id = 3;
            DELETE FROM change_digests WHERE change_id = 3;
            """)
        let failure = try #require(try verify().failure)
        #expect(failure.hasPrefix("change 4:"))
        #expect(failure.contains("link"))
    }

    @Test func logCutBackBeforeAPublishedHeadIsCaught() throws {
        try addSurvey()
        let published = try #require(try AuditChain(database.connection).head()?.digest)
        try addSurvey()
        #expect(try verify(expectedHead: published).isValid)
        try tamper("""
            DELETE FROM survey_response_versions WHERE change_id >= 2;
            DELETE FROM survey_responses;
            DELETE FROM change_digests WHERE change_id >= 2;
            DELETE FROM changes WHERE id >= 2;
            """)
        #expect(try verify().isValid)
        let failure = try #require(try verify(expectedHead: published).failure)
        #expect(failure.contains("not in this chain"))
    }

    @Test func changeWithoutDigestIsCaught() throws {
        try tamper("""
            INSERT INTO changes (recorded_at, actor, kind, action, summary)
            VALUES ('2030-01-01T00:00:00.000Z', 'ghost', 'target', 'set', 'x');
            """)
        #expect(try verify().failure?.contains("no digest") == true)
    }

    @Test func historyListsEveryVersionWithWhatChanged() throws {
        let id = try addSurvey(u1: 4)
        try database.write {
            let change = try database.recordChange(kind: .survey, action: .correct, recordID: id, summary: "fix")
            try database.connection.run("""
                INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service, u1)
                VALUES (?, 2, ?, '2026-03-01', 'KTP', 2)
                """, [id, change])
        }
        let versions = try RecordHistory(database.connection).versions(of: .survey, id: id)
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions[1].action == "correct")
        #expect(versions[1].changes == [RecordVersion.FieldChange(field: "u1", old: .integer(4), new: .integer(2))])
        #expect(throws: StateError.self) { try RecordHistory(database.connection).versions(of: .survey, id: 999) }
    }
}
