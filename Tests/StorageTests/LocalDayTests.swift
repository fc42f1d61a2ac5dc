import Foundation
import Testing
@testable import Storage

/// A clock a test moves by hand, so one database can be written at several instants.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ text: String) {
        current = Timestamp.parse(text)!
    }

    var clock: Clock { Clock { [self] in lock.withLock { current } } }

    func set(_ text: String) {
        let date = Timestamp.parse(text)!
        lock.withLock { current = date }
    }
}

@Suite("Local days and time zones")
struct LocalDayTests {
    func instant(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }
    func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

    /// WIB, WITA and WIT are read as the fixed offsets SPEC.md gives them, without ICU: the same
    /// offsets, days and day starts as Foundation's time zones at every instant from 1970 to 2100
    /// (every 2 days and 7 hours, so every hour of the day comes round).
    @Test func indonesiasZonesAreTheirFixedOffsets() throws {
        for zone in [OfficeZone.wib, .wita, .wit] {
            let foundation = try #require(TimeZone(identifier: zone.identifier))
            #expect(OfficeZone(identifier: zone.identifier) == zone)
            var seconds = 0.0
            var differing: [Date] = []
            while seconds < 4_102_444_800 {  // 2100-01-01
                let instant = Date(timeIntervalSince1970: seconds)
                if zone.offset(at: instant) != foundation.secondsFromGMT(for: instant)
                    || zone.day(of: instant) != CalendarDate(dayOf: instant, in: foundation) {
                    differing.append(instant)
                }
                seconds += 2 * 86_400 + 7 * 3_600
            }
            #expect(differing.isEmpty, "\(zone): \(differing.prefix(5))")
            let day = try self.day("2026-03-02")
            #expect(zone.start(of: day) == day.startOfDayUTC.addingTimeInterval(-TimeInterval(foundation.secondsFromGMT())))
        }
    }

