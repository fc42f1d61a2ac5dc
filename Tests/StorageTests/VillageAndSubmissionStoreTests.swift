import Foundation
import Testing
@testable import Storage

@Suite("Village store")
struct VillageStoreTests {
    let fixture: RecordFixture
    var store: VillageStore { VillageStore(fixture.database) }

    init() throws {
        fixture = try RecordFixture()
    }

    @Test func addCorrectVoidKeepEveryVersionWithItsChange() throws {
        let id = try store.add(VillageInput(code: " 35.08.01.2005 ", name: "Tempursari", activeFrom: "2000-01-01"))
        let afterAdd = try fixture.asOfNow()
        #expect(try store.correct(id, VillageInput(name: "Tempur Sari", activeFrom: "")) == 2)
        #expect(try store.void(id, reason: "  entered by mistake ") == 3)

        let versions = try store.versions(of: id)
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions.map(\.change.action) == [.create, .correct, .void])
        #expect(versions.allSatisfy { $0.change.actor == "clerk" && $0.change.recordedAt == "2027-01-01T00:00:00.000Z" })
        #expect(versions[0].fields == Village(code: "35.08.01.2005", name: "Tempursari", activeFrom: CalendarDate("2000-01-01")))
        #expect(versions[1].fields == Village(code: "35.08.01.2005", name: "Tempur Sari"))
        #expect(versions[2].voided && versions[2].voidReason == "entered by mistake" && versions[2].fields == versions[1].fields)

        #expect(try store.show(id).voided)
        #expect(try store.show(id, asOf: afterAdd).fields.name == "Tempursari")
        #expect(try store.list().isEmpty)
        #expect(try store.list(includeVoided: true).map(\.id) == [id])
        #expect(try store.list(asOf: afterAdd).map(\.fields.name) == ["Tempursari"])
        #expect(try store.versions(of: id, asOf: afterAdd).count == 1)
    }

    @Test(arguments: [
        ("3508012005", "code"), ("35.08.01.205", "code"), ("35.08.02.2005", "code"), ("35.08.01.20O5", "code"),
    ])
    func refusesCodesOutsideTheKecamatanOrMisshapen(_ code: String, _ field: String) throws {
        #expect { try store.add(VillageInput(code: code, name: "X")) } throws: { ($0 as? InputError)?.field == field }
        #expect(try fixture.count("SELECT count(*) FROM village_versions") == 0)
    }

    @Test func refusesBadNamesAndPeriods() throws {
        #expect(throws: InputError(field: "name", value: " ", allowed: "text of 1 to 100 characters (it is required)")) {
            try store.add(VillageInput(code: "35.08.01.2005", name: " "))
        }
        #expect(throws: InputError.self) {
            try store.add(VillageInput(code: "35.08.01.2005", name: "T", activeFrom: "2020-01-01", activeUntil: "2019-12-31"))
        }
        #expect(throws: InputError.self) { try store.add(VillageInput(code: "35.08.01.2005", name: "T", activeFrom: "2021-02-29")) }
    }

    @Test func refusesADuplicateLiveCodeButReusesAVoidedOne() throws {
        let first = try fixture.addTempursari()
        let other = try store.add(VillageInput(code: "35.08.01.2001", name: "Tegalrejo"))
        let before = try fixture.snapshot()
        #expect(throws: StateError.self) { try store.add(VillageInput(code: "35.08.01.2005", name: "Again")) }
        #expect(throws: StateError.self) { try store.correct(other, VillageInput(code: "35.08.01.2005")) }
        #expect(try fixture.snapshot() == before)
        try store.void(first, reason: "wrong name")
        #expect(try store.add(VillageInput(code: "35.08.01.2005", name: "Tempursari")) > other)
    }

    @Test func refusesCorrectionsThatChangeNothingAndWritesToMissingOrVoidedRecords() throws {
        let id = try fixture.addTempursari()
        #expect(throws: StateError.self) { try store.correct(id, VillageInput(name: "Tempursari")) }
        #expect(throws: StateError.self) { try store.correct(99, VillageInput(name: "X")) }
        #expect(throws: StateError.self) { try store.void(99, reason: "x") }
        #expect(throws: StateError.self) { try store.show(99) }
        try store.void(id, reason: "x")
        #expect(throws: StateError.self) { try store.correct(id, VillageInput(name: "Y")) }
        #expect(throws: StateError.self) { try store.void(id, reason: "again") }
        #expect(throws: InputError.self) { try store.void(store.add(VillageInput(code: "35.08.01.2001", name: "T")), reason: " ") }
    }

    @Test func refusesVoidingAVillageWithLiveSubmissions() throws {
        let village = try fixture.addTempursari()
        let submission = try SubmissionStore(fixture.database).add(
            SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "2025-09-22"))
        #expect(throws: StateError.self) { try store.void(village, reason: "merged") }
        try SubmissionStore(fixture.database).void(submission, reason: "wrong village")
        #expect(try store.void(village, reason: "merged") == 2)
    }
}

