import Foundation
import Indicators
import Storage
import Testing
@testable import Demo

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // Vigna's splitmix64.c with seed 0.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func drawsStayInTheirRanges() {
        var random = SplitMix64(seed: 42)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let value = random.int(in: 3...7)
            #expect((3...7).contains(value))
            seen.insert(value)
            #expect((0..<1).contains(random.unit()))
        }
        #expect(seen == Set(3...7))
        #expect(random.weighted([("never", 0), ("always", 5)]) == "always")
    }
}

@Suite("Demo plan")
struct DemoPlanTests {
    static let today = CalendarDate(year: 2026, month: 5, day: 20)!

    @Test func stepsAreDatedUpToTodayInEntryOrder() {
        let steps = DemoPlan(today: Self.today, seed: DemoData.seed).steps()
        #expect(steps.first?.day == CalendarDate(year: 2024, month: 1, day: 2))
        #expect(steps.allSatisfy { $0.day <= Self.today })
        #expect(zip(steps, steps.dropFirst()).allSatisfy { ($0.day, $0.step.phase) <= ($1.day, $1.step.phase) })
    }

    @Test func aLaterDayOnlyAddsSteps() {
        let may = DemoPlan(today: Self.today, seed: DemoData.seed).steps()
        let november = DemoPlan(today: CalendarDate(year: 2026, month: 11, day: 30)!, seed: DemoData.seed).steps()
        #expect(november.count > may.count)
        #expect(zip(may, november).allSatisfy { $0.day == $1.day && "\($0.step)" == "\($1.step)" })
    }

    @Test func anotherSeedGivesOtherRecords() {
        let demo = DemoPlan(today: Self.today, seed: DemoData.seed).steps().map { "\($0.step)" }
        let other = DemoPlan(today: Self.today, seed: 1).steps().map { "\($0.step)" }
        #expect(demo != other)
    }
}

@Suite("Demo database")
struct DemoDatabaseTests {
    let directory: URL
    let now = Timestamp.parse("2026-05-20T10:00:00Z")!

    init() throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "iku-demo-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appending(path: name).path }

