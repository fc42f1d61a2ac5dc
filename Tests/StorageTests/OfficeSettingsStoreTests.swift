import Foundation
import Testing
@testable import Storage

@Suite("Office settings")
struct OfficeSettingsStoreTests {
    let fixture: RecordFixture

    init() throws {
        fixture = try RecordFixture()
    }

    @Test func settingsKeepEveryValueAndTheLatestWins() throws {
        let store = OfficeSettingsStore(fixture.database)
        try store.set([(.timezone, "Asia/Makassar"), (.headName, "  Drs. Contoh Nama ")])
        let first = try fixture.asOfNow()
        try store.set([(.headName, "Dra. Nama Baru")])
        try store.set([(.address, "Jl. Raya Tempursari 1")])
        #expect(try store.value(.headName) == "Dra. Nama Baru")
        #expect(try store.value(.headName, asOf: first) == "Drs. Contoh Nama")
        #expect(try store.value(.address, asOf: first) == nil)
        try store.set([(.headName, "")])
        #expect(try store.value(.headName) == nil)
        // The first is the zone recorded when the database was created.
        #expect(try store.history().map(\.key) == [.timezone, .timezone, .headName, .headName, .address, .headName])
        #expect(try store.history().filter { $0.key == .timezone }.map(\.value) == ["Asia/Jakarta", "Asia/Makassar"])
        #expect(try fixture.count("SELECT count(*) FROM office_settings") == 6)
        let change = try fixture.database.connection.prepare("SELECT kind, action, actor FROM changes ORDER BY id DESC LIMIT 1")
            .first { [$0.string(0), $0.string(1), $0.string(2)] }
        #expect(change == ["office", "set", "clerk"])
        #expect(try AuditVerifier(fixture.database.connection).verify().failure == nil)
    }

    @Test func refusalsWriteNothing() throws {
        let store = OfficeSettingsStore(fixture.database)
        try store.set([(.timezone, "Asia/Makassar")])
        let before = try fixture.count("SELECT count(*) FROM changes")
        #expect(throws: InputError.self) { try store.set([(.timezone, "Asia/Tempursari")]) }
        #expect(throws: InputError.self) { try store.set([(.timezone, " ")]) }
        #expect(throws: InputError.self) { try store.set([(.address, String(repeating: "x", count: 501))]) }
        #expect(throws: StateError.self) { try store.set([(.timezone, "Asia/Makassar")]) }
        #expect(throws: StateError.self) { try store.set([]) }
        #expect(try fixture.count("SELECT count(*) FROM changes") == before)
    }
}
