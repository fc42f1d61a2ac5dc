import Foundation
import Testing
@testable import Storage

/// The questionnaire's words as forms write them: answers, profile answers, headings, timestamps.
@Suite("Questionnaire vocabulary")
struct FormVocabularyTests {
    @Test func answersAreLabelsLettersOrDigitsOfTheirOwnQuestion() {
        let answer = QuestionnaireVocabulary.answer
        #expect(answer("Sangat sesuai", 1) == .score(4))
        #expect(answer("  a.   TIDAK  sesuai ", 1) == .score(1))
        #expect(answer("d) Sangat mudah", 2) == .score(4))
        #expect(answer("(b) Kurang cepat", 3) == .score(2))
        #expect(answer("Gratis", 4) == .score(4))
        #expect(answer("Cukup mahal", 4) == .score(2))
        #expect(answer("Sopan & ramah", 7) == .score(3))
        #expect(answer("Ada tapi tidak berfungsi", 8) == .score(2))
        #expect(answer("Cukup", 9) == .score(2))
        #expect(answer("Sangat Puas", 5) == .score(4))
        #expect(answer("3", 6) == .score(3))
        #expect(answer("4. Sangat kompeten", 6) == .score(4))
        #expect(answer("c", 6) == .score(3))
        #expect(answer("-", 6) == .score(nil))
        #expect(answer("", 6) == .score(nil))
        // A label of another question, a letter that contradicts its label, a 5: not understood.
        #expect(answer("Gratis", 1) == .unknown)
        #expect(answer("a. Sangat sesuai", 1) == .unknown)
        #expect(answer("5", 1) == .unknown)
        #expect(answer("e", 1) == .unknown)
    }

    @Test func profileAnswersInTheirEverydayForms() {
        #expect(QuestionnaireVocabulary.gender("Laki-laki") == .l && QuestionnaireVocabulary.gender("perempuan") == .p)
        #expect(QuestionnaireVocabulary.gender("X") == nil)
        #expect(QuestionnaireVocabulary.education("SMA/SMK/sederajat") == .sma)
        #expect(QuestionnaireVocabulary.education("Diploma") == .d1d3 && QuestionnaireVocabulary.education("D3") == .d1d3)
        #expect(QuestionnaireVocabulary.education("S1/D4") == .d4s1 && QuestionnaireVocabulary.education("D4") == .d4s1)
        #expect(QuestionnaireVocabulary.education("Sekolah tinggi") == nil)
        #expect(QuestionnaireVocabulary.occupation("Karyawan swasta", freeText: false) == .swasta)
        #expect(QuestionnaireVocabulary.occupation("Wirausaha", freeText: false) == .wirausaha)
        #expect(QuestionnaireVocabulary.occupation("ASN", freeText: false) == .pns)
        #expect(QuestionnaireVocabulary.occupation("Petani", freeText: true) == .lainnya)
        #expect(QuestionnaireVocabulary.occupation("Petani", freeText: false) == nil)
        #expect(QuestionnaireVocabulary.occupation("123", freeText: true) == nil)
        #expect(QuestionnaireVocabulary.ageDigits("34 tahun") == "34" && QuestionnaireVocabulary.ageDigits("34th") == "34")
        #expect(QuestionnaireVocabulary.ageDigits("20-29 tahun") == nil)
    }