    @Test func fillsThreeYearsOfTempursariThroughTheStores() throws {
        let outcome = try DemoDatabase.create(path: path("demo.sqlite"), clock: .fixed(now))
        let database = outcome.database
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(!outcome.replacedEarlierDemo)
        #expect(try DemoDatabase.isDemo(database))
        #expect(outcome.summary.years == 2024...2026)

        let villages = try VillageStore(database).list().map { "\($0.fields.code) \($0.fields.name)" }
        #expect(villages == [
            "35.08.01.2001 Tegalrejo", "35.08.01.2002 Bulurejo", "35.08.01.2003 Purorejo", "35.08.01.2004 Tempurejo",
            "35.08.01.2005 Tempursari", "35.08.01.2006 Pundungsari", "35.08.01.2007 Kaliuling",
        ])

        // Every change is the demo's, sealed, in time order, and none after the clock.
        let verification = try AuditVerifier(database.connection).verify(expectedHead: nil)
        #expect(verification.failure == nil)
        var times: [String] = []
        var actors = Set<String>()
        try ChangeLog(database.connection).forEachEntry(matching: ChangeFilter()) {
            times.append($0.recordedAt)
            actors.insert($0.actor)
        }
        #expect(actors == ["iku-demo"])
        #expect(times == times.sorted())
        #expect(times.first == "2024-01-02T01:00:00.000Z")
        #expect(times.last! <= Timestamp.format(now))

        let report = try ReportBuilder(database).report(for: try Period.year(2025))
        // IKU 1: a few hundred responses, mostly 3 and 4, weakest where the catalogue says.
        #expect((280...400).contains(report.ikm.respondents))
        let ikm = try #require(report.ikm.figure.value)
        #expect((76.61..<88.31).contains(ikm), "IKM \(ikm) should be mutu B")
        let priorities = Set(report.ikm.tally.scores.filter(\.isPriority).map(\.unsur))
        #expect(priorities.isSubset(of: [.u3, .u8, .u9, .u1, .u2]) && priorities.contains(.u3))
        #expect(report.ikm.tally.scores.contains { $0.answered < report.ikm.respondents }, "some elements unanswered")
        #expect(Set(report.ikm.groups(.service).compactMap(\.key)).isSuperset(of: ["KTP", "KK", "Akta Kelahiran", "SKTM", "Surat Pindah", "IMB/PBG"]))
        #expect(report.ikm.sample?.isAdequate == true)
        // IKU 2: activities, most but not all followed up.
        let facilitation = report.facilitation.tally
        #expect(facilitation.held >= 36 && facilitation.followedUp < facilitation.held)
        #expect(Double(facilitation.followedUp) / Double(facilitation.held) > 0.7)
        // IKU 3: 21 documents, two late and one (Kaliuling's LPPDesa 2024) missing.
        #expect(report.villageDocuments.tally.expected == 21)
        #expect(report.villageDocuments.tally.onTime == 18)
        let missing = report.villageDocuments.villages.flatMap { row in
            row.cells.compactMap { $0 }.filter(\.isMissing).map { "\(row.name) \($0.deadline.document.title) \($0.deadline.fiscalYear)" }
        }
        #expect(missing == ["Kaliuling LPPDesa 2024"])
        for key in IndicatorKey.allCases {
            #expect(report.achievement(key).target != nil)
        }
        // A sample head of office, recorded on the first day, signs the report.
        #expect(outcome.summary.headOfOffice == "Contoh Nama Camat, S.Sos. (data contoh)")
        #expect(report.officeDetails.headName == "Contoh Nama Camat, S.Sos. (data contoh)")
        #expect(report.officeDetails.headNIP == "19700512 199503 1 004")
        #expect(report.officeDetails.headPosition?.text == "Camat Tempursari")
        #expect(report.officeDetails.regencyName?.text == "Kabupaten Lumajang")
        #expect(report.officeDetails.regencyName?.isDefault == true)
        #expect(report.officeDetails.missingForSignature.isEmpty && report.officeDetails.missingForLetterhead.isEmpty)
        // The history has a correction and a void to show.
        let corrected = try #require(outcome.summary.correctedSubmissionID)
        #expect(try SubmissionStore(database).versions(of: corrected).count == 2)
        let voided = try #require(outcome.summary.voidedSurveyResponseID)
        #expect(try SurveyResponseStore(database).show(voided).voided)
    }

    @Test func theSameDayGivesTheSameDatabaseAndARerunReplacesOnlyItsOwn() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try DemoDatabase.create(path: path("a.sqlite"), clock: .fixed(now))
        let second = try DemoDatabase.create(path: path("b.sqlite"), clock: .fixed(now))
        let head = try AuditChain(first.database.connection).head()?.digest
        #expect(head != nil)
        #expect(head == (try AuditChain(second.database.connection).head()?.digest))

        let again = try DemoDatabase.create(path: path("a.sqlite"), clock: .fixed(now))
        #expect(again.replacedEarlierDemo)
        #expect(try AuditChain(again.database.connection).head()?.digest == head)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesAnythingButItsOwnDatabaseUntouched() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let notes = path("notes.txt")
        try Data("Rapat koordinasi 3 Maret\n".utf8).write(to: URL(fileURLWithPath: notes))
        // A clerk's database, even one whose actor happens to be iku-demo.
        let clerks = path("tempursari.sqlite")
        _ = try IkuDatabase.create(path: clerks, office: DemoDatabase.office, actor: DemoDatabase.actor, clock: .fixed(now))
        for file in [notes, clerks, directory.path] {
            let before = try? Data(contentsOf: URL(fileURLWithPath: file))
            #expect(throws: StateError.self) { try DemoDatabase.create(path: file, clock: .fixed(now)) }
            #expect((try? Data(contentsOf: URL(fileURLWithPath: file))) == before)
        }
        // A write-ahead log left without its database would be read into a new one.
        let stray = path("stray.sqlite")
        try Data("not a log".utf8).write(to: URL(fileURLWithPath: stray + "-wal"))
        #expect(throws: StateError.self) { try DemoDatabase.create(path: stray, clock: .fixed(now)) }
        #expect(!FileManager.default.fileExists(atPath: stray))
        #expect(try Data(contentsOf: URL(fileURLWithPath: stray + "-wal")) == Data("not a log".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
