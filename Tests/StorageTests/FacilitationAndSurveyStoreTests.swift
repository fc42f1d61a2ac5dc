import Foundation
import Testing
@testable import Storage

@Suite("Facilitation store")
struct FacilitationStoreTests {
    let fixture: RecordFixture
    var store: FacilitationStore { FacilitationStore(fixture.database) }

    init() throws {
        fixture = try RecordFixture()
    }

    func addActivity(_ date: String = "2026-02-03") throws -> Int64 {
        try store.add(FacilitationInput(date: date, kind: "koordinasi", institution: "Puskesmas", subject: "Stunting",
                                        section: "Kesra"))
    }

    @Test func followUpsCountPerActivityAsOfAChange() throws {
        let held = try addActivity()
        let pending = try addActivity("2026-04-01")
        let beforeFollowUp = try fixture.asOfNow()
        let followUp = try store.addFollowUp(to: held, FollowUpInput(date: "2026-02-03", action: "Surat edaran", evidence: "400/12"))
        #expect(try store.showFollowUp(followUp).fields == FollowUp(facilitationID: held, date: CalendarDate("2026-02-03")!,
                                                                        action: "Surat edaran", evidence: "400/12"))
        #expect(try store.list().map { [$0.activity.id, Int64($0.followUpCount)] } == [[held, 1], [pending, 0]])
        #expect(try store.list(FacilitationFilter(pendingOnly: true)).map(\.activity.id) == [pending])
        #expect(try store.list(FacilitationFilter(year: 2025)).isEmpty)
        #expect(try store.list(asOf: beforeFollowUp).map(\.followUpCount) == [0, 0])

        try store.voidFollowUp(followUp, reason: "wrong activity")
        #expect(try store.list(FacilitationFilter(pendingOnly: true)).map(\.activity.id) == [held, pending])
        #expect(try store.followUps(of: held).map(\.voided) == [true])
        #expect(try store.followUps(of: held, includeVoided: false).isEmpty)
        #expect(try store.followUpVersions(of: followUp).map(\.change.action) == [.create, .void])
    }

    @Test func refusesFollowUpsBeforeTheActivityOrOfMissingOrVoidedActivities() throws {
        let held = try addActivity()
        let voided = try addActivity()
        try store.void(voided, reason: "duplicate")
        let before = try fixture.snapshot()
        #expect { try store.addFollowUp(to: held, FollowUpInput(date: "2026-02-02", action: "x")) }
            throws: { ($0 as? InputError)?.field == "date" }
        #expect { try store.addFollowUp(to: 99, FollowUpInput(date: "2026-02-05", action: "x")) }
            throws: { ($0 as? StateError)?.message.contains("no facilitation 99") == true }
        #expect { try store.addFollowUp(to: voided, FollowUpInput(date: "2026-02-05", action: "x")) }
            throws: { ($0 as? StateError)?.message.contains("voided") == true }
        #expect(throws: InputError.self) { try store.addFollowUp(to: held, FollowUpInput(date: "2026-02-05", action: " ")) }
        #expect(try fixture.snapshot() == before)
    }

    @Test func keepsActivityAndFollowUpDatesConsistentThroughCorrections() throws {
        let held = try addActivity()
        let followUp = try store.addFollowUp(to: held, FollowUpInput(date: "2026-02-10", action: "Rapat lanjutan"))
        #expect(throws: InputError.self) { try store.correct(held, FacilitationInput(date: "2026-02-11")) }
        #expect(throws: InputError.self) { try store.correctFollowUp(followUp, FollowUpInput(date: "2026-02-01")) }
        #expect(try store.correct(held, FacilitationInput(date: "2026-02-10", section: "")) == 2)
        #expect(try store.show(held).fields.section == nil)
        #expect(try store.correctFollowUp(followUp, FollowUpInput(evidence: "BA 12")) == 2)
        #expect(try store.versions(of: held).map(\.fields.date.description) == ["2026-02-03", "2026-02-10"])
    }

    @Test(arguments: [
        (FacilitationInput(date: "2026-02-03", kind: "rapat", institution: "Puskesmas", subject: "S"), "kind"),
        (FacilitationInput(date: "2026-13-03", kind: "fasilitasi", institution: "Puskesmas", subject: "S"), "date"),
        (FacilitationInput(date: "2026-02-03", kind: "fasilitasi", institution: "", subject: "S"), "institution"),
        (FacilitationInput(date: "2026-02-03", kind: "fasilitasi", institution: "P", subject: String(repeating: "s", count: 501)), "subject"),
        (FacilitationInput(date: "2026-02-03", kind: "fasilitasi", institution: "P"), "subject"),
    ])
    func refusesBadActivities(_ input: FacilitationInput, _ field: String) throws {
        #expect { try store.add(input) } throws: { ($0 as? InputError)?.field == field }
        #expect(try fixture.count("SELECT count(*) FROM changes") == 1)
    }
}

