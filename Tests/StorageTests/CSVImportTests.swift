import Foundation
import Testing
@testable import Storage

@Suite("CSV import")
struct CSVImportTests {
    let fixture: RecordFixture
    var surveys: SurveyResponseStore { SurveyResponseStore(fixture.database) }

    static let header = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\r\n"

    init() throws {
        fixture = try RecordFixture()
    }

    /// `count` valid rows, with the row at each index in `bad` replaced by one with a score of 5.
    static func surveyCSV(rows count: Int, bad: Set<Int> = []) -> String {
        var text = header
        for index in 0..<count {
            let score = bad.contains(index) ? "5" : String(index % 4 + 1)
            text += "2026-\(String(format: "%02d", index % 12 + 1))-15,KTP,\(score),4,3,,4,4,3,4,4,P,\(20 + index % 50),SMA,SWASTA,"
            text += index % 10 == 0 ? "\"Antrean, \"\"lama\"\"\"\r\n" : "\r\n"
        }
        return text
    }

    @Test func importsEveryRowAsOneChangeWithTheFilesDigest() throws {
        try surveys.add(SurveyResponseInput(date: "2026-01-02", service: "KK", scores: "4,4,4,4,4,4,4,4,4"))
        let path = try fixture.file("skm.csv", Self.surveyCSV(rows: 500))
        let report = try surveys.importCSV(path: path)
        #expect(report.rowCount == 500)
        #expect(report.ids == 2...501)
        #expect(report.fileSHA256 == (try FileDigest.sha256(path: path)))
        let change = try #require(report.changeID)
        #expect(try fixture.count("SELECT count(*) FROM changes WHERE kind = 'survey' AND action = 'import'") == 1)
        #expect(try fixture.count("SELECT count(*) FROM survey_response_versions WHERE change_id = ?", [change]) == 500)
        #expect(try fixture.count("SELECT row_count FROM imports WHERE change_id = ? AND file_sha256 = ? AND file_name = 'skm.csv'",
                                  [change, report.fileSHA256]) == 500)
        let first = try surveys.show(2).fields
        #expect(first.scores == [1, 4, 3, nil, 4, 4, 3, 4, 4])
        #expect(first.suggestion == "Antrean, \"lama\"")
        #expect(first.education == .sma && first.gender == .p && first.age == 20)
        #expect(try surveys.versions(of: 2).map(\.change.action) == [.import])
    }

    @Test func oneBadRowAmongTenThousandImportsNothingAndNamesItsLine() throws {
        let path = try fixture.file("skm.csv", Self.surveyCSV(rows: 10_000, bad: [7_321]))
        let before = try fixture.snapshot()
        #expect { try surveys.importCSV(path: path) } throws: { error in
            guard let refused = error as? ImportRefused else { return false }
            return refused.badLineCount == 1 && refused.problems.map(\.line) == [7_323] && refused.problems[0].field == "u1"
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func namesEveryBadLineUpToALimit() throws {
        let bad = Set((0..<30).map { $0 * 7 })
        let path = try fixture.file("skm.csv", Self.surveyCSV(rows: 300, bad: bad))
        do {
            _ = try surveys.importCSV(path: path)
            Issue.record("a file with bad rows was imported")
        } catch let refused as ImportRefused {
            #expect(refused.badLineCount == 30)
            #expect(refused.problems.count == ImportRefused.listedLimit)
            #expect(refused.problems.map(\.line) == bad.sorted().prefix(20).map { $0 + 2 })
            #expect(refused.description.contains("and 10 more bad lines"))
        }
        #expect(try fixture.count("SELECT count(*) FROM survey_responses") == 0)
    }

    @Test func refusesTheSameContentTwiceUnlessAllowed() throws {
        let path = try fixture.file("a.csv", Self.surveyCSV(rows: 3))
        let copy = try fixture.file("copy-of-a.csv", Self.surveyCSV(rows: 3))
        _ = try surveys.importCSV(path: path)
        let before = try fixture.snapshot()
        #expect { try surveys.importCSV(path: copy) } throws: {
            ($0 as? DuplicateImport)?.description.contains("--allow-duplicate-file") == true
        }
        #expect(try fixture.snapshot() == before)
        let again = try surveys.importCSV(path: copy, options: ImportOptions(allowDuplicateFile: true))
        #expect(again.ids == 4...6)
    }

    @Test func dryRunValidatesAndWritesNothing() throws {
        let path = try fixture.file("a.csv", Self.surveyCSV(rows: 50))
        let before = try fixture.snapshot()
        let report = try surveys.importCSV(path: path, options: ImportOptions(dryRun: true))
        #expect(report.dryRun && report.rowCount == 50 && report.changeID == nil && report.ids == nil)
        #expect(try fixture.snapshot() == before)
        let bad = try fixture.file("b.csv", Self.surveyCSV(rows: 50, bad: [3]))
        #expect(throws: ImportRefused.self) { try surveys.importCSV(path: bad, options: ImportOptions(dryRun: true)) }
    }

    @Test(arguments: [
        ("date,service,u1,u2,u4,u5,u6,u7,u8,u9\n2026-01-01,KTP,1,2,3,4,1,1,1,1\n", 1, "header"),
        ("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,colour\n", 1, "header"),
        ("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,u1\n", 1, "header"),
        ("", 1, "header"),
        ("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n", 2, "rows"),
        ("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-01-01,KTP,1,2,3\n", 2, "row"),
        ("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-01-01,KTP,1,2,3,4,4,1,1,1,1,9\n", 2, "row"),
        ("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-02-30,KTP,1,2,3,4,4,1,1,1,1\n", 2, "date"),
        ("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-02-03,\"KTP,1,2,3,4,4,1,1,1,1\n", 2, "quoting"),
        ("service,u9,u8,u7,u6,u5,u4,u3,u2,u1,date,age\nKTP,1,1,1,1,1,1,1,1,1,2026-01-01,8\n", 2, "age"),
    ])
    func refusesBadFilesNamingLineAndField(_ text: String, _ line: Int, _ field: String) throws {
        let path = try fixture.file("bad.csv", text)
        let before = try fixture.snapshot()
        #expect { try surveys.importCSV(path: path) } throws: { error in
            guard let refused = error as? ImportRefused, let problem = refused.problems.first else { return false }
            return problem.line == line && problem.field == field
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func refusesInvalidUTF8NamingTheLine() throws {
        var bytes = Data("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-01-01,KTP,1,2,3,4,4,1,1,1,1\n".utf8)
        bytes += Data("2026-01-01,K".utf8) + Data([0xC3, 0x28]) + Data("P,1,2,3,4,4,1,1,1,1\n".utf8)
        let path = try fixture.data("latin.csv", bytes)
        #expect { try surveys.importCSV(path: path) } throws: {
            ($0 as? ImportRefused)?.problems.map(\.line) == [3] && ($0 as? ImportRefused)?.problems.first?.field == "encoding"
        }
        #expect(try fixture.count("SELECT count(*) FROM changes") == 1)
    }

    @Test func importsVillagesAndRefusesRepeatedCodes() throws {
        let villages = VillageStore(fixture.database)
        try fixture.addTempursari()
        let good = try fixture.file("v.csv", "name,code,active_from\nTegalrejo,35.08.01.2001,2000-01-01\n\"Bulu, rejo\",35.08.01.2002,\n")
        let report = try villages.importCSV(path: good)
        #expect(report.rowCount == 2 && report.ids == 2...3)
        #expect(try villages.list().map(\.fields.name) == ["Tegalrejo", "Bulu, rejo", "Tempursari"])
        #expect(try villages.versions(of: 3).map(\.change.action) == [.import])

        let before = try fixture.snapshot()
        let repeated = try fixture.file("r.csv", "code,name\n35.08.01.2003,Purorejo\n35.08.01.2003,Again\n35.08.01.2005,Tempursari\n35.08.02.2001,X\n,Y\n")
        #expect { try villages.importCSV(path: repeated) } throws: { error in
            guard let refused = error as? ImportRefused else { return false }
            return refused.problems.map(\.line) == [3, 4, 5, 6] && refused.problems.allSatisfy { $0.field == "code" }
                && refused.problems[0].allowed.contains("line 2")
        }
        let badDate = try fixture.file("d.csv", "code,name,active_until\n35.08.01.2004,Tempurejo,2025-02-30\n")
        #expect { try villages.importCSV(path: badDate) } throws: {
            ($0 as? ImportRefused)?.problems.first?.field == "active_until"
        }
        #expect(try fixture.snapshot() == before)
    }
}
