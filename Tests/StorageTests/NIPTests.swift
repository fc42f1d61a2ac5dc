import Foundation
import Testing
@testable import Storage

@Suite("NIP")
struct NIPTests {
    @Test(arguments: ["19660228 199203 1 012", "196602281992031012", "  19660228199203 1 012 ", "19660228  199203 1012"])
    func readsWithOrWithoutSpacesAndPrintsAsOfficialDocumentsDo(_ text: String) throws {
        let nip = try NIP(text)
        #expect(nip.formatted == "19660228 199203 1 012")
        #expect(nip.digits == "196602281992031012")
        #expect(nip.birthDate == CalendarDate(year: 1966, month: 2, day: 28))
        #expect(nip.appointmentYear == 1992 && nip.appointmentMonth == 3)
        #expect(nip.genderDigit == 1 && nip.sequence == 12)
        #expect("\(nip)" == "19660228 199203 1 012")
    }

    @Test(arguments: [
        "19640229 198803 2 001",   // a leap day, a woman
        "19700512 198806 1 999",   // the highest sequence number
        "19700512 198805 1 001",   // appointed in the month of the 18th birthday
        "19991231 202501 2 100",
    ])
    func acceptsEveryValidPart(_ text: String) throws {
        #expect(try NIP(text).formatted == text)
    }

    /// Each refusal names the field, the NIP as given and the part that is wrong.
    @Test(arguments: [
        ("19661328 199203 1 012", "the birth date (digits 1-8, YYYYMMDD) 19661328 is not a real date"),
        ("19650229 199203 1 012", "the birth date (digits 1-8, YYYYMMDD) 19650229 is not a real date"),
        ("19660200 199203 1 012", "the birth date (digits 1-8, YYYYMMDD) 19660200 is not a real date"),
        ("18991231 199203 1 012", "the birth date (digits 1-8, YYYYMMDD) 18991231 is before 1900"),
        ("19660228 199213 1 012", "the appointment (digits 9-14, YYYYMM) 199213 is not a real month"),
        ("19660228 199200 1 012", "the appointment (digits 9-14, YYYYMM) 199200 is not a real month"),
        ("19660228 196001 1 012", "the appointment (digits 9-14, YYYYMM) 196001 is not after the birth date 1966-02-28"),
        ("19660228 196602 1 012", "the appointment (digits 9-14, YYYYMM) 196602 is not after the birth date 1966-02-28"),
        ("19660228 198401 1 012", "the appointment (digits 9-14, YYYYMM) 198401 is before the holder's 18th birthday"),
        ("19660228 199203 3 012", "the gender digit (digit 15) 3 must be 1 (male) or 2 (female)"),
        ("19660228 199203 0 012", "the gender digit (digit 15) 0 must be 1 (male) or 2 (female)"),
        ("19660228 199203 1 000", "the sequence number (digits 16-18) 000 must be 001 to 999"),
        ("19660228 199203 1 01", "a NIP is 18 digits (YYYYMMDD YYYYMM G NNN), this has 17"),
        ("19660228 199203 1 0123", "a NIP is 18 digits (YYYYMMDD YYYYMM G NNN), this has 19"),
        ("19660228-199203-1-012", "only digits and spaces"),
        ("１９６６０２２８１９９２０３１０１２", "only digits and spaces"),
        ("", "a NIP is 18 digits (YYYYMMDD YYYYMM G NNN), this has 0"),
    ])
    func refusesABadPartNamingIt(_ text: String, _ reason: String) {
        do {
            _ = try NIP(text, field: "head-nip")
            Issue.record("accepted \(text)")
        } catch let error as InputError {
            #expect(error.field == "head-nip")
            #expect(error.value == text)
            #expect(error.description.hasPrefix("head-nip: \"\(text)\" is not allowed; "), "\(error)")
            #expect(error.allowed.contains(reason), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func anAppointmentAfterTodayIsRefusedWhenTodayIsKnown() throws {
        let today = CalendarDate(year: 2026, month: 12, day: 2)!
        #expect(try NIP("19990101 202612 1 001", today: today).appointmentMonth == 12)
        #expect(throws: InputError(field: "head-nip", value: "19990101 202701 1 001",
                                   allowed: "the appointment (digits 9-14, YYYYMM) 202701 is after today (2026-12-02)")) {
            try NIP("19990101 202701 1 001", field: "head-nip", today: today)
        }
        #expect(try NIP("19990101 202701 1 001").appointmentYear == 2027)
    }

    @Test func theIssuesExampleReadsAsWritten() {
        #expect(throws: InputError(field: "head-nip", value: "19661328 199203 1 012",
                                   allowed: "the birth date (digits 1-8, YYYYMMDD) 19661328 is not a real date")) {
            try NIP("19661328 199203 1 012", field: "head-nip")
        }
    }

    @Test func officeSettingsStoreTheNIPInItsPrintedFormAndRefuseABadOne() throws {
        let fixture = try RecordFixture()
        let store = OfficeSettingsStore(fixture.database)
        try store.set([(.headNIP, "196602281992031012")])
        #expect(try store.value(.headNIP) == "19660228 199203 1 012")
        let before = try fixture.count("SELECT count(*) FROM changes")
        #expect(throws: InputError.self) { try store.set([(.headName, "Drs. Baru"), (.headNIP, "19660228 199203 3 012")]) }
        // The same NIP spaced differently changes nothing.
        #expect(throws: StateError.self) { try store.set([(.headNIP, "19660228 199203 1012")]) }
        #expect(try fixture.count("SELECT count(*) FROM changes") == before)
        #expect(try store.value(.headName) == nil)
    }
}

@Suite("Regency names")
struct RegencyNamesTests {
    @Test func knowsEveryKabupatenAndKotaOfJawaTimur() {
        #expect(RegencyNames.codes.count == 38)   // 29 kabupaten and 9 kota
        #expect(RegencyNames.codes.filter { $0.hasPrefix("35.7") }.count == 9)
        #expect(RegencyNames.name(forCode: "35.08") == "Kabupaten Lumajang")
        #expect(RegencyNames.name(forCode: "35.08.01") == "Kabupaten Lumajang")
        #expect(RegencyNames.name(forCode: "35.08.01.2005") == "Kabupaten Lumajang")
        #expect(RegencyNames.name(forCode: "35.73.01") == "Kota Malang")
        #expect(RegencyNames.name(forCode: "35.07.01") == "Kabupaten Malang")
        #expect(RegencyNames.name(forCode: "35.78.01") == "Kota Surabaya")
        #expect(RegencyNames.name(forCode: "35.29.01") == "Kabupaten Sumenep")
        #expect(RegencyNames.name(forCode: "35.79.01") == "Kota Batu")
    }

    @Test(arguments: ["35.30.01", "35.80.01", "33.01.01", "35", "", "35.0"])
    func anUnknownCodeHasNoName(_ code: String) {
        #expect(RegencyNames.name(forCode: code) == nil)
    }
}