@Suite("Survey response store")
struct SurveyResponseStoreTests {
    let fixture: RecordFixture
    var store: SurveyResponseStore { SurveyResponseStore(fixture.database) }

    init() throws {
        fixture = try RecordFixture()
    }

    @Test func storesUnansweredElementsAsAbsentAndNormalisesClosedSets() throws {
        let id = try store.add(SurveyResponseInput(date: "2026-03-02", service: " KTP ", scores: "4,3,-,4, 3,4,4,,4",
                                                   gender: "p", age: "34", education: "d4/s1", occupation: "wirausaha",
                                                   suggestion: "Antrean \"lama\", mohon cepat"))
        let response = try store.show(id).fields
        #expect(response == SurveyResponse(date: CalendarDate("2026-03-02")!, service: "KTP",
                                           scores: [4, 3, nil, 4, 3, 4, 4, nil, 4], gender: .p, age: 34,
                                           education: .d4s1, occupation: .wirausaha,
                                           suggestion: "Antrean \"lama\", mohon cepat"))
        #expect(try fixture.count("SELECT count(*) FROM survey_response_versions WHERE u3 IS NULL AND u8 IS NULL") == 1)
    }

    @Test(arguments: [
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "5,3,4,4,3,4,4,3,4"), "scores U1"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,0,4,3,4,4,3,4"), "scores U3"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,x"), "scores U9"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,3.5"), "scores U9"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3"), "scores"),
        (SurveyResponseInput(date: "2025-02-29", service: "KTP", scores: "4,3,4,4,3,4,4,3,4"), "date"),
        (SurveyResponseInput(date: "1999-12-31", service: "KTP", scores: "4,3,4,4,3,4,4,3,4"), "date"),
        (SurveyResponseInput(date: "2026-03-02", service: "", scores: "4,3,4,4,3,4,4,3,4"), "service"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,4", gender: "X"), "gender"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,4", age: "9"), "age"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,4", age: "121"), "age"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,4", age: "-3"), "age"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,4", education: "SLTA"), "education"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,4", occupation: "PETANI"), "occupation"),
        (SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,3,4,4,3,4,4,3,4",
                             suggestion: String(repeating: "é", count: 2001)), "suggestion"),
    ])
    func refusesBadInputNamingTheField(_ input: SurveyResponseInput, _ field: String) throws {
        #expect { try store.add(input) } throws: { ($0 as? InputError)?.field == field }
        #expect(try fixture.count("SELECT count(*) FROM changes") == 1)
    }

    @Test func correctsVoidsAndListsAsOfAChange() throws {
        let ktp = try store.add(SurveyResponseInput(date: "2026-03-02", service: "KTP", scores: "4,4,4,4,4,4,4,4,4"))
        let kk = try store.add(SurveyResponseInput(date: "2025-12-30", service: "KK", scores: "3,3,3,3,3,3,3,3,3", age: "40"))
        let beforeCorrection = try fixture.asOfNow()
        #expect(try store.correct(kk, SurveyResponseInput(scores: "3,3,3,3,3,3,3,3,-", age: "")) == 2)
        #expect(try store.void(ktp, reason: "entered twice") == 2)

        #expect(try store.list().map(\.id) == [kk])
        #expect(try store.list(SurveyFilter(includeVoided: true)).map(\.id) == [kk, ktp])
        #expect(try store.list(SurveyFilter(year: "2026", service: nil, includeVoided: true)).map(\.id) == [ktp])
        #expect(try store.list(SurveyFilter(service: "kk")).map(\.id) == [kk])
        let old = try store.list(asOf: beforeCorrection)
        #expect(old.map(\.id) == [kk, ktp])
        #expect(old[0].fields.age == 40 && old[0].fields.scores[8] == 3)
        let current = try store.show(kk).fields
        #expect(current.age == nil && current.scores[8] == nil)
        #expect(try store.versions(of: kk).map(\.change.action) == [.create, .correct])
        #expect(throws: StateError.self) { try store.correct(ktp, SurveyResponseInput(age: "30")) }
        #expect(throws: StateError.self) { try store.correct(42, SurveyResponseInput(age: "30")) }
    }
}