@Suite("Submission store")
struct SubmissionStoreTests {
    let fixture: RecordFixture
    var store: SubmissionStore { SubmissionStore(fixture.database) }

    init() throws {
        fixture = try RecordFixture()
        try fixture.addTempursari()
        try VillageStore(fixture.database).add(VillageInput(code: "35.08.01.2001", name: "Tegalrejo"))
    }

    @Test func addsAndReadsBackEveryField() throws {
        let id = try store.add(SubmissionInput(village: "35.08.01.2005", document: "APBDesa", year: "2026", date: "2025-12-20",
                                               reference: "Perdes 7/2025", received: "2025-12-23", note: "lengkap"))
        let expected = Submission(villageID: 1, villageCode: "35.08.01.2005", document: .apbdesa, fiscalYear: 2026,
                                  date: CalendarDate("2025-12-20")!, reference: "Perdes 7/2025",
                                  received: CalendarDate("2025-12-23"), note: "lengkap")
        #expect(try store.show(id).fields == expected)
        #expect(try store.correct(id, SubmissionInput(note: "")) == 2)
        var cleared = expected
        cleared.note = nil
        #expect(try store.show(id).fields == cleared)
    }

    @Test func refusesASecondLiveSubmissionNamingTheFirst() throws {
        let first = try store.add(SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "2025-09-22"))
        let before = try fixture.snapshot()
        do {
            _ = try store.add(SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "2025-09-30"))
            Issue.record("a second live submission was accepted")
        } catch let error as StateError {
            #expect(error.message.contains("submission \(first)"))
            #expect(error.message.contains("iku submission correct \(first)"))
        }
        #expect(try fixture.snapshot() == before)
        let other = try store.add(SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2027", date: "2026-09-22"))
        #expect(throws: StateError.self) { try store.correct(other, SubmissionInput(year: "2026")) }
        try store.void(first, reason: "dated wrongly")
        #expect(try store.add(SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "2025-09-30")) > other)
    }

    @Test(arguments: [
        (SubmissionInput(village: "35.08.01.2099", document: "rkpdesa", year: "2026", date: "2025-09-22"), "village"),
        (SubmissionInput(village: "35.08.01.2005", document: "rpjmdesa", year: "2026", date: "2025-09-22"), "document"),
        (SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "1999", date: "2025-09-22"), "year"),
        (SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2101", date: "2025-09-22"), "year"),
        (SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "20x6", date: "2025-09-22"), "year"),
        (SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "2025-02-30"), "date"),
        (SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "22-09-2025"), "date"),
        (SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "2025-09-22", received: "2025-09-21"), "received"),
        (SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026"), "date"),
    ])
    func refusesBadInputNamingTheField(_ input: SubmissionInput, _ field: String) throws {
        let before = try fixture.snapshot()
        #expect { try store.add(input) } throws: { ($0 as? InputError)?.field == field }
        #expect(try fixture.snapshot() == before)
    }

    @Test func listsByYearVillageAndDocument() throws {
        let a = try store.add(SubmissionInput(village: "35.08.01.2005", document: "rkpdesa", year: "2026", date: "2025-09-22"))
        let b = try store.add(SubmissionInput(village: "35.08.01.2001", document: "rkpdesa", year: "2026", date: "2025-09-20"))
        let c = try store.add(SubmissionInput(village: "35.08.01.2005", document: "lppdesa", year: "2025", date: "2026-03-20"))
        #expect(try store.list().map(\.id) == [c, b, a])
        #expect(try store.list(SubmissionFilter(year: "2026", village: nil, document: nil)).map(\.id) == [b, a])
        #expect(try store.list(SubmissionFilter(year: nil, village: "35.08.01.2005", document: nil)).map(\.id) == [c, a])
        #expect(try store.list(SubmissionFilter(year: nil, village: nil, document: "LPPDESA")).map(\.id) == [c])
        #expect(throws: InputError.self) { try store.list(SubmissionFilter(year: nil, village: "35.08.01.2099", document: nil)) }
        #expect(throws: InputError.self) { try SubmissionFilter(year: "abc", village: nil, document: nil) }
    }
}
