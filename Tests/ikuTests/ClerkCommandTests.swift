import Foundation
import Testing

/// Each clerk subcommand end to end, through the built `iku` executable.
@Suite("Clerk commands")
struct ClerkCommandTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-04-01T02:00:00Z"
        try SeededDatabase.copy(to: iku)
    }

    /// Runs a command that must succeed and returns its stdout.
    @discardableResult
    func ok(_ arguments: [String]) throws -> String {
        let result = try iku.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    func json(_ arguments: [String]) throws -> [[String: Any]] {
        let output = try ok(arguments + ["--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
    }

    func jsonObject(_ arguments: [String]) throws -> [String: Any] {
        let output = try ok(arguments + ["--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test func villagesAddListShowCorrectVoidAndImport() throws {
        #expect(try ok(["village", "add", "--code", "35.08.01.2003", "--name", "Purorejo", "--active-from", "2000-01-01"]) == "3\n")
        #expect(try ok(["village", "correct", "3", "--name", "Puro Rejo"]) == "village 3 corrected: version 2\n")
        let shown = try jsonObject(["village", "show", "3"])
        #expect(shown["name"] as? String == "Puro Rejo" && shown["version"] as? Int == 2 && shown["active_from"] as? String == "2000-01-01")
        #expect(shown["changed_by"] as? String == "test-clerk" && shown["changed_at"] as? String == "2026-04-01T02:00:00.000Z")
        #expect(try ok(["village", "void", "3", "--reason", "not in this kecamatan"]) == "village 3 voided: version 3\n")
        #expect(try json(["village", "list"]).map { $0["code"] as? String } == ["35.08.01.2001", "35.08.01.2005"])
        let all = try json(["village", "list", "--include-voided"])
        #expect(all.count == 3)
        #expect(all.first { $0["id"] as? Int == 3 }?["void_reason"] as? String == "not in this kecamatan")

        let file = iku.path("desa.csv")
        try Data("\u{FEFF}name,code\r\nBulurejo,35.08.01.2002\r\n\"Tempu, Rejo\",35.08.01.2004\r\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try ok(["village", "import", file, "--dry-run"]) == "dry run: all 2 rows of desa.csv are valid village rows; nothing was written\n")
        #expect(try ok(["village", "import", file]).hasPrefix("imported 2 village rows from desa.csv (ids 4-5) as change "))
        let table = try ok(["village", "list"])
        #expect(table.split(separator: "\n").first?.split(separator: " ", omittingEmptySubsequences: true)
                == ["id", "version", "code", "name", "active_from", "active_until", "voided", "void_reason"])
        #expect(table.contains("Tempu, Rejo"))
        let csv = try ok(["village", "list", "--format", "csv"])
        #expect(csv.hasPrefix("id,version,code,name,active_from,active_until,voided,void_reason,change_id,changed_at,changed_by,timezone\r\n"))
        #expect(csv.contains("5,1,35.08.01.2004,\"Tempu, Rejo\",,,0,,"))
    }

    @Test func submissionsAddListShowCorrectAndVoid() throws {
        #expect(try ok(["submission", "add", "--village", "35.08.01.2001", "--document", "apbdesa", "--year", "2026",
                        "--date", "2025-12-20", "--reference", "Perdes 7/2025", "--received", "2025-12-23"]) == "2\n")
        #expect(try ok(["submission", "add", "--village", "35.08.01.2005", "--document", "lppdesa", "--year", "2025",
                        "--date", "2026-03-20", "--note", "diserahkan lewat Camat"]) == "3\n")
        #expect(try json(["submission", "list", "--year", "2026"]).map { $0["id"] as? Int } == [2, 1])
        #expect(try json(["submission", "list", "--village", "35.08.01.2005"]).map { $0["id"] as? Int } == [3, 1])
        let shown = try jsonObject(["submission", "show", "2"])
        #expect(shown["village"] as? String == "35.08.01.2001" && shown["document"] as? String == "apbdesa")
        #expect(shown["year"] as? Int == 2026 && shown["reference"] as? String == "Perdes 7/2025" && shown["received"] as? String == "2025-12-23")
        #expect(try ok(["submission", "correct", "2", "--date", "2025-12-22", "--reference", ""]) == "submission 2 corrected: version 2\n")
        let corrected = try jsonObject(["submission", "show", "2"])
        #expect(corrected["date"] as? String == "2025-12-22" && corrected["reference"] is NSNull)
        #expect(try ok(["submission", "void", "1", "--reason", "tanggal salah"]) == "submission 1 voided: version 2\n")
        #expect(try ok(["submission", "add", "--village", "35.08.01.2005", "--document", "rkpdesa", "--year", "2026",
                        "--date", "2025-09-29"]) == "4\n")
        let withVoided = try json(["submission", "list", "--year", "2026", "--include-voided"])
        #expect(withVoided.map { $0["voided"] as? Bool } == [false, true, false])
    }

    @Test func facilitationsWithFollowUps() throws {
        #expect(try ok(["facilitation", "add", "--date", "2026-03-10", "--kind", "fasilitasi", "--institution", "Dinas PMD",
                        "--subject", "Musrenbangdes", "--section", "Pemerintahan", "--result", "Jadwal disepakati"]) == "3\n")
        #expect(try json(["facilitation", "list", "--pending"]).map { $0["id"] as? Int } == [1, 3])
        #expect(try ok(["facilitation", "follow-up", "1", "--date", "2026-02-10", "--action", "Surat edaran",
                        "--evidence", "400/12/2026"]) == "1\n")
        let listed = try json(["facilitation", "list", "--year", "2026"])
        #expect(listed.map { [$0["id"] as? Int, $0["follow_ups"] as? Int] } == [[1, 1], [3, 0]])
        #expect(try json(["facilitation", "list", "--pending"]).map { $0["id"] as? Int } == [3])

        let shown = try jsonObject(["facilitation", "show", "1"])
        let followUps = try #require(shown["follow_ups"] as? [[String: Any]])
        #expect(followUps.count == 1 && followUps[0]["evidence"] as? String == "400/12/2026" && followUps[0]["facilitation_id"] as? Int == 1)
        let table = try ok(["facilitation", "show", "1"])
        #expect(table.contains("follow-ups:") && table.contains("Surat edaran"))

        #expect(try ok(["facilitation", "correct-follow-up", "1", "--date", "2026-02-11"]) == "follow-up 1 corrected: version 2\n")
        #expect(try ok(["facilitation", "correct", "3", "--result", ""]) == "facilitation 3 corrected: version 2\n")
        #expect(try jsonObject(["facilitation", "show", "3"])["result"] is NSNull)
        #expect(try ok(["facilitation", "void-follow-up", "1", "--reason", "salah kegiatan"]) == "follow-up 1 voided: version 3\n")
        #expect(try json(["facilitation", "list", "--pending"]).map { $0["id"] as? Int } == [1, 3])
        #expect(try ok(["facilitation", "void", "3", "--reason", "bukan dengan instansi lain"]) == "facilitation 3 voided: version 3\n")
        #expect(try json(["facilitation", "list"]).map { $0["id"] as? Int } == [1])
    }

    @Test func surveyResponsesAddListShowCorrectVoidAndImport() throws {
        #expect(try ok(["survey", "add", "--date", "2026-03-03", "--service", "Akta Kelahiran", "--scores", "-,3,4,4,3,4,4,3,4",
                        "--gender", "P", "--age", "34", "--education", "D4/S1", "--occupation", "WIRAUSAHA",
                        "--suggestion", "Antrean \"lama\", mohon cepat"]) == "6\n")
        let shown = try jsonObject(["survey", "show", "6"])
        #expect(shown["u1"] is NSNull && shown["u2"] as? Int == 3 && shown["education"] as? String == "D4/S1")
        #expect(shown["suggestion"] as? String == "Antrean \"lama\", mohon cepat" && shown["voided"] as? Bool == false)
        let expectedKeys: Set<String> = ["id", "version", "date", "service", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
                                         "gender", "age", "education", "occupation", "suggestion", "voided", "void_reason",
                                         "change_id", "changed_at", "changed_by", "timezone"]
        #expect(Set(shown.keys) == expectedKeys)
        // The change's UTC instant and the office's zone; the table shows it local.
        #expect(shown["changed_at"] as? String == "2026-04-01T02:00:00.000Z" && shown["timezone"] as? String == "Asia/Jakarta")
        #expect(try ok(["survey", "show", "6"]).contains("changed_at   2026-04-01 09:00 WIB"))

        #expect(try json(["survey", "list"]).map { $0["id"] as? Int } == [3, 4, 5, 1, 6])
        #expect(try json(["survey", "list", "--service", "ktp"]).map { $0["id"] as? Int } == [3, 5, 1])
        #expect(try json(["survey", "list", "--year", "2025"]).isEmpty)
        #expect(try json(["survey", "list", "--include-voided"]).count == 6)

        #expect(try ok(["survey", "correct", "6", "--scores", "4,3,4,4,3,4,4,3,4", "--age", ""]) == "survey response 6 corrected: version 2\n")
        let corrected = try jsonObject(["survey", "show", "6"])
        #expect(corrected["u1"] as? Int == 4 && corrected["age"] is NSNull && corrected["version"] as? Int == 2)
        #expect(try ok(["survey", "void", "6", "--reason", "responden sama"]) == "survey response 6 voided: version 3\n")

        let file = iku.path("skm.csv")
        try Data(("suggestion,u9,u8,u7,u6,u5,u4,u3,u2,u1,service,date,gender\r\n"
                   + "\"baris satu\r\nbaris dua\",4,4,4,4,4,4,4,4,4,KTP,2026-03-20,L\r\n"
                   + ",1,2,3,4,,2,3,4,1,KK,2026-03-21,\r\n").utf8).write(to: URL(fileURLWithPath: file))
        #expect(try ok(["survey", "import", file, "--dry-run"]).hasPrefix("dry run: all 2 rows of skm.csv are valid"))
        #expect(try ok(["survey", "import", file]).hasPrefix("imported 2 survey response rows from skm.csv (ids 7-8) as change "))
        let imported = try jsonObject(["survey", "show", "7"])
        #expect(imported["suggestion"] as? String == "baris satu\r\nbaris dua" && imported["gender"] as? String == "L")
        #expect(try jsonObject(["survey", "show", "8"])["u5"] is NSNull)
        #expect(try iku.run(["survey", "import", file]).status == 1)
        #expect(try ok(["survey", "import", file, "--allow-duplicate-file"]).contains("(ids 9-10)"))

        let csv = try ok(["survey", "list", "--year", "2026", "--format", "csv"])
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == "id,version,date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion,voided,void_reason,change_id,changed_at,changed_by,timezone")
        #expect(csv.contains("\"baris satu\r\nbaris dua\""))
    }

    @Test func helpShowsExamplesForEveryClerkCommand() throws {
        let groups: [String: [String]] = [
            "village": ["add", "list", "show", "correct", "void", "import"],
            "submission": ["add", "list", "show", "correct", "void"],
            "facilitation": ["add", "follow-up", "list", "show", "correct", "void", "correct-follow-up", "void-follow-up"],
            "survey": ["add", "import", "list", "show", "correct", "void"],
        ]
        for (group, commands) in groups {
            #expect(try ok([group, "--help"]).contains("Example"))
            for command in commands {
                let help = try ok([group, command, "--help"])
                #expect(help.contains("Example"), "\(group) \(command)")
                #expect(help.contains("iku \(group) \(command)"), "\(group) \(command)")
            }
        }
        #expect(try ok(["village", "list", "--help"]).contains("--format <format>"))
    }
}
