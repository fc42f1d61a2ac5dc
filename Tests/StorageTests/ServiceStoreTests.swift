import Foundation
import Testing
@testable import Storage

@Suite("Services offered")
struct ServiceStoreTests {
    let fixture: RecordFixture

    init() throws {
        fixture = try RecordFixture()
    }

    @Test func addingAndRemovingKeepsHistoryAndTheLatestRowPerNameWins() throws {
        let store = ServiceStore(fixture.database)
        try store.add("  KTP ")
        try store.add("Kartu Keluarga")
        let first = try fixture.asOfNow()
        #expect(try store.remove("ktp") == "KTP")
        try store.add("Akta Kelahiran")
        #expect(try store.list().map(\.name) == ["Akta Kelahiran", "Kartu Keluarga"])
        #expect(try store.list(asOf: first).map(\.name) == ["Kartu Keluarga", "KTP"])
        #expect(try store.service(named: "kartu keluarga")?.name == "Kartu Keluarga")
        #expect(try store.service(named: "KTP") == nil)
        try store.add("Ktp")
        #expect(try store.service(named: "KTP")?.name == "Ktp")
        #expect(try fixture.count("SELECT count(*) FROM service_settings") == 5)
        let changes = try fixture.database.connection.prepare(
            "SELECT kind || ' ' || action || ' ' || summary FROM changes WHERE summary LIKE 'service %' ORDER BY id"
        ).map { $0.string(0) }
        #expect(changes == ["office set service add KTP", "office set service add Kartu Keluarga",
                            "office set service remove KTP", "office set service add Akta Kelahiran",
                            "office set service add Ktp"])
        #expect(try AuditVerifier(fixture.database.connection).verify().failure == nil)
    }

    @Test func refusalsWriteNothing() throws {
        let store = ServiceStore(fixture.database)
        try store.add("KTP")
        let before = try fixture.count("SELECT count(*) FROM changes")
        #expect(throws: StateError.self) { try store.add("ktp") }
        #expect(throws: StateError.self) { try store.remove("Paspor") }
        #expect(throws: InputError.self) { try store.add("   ") }
        #expect(throws: InputError.self) { try store.add(String(repeating: "x", count: 201)) }
        #expect(try fixture.count("SELECT count(*) FROM changes") == before)
    }
}
