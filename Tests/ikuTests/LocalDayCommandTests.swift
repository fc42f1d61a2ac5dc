import Foundation
import Testing
@testable import Storage

/// The office's time zone decides every day the `iku` binary reasons about: `--as-of` dates,
/// `audit log --since/--until`, today for event dates; times are printed local. `IKU_NOW` drives it.
@Suite("Local days: the office's time zone, as-of dates and future event dates")
struct LocalDayCommandTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
    }

    /// Runs `arguments` at `now`; fails the test unless it succeeds.
    @discardableResult
    func succeed(_ arguments: [String], at now: String) throws -> String {
        iku.environment["IKU_NOW"] = now
        let result = try iku.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// Runs `arguments` at `now`; expects exit 1 with exactly `message`, and nothing written.
    func refuse(_ arguments: [String], at now: String, _ message: String) throws {
        iku.environment["IKU_NOW"] = now
        let before = try iku.contentDump()
        let result = try iku.run(arguments)
        #expect(result.status == 1, "\(arguments) was not refused: \(result.stdout)")
        #expect(result.stderr == "error: \(message)\n")
        #expect(try iku.contentDump() == before, "\(arguments) changed the database")
    }

    func initialise(code: String = "35.08.01", name: String = "Tempursari", at now: String = "2025-06-01T01:00:00Z") throws -> String {
        try succeed(["init", "--kecamatan-code", code, "--kecamatan-name", name], at: now)
    }

    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    func surveyDates(asOf: String) throws -> [String] {
        try json(try succeed(["survey", "list", "--format", "json", "--as-of", asOf], at: "2025-08-01T01:00:00Z"))
            .compactMap { $0["date"] as? String }
    }

    func respondents(quarter: Int, asOf: String) throws -> Int? {
        let text = try succeed(["report", "--year", "2025", "--quarter", String(quarter), "--format", "json", "--as-of", asOf],
                               at: "2025-08-01T01:00:00Z")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let indicators = try #require(report["indicators"] as? [[String: Any]])
        return indicators.first?["respondents"] as? Int
    }

    func auditIDs(_ filter: [String]) throws -> [Int] {
        try json(try succeed(["audit", "log", "--format", "json"] + filter, at: "2025-08-01T01:00:00Z")).compactMap { $0["id"] as? Int }
    }

    /// The auditor's case of the issue: entered at 03:00 WIB on 1 July (20:00 UTC on 30 June).
    @Test func aResponseEnteredEarlyOnFirstJulyBelongsToJulyEverywhere() throws {
        #expect(try initialise().contains("time zone Asia/Jakarta (WIB)"))
        try succeed(["survey", "add", "--date", "2025-07-01", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"],
                    at: "2025-06-30T20:00:00Z")
        #expect(try surveyDates(asOf: "2025-06-30") == [])
        #expect(try surveyDates(asOf: "2025-07-01") == ["2025-07-01"])
        #expect(try respondents(quarter: 3, asOf: "2025-06-30") == 0)
        #expect(try respondents(quarter: 3, asOf: "2025-07-01") == 1)
        #expect(try auditIDs(["--since", "2025-07-01"]) == [2])
        #expect(try auditIDs(["--until", "2025-06-30"]) == [1])
        #expect(try auditIDs(["--since", "2025-06-30", "--until", "2025-06-30"]) == [])
        // A date-time with its offset stays exact.
        #expect(try auditIDs(["--since", "2025-06-30T19:59:59Z"]) == [2])
        #expect(try surveyDates(asOf: "2025-07-01T02:59:59+07:00") == [])
        #expect(try surveyDates(asOf: "2025-07-01T03:00:00+07:00") == ["2025-07-01"])
        // People read local times; csv and json keep the UTC instant and add the zone.
        let table = try succeed(["audit", "log"], at: "2025-08-01T01:00:00Z")
        #expect(table.contains("2025-07-01 03:00 WIB"))
        #expect(!table.contains("2025-06-30T20:00:00.000Z"))
        let entry = try #require(try json(try succeed(["audit", "log", "--format", "json"], at: "2025-08-01T01:00:00Z")).last)
        #expect(entry["recorded_at"] as? String == "2025-06-30T20:00:00.000Z")
        #expect(entry["timezone"] as? String == "Asia/Jakarta")
        let history = try succeed(["history", "survey", "1"], at: "2025-08-01T01:00:00Z")
        #expect(history.hasPrefix("version 1  create  2025-07-01 03:00 WIB  by test-clerk  (change 2)"))
    }

    @Test func theWIBDayBoundaryBothWays() throws {
        _ = try initialise()
        let add = ["survey", "add", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,4", "--date"]
        // 23:30 WIB on 30 June: 1 July is tomorrow.
        try refuse(add + ["2025-07-01"], at: "2025-06-30T16:30:00Z",
                   "date: \"2025-07-01\" is not allowed; a date not after today (2025-06-30, Asia/Jakarta)")
        try succeed(add + ["2025-06-30"], at: "2025-06-30T16:30:00Z")
        // 00:30 WIB on 1 July: still 30 June in UTC, but 1 July is today.
        try succeed(add + ["2025-07-01"], at: "2025-06-30T17:30:00Z")
        try refuse(add + ["2025-07-02"], at: "2025-06-30T17:30:00Z",
                   "date: \"2025-07-02\" is not allowed; a date not after today (2025-07-01, Asia/Jakarta)")
    }

    @Test func theAsOfReplayCrossesTheLocalDayBoundary() throws {
        _ = try initialise()
        let add = ["survey", "add", "--service", "KTP", "--date", "2025-06-30", "--scores"]
        try succeed(add + ["4,4,4,4,4,4,4,4,4"], at: "2025-06-30T16:30:00Z")      // 23:30 WIB, 30 June
        let printed = try succeed(["report", "--year", "2025", "--format", "json"], at: "2025-06-30T16:45:00Z")
        try succeed(add + ["1,1,1,1,1,1,1,1,1"], at: "2025-06-30T17:30:00Z")      // 00:30 WIB, 1 July
        try succeed(["survey", "correct", "1", "--scores", "2,2,2,2,2,2,2,2,2"], at: "2025-06-30T17:31:00Z")
        let replayed = { (asOf: String) throws -> String in
            try self.succeed(["report", "--year", "2025", "--format", "json", "--as-of", asOf], at: "2025-08-01T01:00:00Z")
        }
        // As of 30 June means the end of 30 June in WIB, 16:59:59.999 UTC: the first response only.
        #expect(try replayed("2025-06-30") == printed)
        #expect(try replayed("2025-06-30T16:45:00Z") == printed)
        #expect(try replayed("2025-07-01") != printed)
        #expect(try respondents(quarter: 2, asOf: "2025-06-30") == 1)
        #expect(try respondents(quarter: 2, asOf: "2025-07-01") == 2)
        // The same instants in UTC days would have counted both responses as of 30 June.
        #expect(try respondents(quarter: 2, asOf: "2025-06-30T23:59:59.999Z") == 2)
    }

    @Test func aWITAOfficeAndAWITOfficeReadTheirOwnDays() throws {
        for (code, name, zone, abbreviation, beforeMidnight, afterMidnight) in [
            ("51.71.01", "Denpasar Selatan", "Asia/Makassar", "WITA", "2025-06-30T15:30:00Z", "2025-06-30T16:30:00Z"),
            ("91.71.01", "Jayapura Utara", "Asia/Jayapura", "WIT", "2025-06-30T14:30:00Z", "2025-06-30T15:30:00Z"),
        ] {
            let office = try IkuRunner()
            office.environment["IKU_NOW"] = "2025-06-01T01:00:00Z"
            let created = try office.run(["init", "--kecamatan-code", code, "--kecamatan-name", name])
            #expect(created.stdout.contains("time zone \(zone) (\(abbreviation))"), "\(created.stderr)")
            let show = try office.run(["office", "show", "--format", "json"])
            let settings = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            #expect(settings["timezone"] as? String == zone)
            #expect(try office.run(["office", "show"]).stdout.contains("2025-06-01 \(abbreviation == "WITA" ? "09" : "10"):00 \(abbreviation)"))

            let add = ["facilitation", "add", "--date", "2025-07-01", "--kind", "koordinasi", "--institution", "Puskesmas",
                       "--subject", "Stunting"]
            office.environment["IKU_NOW"] = beforeMidnight
            let refused = try office.run(add)
            #expect(refused.status == 1)
            #expect(refused.stderr == "error: date: \"2025-07-01\" is not allowed; a date not after today (2025-06-30, \(zone))\n")
            office.environment["IKU_NOW"] = afterMidnight
            #expect(try office.run(add).status == 0)
            let log = try office.run(["audit", "log", "--since", "2025-07-01", "--format", "json"])
            #expect(try json(log.stdout).compactMap { $0["id"] as? Int } == [2])
            let none = try office.run(["facilitation", "list", "--format", "json", "--as-of", "2025-06-30"])
            #expect(try json(none.stdout).isEmpty)
        }
    }

    @Test func futureEventDatesAreRefusedInEveryWayIn() throws {
        let now = "2026-12-02T06:00:00Z"  // 13:00 WIB
        _ = try initialise(at: now)
        let today = "a date not after today (2026-12-02, Asia/Jakarta)"
        try succeed(["village", "add", "--code", "35.08.01.2005", "--name", "Tempursari"], at: now)
        try succeed(["survey", "add", "--date", "2026-12-02", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"], at: now)
        try succeed(["facilitation", "add", "--date", "2026-12-01", "--kind", "koordinasi", "--institution", "Puskesmas",
                     "--subject", "Stunting"], at: now)
        try succeed(["facilitation", "follow-up", "1", "--date", "2026-12-02", "--action", "Surat edaran"], at: now)
        try succeed(["submission", "add", "--village", "35.08.01.2005", "--document", "rkpdesa", "--year", "2027",
                     "--date", "2026-09-20"], at: now)

        try refuse(["survey", "add", "--date", "2030-01-01", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"], at: now,
                   "date: \"2030-01-01\" is not allowed; \(today)")
        try refuse(["survey", "correct", "1", "--date", "2062-12-02"], at: now, "date: \"2062-12-02\" is not allowed; \(today)")
        try refuse(["facilitation", "add", "--date", "2031-05-05", "--kind", "fasilitasi", "--institution", "BPD",
                    "--subject", "Musrenbangdes"], at: now, "date: \"2031-05-05\" is not allowed; \(today)")
        try refuse(["facilitation", "correct", "1", "--date", "2026-12-03"], at: now, "date: \"2026-12-03\" is not allowed; \(today)")
        try refuse(["facilitation", "follow-up", "1", "--date", "2026-12-03", "--action", "Rapat"], at: now,
                   "date: \"2026-12-03\" is not allowed; \(today)")
        try refuse(["facilitation", "correct-follow-up", "1", "--date", "2027-01-01"], at: now,
                   "date: \"2027-01-01\" is not allowed; \(today)")
        try refuse(["submission", "add", "--village", "35.08.01.2005", "--document", "apbdesa", "--year", "2027",
                    "--date", "2026-12-20"], at: now, "date: \"2026-12-20\" is not allowed; \(today)")
        try refuse(["submission", "add", "--village", "35.08.01.2005", "--document", "apbdesa", "--year", "2027",
                    "--date", "2026-11-20", "--received", "2026-12-03"], at: now, "received: \"2026-12-03\" is not allowed; \(today)")
        try refuse(["submission", "correct", "1", "--received", "2062-09-21"], at: now,
                   "received: \"2062-09-21\" is not allowed; \(today)")
        try refuse(["submission", "correct", "1", "--date", "2026-12-31"], at: now, "date: \"2026-12-31\" is not allowed; \(today)")

        let csv = iku.path("skm.csv")
        try Data("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-12-02,KTP,4,4,4,4,4,4,4,4,4\n2062-12-02,KK,3,3,3,3,3,3,3,3,3\n2026-12-01,KK,3,3,3,3,3,3,3,3,3\n2026-12-03,KTP,2,2,2,2,2,2,2,2,2\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        iku.environment["IKU_NOW"] = now
        let before = try iku.contentDump()
        let imported = try iku.run(["survey", "import", csv])
        #expect(imported.status == 1)
        #expect(imported.stderr == """
            error: "skm.csv": 2 bad lines; nothing was imported:
              line 3: date: "2062-12-02" is not allowed; \(today)
              line 5: date: "2026-12-03" is not allowed; \(today)

            """)
        #expect(try iku.contentDump() == before)

        // Deadlines, active periods and targets may lie ahead.
        try succeed(["deadline", "set", "--document", "lppdesa", "--year", "2026", "--due", "2027-04-30"], at: now)
        try succeed(["village", "add", "--code", "35.08.01.2001", "--name", "Tegalrejo", "--active-from", "2027-01-01",
                     "--active-until", "2030-12-31"], at: now)
        try succeed(["target", "set", "--indicator", "ikm", "--year", "2030", "--value", "90"], at: now)
    }

    @Test func theZoneIsAnAuditedSettingKeptWithHistory() throws {
        _ = try initialise()
        let shown = try succeed(["office", "show"], at: "2025-06-02T01:00:00Z")
        #expect(shown.contains("timezone        Asia/Jakarta (WIB)"))
        #expect(shown.contains("timezone  test-clerk  2025-06-01 08:00 WIB  #1"))
        #expect(try succeed(["office", "set", "--timezone", "Asia/Makassar"], at: "2025-06-30T15:30:00Z")
            == "timezone: Asia/Makassar (change #2)\n")
        let shownNow = try #require(try JSONSerialization.jsonObject(with: Data(try succeed(["office", "show", "--format", "json"],
                                                                                              at: "2025-07-01T00:00:00Z").utf8)) as? [String: Any])
        #expect(shownNow["timezone"] as? String == "Asia/Makassar")
        let before = try #require(try JSONSerialization.jsonObject(with: Data(try succeed(
            ["office", "show", "--format", "json", "--as-of", "2025-06-30T15:00:00Z"], at: "2025-07-01T00:00:00Z").utf8)) as? [String: Any])
        #expect(before["timezone"] as? String == "Asia/Jakarta")
        let changes = try json(try succeed(["audit", "log", "--kind", "office", "--format", "json"], at: "2025-07-01T00:00:00Z"))
        #expect(changes.compactMap { $0["summary"] as? String } == ["office 35.08.01 Tempursari", "office set timezone=Asia/Makassar"])
        // Now the office's days are WITA days: at 00:30 WITA on 1 July (16:30 UTC on 30 June) 1 July is today.
        try succeed(["survey", "add", "--date", "2025-07-01", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"],
                    at: "2025-06-30T16:30:00Z")
        #expect(try succeed(["history", "survey", "1"], at: "2025-07-01T00:00:00Z").contains("2025-07-01 00:30 WITA"))
        try succeed(["target", "set", "--indicator", "ikm", "--year", "2025", "--value", "80"], at: "2025-07-01T00:00:00Z")
        #expect(try succeed(["target", "list"], at: "2025-07-01T00:00:00Z").contains("test-clerk  2025-07-01 08:00 WITA  #4"))
        // IKU_NOW is an exact instant: a bare date would be a different instant in every zone.
        try refuse(["survey", "list"], at: "2025-07-01",
                   "IKU_NOW: \"2025-07-01\" is not allowed; an ISO 8601 date-time such as 2026-01-31T09:00:00Z")
        try refuse(["office", "set", "--timezone", "Asia/Tempursari"], at: "2025-07-01T00:00:00Z",
                   "timezone: \"Asia/Tempursari\" is not allowed; an IANA time zone name such as Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)")
    }

    @Test func initRefusesAProvinceWithoutAZoneUnlessOneIsGiven() throws {
        let refused = try iku.run(["init", "--kecamatan-code", "99.01.01", "--kecamatan-name", "Contoh"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: kecamatan-code: \"99.01.01\" is not allowed; a code whose province (its first two digits) has a time zone (WIB Asia/Jakarta: 11-19, 21, 31-36, 61-62; WITA Asia/Makassar: 51-53, 63-65, 71-76; WIT Asia/Jayapura: 81-82, 91-96), or give the zone with --timezone\n")
        #expect(!FileManager.default.fileExists(atPath: iku.databasePath))
        let badZone = try iku.run(["init", "--kecamatan-code", "35.08.01", "--kecamatan-name", "Tempursari", "--timezone", "WIB"])
        #expect(badZone.status == 1 && badZone.stderr.contains("timezone: \"WIB\" is not allowed"))
        #expect(!FileManager.default.fileExists(atPath: iku.databasePath))
        let given = try iku.run(["init", "--kecamatan-code", "99.01.01", "--kecamatan-name", "Contoh", "--timezone", "Asia/Jayapura"])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(given.stdout.contains("time zone Asia/Jayapura (WIT)"))
    }

    @Test func migrateGivesAnOlderDatabaseTheZoneOfItsCode() throws {
        // An office in Bali made with the schema of migrations 0001 and 0002, as an older iku did.
        do {
            let connection = try Connection(path: iku.databasePath, mode: .create)
            try connection.execute("PRAGMA application_id = \(IkuDatabase.applicationID)")
            try Migrator(migrations: Array(Migration.embedded.sorted { $0.name < $1.name }.prefix(2)))
                .migrate(connection, appliedAt: "2025-01-01T00:00:00.000Z")
        }
        do {
            let database = try IkuDatabase.open(path: iku.databasePath, actor: "older-iku",
                                                clock: .fixed(Timestamp.parse("2025-01-01T00:00:00Z")!), schema: .anyKnown)
            _ = try database.write { try OfficeStore(database).record(Office(kecamatanCode: "51.71.01", kecamatanName: "Denpasar Selatan")) }
        }
        iku.environment["IKU_NOW"] = "2025-06-30T16:30:00Z"
        #expect(try iku.run(["office", "show"]).status == 1)
        let migrated = try iku.run(["migrate"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.hasSuffix("recorded the office's time zone: Asia/Makassar (WITA) (province 51)\n"))
        #expect(migrated.stdout.contains("applied 0003_office_settings"))
        #expect(try iku.run(["migrate"]).stdout == "up to date\n")
        let log = try json(try iku.run(["audit", "log", "--kind", "office", "--format", "json"]).stdout)
        #expect(log.compactMap { $0["summary"] as? String }.last
            == "office set timezone=Asia/Makassar (from kecamatan code 51.71.01, on migration)")
        #expect(try iku.run(["audit", "verify"]).status == 0)
        // 00:30 WITA on 1 July.
        #expect(try iku.run(["survey", "add", "--date", "2025-07-01", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"]).status == 0)
    }

    @Test func theDemoLivesInWIBDaysAndDatesNothingAfterLocalToday() throws {
        // 01:00 WIB on Wednesday 20 May 2026, still 19 May in UTC.
        let demo = try succeed(["demo"], at: "2026-05-19T18:00:00Z")
        #expect(demo.contains("from 2024-01-02 to 2026-05-20"))
        let office = try #require(try JSONSerialization.jsonObject(with: Data(try succeed(["office", "show", "--format", "json"],
                                                                                            at: "2026-05-19T18:00:00Z").utf8)) as? [String: Any])
        #expect(office["timezone"] as? String == "Asia/Jakarta")
        let setBy = try #require(office["set_by"] as? [[String: Any]])
        #expect(setBy.first { $0["key"] as? String == "timezone" }?["change"] as? Int == 1)
        var dates: [String] = []
        for kind in ["survey", "facilitation", "submission"] {
            let rows = try json(try succeed([kind, "list", "--format", "json"], at: "2026-05-19T18:00:00Z"))
            dates += rows.compactMap { $0["date"] as? String } + rows.compactMap { $0["received"] as? String }
        }
        #expect(dates.count > 1_000)
        #expect(dates.max() ?? "" <= "2026-05-20")
        let log = try json(try succeed(["audit", "log", "--format", "json"], at: "2026-05-19T18:00:00Z"))
        #expect(log.first?["recorded_at"] as? String == "2024-01-02T01:00:00.000Z")   // 08:00 WIB
        #expect(log.compactMap { $0["recorded_at"] as? String }.allSatisfy { $0 <= "2026-05-19T18:00:00.000Z" })
        #expect(try succeed(["audit", "log"], at: "2026-05-19T18:00:00Z").contains("2024-01-02 08:00 WIB"))
    }
}
