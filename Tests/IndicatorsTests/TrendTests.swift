import Foundation
import Testing
import Indicators
import Storage

/// The trend from grouped aggregates equals, year by year, the years' own full reports.
@Suite("Trend from grouped aggregates")
struct TrendTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
    }

    /// 2022–2026: responses every year (some with an element unanswered), activities
    /// with and without follow-ups, three villages (one joining in 2024), documents on time,
    /// late and missing, a deadline override, and voids and corrections that move records
    /// between years.
    func seed() throws {
        let villages = [
            try fixture.addVillage(code: "35.08.01.2001", name: "A", activeFrom: "2020-01-01"),
            try fixture.addVillage(code: "35.08.01.2002", name: "B"),
            try fixture.addVillage(code: "35.08.01.2003", name: "C", activeFrom: "2024-06-01"),
        ]
        for (offset, year) in (2022...2026).enumerated() {
            let scores: [Int?] = year == 2023 ? [4, 3, 4, 4, 3, nil, 4, 3, 4] : [4, 3, 4, 4, 3, 4, 4, 3, 4]
            for day in 1...(3 + offset) {
                try fixture.addSurvey(date: String(format: "%d-%02d-%02d", year, 1 + day % 12, day), scores: scores)
            }
            try fixture.addSurveys(count: 10 + offset, date: "\(year)-06-15", sums: (0..<9).map { 20 + offset + $0 })
            let held = try fixture.addFacilitation(heldOn: "\(year)-03-10")
            try fixture.addFollowUp(facilitation: held, doneOn: "\(year)-03-20")
            try fixture.addFacilitation(heldOn: "\(year)-08-01")
            for (index, village) in villages.enumerated() where (year + index) % 3 != 0 {
                try fixture.addSubmission(village: village, document: "lppdesa", fiscalYear: year - 1,
                                          submittedOn: "\(year)-03-\(25 + index)")
                try fixture.addSubmission(village: village, document: "rkpdesa", fiscalYear: year + 1,
                                          submittedOn: "\(year)-09-\(28 + index)")
                if index != 1 {
                    try fixture.addSubmission(village: village, document: "apbdesa", fiscalYear: year + 1,
                                              submittedOn: "\(year)-12-\(20 + index * 5)")
                }
            }
        }
        let moved = try fixture.addSurvey(date: "2024-05-05", scores: Array(repeating: 1, count: 9))
        try fixture.correctSurvey(moved, ["survey_date": .text("2025-05-05")])
        let voided = try fixture.addSurvey(date: "2025-02-02", scores: Array(repeating: 1, count: 9))
        try fixture.voidSurvey(voided)
        let activity = try fixture.addFacilitation(heldOn: "2023-04-04")
        let followUp = try fixture.addFollowUp(facilitation: activity, doneOn: "2023-04-05")
        try fixture.voidFollowUp(followUp)
        let gone = try fixture.addFacilitation(heldOn: "2024-04-04")
        try fixture.voidFacilitation(gone)
        let late = try fixture.addSubmission(village: villages[1], document: "apbdesa", fiscalYear: 2025, submittedOn: "2024-12-30")
        try fixture.correctSubmission(late, ["submitted_on": .text("2025-01-10")])
        try DeadlineStore(fixture.database).set(.rkpdesa, fiscalYear: 2024, due: CalendarDate("2023-10-15")!)
    }

    func expectEqual(on day: String, including year: Int? = nil, asOf: AsOf = .now) throws {
        let builder = ReportBuilder(fixture.database)
        let decidedOn = CalendarDate(day)!
        let trend = try builder.trend(including: year, asOf: asOf, on: decidedOn)
        let reports = try builder.yearlyReports(including: year, asOf: asOf, on: decidedOn)
        #expect(trend.map(\.year) == reports.map(\.period.year))
        for (figures, report) in zip(trend, reports) {
            for key in IndicatorKey.allCases {
                #expect(figures.figure(key) == report.figure(key), "\(figures.year) \(key) on \(day)")
            }
        }
    }

    @Test func everyYearEqualsItsOwnReport() throws {
        try seed()
        try expectEqual(on: "2027-02-01")
        try expectEqual(on: "2026-07-01")                  // 2026 open: documents not yet due
        try expectEqual(on: "2027-02-01", including: 2029) // years without records
    }

    @Test func theFiguresAreTheRightOnesNotJustConsistent() throws {
        try seed()
        let trend = try ReportBuilder(fixture.database).trend(on: CalendarDate("2027-02-01")!)
        #expect(trend.map(\.year) == Array(2022...2026))
        #expect(trend.allSatisfy { $0.ikm.value != nil })
        #expect(trend[0].facilitation.value == 50)
        #expect(abs(try #require(trend[1].facilitation.value) - 100.0 / 3) < 1e-12) // the voided follow-up
        #expect(trend.allSatisfy { $0.villageDocuments.value != nil })
    }

    @Test func asOfAnEarlierChangeEqualsTheReportsThen() throws {
        try seed()
        let middle = fixture.lastChange / 2
        try expectEqual(on: "2025-01-01", asOf: AsOf(lastChangeID: middle))
    }

    @Test func nothingRecordedGivesNoYears() throws {
        #expect(try ReportBuilder(fixture.database).trend().isEmpty)
        #expect(try ReportBuilder(fixture.database).trend(including: 2026).map(\.year) == [2026])
    }

    /// Snapshots of 2022–2025 stored at year end (the clock reads 2026-01-01); which years the
    /// trend reads from them on `day`.
    func snapshotYears(on day: String = "2027-02-01") throws -> [Int] {
        let trend = try ReportBuilder(fixture.database).trend(on: CalendarDate(day)!)
        return trend.filter { $0.snapshotID != nil }.map(\.year)
    }

    @Test func closedYearsComeFromSnapshotsThatStillHoldAndEqualTheirReports() throws {
        try seed()
        for year in 2022...2025 { _ = try YearEndRecompute(fixture.database).recompute(year: year) }
        #expect(try snapshotYears() == [2022, 2023, 2024, 2025])
        try expectEqual(on: "2027-02-01")
        // A year still open on the report's day is computed, whatever its snapshot.
        #expect(try snapshotYears(on: "2025-06-01") == [2022, 2023, 2024])

        try TargetStore(fixture.database).set(.ikm, year: 2023, value: 80)       // no trend figure changes
        #expect(try snapshotYears() == [2022, 2023, 2024, 2025])

        let responses = try fixture.connection.prepare(
            "SELECT response_id FROM survey_response_versions WHERE survey_date LIKE '2023-%' LIMIT 1").first { $0.int64(0) }
        try fixture.correctSurvey(try #require(responses), ["survey_date": .text("2024-02-02")])  // moves 2023 → 2024
        #expect(try snapshotYears() == [2022, 2025])
        try expectEqual(on: "2027-02-01")

        let activity = try #require(try fixture.connection.prepare(
            "SELECT facilitation_id FROM facilitation_versions WHERE held_on = '2022-08-01'").first { $0.int64(0) })
        try fixture.addFollowUp(facilitation: activity, doneOn: "2022-09-01")                 // 2022's IKU 2 changes
        #expect(try snapshotYears() == [2025])
        try expectEqual(on: "2027-02-01")

        for year in 2022...2025 { _ = try YearEndRecompute(fixture.database).recompute(year: year) }
        #expect(try snapshotYears() == [2022, 2023, 2024, 2025])
        try DeadlineStore(fixture.database).set(.lppdesa, fiscalYear: 2022, due: CalendarDate("2023-04-30")!)
        #expect(try snapshotYears().isEmpty)                                              // a deadline: every year
        try expectEqual(on: "2027-02-01")
        // As of before the snapshots were stored, none is read.
        #expect(try ReportBuilder(fixture.database).trend(asOf: AsOf(lastChangeID: 10), on: CalendarDate("2027-02-01")!)
            .allSatisfy { $0.snapshotID == nil })
    }
}