    /// Any other zone is read from the system's tz database (`ZoneInfo`): the same offsets and days
    /// as Foundation's time zones (ICU's copy of the same database) from 1970 to 2037, with daylight
    /// saving, half and quarter hours, and a zone whose offset changed (Asia/Pontianak).
    @Test func otherZonesComeFromTheTzDatabase() throws {
        for identifier in ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Adelaide", "America/St_Johns",
                           "Pacific/Chatham", "Asia/Kathmandu", "Asia/Pontianak", "Asia/Tokyo", "UTC", "Etc/GMT-14"] {
            let zone = try #require(OfficeZone(identifier: identifier), "\(identifier)")
            let foundation = try #require(TimeZone(identifier: identifier))
            var seconds = 0.0
            var differing: [Date] = []
            while seconds < 2_145_916_800 {  // 2038-01-01
                let instant = Date(timeIntervalSince1970: seconds)
                if zone.offset(at: instant) != foundation.secondsFromGMT(for: instant)
                    || zone.day(of: instant) != CalendarDate(dayOf: instant, in: foundation) {
                    differing.append(instant)
                }
                seconds += 86_400 + 3_600 + 60
            }
            #expect(differing.isEmpty, "\(identifier): \(differing.prefix(5))")
        }
        for malformed in ["", "Asia/", "/etc/localtime", "../../etc/passwd", "Asia/../Asia/Tokyo", "./UTC", "right/UTC",
                          "Asia", "zone.tab", "Asia/Tempursari", "Asia/Tokyo\u{0}", "-UTC"] {
            #expect(OfficeZone(identifier: malformed) == nil, "\(malformed)")
        }
    }

    @Test func theProvinceDecidesTheZone() {
        #expect(OfficeZone.forKecamatanCode("35.08.01") == .wib)
        #expect(OfficeZone.forKecamatanCode("11.01.01") == .wib)
        #expect(OfficeZone.forKecamatanCode("21.71.01") == .wib)
        #expect(OfficeZone.forKecamatanCode("62.01.01") == .wib)
        #expect(OfficeZone.forKecamatanCode("51.71.01") == .wita)
        #expect(OfficeZone.forKecamatanCode("64.72.01") == .wita)
        #expect(OfficeZone.forKecamatanCode("76.01.01") == .wita)
        #expect(OfficeZone.forKecamatanCode("81.71.01") == .wit)
        #expect(OfficeZone.forKecamatanCode("91.71.01") == .wit)
        #expect(OfficeZone.forKecamatanCode("96.01.01") == .wit)
        for unknown in ["10.01.01", "20.01.01", "37.01.01", "54.01.01", "99.01.01", "x"] {
            #expect(OfficeZone.forKecamatanCode(unknown) == nil, "\(unknown)")
        }
        #expect([OfficeZone.wib, .wita, .wit].map(\.abbreviation) == ["WIB", "WITA", "WIT"])
        #expect([OfficeZone.wib, .wita, .wit].map(\.identifier) == ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])
        #expect(OfficeZone.knownProvincesText
            == "WIB Asia/Jakarta: 11-19, 21, 31-36, 61-62; WITA Asia/Makassar: 51-53, 63-65, 71-76; WIT Asia/Jayapura: 81-82, 91-96")
        #expect(OfficeZone(identifier: "Asia/Tempursari") == nil)
        #expect(OfficeZone(identifier: "Asia/Tokyo")?.abbreviation == "UTC+09:00")
    }

    @Test func theWIBDayTurnsAtMidnightLocalNotUTC() throws {
        let zone = OfficeZone.wib
        // 23:30 WIB on 30 June and 00:30 WIB on 1 July: both still 30 June in UTC.
        #expect(zone.day(of: try instant("2025-06-30T16:30:00Z")) == (try day("2025-06-30")))
        #expect(zone.day(of: try instant("2025-06-30T17:30:00Z")) == (try day("2025-07-01")))
        #expect(zone.day(of: try instant("2025-06-30T20:00:00Z")) == (try day("2025-07-01")))
        #expect(Timestamp.format(zone.start(of: try day("2025-07-01"))) == "2025-06-30T17:00:00.000Z")
        #expect(Timestamp.format(zone.end(of: try day("2025-06-30"))) == "2025-06-30T16:59:59.999Z")
        // A response sent at 06:30 WIB on 1 January belongs to the new year (SPEC.md).
        #expect(zone.day(of: try instant("2025-12-31T23:30:00Z")) == (try day("2026-01-01")))
        #expect(zone.display(try instant("2026-12-02T06:01:59Z")) == "2026-12-02 13:01 WIB")
        #expect(zone.display(recordedAt: "2026-12-02T17:00:00.000Z") == "2026-12-03 00:00 WIB")
    }

    @Test func witaAndWitDaysEndOneAndTwoHoursEarlier() throws {
        #expect(Timestamp.format(OfficeZone.wita.end(of: try day("2025-06-30"))) == "2025-06-30T15:59:59.999Z")
        #expect(Timestamp.format(OfficeZone.wit.end(of: try day("2025-06-30"))) == "2025-06-30T14:59:59.999Z")
        #expect(OfficeZone.wita.day(of: try instant("2025-06-30T15:30:00Z")) == (try day("2025-06-30")))
        #expect(OfficeZone.wita.day(of: try instant("2025-06-30T16:30:00Z")) == (try day("2025-07-01")))
        #expect(OfficeZone.wit.day(of: try instant("2025-06-30T14:30:00Z")) == (try day("2025-06-30")))
        #expect(OfficeZone.wit.day(of: try instant("2025-06-30T15:30:00Z")) == (try day("2025-07-01")))
        #expect(OfficeZone.wita.display(try instant("2026-12-02T06:01:00Z")) == "2026-12-02 14:01 WITA")
        #expect(OfficeZone.wit.display(try instant("2026-12-02T06:01:00Z")) == "2026-12-02 15:01 WIT")
    }

    @Test func typedInstantsAreLocalDaysOrExactDateTimes() throws {
        let calendar = OfficeCalendar(zone: .wib, now: try instant("2026-12-02T06:00:00Z"))
        #expect(calendar.today == (try day("2026-12-02")))
        #expect(Timestamp.format(try calendar.instant("2025-06-30", field: "as-of", endOfDay: true)) == "2025-06-30T16:59:59.999Z")
        #expect(Timestamp.format(try calendar.instant("2025-07-01", field: "since", endOfDay: false)) == "2025-06-30T17:00:00.000Z")
        #expect(Timestamp.format(try calendar.instant("2025-06-30T23:59:00+07:00", field: "as-of", endOfDay: true))
            == "2025-06-30T16:59:00.000Z")
        #expect(throws: InputError.self) { try calendar.instant("30-06-2025", field: "as-of", endOfDay: true) }
        let limit = calendar.eventDateLimit
        #expect(throws: Never.self) { try limit.check(try day("2026-12-02"), field: "date") }
        #expect(throws: InputError(field: "date", value: "2030-01-01", allowed: "a date not after today (2026-12-02, Asia/Jakarta)")) {
            try limit.check(try day("2030-01-01"), field: "date")
        }
        #expect(InputError(field: "date", value: "2030-01-01", allowed: limit.allowed).description
            == "date: \"2030-01-01\" is not allowed; a date not after today (2026-12-02, Asia/Jakarta)")
    }

    @Test func creatingADatabaseRecordsTheZoneOfItsProvinceInTheOfficeChange() throws {
        let directory = try TemporaryDirectory()
        let clock = Clock.fixed(try instant("2026-12-02T06:00:00Z"))
        for (code, zone) in [("35.08.01", OfficeZone.wib), ("51.71.01", .wita), ("91.71.01", .wit)] {
            let database = try IkuDatabase.create(path: directory.path("\(code).sqlite"),
                                                  office: Office(kecamatanCode: code, kecamatanName: "Contoh"), actor: "clerk",
                                                  clock: clock)
            #expect(try database.officeZone() == zone)
            let setting = try #require(try OfficeSettingsStore(database).settings()[.timezone])
            #expect(setting.value == zone.identifier && setting.stamp.id == 1)
            #expect(try database.lastChangeID() == 1)
            #expect(try AuditVerifier(database.connection).verify().failure == nil)
        }
        let given = try IkuDatabase.create(path: directory.path("given.sqlite"),
                                           office: Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari"),
                                           actor: "clerk", clock: clock, timeZone: .wita)
        #expect(try given.officeZone() == .wita)
        #expect(throws: InputError.self) {
            try IkuDatabase.create(path: directory.path("unknown.sqlite"),
                                   office: Office(kecamatanCode: "99.01.01", kecamatanName: "Contoh"), actor: "clerk", clock: clock)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("unknown.sqlite")))
        let known = try IkuDatabase.create(path: directory.path("unknown-given.sqlite"),
                                           office: Office(kecamatanCode: "99.01.01", kecamatanName: "Contoh"), actor: "clerk",
                                           clock: clock, timeZone: .wit)
        #expect(try known.officeZone() == .wit)
    }

    @Test func aDatabaseMadeBeforeZonesGetsItsZoneFromItsCodeOnMigration() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        // The schema of migrations 0001 and 0002 only, and an office in Bali, as an older iku made it.
        do {
            let connection = try Connection(path: path, mode: .create)
            try connection.execute("PRAGMA application_id = \(IkuDatabase.applicationID)")
            let old = Array(Migration.embedded.sorted { $0.name < $1.name }.prefix(2))
            #expect(old.map(\.name).allSatisfy { $0 < "0003" })
            try Migrator(migrations: old).migrate(connection, appliedAt: "2025-01-01T00:00:00.000Z")
        }
        let clock = Clock.fixed(try instant("2026-12-02T06:00:00Z"))
        let database = try IkuDatabase.open(path: path, actor: "clerk", clock: clock, schema: .anyKnown)
        _ = try database.write { try OfficeStore(database).record(Office(kecamatanCode: "51.71.01", kecamatanName: "Denpasar Selatan")) }
        #expect(throws: DatabaseStateError.self) { try IkuDatabase.open(path: path, actor: "clerk", clock: clock) }

        #expect(try Migrator().migrate(database.connection, appliedAt: Timestamp.format(clock.now())).contains { $0.hasPrefix("0003") })
        // Before the zone is recorded, it is read from the code.
        #expect(try database.officeZone() == .wita)
        #expect(try OfficeSettingsStore(database).recordTimeZoneFromCode() == .recorded(.wita, province: "51"))
        #expect(try OfficeSettingsStore(database).recordTimeZoneFromCode() == .alreadySet(.wita))
        let setting = try #require(try OfficeSettingsStore(database).settings()[.timezone])
        #expect(setting.value == "Asia/Makassar" && setting.stamp.id == 2)
        let summary = try database.connection.prepare("SELECT summary FROM changes WHERE id = 2").first { $0.string(0) }
        #expect(summary == "office set timezone=Asia/Makassar (from kecamatan code 51.71.01, on migration)")
        #expect(try AuditVerifier(database.connection).verify().failure == nil)
    }

    @Test func eventsDatedAfterTodayAreRefusedAtTheLocalDayBoundary() throws {
        let directory = try TemporaryDirectory()
        let clock = MovableClock("2026-06-30T16:30:00Z")  // 23:30 WIB, 30 June
        let database = try IkuDatabase.create(path: directory.path("boundary.sqlite"),
                                              office: Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari"),
                                              actor: "clerk", clock: clock.clock)
        try VillageStore(database).add(VillageInput(code: "35.08.01.2005", name: "Tempursari", activeUntil: "2030-12-31"))
        let surveys = SurveyResponseStore(database), activities = FacilitationStore(database)
        let submissions = SubmissionStore(database)
        func changes() throws -> Int64 { try database.lastChangeID() }
        let refusal = "a date not after today (2026-06-30, Asia/Jakarta)"
        func refused(_ field: String, _ value: String = "2026-07-01", _ body: () throws -> Void) throws {
            let before = try changes()
            #expect(throws: InputError(field: field, value: value, allowed: refusal)) { try body() }
            #expect(try changes() == before)
        }

        let survey = try surveys.add(SurveyResponseInput(date: "2026-06-30", service: "KTP", scores: "4,4,4,4,4,4,4,4,4"))
        let activity = try activities.add(FacilitationInput(date: "2026-06-30", kind: "koordinasi", institution: "Puskesmas",
                                                            subject: "Stunting"))
        let followUp = try activities.addFollowUp(to: activity, FollowUpInput(date: "2026-06-30", action: "Surat edaran"))
        let submission = try submissions.add(SubmissionInput(village: "35.08.01.2005", document: "apbdesa", year: "2027",
                                                             date: "2026-06-30", received: "2026-06-30"))
        try refused("date") { try surveys.add(SurveyResponseInput(date: "2026-07-01", service: "KTP", scores: "4,4,4,4,4,4,4,4,4")) }
        try refused("date") { try surveys.correct(survey, SurveyResponseInput(date: "2026-07-01")) }
        try refused("date") { try activities.add(FacilitationInput(date: "2026-07-01", kind: "koordinasi", institution: "P", subject: "S")) }
        try refused("date") { try activities.correct(activity, FacilitationInput(date: "2026-07-01")) }
        try refused("date") { try activities.addFollowUp(to: activity, FollowUpInput(date: "2026-07-01", action: "Rapat")) }
        try refused("date") { try activities.correctFollowUp(followUp, FollowUpInput(date: "2026-07-01")) }
        try refused("date") {
            try submissions.add(SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2027", date: "2026-07-01"))
        }
        try refused("received") {
            try submissions.add(SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2027", date: "2026-06-29",
                                                received: "2026-07-01"))
        }
        try refused("received") { try submissions.correct(submission, SubmissionInput(received: "2026-07-01")) }
        try refused("date", "2062-06-30") { try submissions.correct(submission, SubmissionInput(date: "2062-06-30")) }
        let file = directory.path("future.csv")
        try Data("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-06-30,KTP,4,4,4,4,4,4,4,4,4\n2026-07-01,KK,3,3,3,3,3,3,3,3,3\n2062-06-30,KK,3,3,3,3,3,3,3,3,3\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        let before = try changes()
        #expect { try surveys.importCSV(path: file) } throws: { error in
            guard let refused = error as? ImportRefused else { return false }
            return refused.problems.map(\.description) == [
                "line 3: date: \"2026-07-01\" is not allowed; \(refusal)",
                "line 4: date: \"2062-06-30\" is not allowed; \(refusal)",
            ]
        }
        #expect(try changes() == before)

        // An hour later it is 00:30 WIB on 1 July (still 30 June in UTC): the same dates are today.
        clock.set("2026-06-30T17:30:00Z")
        #expect(try database.officeCalendar().today == (try day("2026-07-01")))
        try surveys.correct(survey, SurveyResponseInput(date: "2026-07-01"))
        try activities.addFollowUp(to: activity, FollowUpInput(date: "2026-07-01", action: "Rapat"))
        try submissions.correct(submission, SubmissionInput(received: "2026-07-01"))
        #expect { try surveys.importCSV(path: file) } throws: { error in
            (error as? ImportRefused)?.problems.map(\.line) == [4]
        }
        #expect(try changes() == before + 3)
        #expect(try AuditVerifier(database.connection).verify().failure == nil)
    }
}
