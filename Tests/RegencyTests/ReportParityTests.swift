import Foundation
import Indicators
import Testing
@testable import Regency
import ReportRendering
@testable import Storage

/// The regency's table: every kecamatan's three IKU equal what its own `iku report` computes for
/// the same period and last change at full precision ("not computable" and its reason included),
/// with corrections, voids, villages moving between kecamatan, deadline overrides, targets,
/// quarters, `--as-of` read in each office's own zone, and a kecamatan that sent nothing.
@Suite("Regency report parity")
struct ReportParityTests {
    /// After every generated change: the regency's "now".
    static let now = Timestamp.parse("2026-01-03T12:00:00Z")!

    final class Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func date(_ year: Int, month: Int? = nil) -> String {
            String(format: "%04d-%02d-%02d", year, month ?? 1 + next(12), 1 + next(28))
        }
    }

    /// An office with every kind of record behind the three IKU, generated through the stores.
    static func generate(_ office: OfficeFixture, seed: UInt64, movedOut: Bool, movedIn: Bool, override: Bool,
                         targets: Bool) throws {
        let random = Generator(seed: seed)
        let database = office.database
        let villages = VillageStore(database)
        var codes: [String] = []
        for number in 1...4 {
            let code = "\(office.code).20\(String(format: "%02d", number))"
            // The last village leaves for another kecamatan in mid-year; another one joins.
            let until = movedOut && number == 4 ? "2025-06-30" : nil
            try villages.add(VillageInput(code: code, name: "Desa \(number)", activeUntil: until))
            codes.append(code)
        }
        if movedIn {
            let code = "\(office.code).2009"
            try villages.add(VillageInput(code: code, name: "Desa Pindahan", activeFrom: "2025-07-01"))
            codes.append(code)
        }
        if override { _ = try DeadlineStore(database).set(.apbdesa, fiscalYear: 2026, due: CalendarDate("2026-01-31")) }
        let submissions = SubmissionStore(database)
        var submitted: [Int64] = []
        for code in codes {
            for (document, year, month) in [("rkpdesa", 2026, 9), ("apbdesa", 2026, 12), ("lppdesa", 2024, 3), ("rkpdesa", 2025, 9)]
            where random.next(5) != 0 {
                let day = String(format: "2025-%02d-%02d", min(12, max(1, month - 1 + random.next(3))), 1 + random.next(28))
                submitted.append(try submissions.add(SubmissionInput(village: code, document: document, year: String(year), date: day)))
            }
        }
        if let first = submitted.first { _ = try submissions.correct(first, SubmissionInput(date: "2025-12-30")) }
        if submitted.count > 2 { _ = try submissions.void(submitted[2], reason: "salah desa") }

        let facilitation = FacilitationStore(database)
        var activities: [Int64] = []
        for index in 0..<14 {
            let held = random.date(2025)
            let activity = try facilitation.add(FacilitationInput(date: held, kind: index % 2 == 0 ? "fasilitasi" : "koordinasi",
                                                                  institution: "Dinas \(index)", subject: "Rapat \(index)",
                                                                  section: ["Pemerintahan", "Kesra", nil][index % 3]))
            activities.append(activity)
            if random.next(3) != 0 {
                let followUp = try facilitation.addFollowUp(to: activity, FollowUpInput(date: held, action: "Surat \(index)"))
                if random.next(4) == 0 { _ = try facilitation.voidFollowUp(followUp, reason: "keliru") }
            }
        }
        _ = try facilitation.correct(activities[1], FacilitationInput(date: "2025-01-01"))
        _ = try facilitation.void(activities[5], reason: "batal")

        let surveys = SurveyResponseStore(database)
        var responses: [Int64] = []
        for index in 0..<40 {
            let scores = (0..<9).map { _ in random.next(12) == 0 ? "-" : String(1 + random.next(4)) }.joined(separator: ",")
            responses.append(try surveys.add(SurveyResponseInput(date: random.date(2025), service: ["KTP", "KK"][index % 2],
                                                                 scores: scores)))
            if index % 9 == 4 {
                _ = try? surveys.correct(responses[random.next(responses.count)],
                                        SurveyResponseInput(date: random.date(2025), scores: "4,4,4,4,4,4,4,4,4"))
            }
            if index % 13 == 6 { _ = try? surveys.void(responses[random.next(responses.count)], reason: "dobel") }
        }
        if targets {
            _ = try TargetStore(database).set(.ikm, year: 2025, value: 82.5)
            _ = try TargetStore(database).set(.facilitation, year: 2025, value: 75)
            _ = try TargetStore(database).set(.villageDocuments, year: 2025, value: 90)
            _ = try PopulationStore(database).set(year: 2025, quarter: nil, count: 120)
        }
    }

    /// What the office's own `iku report --year … [--as-of TEXT]` computes at the regency's now.
    static func ownReport(_ office: OfficeFixture, _ period: Period, asOf text: String?) throws -> Report? {
        let database = office.database
        let calendar = OfficeCalendar(zone: try database.officeZone(), now: now)
        var asOf = AsOf.now
        var day = calendar.today
        if let text {
            let moment = try calendar.instant(text, field: "as-of", endOfDay: true)
            asOf = try database.asOf(moment)
            day = calendar.zone.day(of: moment)
            if asOf.lastChangeID == 0 { return nil }
        }
        return try ReportBuilder(database).report(for: period, asOf: asOf, on: day)
    }

    /// Registers `offices` at a new regency and ingests the full export of those `sending`.
    static func register(_ offices: [OfficeFixture], sending: [OfficeFixture], at database: TestDatabase) async throws {
        let registrations = offices.map { ($0.code, $0.name, $0.key.publicKeyText) }
        let bundles = try sending.map { try $0.export("all.iku-bundle").path }
        try await RegencyServer.with(database.address) { server in
            _ = try await Regency.initialise(on: server, code: "35.08", name: "Lumajang")
            let regency = try await Regency.open(on: server)
            for (code, name, key) in registrations { try await regency.addOffice(code: code, name: name, publicKey: key) }
            for bundle in bundles { _ = try await regency.ingest(bundle) }
        }
    }

    static func compare(_ actual: Report, _ expected: Report, _ context: String) {
        #expect(actual.asOfChangeID == expected.asOfChangeID, "\(context)")
        #expect(actual.office == expected.office, "\(context)")
        #expect(actual.officeDetails == expected.officeDetails, "\(context)")
        #expect(actual.ikm.tally == expected.ikm.tally, "\(context)")
        #expect(actual.ikm.figure == expected.ikm.figure, "\(context)")
        #expect(actual.ikm.achievement == expected.ikm.achievement, "\(context)")
        #expect(actual.ikm.sample == expected.ikm.sample, "\(context)")
        #expect(actual.facilitation == expected.facilitation, "\(context)")
        #expect(actual.villageDocuments == expected.villageDocuments, "\(context)")
    }

    @Test func everyKecamatanEqualsItsOwnReportForEveryPeriodAndAsOf() async throws {
        try await TestDatabase.with { database in
            let clocks = (0..<3).map { _ in SteppingClock("2026-01-02T15:30:00Z", step: 30) }
            let offices = [try OfficeFixture(code: "35.08.01", name: "Tempursari", clock: clocks[0].clock),
                           try OfficeFixture(code: "35.08.02", name: "Pasirian", clock: clocks[1].clock),
                           try OfficeFixture(code: "35.08.03", name: "Candipuro", clock: clocks[2].clock)]
            let silent = try OfficeFixture(code: "35.08.04", name: "Pronojiwo")
            // Candipuro keeps its days in WITA (UTC+8): its as-of days end an hour before the others'.
            _ = try OfficeSettingsStore(offices[2].database).set([(key: .timezone, value: "Asia/Makassar")])
            try Self.generate(offices[0], seed: 11, movedOut: true, movedIn: false, override: true, targets: true)
            try Self.generate(offices[1], seed: 23, movedOut: false, movedIn: true, override: false, targets: false)
            try Self.generate(offices[2], seed: 37, movedOut: false, movedIn: false, override: false, targets: true)

            try await Self.register(offices + [silent], sending: offices, at: database)
            let periods = [try Period.year(2025)] + (try (1...4).map { try Period.quarter($0, of: 2025) })
            let asOfs: [String?] = [nil, "2026-01-01", "2026-01-02", "2026-01-03T00:15:00+07:00", "2026-01-03"]
            var compared = 0
            var notComputable = 0
            for period in periods {
                for asOf in asOfs {
                    let compilation = try await RegencyServer.with(database.address) { server in
                        try await Regency.open(on: server).report(for: period, asOf: asOf, clock: .fixed(Self.now))
                    }
                    #expect(compilation.kecamatan.map(\.code) == ["35.08.01", "35.08.02", "35.08.03", "35.08.04"])
                    let nothing = try #require(compilation.kecamatan.last)
                    #expect(nothing.report == nil && nothing.lastChange == nil)
                    for (office, entry) in zip(offices, compilation.kecamatan) {
                        let context = "\(office.code) \(period.title) as of \(asOf ?? "now")"
                        guard let expected = try Self.ownReport(office, period, asOf: asOf) else {
                            #expect(entry.report == nil && entry.lastChange == nil, "\(context)")
                            continue
                        }
                        let actual = try #require(entry.report, "\(context)")
                        Self.compare(actual, expected, context)
                        #expect(entry.lastChange?.id == expected.asOfChangeID, "\(context)")
                        compared += 1
                        notComputable += IndicatorKey.allCases.filter { actual.figure($0).value == nil }.count
                    }
                }
            }
            #expect(compared >= 60)
            #expect(notComputable > 0)

            // The table's compilation (no village lists) has the same figures.
            var listed = 0
            for period in periods {
                let (full, figures, onePerPart) = try await RegencyServer.with(database.address) { server in
                    let regency = try await Regency.open(on: server)
                    return (try await regency.report(for: period, clock: .fixed(Self.now)),
                            try await regency.report(for: period, clock: .fixed(Self.now), villages: false),
                            try await regency.report(for: period, asOf: nil, clock: .fixed(Self.now), villages: true, officesPerPart: 1))
                }
                // The JSON encoded in parts is the JSON encoded whole, byte for byte; and so is the
                // compilation whose rows were read one kecamatan at a time.
                let whole = try RegencyReportJSON.render(full)
                #expect(try RegencyReportJSON.render(onePerPart) == whole)
                for parts in [2, 3, 4] {
                    #expect(try await RegencyReportJSON.render(full, parts: parts) == whole, "\(parts) parts")
                }
                for (entry, figuresOnly) in zip(full.kecamatan, figures.kecamatan) {
                    guard let report = entry.report else { #expect(figuresOnly.report == nil); continue }
                    let other = try #require(figuresOnly.report)
                    #expect(report.ikm == other.ikm && report.facilitation == other.facilitation)
                    #expect(report.villageDocuments.perDeadline == other.villageDocuments.perDeadline)
                    #expect(report.villageDocuments.figure == other.villageDocuments.figure)
                    #expect(report.villageDocuments.deadlines == other.villageDocuments.deadlines)
                    #expect(other.villageDocuments.villages.isEmpty, "\(entry.code) \(period.title)")
                    listed += report.villageDocuments.villages.count
                }
            }
            #expect(listed > 0)

            // The WITA office's day ends an hour earlier: as of 2026-01-02 it holds fewer changes than
            // the same instant read in WIB would give.
            let witaEnd = try OfficeCalendar(zone: .wita, now: Self.now).instant("2026-01-02", field: "as-of", endOfDay: true)
            let wibEnd = try OfficeCalendar(zone: .wib, now: Self.now).instant("2026-01-02", field: "as-of", endOfDay: true)
            #expect(try offices[2].database.asOf(witaEnd).lastChangeID < offices[2].database.asOf(wibEnd).lastChangeID)
        }
    }

    @Test func theRollUpIsTheMeanOfTheComputableKecamatanAndThePooledRecords() async throws {
        try await TestDatabase.with { database in
            let offices = [try OfficeFixture(code: "35.08.01", name: "Tempursari"),
                           try OfficeFixture(code: "35.08.02", name: "Pasirian"),
                           try OfficeFixture(code: "35.08.03", name: "Candipuro")]
            let silent = try OfficeFixture(code: "35.08.04", name: "Pronojiwo")
            // Tempursari: 2 responses; U1 sums 7 of 2, the rest 8 of 2 (IKM 25 × (3.5 + 8 × 4) / 9).
            let first = SurveyResponseStore(offices[0].database)
            try first.add(SurveyResponseInput(date: "2025-03-01", service: "KTP", scores: "4,4,4,4,4,4,4,4,4"))
            try first.add(SurveyResponseInput(date: "2025-03-02", service: "KTP", scores: "3,4,4,4,4,4,4,4,4"))
            // Pasirian: 1 response all 2; Candipuro: one response without U8 (not computable).
            try SurveyResponseStore(offices[1].database).add(SurveyResponseInput(date: "2025-04-01", service: "KK", scores: "2,2,2,2,2,2,2,2,2"))
            try SurveyResponseStore(offices[2].database).add(SurveyResponseInput(date: "2025-05-01", service: "KK", scores: "4,4,4,4,4,4,4,-,4"))
            // IKU 2: Tempursari 1 of 2 followed up, Pasirian 1 of 1, Candipuro none held.
            for (office, count, followed) in [(offices[0], 2, 1), (offices[1], 1, 1)] {
                let store = FacilitationStore(office.database)
                for index in 0..<count {
                    let activity = try store.add(FacilitationInput(date: "2025-06-0\(index + 1)", kind: "koordinasi",
                                                                   institution: "Puskesmas", subject: "Stunting"))
                    if index < followed { try store.addFollowUp(to: activity, FollowUpInput(date: "2025-06-10", action: "Surat")) }
                }
            }
            try await Self.register(offices + [silent], sending: offices, at: database)
            let compilation = try await RegencyServer.with(database.address) { server in
                try await Regency.open(on: server).report(for: try Period.year(2025))
            }
            let ikm = try #require(compilation.rollUp.first { $0.key == .ikm })
            let tempursari = 25 * (3.5 + 8 * 4) / 9
            let pasirian = 25 * (9 * 2.0) / 9
            #expect(ikm.mean == .value((tempursari + pasirian) / 2))
            #expect(ikm.mutu == Mutu(ikm: (tempursari + pasirian) / 2))
            // Pooled: U1 (4 + 3 + 2 + 4) / 4, U8 (4 + 4 + 2) / 3, the others (4 + 4 + 2 + 4) / 4.
            let pooledNRR = [13.0 / 4] + Array(repeating: 14.0 / 4, count: 6) + [10.0 / 3, 14.0 / 4]
            #expect(ikm.pooled == .value(25 * pooledNRR.reduce(0, +) / 9))
            #expect(ikm.included == 2)
            #expect(ikm.excluded.map(\.code) == ["35.08.03", "35.08.04"])
            #expect(ikm.excluded.last?.reason == RegencyCompilation.nothingSent)
            let facilitation = try #require(compilation.rollUp.first { $0.key == .facilitation })
            #expect(facilitation.mean == .value((50.0 + 100.0) / 2))
            #expect(facilitation.pooled == .value(2.0 / 3 * 100))
            #expect(facilitation.excluded.map(\.code) == ["35.08.03", "35.08.04"])
            let documents = try #require(compilation.rollUp.first { $0.key == .villageDocuments })
            #expect(documents.mean.value == nil && documents.pooled.value == nil)
            #expect(documents.excluded.count == 4)
        }
    }
}
