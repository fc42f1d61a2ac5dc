import Foundation
import Testing
import Indicators
import Storage

@Suite("Recorded years, yearly reports, target verdicts and mutu limits")
struct RecordedYearsTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
    }

    @Test func anEmptyDatabaseHasNoYears() throws {
        #expect(try RecordedYears(fixture.database).range() == nil)
        #expect(try ReportBuilder(fixture.database).yearlyReports().isEmpty)
    }

    @Test func yearsSpanSurveysActivitiesAndDocumentDatesNotFiscalYears() throws {
        try fixture.addSurvey(date: "2025-03-01", scores: Array(repeating: 3, count: 9))
        let afterSurvey = fixture.lastChange
        try fixture.addFacilitation(heldOn: "2026-02-01")
        let village = try fixture.addVillage(code: "35.08.01.2001", name: "Tegalrejo")
        // RKPDesa for fiscal year 2028 is adopted (and counted) in 2027.
        try fixture.addSubmission(village: village, document: "rkpdesa", fiscalYear: 2028, submittedOn: "2027-09-01")
        let years = RecordedYears(fixture.database)
        #expect(try years.range() == 2025...2027)
        #expect(try years.range(asOf: AsOf(lastChangeID: afterSurvey)) == 2025...2025)
    }

    @Test func voidedAndCorrectedRecordsCountByTheirLatestVersion() throws {
        let early = try fixture.addSurvey(date: "2023-05-05", scores: Array(repeating: 4, count: 9))
        let moved = try fixture.addSurvey(date: "2024-05-05", scores: Array(repeating: 4, count: 9))
        try fixture.addSurvey(date: "2025-05-05", scores: Array(repeating: 4, count: 9))
        let beforeChanges = fixture.lastChange
        try fixture.voidSurvey(early)
        try fixture.correctSurvey(moved, ["survey_date": .text("2026-01-02")])
        let years = RecordedYears(fixture.database)
        #expect(try years.range() == 2025...2026)
        #expect(try years.range(asOf: AsOf(lastChangeID: beforeChanges)) == 2023...2025)
    }

    @Test func yearlyReportsCoverEveryRecordedYearAndTheReportingYearAsOfOneChange() throws {
        try fixture.addSurveys(count: 4, date: "2024-06-01", sums: Array(repeating: 12, count: 9))
        try fixture.addSurveys(count: 4, date: "2026-06-01", sums: Array(repeating: 16, count: 9))
        let pinned = fixture.lastChange
        try fixture.addSurveys(count: 4, date: "2027-06-01", sums: Array(repeating: 8, count: 9))
        let builder = ReportBuilder(fixture.database)

        let reports = try builder.yearlyReports(asOf: AsOf(lastChangeID: pinned))
        #expect(reports.map(\.period.year) == [2024, 2025, 2026])
        #expect(reports.map(\.asOfChangeID) == [pinned, pinned, pinned])
        #expect(reports.map(\.ikm.figure.value) == [75, nil, 100])
        #expect(reports[1].ikm.figure.reason != nil)
        var calls: [[Int]] = []
        _ = try builder.yearlyReports(asOf: AsOf(lastChangeID: pinned)) { calls.append([$0, $1, $2]) }
        #expect(calls == [[2024, 0, 3], [2025, 1, 3], [2026, 2, 3]])

        #expect(try builder.yearlyReports(including: 2029, asOf: AsOf(lastChangeID: pinned)).map(\.period.year)
            == [2024, 2025, 2026, 2027, 2028, 2029])
        #expect(try builder.yearlyReports(including: 2025).map(\.period.year) == [2024, 2025, 2026, 2027])
        #expect(try builder.yearlyReports().last?.ikm.figure.value == 50)
    }

    /// SPEC.md's published NRR give IKM 87.2777…, shown as 87.28.
    @Test(arguments: [(87.28, true), (87.27, true), (87.29, false), (90, false)])
    func targetIsMetWhenTheRoundedValueReachesIt(_ target: Double, _ met: Bool) throws {
        try fixture.addSurveys(count: 100, date: "2026-02-02", sums: [331, 335, 349, 393, 345, 339, 339, 376, 335])
        try TargetStore(fixture.database).set(.ikm, year: 2026, value: target)
        let achievement = try ReportBuilder(fixture.database).report(for: .year(2026)).ikm.achievement
        #expect(achievement.isMet == met)
        #expect(achievement.target == target)
    }

    @Test func targetVerdictNeedsATargetAndAFigure() throws {
        try TargetStore(fixture.database).set(.facilitation, year: 2026, value: 80)
        let report = try ReportBuilder(fixture.database).report(for: .year(2026))
        #expect(report.facilitation.achievement.isMet == nil)   // no activity held: not computable
        try fixture.addFacilitation(heldOn: "2026-03-03")
        #expect(try ReportBuilder(fixture.database).report(for: .year(2026)).ikm.achievement.isMet == nil)
    }

    @Test func mutuLimitsInNITermsAreTheIKMLimitsOverTwentyFive() {
        #expect(Mutu.allCases.map(\.lowestNI) == [3.5324, 3.0644, 2.60, 1.00])
        for mutu in [Mutu.a, .b, .c] {
            #expect(Mutu(ikm: mutu.lowestNI * 25) == mutu)
            #expect(Mutu(ikm: mutu.lowestNI * 25 - 0.01) != mutu)
        }
    }
}
