import Foundation
import Indicators
import Testing
@testable import Regency
@testable import Storage

/// Each kecamatan's figures at the regency equal what its own `iku report` computes for the same
/// period and last change, at full precision, "not computable" and its reason included.
@Suite("Regency parity")
struct ParityTests {
    /// Generated responses (some unanswered elements) with corrections and voids, over a year.
    func generate(_ office: OfficeFixture, seed: UInt64, count: Int) throws -> [Int64] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let surveys = SurveyResponseStore(office.database)
        var ids: [Int64] = []
        var checkpoints: [Int64] = []
        for index in 0..<count {
            let scores = (0..<9).map { _ in next(10) == 0 ? "-" : String(1 + next(4)) }.joined(separator: ",")
            let date = String(format: "2025-%02d-%02d", 1 + next(12), 1 + next(28))
            ids.append(try surveys.add(SurveyResponseInput(date: date, service: ["KTP", "KK", "Surat"][next(3)], scores: scores)))
            if index % 7 == 3 {
                let id = ids[next(ids.count)]
                let corrected = (0..<9).map { _ in String(1 + next(4)) }.joined(separator: ",")
                _ = try? surveys.correct(id, SurveyResponseInput(date: String(format: "2025-%02d-15", 1 + next(12)), service: "KTP",
                                                                 scores: corrected))
            }
            if index % 11 == 5 { _ = try? surveys.void(ids[next(ids.count)], reason: "dobel") }
            if index % 10 == 0 { checkpoints.append(try office.database.connection.prepare("SELECT max(id) FROM changes").first { $0.int64(0) } ?? 0) }
        }
        return checkpoints
    }

    @Test func eachKecamatanIKMEqualsItsOwnReportAtEveryPeriodAndLastChange() async throws {
        try await TestDatabase.with { database in
            let offices = [try OfficeFixture(code: "35.08.01", name: "Tempursari"),
                           try OfficeFixture(code: "35.08.02", name: "Pasirian"),
                           try OfficeFixture(code: "35.08.03", name: "Candipuro")]
            var checkpoints: [String: [Int64]] = [:]
            for (index, office) in offices.enumerated() where index < 2 {
                checkpoints[office.code] = try generate(office, seed: UInt64(index + 1) * 7919, count: 60 + index * 25)
            }
            // Candipuro answers no U8 at all: its IKM is not computable, with the office's reason.
            let surveys = SurveyResponseStore(offices[2].database)
            for day in 1...5 { try surveys.add(SurveyResponseInput(date: "2025-03-0\(day)", service: "KTP", scores: "4,4,3,3,4,4,3,-,4")) }
            for office in offices.prefix(2) {
                let corrections = try office.database.connection.prepare(
                    "SELECT count(*) FROM survey_response_versions WHERE version > 1 AND voided = 0").first { $0.int64(0) } ?? 0
                let voids = try office.database.connection.prepare(
                    "SELECT count(*) FROM survey_response_versions WHERE voided = 1").first { $0.int64(0) } ?? 0
                #expect(corrections > 0 && voids > 0)
            }
            checkpoints[offices[2].code] = [try offices[2].database.connection.prepare("SELECT max(id) FROM changes").first { $0.int64(0) } ?? 0]

            try await RegencyServer.with(database.address) { server in
                _ = try await Regency.initialise(on: server, code: "35.08", name: "Lumajang")
            }
            let bundles = try offices.map { ($0.code, $0.name, $0.key.publicKeyText, try $0.export("all.iku-bundle").path) }
            try await RegencyServer.with(database.address) { server in
                let regency = try await Regency.open(on: server)
                for (code, name, key, path) in bundles {
                    try await regency.addOffice(code: code, name: name, publicKey: key)
                    _ = try await regency.ingest(path)
                }
            }
            let periods = [try Period.year(2025)] + (try (1...4).map { try Period.quarter($0, of: 2025) })
            var compared = 0
            for period in periods {
                for office in offices {
                    for asOf in checkpoints[office.code]! + [Int64.max] {
                        let expected = try ReportBuilder(office.database).report(for: period, asOf: AsOf(lastChangeID: asOf)).ikm.tally
                        let code = office.code
                        let tallies = try await RegencyServer.with(database.address) { server in
                            try await Regency.open(on: server).surveyTallies(for: period, asOf: [code: asOf])
                        }
                        let tally = try #require(tallies[office.code])
                        #expect(tally.respondents == expected.respondents)
                        #expect(tally.scores.map(\.sum) == expected.scores.map(\.sum))
                        #expect(tally.scores.map(\.answered) == expected.scores.map(\.answered))
                        #expect(tally.ikm == expected.ikm, "\(office.code) \(period) as of \(asOf)")
                        compared += 1
                    }
                }
            }
            #expect(compared > 40)
            let notComputable = try await RegencyServer.with(database.address) { server in
                try await Regency.open(on: server).surveyTallies(for: try Period.year(2025), asOf: ["35.08.03": .max])
            }
            #expect(notComputable["35.08.03"]?.ikm.reason?.contains("U8") == true)
        }
    }
}
