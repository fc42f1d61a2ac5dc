import Foundation
import Testing
import Indicators
import Storage

@Suite("IKU 2: facilitation followed up")
struct FacilitationTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
    }

    func result(followUpBy: String? = nil, period: Period? = nil) throws -> FacilitationResult {
        try ReportBuilder(fixture.database).report(
            for: period ?? Period.year(2026), followUpBy: followUpBy.flatMap(CalendarDate.init)).facilitation
    }

    /// Four live activities in 2026: one followed up in February, one in April, one never, and
    /// one whose only follow-up was voided; plus one outside the year and one voided.
    func seed() throws -> [String: Int64] {
        let early = try fixture.addFacilitation(heldOn: "2026-02-10", kind: "fasilitasi", section: "Pemerintahan")
        try fixture.addFollowUp(facilitation: early, doneOn: "2026-02-20")
        let late = try fixture.addFacilitation(heldOn: "2026-03-01", kind: "koordinasi", section: "Kesra")
        try fixture.addFollowUp(facilitation: late, doneOn: "2026-04-15")
        let never = try fixture.addFacilitation(heldOn: "2026-05-01", kind: "koordinasi", section: "Kesra")
        let voidedFollowUp = try fixture.addFacilitation(heldOn: "2026-07-01", kind: "fasilitasi", section: nil)
        try fixture.voidFollowUp(try fixture.addFollowUp(facilitation: voidedFollowUp, doneOn: "2026-07-02"))
        let lastYear = try fixture.addFacilitation(heldOn: "2025-12-30")
        try fixture.addFollowUp(facilitation: lastYear, doneOn: "2026-01-05")
        let voided = try fixture.addFacilitation(heldOn: "2026-06-01")
        try fixture.addFollowUp(facilitation: voided, doneOn: "2026-06-02")
        try fixture.voidFacilitation(voided)
        return ["early": early, "late": late, "never": never, "voidedFollowUp": voidedFollowUp]
    }

    @Test func countsHeldAndFollowedUp() throws {
        let ids = try seed()
        let result = try result()
        #expect(result.tally == FacilitationTally(held: 4, followedUp: 2))
        #expect(result.figure.value == 50)
        #expect(result.pending.map(\.facilitationID) == [ids["never"], ids["voidedFollowUp"]])
        #expect(result.byKind.map(\.key) == ["fasilitasi", "koordinasi"])
        #expect(result.byKind.map(\.tally) == [FacilitationTally(held: 2, followedUp: 1),
                                               FacilitationTally(held: 2, followedUp: 1)])
        #expect(result.bySection.map(\.key) == ["Kesra", "Pemerintahan", nil])
        #expect(result.bySection.map(\.tally) == [FacilitationTally(held: 2, followedUp: 1),
                                                  FacilitationTally(held: 1, followedUp: 1),
                                                  FacilitationTally(held: 1, followedUp: 0)])
    }

    @Test func followUpByCountsOnlyFollowUpsDatedOnOrBeforeIt() throws {
        let ids = try seed()
        let march = try result(followUpBy: "2026-03-31")
        #expect(march.tally == FacilitationTally(held: 4, followedUp: 1))
        #expect(march.figure.value == 25)
        #expect(march.pending.map(\.facilitationID) == [ids["late"], ids["never"], ids["voidedFollowUp"]])
        let onTheDay = try result(followUpBy: "2026-04-15")
        #expect(onTheDay.tally.followedUp == 2)
        let dayBefore = try result(followUpBy: "2026-04-14")
        #expect(dayBefore.tally.followedUp == 1)
    }

    @Test func noActivityIsNotComputable() throws {
        try fixture.addFacilitation(heldOn: "2025-05-05")
        let result = try result()
        #expect(result.tally.held == 0)
        #expect(result.figure.value == nil)
        #expect(result.figure.reason != nil)
    }

    @Test func quarterCountsActivitiesHeldInIt() throws {
        _ = try seed()
        let first = try result(period: try Period.quarter(1, of: 2026))
        #expect(first.tally == FacilitationTally(held: 2, followedUp: 2))
        #expect(first.figure.value == 100)
    }

    @Test func targetGivesCapaian() throws {
        _ = try seed()
        try TargetStore(fixture.database).set(.facilitation, year: 2026, value: 80)
        let result = try result()
        #expect(result.achievement.target == 80)
        #expect(result.achievement.capaian == 62.5)
    }
}
