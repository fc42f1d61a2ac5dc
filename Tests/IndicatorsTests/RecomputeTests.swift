import Foundation
import Testing
import Indicators
import Storage

@Suite("Year-end recomputation and snapshots")
struct RecomputeTests {
    let fixture: Fixture

    /// Year-end: the clock reads 2027-01-05, after every deadline of 2026.
    init() throws {
        fixture = try Fixture(now: Date(timeIntervalSince1970: 1_767_225_600 + 369 * 86_400))
    }

    @discardableResult
    func seed() throws -> [String: Int64] {
        let first = try fixture.addSurvey(date: "2026-03-01", scores: Array(repeating: 4, count: 9))
        let second = try fixture.addSurvey(date: "2026-08-01", scores: Array(repeating: 2, count: 9))
        let activity = try fixture.addFacilitation(heldOn: "2026-05-05")
        try fixture.addFollowUp(facilitation: activity, doneOn: "2026-05-20")
        let village = try fixture.addVillage(code: "35.08.01.2005", name: "Tempursari")
        try fixture.addSubmission(village: village, document: "rkpdesa", fiscalYear: 2027, submittedOn: "2026-09-01")
        try TargetStore(fixture.database).set(.ikm, year: 2026, value: 80)
        return ["first": first, "second": second]
    }

    @Test func recomputingTwiceWithNoChangeGivesIdenticalFiguresAndDigest() throws {
        try seed()
        let recompute = YearEndRecompute(fixture.database)
        let first = try recompute.recompute(year: 2026)
        #expect(first.comparison == nil)
        #expect(first.contents.figures["ikm.value"] == .number(75))   // NRR 3 everywhere
        #expect(first.contents.figures["facilitation.value"] == .number(100))
        #expect(first.contents.counts["village_documents.expected"] == 3)
        #expect(first.contents.counts["ikm.respondents"] == 2)
        #expect(first.contents.inputs["survey_response"] == 2)
        #expect(first.snapshot.inputSHA256.count == 64)

        let second = try recompute.recompute(year: 2026)
        #expect(second.snapshot.id != first.snapshot.id)
        #expect(second.contents.figures == first.contents.figures)
        #expect(second.snapshot.inputSHA256 == first.snapshot.inputSHA256)
        let comparison = try #require(second.comparison)
        #expect(comparison.previous.id == first.snapshot.id)
        #expect(comparison.isUnchanged)
        #expect(comparison.previousReproduced)
    }

    @Test func afterACorrectionItNamesTheRecordAndTheFigureOldAndNew() throws {
        let ids = try seed()
        let recompute = YearEndRecompute(fixture.database)
        let before = try recompute.recompute(year: 2026)
        try fixture.correctSurvey(ids["second"]!, scores: Array(repeating: 3, count: 9))
        let after = try recompute.recompute(year: 2026)
        #expect(after.snapshot.inputSHA256 != before.snapshot.inputSHA256)
        let comparison = try #require(after.comparison)
        #expect(!comparison.isUnchanged)
        #expect(comparison.previousReproduced)

        let records = comparison.recordChanges
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.record == InputRecord(kind: .surveyResponse, key: String(ids["second"]!)))
        #expect(record.before?.version == 1)
        #expect(record.after?.version == 2)
        #expect(record.change?.action == "correct")
        #expect(record.change?.actor == "clerk")
        #expect(record.changedSincePrevious)

        let ikm = try #require(comparison.figureChanges.first { $0.name == "ikm.value" })
        #expect(ikm.old == .number(75))                      // (4 + 2) / 2 = 3 → 75
        #expect(ikm.new == .number(25 * 9 * 3.5 / 9))        // (4 + 3) / 2 = 3.5 → 87.5
        #expect(comparison.figureChanges.contains { $0.name == "ikm.capaian" })
        #expect(comparison.figureChanges.contains { $0.name == "ikm.mutu" && $0.new == .text("B") })
        #expect(!comparison.figureChanges.contains { $0.name.hasPrefix("facilitation") })
    }

    @Test func aVoidAndATargetChangeAreNamedToo() throws {
        let ids = try seed()
        let recompute = YearEndRecompute(fixture.database)
        _ = try recompute.recompute(year: 2026)
        try fixture.voidSurvey(ids["first"]!)
        try TargetStore(fixture.database).set(.ikm, year: 2026, value: 85)
        let comparison = try #require(try recompute.recompute(year: 2026).comparison)
        let voided = try #require(comparison.recordChanges.first { $0.record.kind == .surveyResponse })
        #expect(voided.after == nil)
        #expect(voided.change?.action == "void")
        let target = try #require(comparison.recordChanges.first { $0.record.kind == .targetSetting })
        #expect(target.record.key == "ikm 2026")
        #expect(target.change?.action == "set")
        #expect(comparison.figureChanges.contains { $0.name == "ikm.target" && $0.old == .number(80) && $0.new == .number(85) })
    }

    @Test func storedSnapshotsCanBeReadBackComparedAndVerified() throws {
        let ids = try seed()
        let recompute = YearEndRecompute(fixture.database)
        let first = try recompute.recompute(year: 2026)
        try fixture.correctSurvey(ids["first"]!, ["service": .text("Akta Kelahiran")])
        let second = try recompute.recompute(year: 2026)
        let snapshots = try SnapshotStore(fixture.database).list(year: 2026)
        #expect(snapshots.map(\.id) == [first.snapshot.id, second.snapshot.id])
        #expect(try SnapshotContents.decode(snapshots[1]) == second.contents)
        #expect(try recompute.reproduces(snapshots[0]))
        #expect(try recompute.reproduces(snapshots[1]))
        #expect(try recompute.comparison(of: snapshots[0]) == nil)
        let comparison = try #require(try recompute.comparison(of: snapshots[1]))
        #expect(comparison.figureChanges.isEmpty)                  // a service name is not a figure
        #expect(comparison.recordChanges.map(\.record.kind) == [.surveyResponse])
        #expect(comparison.digestChanged)
    }

    @Test func reportsCanBeRecomputedAsOfAnEarlierChange() throws {
        try seed()
        let builder = ReportBuilder(fixture.database)
        let then = try builder.report(for: try Period.year(2026))
        try fixture.addSurvey(date: "2026-09-09", scores: Array(repeating: 1, count: 9))
        try fixture.addFacilitation(heldOn: "2026-10-10")
        try DeadlineStore(fixture.database).set(.rkpdesa, fiscalYear: 2027, due: CalendarDate("2026-08-01"))
        let now = try builder.report(for: try Period.year(2026))
        #expect(now != then)
        let replay = try builder.report(for: try Period.year(2026), asOf: AsOf(lastChangeID: then.asOfChangeID))
        #expect(replay == then)
    }
}