    @Test func headingsAreReadByWhatTheyAsk() {
        #expect(FormHeadings.role(of: "Stempel waktu") == .date(timestamp: true))
        #expect(FormHeadings.role(of: "Timestamp") == .date(timestamp: true))
        #expect(FormHeadings.role(of: "Completion time") == .date(timestamp: true))
        #expect(FormHeadings.role(of: "Start time") == .ignored)
        #expect(FormHeadings.role(of: "Tanggal survei") == .date(timestamp: false))
        #expect(FormHeadings.role(of: "Tanggal lahir") == .ignored)
        #expect(FormHeadings.role(of: "Jenis Pelayanan yang diterima") == .service)
        #expect(FormHeadings.role(of: "Waktu Penyelesaian") == .unsur(3))
        #expect(FormHeadings.role(of: "Penilaian [Sarana dan Prasarana]") == .unsur(9))
        #expect(FormHeadings.role(of: "Penanganan Pengaduan, Saran dan Masukan") == .unsur(8))
        #expect(FormHeadings.role(of: "Saran dan Masukan") == .suggestion)
        #expect(FormHeadings.role(of: "Sistem, Mekanisme, dan Prosedur") == .unsur(2))
        #expect(FormHeadings.role(of: "Unsur 5") == .unsur(5))
        #expect(FormHeadings.role(of: "Email Address") == .ignored)
        #expect(FormHeadings.role(of: "Usia") == .age)
        // Two questions in one heading, or none at all: not understood.
        #expect(FormHeadings.role(of: "Biaya dan kecepatan") == nil)
        #expect(FormHeadings.role(of: "Bagaimana kepuasan Saudara secara keseluruhan terhadap pelayanan kami") == nil)
    }

    func parse(_ text: String) -> FormTimestamp.Parsed? {
        FieldRules.withBytes(text) { FormTimestamp.parse($0) }
    }

    @Test func timestampsAsFormToolsWriteThem() throws {
        let jakarta = FormTimestamp.defaultZone
        #expect(parse("11/28/2026 9:05:31") == .slashed(first: 11, second: 28, year: 2026))
        #expect(parse("28/11/2026 9.05.31") == .slashed(first: 28, second: 11, year: 2026))
        #expect(parse("3/4/2026 9:05:31 PM") == .slashed(first: 3, second: 4, year: 2026))
        #expect(parse("3/4/2026") == .slashed(first: 3, second: 4, year: 2026))
        #expect(parse("2026-11-28 09:05:31") == .iso(CalendarDate("2026-11-28")!, hour: 9, minute: 5, second: 31, offset: nil))
        #expect(parse("2026-11-28T02:05:31.5Z") == .iso(CalendarDate("2026-11-28")!, hour: 2, minute: 5, second: 31, offset: 0))
        #expect(parse("2026-11-28T02:05:31+07:00") == .iso(CalendarDate("2026-11-28")!, hour: 2, minute: 5, second: 31, offset: 25_200))
        #expect(parse("11/28/26 9:05 AM") == .slashed(first: 11, second: 28, year: 2026))
        for bad in ["kemarin", "28/11/226 9:05", "2026-13-01", "28-11-2026", "11/28/2026 25:00:00", "2026-11-28 9:05:31 WIB"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        #expect(FormTimestamp.evidence(try #require(parse("28/11/2026"))) == .dmy)
        #expect(FormTimestamp.evidence(try #require(parse("11/28/2026"))) == .mdy)
        #expect(FormTimestamp.evidence(try #require(parse("3/4/2026"))) == nil)
        let slashed = try #require(parse("3/4/2026 23:59:00"))
        #expect(FormTimestamp.surveyDate(slashed, order: .dmy, zone: jakarta) == CalendarDate("2026-04-03"))
        #expect(FormTimestamp.surveyDate(slashed, order: .mdy, zone: jakarta) == CalendarDate("2026-03-04"))
        #expect(FormTimestamp.surveyDate(try #require(parse("31/2/2026")), order: .dmy, zone: jakarta) == nil)
        // SPEC.md: 06:30 WIB on 1 January belongs to the new year though it is 31 December in UTC.
        let instant = try #require(parse("2026-12-31T23:30:00Z"))
        #expect(FormTimestamp.surveyDate(instant, order: .dmy, zone: jakarta) == CalendarDate("2027-01-01"))
        #expect(FormTimestamp.surveyDate(instant, order: .dmy, zone: OfficeZone(identifier: "UTC")!) == CalendarDate("2026-12-31"))
        let makassar = try #require(OfficeZone(identifier: "Asia/Makassar"))
        #expect(FormTimestamp.surveyDate(try #require(parse("2026-06-30T16:30:00Z")), order: .dmy, zone: makassar)
                == CalendarDate("2026-07-01"))
    }
}
