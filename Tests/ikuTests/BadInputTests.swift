import Foundation
import Testing

/// Every kind of bad input the clerk commands refuse: exit 1, one line on stderr naming the field
/// (and for a CSV file the line), and the database's content unchanged.
@Suite("Bad input is refused and changes nothing")
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        /// Files to write first (name, bytes); `FILE` in the arguments is replaced by the first's path.
        var files: [(String, [UInt8])] = []
        /// Text stderr must contain.
        let expected: [String]
        var testDescription: String { name }
    }

    static let header = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
    static let goodRow = "2026-04-01,KTP,4,3,4,4,3,4,4,3,4\n"
    static let scores = "4,3,4,4,3,4,4,3,4"

    static func survey(_ extra: [String]) -> [String] {
        ["survey", "add", "--date", "2026-03-03", "--service", "KTP", "--scores", scores] + extra
    }

    static func submission(village: String = "35.08.01.2005", document: String = "apbdesa", year: String = "2026",
                           date: String = "2025-12-20", _ extra: [String] = []) -> [String] {
        ["submission", "add", "--village", village, "--document", document, "--year", year, "--date", date] + extra
    }

    static func csv(_ text: String) -> [(String, [UInt8])] { [("input.csv", Array(text.utf8))] }

    static let cases: [Case] = [
        Case(name: "score 5", arguments: ["survey", "add", "--date", "2026-03-03", "--service", "KTP", "--scores", "5,3,4,4,3,4,4,3,4"],
             expected: ["scores U1", "\"5\"", "1 (worst) to 4 (best)"]),
        Case(name: "score 0", arguments: ["survey", "add", "--date", "2026-03-03", "--service", "KTP", "--scores", "4,3,0,4,3,4,4,3,4"],
             expected: ["scores U3", "\"0\""]),
        Case(name: "score not a number", arguments: ["survey", "add", "--date", "2026-03-03", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,baik"],
             expected: ["scores U9", "\"baik\""]),
        Case(name: "score with a line break", arguments: ["survey", "add", "--date", "2026-03-03", "--service", "KTP", "--scores", "4,3\n2,4,3,4,4,3,4,4"],
             expected: ["scores U2", #""3\n2""#]),
        Case(name: "eight scores", arguments: ["survey", "add", "--date", "2026-03-03", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3"],
             expected: ["scores", "nine scores"]),
        Case(name: "impossible survey date", arguments: ["survey", "add", "--date", "2025-02-30", "--service", "KTP", "--scores", scores],
             expected: ["date", "\"2025-02-30\"", "YYYY-MM-DD"]),
        Case(name: "malformed survey date", arguments: ["survey", "add", "--date", "02/03/2026", "--service", "KTP", "--scores", scores],
             expected: ["date", "\"02/03/2026\""]),
        Case(name: "age out of range", arguments: survey(["--age", "130"]), expected: ["age", "10 to 120"]),
        Case(name: "age not a number", arguments: survey(["--age", "tiga puluh"]), expected: ["age", "\"tiga puluh\""]),
        Case(name: "unknown education", arguments: survey(["--education", "SLTA"]), expected: ["education", "D4/S1"]),
        Case(name: "unknown occupation", arguments: survey(["--occupation", "PETANI"]), expected: ["occupation", "WIRAUSAHA"]),
        Case(name: "unknown gender", arguments: survey(["--gender", "W"]), expected: ["gender", "L or P"]),
        Case(name: "empty service", arguments: ["survey", "add", "--date", "2026-03-03", "--service", " ", "--scores", scores],
             expected: ["service", "required"]),
        Case(name: "unknown village code", arguments: submission(village: "35.08.01.2099"),
             expected: ["village", "\"35.08.01.2099\"", "35.08.01.2005"]),
        Case(name: "voided or unknown document kind", arguments: submission(document: "rpjmdesa"),
             expected: ["document", "rkpdesa, apbdesa or lppdesa"]),
        Case(name: "fiscal year too early", arguments: submission(year: "1999"), expected: ["year", "2000 to 2100"]),
        Case(name: "fiscal year too late", arguments: submission(year: "2101"), expected: ["year", "2000 to 2100"]),
        Case(name: "fiscal year not a number", arguments: submission(year: "dua ribu"), expected: ["year", "\"dua ribu\""]),
        Case(name: "impossible submission date", arguments: submission(date: "2025-02-30"), expected: ["date", "\"2025-02-30\""]),
        Case(name: "received before adopted", arguments: submission(["--received", "2025-12-01"]),
             expected: ["received", "on or after"]),
        Case(name: "second live submission", arguments: submission(document: "rkpdesa", date: "2025-09-30"),
             expected: ["submission 1", "iku submission correct 1"]),
        Case(name: "duplicate village code", arguments: ["village", "add", "--code", "35.08.01.2005", "--name", "Lagi"],
             expected: ["code 35.08.01.2005", "village correct 1"]),
        Case(name: "misshapen village code", arguments: ["village", "add", "--code", "35.08.01.20055", "--name", "X"],
             expected: ["code", "PP.KK.CC.DDDD"]),
        Case(name: "village of another kecamatan", arguments: ["village", "add", "--code", "35.08.02.2001", "--name", "X"],
             expected: ["code", "35.08.01"]),
        Case(name: "impossible village date", arguments: ["village", "add", "--code", "35.08.01.2003", "--name", "Purorejo",
                                                          "--active-from", "2023-02-29"],
             expected: ["active-from", "\"2023-02-29\""]),
        Case(name: "unknown activity kind", arguments: ["facilitation", "add", "--date", "2026-02-03", "--kind", "rapat",
                                                        "--institution", "Puskesmas", "--subject", "Stunting"],
             expected: ["kind", "fasilitasi or koordinasi"]),
        Case(name: "follow-up before its activity", arguments: ["facilitation", "follow-up", "1", "--date", "2026-02-02", "--action", "Surat"],
             expected: ["date", "\"2026-02-02\"", "2026-02-03"]),
        Case(name: "follow-up of a missing activity", arguments: ["facilitation", "follow-up", "99", "--date", "2026-02-05", "--action", "Surat"],
             expected: ["facilitation 99"]),
        Case(name: "follow-up of a voided activity", arguments: ["facilitation", "follow-up", "2", "--date", "2026-02-05", "--action", "Surat"],
             expected: ["facilitation 2", "voided"]),
        Case(name: "correction of a missing record", arguments: ["survey", "correct", "99", "--age", "30"],
             expected: ["survey response 99"]),
        Case(name: "correction of a voided record", arguments: ["survey", "correct", "2", "--age", "30"],
             expected: ["survey response 2", "voided"]),
        Case(name: "correction of a missing submission", arguments: ["submission", "correct", "7", "--note", "x"],
             expected: ["submission 7"]),
        Case(name: "void of a voided record", arguments: ["facilitation", "void", "2", "--reason", "again"],
             expected: ["facilitation 2", "voided"]),
        Case(name: "void without a reason", arguments: ["survey", "void", "1", "--reason", " "], expected: ["reason"]),
        Case(name: "CSV missing a required column", arguments: ["survey", "import", "FILE"],
             files: csv("date,service,u1,u2,u4,u5,u6,u7,u8,u9\n2026-04-01,KTP,4,3,4,3,4,4,3,4\n"),
             expected: ["input.csv", "line 1", "header", "u3 is missing"]),
        Case(name: "CSV unknown column", arguments: ["survey", "import", "FILE"],
             files: csv("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,kelurahan\n"),
             expected: ["line 1", "header", "\"kelurahan\"", "unknown column"]),
        Case(name: "CSV wrong number of fields", arguments: ["survey", "import", "FILE"],
             files: csv(header + goodRow + "2026-04-02,KTP,4,3,4,4,3,4,4,3\n"),
             expected: ["line 3", "row", "\"10 fields\"", "11 fields"]),
        Case(name: "CSV invalid UTF-8", arguments: ["survey", "import", "FILE"],
             files: [("input.csv", Array((header + goodRow + goodRow).utf8) + Array("2026-04-02,K".utf8) + [0xE9]
                      + Array("P,4,3,4,4,3,4,4,3,4\n".utf8))],
             expected: ["line 4", "encoding", "UTF-8"]),
        Case(name: "CSV score outside 1..4", arguments: ["survey", "import", "FILE"],
             files: csv(header + goodRow + "2026-04-02,KTP,4,3,4,4,3,4,4,6,4\n"),
             expected: ["line 3", "u8", "\"6\""]),
        Case(name: "CSV impossible date", arguments: ["survey", "import", "FILE"],
             files: csv(header + "2026-04-31,KTP,4,3,4,4,3,4,4,3,4\n"),
             expected: ["line 2", "date", "\"2026-04-31\""]),
        Case(name: "CSV unterminated quote", arguments: ["survey", "import", "FILE"],
             files: csv(header + "2026-04-02,\"KTP,4,3,4,4,3,4,4,3,4\n"),
             expected: ["line 2", "quoting"]),
        Case(name: "CSV header only", arguments: ["survey", "import", "FILE"], files: csv(header),
             expected: ["line 2", "at least one row"]),
        Case(name: "CSV imported before", arguments: ["survey", "import", "FILE"],
             files: [("again.csv", Array(SeededDatabase.surveyCSV.utf8))],
             expected: ["again.csv", "seed.csv", "--allow-duplicate-file"]),
        Case(name: "CSV village code taken", arguments: ["village", "import", "FILE"],
             files: csv("code,name\n35.08.01.2002,Bulurejo\n35.08.01.2005,Tempursari\n"),
             expected: ["line 3", "code", "\"35.08.01.2005\""]),
        Case(name: "CSV village missing name column", arguments: ["village", "import", "FILE"],
             files: csv("code,active_from\n35.08.01.2002,2000-01-01\n"),
             expected: ["line 1", "header", "name is missing"]),
        Case(name: "list filter year", arguments: ["survey", "list", "--year", "2O26"], expected: ["year", "\"2O26\""]),
    ]

    @Test(arguments: cases)
    func refusedWithOneLineAndNothingWritten(_ testCase: Case) throws {
        let iku = try IkuRunner()
        try SeededDatabase.copy(to: iku)
        var arguments = testCase.arguments
        for (name, bytes) in testCase.files {
            try Data(bytes).write(to: URL(fileURLWithPath: iku.path(name)))
        }
        if let first = testCase.files.first {
            arguments = arguments.map { $0 == "FILE" ? iku.path(first.0) : $0 }
        }
        let before = try iku.contentDump()
        let result = try iku.run(arguments)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "))
        for text in testCase.expected {
            #expect(result.stderr.contains(text), "\(result.stderr) lacks \(text)")
        }
        #expect(try iku.contentDump() == before)
    }

    /// Found by fuzzing: refusals that quote stored text (a village's name, a void reason) were
    /// as many lines as the text.
    @Test func refusalsQuotingStoredTextWithLineBreaksAreOneLine() throws {
        let iku = try IkuRunner()
        try SeededDatabase.copy(to: iku)
        #expect(try iku.run(["village", "add", "--code", "35.08.01.2002", "--name", "Bulu\nrejo \u{202E}lama"]).status == 0)
        #expect(try iku.run(["survey", "void", "1", "--reason", "dobel\nentri"]).status == 0)
        let before = try iku.contentDump()
        for (arguments, expected) in [
            (["village", "add", "--code", "35.08.01.2002", "--name", "Lagi"], #"(Bulu\nrejo \u{202E}lama)"#),
            (["survey", "correct", "1", "--age", "30"], #"it is voided (dobel\nentri)"#),
        ] {
            let result = try iku.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
        #expect(try iku.contentDump() == before)
    }

    @Test func oneBadRowInTenThousandImportsNothingAndNamesItsLine() throws {
        let iku = try IkuRunner()
        try SeededDatabase.copy(to: iku)
        var text = "service,date,u9,u8,u7,u6,u5,u4,u3,u2,u1,age\n"
        for index in 0..<10_000 {
            let u4 = index == 6_000 ? "7" : String(index % 4 + 1)
            text += "KTP,2025-\(String(format: "%02d", index % 12 + 1))-10,4,3,4,4,3,\(u4),4,3,4,\(18 + index % 60)\n"
        }
        let path = iku.path("big.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let before = try iku.contentDump()
        let result = try iku.run(["survey", "import", path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \"big.csv\": line 6002: u4: \"7\" is not allowed; a whole number from 1 (worst) to 4 (best), or empty or - for unanswered; nothing was imported\n")
        #expect(try iku.contentDump() == before)
    }

    @Test func manyBadRowsAreListedUpToALimit() throws {
        let iku = try IkuRunner()
        try SeededDatabase.copy(to: iku)
        var text = Self.header
        for index in 0..<100 {
            text += index % 4 == 0 ? "2026-04-01,KTP,4,3,4,4,3,4,4,3,9\n" : Self.goodRow
        }
        let path = iku.path("many.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let before = try iku.contentDump()
        let result = try iku.run(["survey", "import", path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: \"many.csv\": 25 bad lines; nothing was imported:")
        #expect(lines.count == 22)
        #expect(lines[1] == "  line 2: u9: \"9\" is not allowed; a whole number from 1 (worst) to 4 (best), or empty or - for unanswered")
        #expect(lines[20].hasPrefix("  line 78: u9:"))
        #expect(lines.last == "  and 5 more bad lines")
        #expect(try iku.contentDump() == before)
    }
}
