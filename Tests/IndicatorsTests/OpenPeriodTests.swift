import Foundation
import Testing
import Indicators
import Storage

/// SPEC.md "Open periods": before some of a period's deadlines have passed, a document whose
/// deadline is still ahead and that has not come in is not yet due (out of numerator and
/// denominator, counted apart); one already in counts at once; passed deadlines count as always.
@Suite("IKU 3 in open periods")
struct OpenPeriodTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
    }

    func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    func result(_ period: Period, on day: String) throws -> VillageDocumentsResult {
        try ReportBuilder(fixture.database).report(for: period, on: date(day)).villageDocuments
    }

    /// Three villages. LPPDesa 2025 (due 2026-03-31): A on time, B late, C missing.
    /// RKPDesa 2027 (due 2026-09-30): A in early on 2026-06-01. APBDesa 2027 (due 2026-12-31): none.
    func seed() throws {
        let a = try fixture.addVillage(code: "35.08.01.2001", name: "A", activeFrom: "2020-01-01")
        let b = try fixture.addVillage(code: "35.08.01.2002", name: "B", activeFrom: "2020-01-01")
        try fixture.addVillage(code: "35.08.01.2003", name: "C", activeFrom: "2020-01-01")
        try fixture.addSubmission(village: a, document: "lppdesa", fiscalYear: 2025, submittedOn: "2026-03-20")
        try fixture.addSubmission(village: b, document: "lppdesa", fiscalYear: 2025, submittedOn: "2026-04-05")
        try fixture.addSubmission(village: a, document: "rkpdesa", fiscalYear: 2027, submittedOn: "2026-06-01")
    }

    @Test func aDocumentDueLaterAndNotInIsNotYetDueAndLeftOutOfBoth() throws {
        try seed()
        let open = try result(try Period.year(2026), on: "2026-06-15")
        #expect(open.isOpen)
        #expect(open.decidedOn == date("2026-06-15"))
        // LPPDesa: 3 decided, 1 on time. RKPDesa: A in early (on time), B and C not yet due.
        // APBDesa: all three not yet due.
        #expect(open.perDeadline.map(\.tally) == [DocumentTally(expected: 3, onTime: 1, notYetDue: 0),
                                                  DocumentTally(expected: 1, onTime: 1, notYetDue: 2),
                                                  DocumentTally(expected: 0, onTime: 0, notYetDue: 3)])
        #expect(open.tally == DocumentTally(expected: 4, onTime: 2, notYetDue: 5))
        #expect(open.figure.value == 50)
        let b = open.villages[1].cells
        #expect(b[1]?.isNotYetDue == true && b[1]?.isMissing == false && b[1]?.isOnTime == false)
        #expect(b[2]?.isNotYetDue == true)
    }

    @Test func aDocumentInEarlyCountsAtOnceOnTime() throws {
        try seed()
        let open = try result(try Period.year(2026), on: "2026-06-15")
        let a = try #require(open.villages.first { $0.name == "A" })
        #expect(a.cells[1]?.isNotYetDue == false)
        #expect(a.cells[1]?.isOnTime == true)
        #expect(a.cells[1]?.daysLate == -121)
    }

    @Test func aPassedDeadlineWithTheDocumentMissingIsNotOnTime() throws {
        try seed()
        let open = try result(try Period.year(2026), on: "2026-06-15")
        let c = try #require(open.villages.first { $0.name == "C" })
        #expect(c.cells[0]?.isMissing == true)
        #expect(c.cells[0]?.isNotYetDue == false)
        #expect(c.cells[0]?.isOnTime == false)
        // On the deadline day itself the deadline has passed (the as-of day stands for its end).
        let onTheDay = try result(try Period.year(2026), on: "2026-03-31")
        #expect(onTheDay.perDeadline[0].tally == DocumentTally(expected: 3, onTime: 1, notYetDue: 0))
        let dayBefore = try result(try Period.year(2026), on: "2026-03-30")
        #expect(dayBefore.perDeadline[0].tally == DocumentTally(expected: 2, onTime: 1, notYetDue: 1))
    }

    @Test func aClosedPeriodIsUnchanged() throws {
        try seed()
        let closed = try result(try Period.year(2026), on: "2027-01-01")
        #expect(!closed.isOpen)
        #expect(closed.tally == DocumentTally(expected: 9, onTime: 2, notYetDue: 0))
        #expect(closed.villages.allSatisfy { $0.cells.allSatisfy { $0?.isNotYetDue == false } })
        // The last deadline day already gives the final figure, and later days never change it.
        for day in ["2026-12-31", "2030-06-30"] {
            let later = try result(try Period.year(2026), on: day)
            #expect(!later.isOpen)
            #expect(later.tally == closed.tally && later.figure == closed.figure && later.villages == closed.villages)
        }
    }

    @Test func aQuarterCountsOnlyItsDecidedDeadlines() throws {
        try seed()
        let third = try result(try Period.quarter(3, of: 2026), on: "2026-08-01")
        #expect(third.isOpen)
        #expect(third.tally == DocumentTally(expected: 1, onTime: 1, notYetDue: 2))
        #expect(third.figure.value == 100)
        let first = try result(try Period.quarter(1, of: 2026), on: "2026-08-01")
        #expect(!first.isOpen)
        #expect(first.tally == DocumentTally(expected: 3, onTime: 1, notYetDue: 0))
        // Nothing decided yet: not computable, saying up to which day.
        let fourth = try result(try Period.quarter(4, of: 2026), on: "2026-10-10")
        #expect(fourth.tally == DocumentTally(expected: 0, onTime: 0, notYetDue: 3))
        #expect(fourth.figure.value == nil)
        #expect(fourth.figure.reason?.contains("sampai dengan 2026-10-10") == true)
    }

    @Test func withoutADayTheReportDecidesOnTodayOfTheDatabaseClock() throws {
        try seed()
        let today = try fixture.database.officeCalendar().today
        #expect(today == date("2026-01-01"))
        let report = try ReportBuilder(fixture.database).report(for: try Period.year(2026))
        #expect(report.villageDocuments.decidedOn == today)
        #expect(report.villageDocuments == (try result(try Period.year(2026), on: "2026-01-01")))
    }
}
