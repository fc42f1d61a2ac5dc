import Foundation
import Testing
@testable import Storage

/// A survey import hands the audit seal the digest of the rows it wrote, computed from the values
/// it bound; `iku audit verify` recomputes it from the stored rows, so the two must agree, and
/// any later change to an imported row must be caught.
@Suite("Audit chain over imports")
struct ImportAuditTests {
    let fixture: RecordFixture
    var surveys: SurveyResponseStore { SurveyResponseStore(fixture.database) }

    init() throws {
        fixture = try RecordFixture()
    }

    /// Every kind of value a row can hold: answered and unanswered scores (the last one too),
    /// optional columns empty or given, quoted text with commas, quotes and line breaks,
    /// multi-byte UTF-8, padded fields that are stored trimmed.
    static let everyShapeCSV = """
        suggestion,date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation\r
        ,2026-01-05,KTP,4,3,2,1,4,3,2,1,,,,,\r
        "Antrean ""lama"", mohon ditambah petugas",2026-02-28,Akta Kelahiran,,,,,,,,,,P,80,S3,LAINNYA\r
        Pelayanan ramah 👍 — terima kasih,2026-03-01,Surat Keterangan Tidak Mampu (SKTM),1,1,1,1,1,1,1,1,1,L,17,D4/S1,WIRAUSAHA\r
        "baris satu\r
        baris dua",2026-12-31, Légalisasi ,4,,4,,4,,4,,4,p,120,d1-d3,pns\r
        ,2026-06-15,KK,2,2,2,2,2,2,2,2,2,,45,,\r

        """

    /// Only the required columns: every optional column absent.
    static let requiredOnlyCSV = """
        date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\r
        2026-04-01,IMB,3,3,3,3,3,3,3,3,\r
        2026-04-02,Dispensasi Nikah,,,,,,,,,1\r

        """

    /// A raw connection with the append-only triggers dropped: someone with a SQLite browser.
    func tamper(_ sql: String) throws {
        let raw = try Connection(path: fixture.directory.path("records.sqlite"))
        let triggers = try raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").map { $0.string(0) }
        for trigger in triggers { try raw.execute("DROP TRIGGER \(trigger)") }
        try raw.execute(sql)
    }

    func verify() throws -> VerificationReport {
        try AuditVerifier(fixture.database.connection).verify()
    }

    @Test func importedRowsOfEveryShapeVerify() throws {
        try surveys.add(SurveyResponseInput(date: "2026-01-02", service: "KK", scores: "4,4,4,4,4,4,4,4,4"))
        let first = try surveys.importCSV(path: try fixture.file("every-shape.csv", Self.everyShapeCSV))
        let second = try surveys.importCSV(path: try fixture.file("required-only.csv", Self.requiredOnlyCSV))
        #expect(first.ids == 2...6)
        #expect(second.ids == 7...8)
        let report = try verify()
        #expect(report.isValid, "\(report.failure ?? "")")
        #expect(report.entriesChecked == 4)
        let stored = try surveys.show(4).fields
        #expect(stored.suggestion == "Pelayanan ramah 👍 — terima kasih")
        #expect(try surveys.show(5).fields.service == "Légalisasi")
        #expect(try surveys.show(3).fields.suggestion == "Antrean \"lama\", mohon ditambah petugas")
    }

    @Test func theImporterDigestsTheRowsItWrites() throws {
        let path = try fixture.file("every-shape.csv", Self.everyShapeCSV)
        var importer = SurveyRowImporter(connection: fixture.database.connection, limit: try fixture.database.eventDateLimit())
        let report = try CSVImport<SurveyRowImporter>(database: fixture.database, path: path, options: ImportOptions())
            .run(&importer, progress: { _ in })
        let digests = importer.rowDigests
        #expect(digests.map(\.table) == ["survey_response_versions"])
        #expect(digests.first?.rows.rowCount == 5)

        var readBack = TableDigest()
        let statement = try fixture.database.connection.prepare(
            "SELECT rowid, * FROM survey_response_versions WHERE change_id = ? ORDER BY rowid")
        try statement.forEachRow([try #require(report.changeID)]) { _ in readBack.add(currentRowOf: statement) }
        #expect(digests.first?.rows.hexDigest() == readBack.hexDigest())
    }

    /// The importer binds every column in schema order and digests the same values: a column
    /// added, removed or moved without updating `SurveyRowImporter.bind` must fail here.
    @Test func theImportersColumnsAreTheTablesInSchemaOrder() throws {
        let columns = try fixture.database.connection.prepare(SurveyRowImporter.selectVersionColumns).map { $0.string(0) }
        #expect(columns == SurveyRowImporter.versionColumns)
        #expect(Int(SurveyRowImporter.parametersPerRow) == columns.count)
    }

    @Test(arguments: [
        "UPDATE survey_response_versions SET u1 = 3 WHERE response_id = 2",
        "UPDATE survey_response_versions SET u9 = 4 WHERE response_id = 2",
        "UPDATE survey_response_versions SET suggestion = 'Pelayanan ramah' WHERE response_id = 4",
        "UPDATE survey_response_versions SET service = 'KTP' WHERE response_id = 6",
        "UPDATE survey_response_versions SET age = 46 WHERE response_id = 6",
        "DELETE FROM survey_response_versions WHERE response_id = 5",
    ])
    func changeToAnImportedRowIsCaught(_ sql: String) throws {
        try surveys.add(SurveyResponseInput(date: "2026-01-02", service: "KK", scores: "4,4,4,4,4,4,4,4,4"))
        let change = try #require(try surveys.importCSV(path: try fixture.file("every-shape.csv", Self.everyShapeCSV)).changeID)
        try surveys.add(SurveyResponseInput(date: "2026-01-03", service: "KK", scores: "3,3,3,3,3,3,3,3,3"))
        #expect(try verify().isValid)
        try tamper(sql)
        let report = try verify()
        #expect(report.failure?.hasPrefix("change \(change):") == true, "\(report.failure ?? "valid")")
        #expect(report.entriesChecked == Int(change) - 1)
    }

    @Test func foreignKeysOfSurveyVersionsAreEnforcedAtCommit() throws {
        let connection = fixture.database.connection
        let before = try fixture.snapshot()
        let error = try #require(throws: SQLiteError.self) {
            try connection.write {
                try connection.run("""
                    INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service)
                    VALUES (999, 1, 1, '2026-03-01', 'KTP')
                    """)
            }
        }
        #expect(error.extendedCode == SchemaConstraintTests.foreignKey, "\(error)")
        #expect(try fixture.snapshot() == before)
    }
}
