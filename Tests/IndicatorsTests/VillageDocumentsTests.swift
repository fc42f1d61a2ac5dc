import Foundation
import Testing
import Indicators
import Storage

@Suite("IKU 3: village documents on time")
struct VillageDocumentsTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
    }

    /// IKU 3 of `period` (default 2026) decided on `day` (default 2027-12-31, after every deadline
    /// of 2026, so the figures are final).
    func result(_ period: Period? = nil, on day: String = "2027-12-31") throws -> VillageDocumentsResult {
        try ReportBuilder(fixture.database).report(for: period ?? Period.year(2026), on: date(day)).villageDocuments
    }

    func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// Calendar year 2026 counts LPPDesa 2025 (due 2026-03-31), RKPDesa 2027 (2026-09-30) and
    /// APBDesa 2027 (2026-12-31). Tegalrejo is active throughout; Bulurejo has no dates;
    /// Purorejo joins on 2026-06-01; Tempurejo leaves on 2026-10-31; Kaliuling was voided.
    func seed() throws -> [String: Int64] {
        let tegalrejo = try fixture.addVillage(code: "35.08.01.2001", name: "Tegalrejo", activeFrom: "2020-01-01")
        let bulurejo = try fixture.addVillage(code: "35.08.01.2002", name: "Bulurejo")
        let purorejo = try fixture.addVillage(code: "35.08.01.2003", name: "Purorejo", activeFrom: "2026-06-01")
        let tempurejo = try fixture.addVillage(code: "35.08.01.2004", name: "Tempurejo", activeUntil: "2026-10-31")
        try fixture.addSubmission(village: tegalrejo, document: "lppdesa", fiscalYear: 2025, submittedOn: "2026-03-31")
        try fixture.addSubmission(village: tegalrejo, document: "rkpdesa", fiscalYear: 2027, submittedOn: "2026-09-15")
        try fixture.addSubmission(village: tegalrejo, document: "apbdesa", fiscalYear: 2027, submittedOn: "2027-01-02")
        try fixture.addSubmission(village: bulurejo, document: "lppdesa", fiscalYear: 2025, submittedOn: "2026-04-01")
        let bulurejoRKP = try fixture.addSubmission(village: bulurejo, document: "rkpdesa", fiscalYear: 2027,
                                                    submittedOn: "2026-10-01")
        try fixture.addSubmission(village: purorejo, document: "rkpdesa", fiscalYear: 2027, submittedOn: "2026-09-30")
        try fixture.addSubmission(village: purorejo, document: "apbdesa", fiscalYear: 2027, submittedOn: "2026-12-20")
        let tempurejoLPP = try fixture.addSubmission(village: tempurejo, document: "lppdesa", fiscalYear: 2025,
                                                     submittedOn: "2026-03-01")
        try fixture.addSubmission(village: tempurejo, document: "rkpdesa", fiscalYear: 2026, submittedOn: "2025-09-01")
        return ["tegalrejo": tegalrejo, "bulurejo": bulurejo, "purorejo": purorejo, "tempurejo": tempurejo,
                "bulurejoRKP": bulurejoRKP, "tempurejoLPP": tempurejoLPP]
    }

    @Test func countsTheDeadlinesInsideTheYearForTheVillagesActiveOnEach() throws {
        _ = try seed()
        let result = try result()
        #expect(result.deadlines.map(\.document) == [.lppdesa, .rkpdesa, .apbdesa])
        #expect(result.deadlines.map(\.fiscalYear) == [2025, 2027, 2027])
        #expect(result.deadlines.map(\.due) == [date("2026-03-31"), date("2026-09-30"), date("2026-12-31")])
        // LPPDesa: Tegalrejo, Bulurejo, Tempurejo (Purorejo not yet active) — 2 on time.
        // RKPDesa: all four — Tegalrejo and Purorejo on time. APBDesa: not Tempurejo — Purorejo on time.
        #expect(result.perDeadline.map(\.tally) == [DocumentTally(expected: 3, onTime: 2),
                                                    DocumentTally(expected: 4, onTime: 2),
                                                    DocumentTally(expected: 3, onTime: 1)])
        #expect(result.tally == DocumentTally(expected: 10, onTime: 5))
        #expect(result.figure.value == 50)
    }

    @Test func matrixShowsDaysEarlyLateMissingAndNotExpected() throws {
        _ = try seed()
        let rows = try result().villages
        #expect(rows.map(\.name) == ["Tegalrejo", "Bulurejo", "Purorejo", "Tempurejo"])
        let tegalrejo = rows[0].cells.map { $0?.daysLate }
        #expect(tegalrejo == [0, -15, 2])                       // deadline day, 15 days early, 2 days late
        #expect(rows[0].cells.map { $0?.isOnTime } == [true, true, false])
        #expect(rows[1].cells.map { $0?.daysLate } == [1, 1, nil])  // a day late twice, APBDesa missing
        #expect(rows[1].cells[2]?.isMissing == true)
        #expect(rows[1].cells[2]?.isOnTime == false)
        #expect(rows[2].cells[0] == nil)                        // Purorejo not active on 2026-03-31
        #expect(rows[3].cells[2] == nil)                        // Tempurejo gone by 2026-12-31
        #expect(rows[3].cells[1]?.isMissing == true)            // its RKPDesa 2026 is another year's
    }

    @Test func deadlineOverridesMoveTheDeadlineAndTheCount() throws {
        _ = try seed()
        let store = DeadlineStore(fixture.database)
        try store.set(.rkpdesa, fiscalYear: 2027, due: date("2026-10-15"))
        let later = try result()
        #expect(later.deadlines[1].due == date("2026-10-15"))
        if case .override(let stamp) = later.deadlines[1].basis { #expect(stamp.actor == "clerk") } else {
            Issue.record("the RKPDesa deadline should come from the override")
        }
        #expect(later.tally == DocumentTally(expected: 10, onTime: 6))   // Bulurejo's 2026-10-01 now on time

        try store.set(.apbdesa, fiscalYear: 2027, due: date("2027-01-31"))   // moves out of 2026
        let moved = try result()
        #expect(moved.deadlines.map(\.document) == [.lppdesa, .rkpdesa])
        #expect(moved.tally == DocumentTally(expected: 7, onTime: 5))
        let next = try result(try Period.year(2027))
        #expect(next.deadlines.contains { $0.document == .apbdesa && $0.fiscalYear == 2027 })

        try store.set(.apbdesa, fiscalYear: 2027, due: nil)                // back to the default
        #expect(try result().tally == DocumentTally(expected: 10, onTime: 6))
    }

    @Test func aQuarterWithNoDeadlineIsNotComputable() throws {
        _ = try seed()
        let second = try result(try Period.quarter(2, of: 2026))
        #expect(second.deadlines.isEmpty)
        #expect(second.figure.value == nil)
        #expect(second.figure.reason != nil)
        let first = try result(try Period.quarter(1, of: 2026))
        #expect(first.tally == DocumentTally(expected: 3, onTime: 2))
        #expect(abs(try #require(first.figure.value) - 200.0 / 3) < 1e-12)
    }

    @Test func voidedAndCorrectedSubmissionsCountByTheirLiveVersion() throws {
        let ids = try seed()
        try fixture.voidSubmission(ids["tempurejoLPP"]!)
        try fixture.correctSubmission(ids["bulurejoRKP"]!, ["submitted_on": .text("2026-09-29")])
        let result = try result()
        #expect(result.perDeadline.map(\.tally.onTime) == [1, 3, 1])
        #expect(result.villages[3].cells[0]?.isMissing == true)
    }

    @Test func aVillageActiveMidYearCountsOnlyDeadlinesAfterItJoined() throws {
        let village = try fixture.addVillage(code: "35.08.01.2007", name: "Kaliuling", activeFrom: "2026-07-01")
        try fixture.addSubmission(village: village, document: "rkpdesa", fiscalYear: 2027, submittedOn: "2026-09-01")
        try fixture.addSubmission(village: village, document: "apbdesa", fiscalYear: 2027, submittedOn: "2026-12-31")
        let result = try result()
        #expect(result.tally == DocumentTally(expected: 2, onTime: 2))
        #expect(result.figure.value == 100)
        #expect(result.villages[0].cells[0] == nil)
    }

    @Test func noActiveVillageIsNotComputable() throws {
        try fixture.addVillage(code: "35.08.01.2001", name: "Tegalrejo", activeUntil: "2025-12-31")
        let result = try result()
        #expect(result.tally.expected == 0)
        #expect(result.figure.value == nil)
    }
}
