import Foundation
import Testing
@testable import iku
import ReportRendering

/// Text a spreadsheet would run as a formula is neutralised in every CSV meant for one
/// (`--excel`), and left exactly as stored in plain csv.
@Suite("CSV for spreadsheets: formulas neutralised")
struct SpreadsheetCSVTests {
    static let hostile = "=HYPERLINK(\"http://example.invalid\",\"klik\")"

    @Test(arguments: ["=1+1", "+62 812", "-5", "@SUM(A1)", "\tx", "\r=1", hostile])
    func aFormulaStartGetsALeadingApostrophe(_ text: String) {
        #expect(SpreadsheetText.neutralised(text) == "'" + text)
    }

    @Test(arguments: ["Pelayanan cepat", "", " =1", "1=1", "'=1", "Ω=1", "\n=1"])
    func otherTextIsLeftAlone(_ text: String) {
        #expect(SpreadsheetText.neutralised(text) == text)
    }

    @Test func theExcelDialectNeutralisesThenQuotesAndPlainStaysExact() {
        #expect(CSVDialect.excel.field(Self.hostile) == "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"klik\"\")\"")
        #expect(CSVDialect.excel.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVDialect.records.field("-5") == "-5")
        #expect(CSVDialect.records.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVDialect.plain.field(Self.hostile) == "\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"klik\"\")\"")
    }

    @Test func everyListGainsExcelAndPlainCSVStaysExact() throws {
        let iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-04-01T02:00:00Z"
        try iku.initialise()
        for command in [
            ["village", "add", "--code", "35.08.01.2005", "--name=-Tempursari", "--actor", "@clerk"],
            ["submission", "add", "--village", "35.08.01.2005", "--document", "rkpdesa", "--year", "2027",
             "--date", "2026-03-30", "--note", "@catatan"],
            ["facilitation", "add", "--date", "2026-03-02", "--kind", "koordinasi", "--institution", "+Puskesmas",
             "--subject", "=1+1"],
            ["survey", "add", "--date", "2026-03-02", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,4",
             "--suggestion", Self.hostile],
        ] {
            let result = try iku.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let lists: [([String], String)] = [
            (["village", "list"], "-Tempursari"), (["submission", "list"], "@catatan"),
            (["facilitation", "list"], "+Puskesmas"), (["survey", "list"], Self.hostile),
            (["survey", "show", "1"], Self.hostile), (["audit", "log"], "@clerk"),
        ]
        for (command, stored) in lists {
            let plain = try iku.run(command + ["--format", "csv"])
            #expect(plain.status == 0, "\(command): \(plain.stderr)")
            #expect(plain.stdout.contains(CSVDialect.records.field(stored)), "\(command) plain")
            #expect(!plain.stdout.contains("'" + stored), "\(command) plain")
            let excel = try iku.run(command + ["--format", "csv", "--excel"])
            #expect(excel.status == 0, "\(command): \(excel.stderr)")
            #expect(excel.stdout.hasPrefix("\u{FEFF}"), "\(command) excel")
            #expect(excel.stdout.contains(CSVDialect.excel.field(stored)), "\(command) excel")
            #expect(CSVDialect.excel.field(stored).contains("'" + stored.prefix(1)))
            #expect(excel.stdout.contains(";") && excel.stdout.hasSuffix("\r\n"), "\(command) excel")
        }
        let misuse = try iku.run(["village", "list", "--excel"])
        #expect(misuse.status == 2)
        #expect(misuse.stderr.contains("--excel applies to --format csv"))
    }
}
