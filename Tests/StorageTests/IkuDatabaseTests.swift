import Foundation
import Testing
@testable import Storage

@Suite("Creating and opening iku databases")
struct IkuDatabaseTests {
    let directory: TemporaryDirectory
    let office = Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari")
    let clock = Clock.fixed(Date(timeIntervalSince1970: 1_767_225_600)) // 2026-01-01T00:00:00Z

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func createMakesAnOwnerOnlyMigratedFileWithItsOffice() throws {
        let path = directory.path("new.sqlite")
        _ = try IkuDatabase.create(path: path, office: office, actor: "clerk", clock: clock)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let reopened = try IkuDatabase.open(path: path, actor: "auditor")
        #expect(try OfficeStore(reopened).office() == office)
        #expect(try Migrator().pending(in: reopened.connection).isEmpty)
        let change = try reopened.connection.prepare("SELECT recorded_at, actor, kind, action FROM changes").first {
            [$0.string(0), $0.string(1), $0.string(2), $0.string(3)]
        }
        #expect(change == ["2026-01-01T00:00:00.000Z", "clerk", "office", "create"])
    }

    @Test func createRefusesAnExistingFileAndLeavesIt() throws {
        let path = directory.path("existing.sqlite")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: DatabaseStateError.alreadyExists(path: path)) {
            try IkuDatabase.create(path: path, office: office, actor: "clerk")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("keep me".utf8))
    }

    @Test func createRefusesABadOfficeAndLeavesNoFile() throws {
        let path = directory.path("bad.sqlite")
        #expect(throws: InputError.self) {
            try IkuDatabase.create(path: path, office: Office(kecamatanCode: "3508", kecamatanName: "X"), actor: "clerk")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func openRefusesAMissingFileWithoutCreatingIt() throws {
        let path = directory.path("missing.sqlite")
        #expect(throws: DatabaseStateError.missing(path: path)) { try IkuDatabase.open(path: path, actor: "a") }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [
        Data("not a database at all, just some text\n".utf8),
        Data(repeating: 0xAB, count: 8192),
        Data("SQLite format 3\0".utf8) + Data(repeating: 0, count: 100),
    ])
    func openRefusesNonSQLiteFilesUntouched(_ content: Data) throws {
        let path = directory.path("junk.bin")
        try content.write(to: URL(fileURLWithPath: path))
        #expect(throws: DatabaseStateError.self) { try IkuDatabase.open(path: path, actor: "a") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func openRefusesAnotherApplicationsDatabaseUntouched() throws {
        let path = directory.path("other.sqlite")
        do {
            let other = try Connection(path: path, mode: .create)
            try other.execute("CREATE TABLE notes (text TEXT)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: DatabaseStateError.notIku(path: path)) { try IkuDatabase.open(path: path, actor: "a") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func openRefusesPendingMigrationsUnlessMigrating() throws {
        let path = directory.path("old.sqlite")
        do {
            let connection = try Connection(path: path, mode: .create)
            try connection.execute("PRAGMA application_id = \(IkuDatabase.applicationID)")
        }
        #expect(throws: DatabaseStateError.pendingMigrations(Migration.embedded.map(\.name))) {
            try IkuDatabase.open(path: path, actor: "a")
        }
        let database = try IkuDatabase.open(path: path, actor: "a", schema: .anyKnown)
        #expect(try Migrator().migrate(database.connection, appliedAt: "t") == Migration.embedded.map(\.name))
    }

    @Test func changeTimesNeverGoBackwards() throws {
        let path = directory.path("clock.sqlite")
        _ = try IkuDatabase.create(path: path, office: office, actor: "clerk", clock: clock)
        let earlier = Clock.fixed(Date(timeIntervalSince1970: 1_700_000_000))
        let database = try IkuDatabase.open(path: path, actor: "clerk", clock: earlier)
        let id = try database.write {
            try database.recordChange(kind: .target, action: .set, recordID: nil, summary: "test")
        }
        let recordedAt = try database.connection.prepare("SELECT recorded_at FROM changes WHERE id = ?").first([id]) {
            $0.string(0)
        }
        #expect(recordedAt == "2026-01-01T00:00:00.000Z")
    }

    @Test func healthCheckFindsNothingOnAFreshDatabase() throws {
        let database = try IkuDatabase.create(path: directory.path("h.sqlite"), office: office, actor: "clerk")
        #expect(try HealthCheck(database.connection).problems() == [])
    }
}

@Suite("Dates and timestamps")
struct CalendarDateTests {
    @Test(arguments: ["2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01", "25-01-01", "2025/01/01", "", "2025-02-29", "2100-02-29"])
    func refusesImpossibleOrMalformedDates(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "2025-12-31", "2026-01-01"])
    func acceptsRealDatesAndPrintsThemBack(_ text: String) {
        #expect(CalendarDate(text)?.description == text)
    }

    @Test func countsDaysAcrossMonthsAndLeapYears() throws {
        let start = try #require(CalendarDate("2024-02-28"))
        #expect(start.days(until: try #require(CalendarDate("2024-03-01"))) == 2)
        #expect(try #require(CalendarDate("1970-01-01")).daysSinceEpoch == 0)
        #expect(try #require(CalendarDate("2026-11-28")).daysSinceEpoch == 20_785)
    }

    @Test func daysSinceEpochRoundTripsAndNamesTheWeekday() throws {
        // Years 2 to 9999, every 997th day.
        for days in stride(from: -719_000, through: 2_932_000, by: 997) {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CalendarDate(date.description) == date)
        }
        let leapDay = try #require(CalendarDate("2024-02-29"))
        #expect(leapDay.adding(days: 1).description == "2024-03-01")
        #expect(leapDay.adding(days: -60).description == "2023-12-31")
        #expect(leapDay.isoWeekday == 4)
        #expect(try #require(CalendarDate("2026-05-17")).isoWeekday == 7)
        #expect(try #require(CalendarDate("1970-01-05")).isoWeekday == 1)
        let instant = try #require(Timestamp.parse("2026-05-17T23:59:59.999Z"))
        #expect(CalendarDate(utcDayOf: instant).description == "2026-05-17")
        #expect(Timestamp.format(leapDay.startOfDayUTC) == "2024-02-29T00:00:00.000Z")
    }

    @Test func timestampsAreUTCWithMilliseconds() throws {
        let date = try #require(Timestamp.parse("2026-11-28T15:05:15.123+07:00"))
        #expect(Timestamp.format(date) == "2026-11-28T08:05:15.123Z")
        // A bare date spans different instants in each office's zone: not a timestamp.
        #expect(Timestamp.parse("2026-03-01") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }
}
