import Foundation
import Testing
@testable import Storage

/// A follow-up's activity is sealed in the audit chain (migration 0006): written by the change that
/// creates the follow-up, and given on `iku migrate` to follow-ups recorded before.
@Suite("Follow-up links")
struct FollowUpLinkTests {
    func links(_ database: IkuDatabase) throws -> [[Int64]] {
        try database.connection.prepare("SELECT follow_up_id, facilitation_id, change_id FROM follow_up_links ORDER BY follow_up_id")
            .map { [$0.int64(0), $0.int64(1), $0.int64(2)] }
    }

    @Test func aNewFollowUpsLinkIsWrittenByTheChangeThatCreatesIt() throws {
        let fixture = try RecordFixture()
        let store = FacilitationStore(fixture.database)
        let activity = try store.add(FacilitationInput(date: "2026-02-03", kind: "koordinasi", institution: "Puskesmas", subject: "Stunting"))
        let followUp = try store.addFollowUp(to: activity, FollowUpInput(date: "2026-02-04", action: "Surat edaran"))
        let created = try fixture.database.lastChangeID()
        #expect(try links(fixture.database) == [[followUp, activity, created]])
        #expect(try AuditVerifier(fixture.database.connection).verify().failure == nil)
        #expect(try store.linkEarlierFollowUps() == 0)
        #expect(try fixture.database.lastChangeID() == created)
        // The link is append-only, and one naming another activity than the identity row is refused.
        #expect(throws: SQLiteError.self) { try fixture.database.connection.execute("DELETE FROM follow_up_links") }
        let other = try store.add(FacilitationInput(date: "2026-02-05", kind: "fasilitasi", institution: "BPD", subject: "APBDes"))
        try fixture.database.connection.execute("PRAGMA foreign_keys = OFF")
        #expect(throws: SQLiteError.self) {
            try fixture.database.connection.execute("INSERT INTO follow_ups (id, facilitation_id) VALUES (99, \(activity))")
            try fixture.database.connection.execute("INSERT INTO follow_up_links VALUES (99, \(other), \(created))")
        }
    }

    @Test func followUpsOfAnOlderDatabaseAreLinkedOnMigrationInOneAuditedChange() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        let clock = Clock.fixed(try #require(ISO8601DateFormatter().date(from: "2026-03-01T03:00:00Z")))
        let before = Migration.embedded.filter { $0.name < "0006" }
        do {
            let connection = try Connection(path: path, mode: .create)
            try connection.execute("PRAGMA application_id = \(IkuDatabase.applicationID)")
            try Migrator(migrations: before).migrate(connection, appliedAt: "2026-01-01T00:00:00.000Z")
        }
        let database = try IkuDatabase.open(path: path, actor: "clerk", clock: clock, schema: .anyKnown)
        _ = try database.write { try OfficeStore(database).record(Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari")) }
        // Two follow-ups as an iku before 0006 wrote them: identity row and version, no link.
        try database.write {
            let activity = try VersionedRecords<Facilitation>(database: database).add(
                try Facilitation(FacilitationInput(date: "2026-02-03", kind: "fasilitasi", institution: "BPD", subject: "APBDes"),
                                 onto: nil, limit: EventDateLimit(today: CalendarDate("2026-03-01")!, zone: .wib)), summary: "fasilitasi")
            for day in ["2026-02-05", "2026-02-06"] {
                _ = try VersionedRecords<FollowUp>(database: database).add(
                    try FollowUp(FollowUpInput(date: day, action: "Rapat"), onto: nil, activity: activity,
                                 heldOn: CalendarDate("2026-02-03")!, limit: EventDateLimit(today: CalendarDate("2026-03-01")!, zone: .wib)),
                    summary: "follow-up", identityValues: [activity])
            }
        }
        let headBefore = try #require(try AuditChain(database.connection).head())
        #expect(try Migrator().migrate(database.connection, appliedAt: "2026-03-01T03:00:00.000Z") == ["0006_follow_up_links"])
        #expect(try FacilitationStore(database).linkEarlierFollowUps() == 2)
        let change = headBefore.changeID + 1
        #expect(try links(database) == [[1, 1, change], [2, 1, change]])
        let summary = try database.connection.prepare("SELECT kind, action, summary FROM changes WHERE id = ?")
            .first([change]) { [$0.string(0), $0.string(1), $0.string(2)] }
        #expect(summary == ["follow_up", "set", "link 2 follow-ups recorded before migration 0006 to their activities"])
        #expect(try AuditVerifier(database.connection).verify().failure == nil)
        #expect(try FacilitationStore(database).linkEarlierFollowUps() == 0)
    }
}
