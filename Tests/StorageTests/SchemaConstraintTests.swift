import Foundation
import Testing
@testable import Storage

/// Every CHECK, NOT NULL, foreign key and append-only trigger in the schema refuses a bad row.
@Suite("Schema constraints")
struct SchemaConstraintTests {
    static let check: Int32 = 275       // SQLITE_CONSTRAINT_CHECK
    static let notNull: Int32 = 1299    // SQLITE_CONSTRAINT_NOTNULL
    static let foreignKey: Int32 = 787  // SQLITE_CONSTRAINT_FOREIGNKEY
    static let trigger: Int32 = 1811    // SQLITE_CONSTRAINT_TRIGGER
    static let unique: Int32 = 2067     // SQLITE_CONSTRAINT_UNIQUE
    static let datatype: Int32 = 3091   // SQLITE_CONSTRAINT_DATATYPE

    /// One bad value for one column of a table whose other columns are valid.
    struct Case: CustomTestStringConvertible, Sendable {
        let table: String
        let column: String
        let value: DatabaseValue
        let code: Int32
        var testDescription: String { "\(table).\(column) = \(value)" }
    }

    /// A valid row for each table, given the fixture rows inserted by `makeDatabase`.
    static let validRows: [String: [(String, DatabaseValue)]] = [
        "changes": [("recorded_at", .text("2026-01-01T00:00:00.000Z")), ("actor", .text("clerk")),
                    ("kind", .text("survey")), ("action", .text("create")), ("summary", .text("x"))],
        "village_versions": [("village_id", .integer(1)), ("version", .integer(2)), ("change_id", .integer(1)),
                             ("code", .text("35.08.01.2005")), ("name", .text("Tempursari")),
                             ("active_from", .text("2020-01-01")), ("active_until", .null)],
        "submission_versions": [("submission_id", .integer(1)), ("version", .integer(1)), ("change_id", .integer(1)),
                                ("village_id", .integer(1)), ("document", .text("rkpdesa")), ("fiscal_year", .integer(2026)),
                                ("submitted_on", .text("2025-09-30")), ("reference", .text("Perdes 5/2025")),
                                ("received_on", .text("2025-10-02")), ("note", .null)],
        "deadline_settings": [("change_id", .integer(1)), ("document", .text("apbdesa")), ("fiscal_year", .integer(2026)),
                              ("due_on", .text("2026-01-31"))],
        "facilitation_versions": [("facilitation_id", .integer(1)), ("version", .integer(1)), ("change_id", .integer(1)),
                                  ("held_on", .text("2026-02-03")), ("kind", .text("koordinasi")),
                                  ("institution", .text("Puskesmas")), ("subject", .text("Stunting")),
                                  ("section", .text("Kesra")), ("result", .null)],
        "follow_up_links": [("follow_up_id", .integer(1)), ("facilitation_id", .integer(1)), ("change_id", .integer(1))],
        "follow_up_versions": [("follow_up_id", .integer(1)), ("version", .integer(1)), ("change_id", .integer(1)),
                               ("done_on", .text("2026-02-10")), ("action", .text("Surat edaran")), ("evidence", .null)],
        "survey_response_versions": [("response_id", .integer(1)), ("version", .integer(1)), ("change_id", .integer(1)), ("voided", .integer(0)), ("void_reason", .null),
                                     ("survey_date", .text("2026-03-01")), ("service", .text("KTP")),
                                     ("u1", .integer(4)), ("u2", .integer(3)), ("u3", .null), ("u4", .integer(1)),
                                     ("u5", .integer(2)), ("u6", .integer(4)), ("u7", .integer(4)), ("u8", .integer(4)),
                                     ("u9", .integer(4)), ("gender", .text("P")), ("age", .integer(34)),
                                     ("education", .text("D4/S1")), ("occupation", .text("WIRAUSAHA")), ("suggestion", .null)],
        "population_settings": [("change_id", .integer(1)), ("year", .integer(2026)), ("quarter", .integer(1)),
                                ("user_count", .integer(1000))],
        "target_settings": [("change_id", .integer(1)), ("indicator", .text("ikm")), ("year", .integer(2026)),
                            ("value", .real(82.5))],
        "office_settings": [("change_id", .integer(1)), ("key", .text("timezone")), ("value", .text("Asia/Jakarta"))],
        "service_settings": [("change_id", .integer(1)), ("name", .text("KTP")), ("offered", .integer(1))],
        "snapshots": [("change_id", .integer(1)), ("year", .integer(2026)), ("figures", .text("{}")),
                      ("input_sha256", .text(String(repeating: "a", count: 64)))],
        "imports": [("change_id", .integer(1)), ("kind", .text("survey")), ("file_name", .text("a.csv")),
                    ("file_sha256", .text(String(repeating: "b", count: 64))), ("row_count", .integer(3))],
    ]

    static let dateColumns: [(String, String)] = [
        ("village_versions", "active_from"), ("village_versions", "active_until"),
        ("submission_versions", "submitted_on"), ("submission_versions", "received_on"),
        ("deadline_settings", "due_on"), ("facilitation_versions", "held_on"),
        ("follow_up_versions", "done_on"), ("survey_response_versions", "survey_date"),
    ]

    static let cases: [Case] = {
        var cases: [Case] = []
        func add(_ table: String, _ column: String, _ value: DatabaseValue, _ code: Int32) {
            cases.append(Case(table: table, column: column, value: value, code: code))
        }
        for (table, column) in dateColumns {
            for bad in ["2025-02-30", "2025-13-01", "30-09-2025", "2025-9-30", "2025-09-30T00:00"] {
                add(table, column, .text(bad), check)
            }
        }
        for score in 1...9 {
            add("survey_response_versions", "u\(score)", .integer(0), check)
            add("survey_response_versions", "u\(score)", .integer(5), check)
            add("survey_response_versions", "u\(score)", .text("four"), datatype)
            add("survey_response_versions", "u\(score)", .real(3.5), datatype)
        }
        let s = "survey_response_versions"
        add(s, "gender", .text("X"), check)
        add(s, "gender", .text("l"), check)
        add(s, "age", .integer(5), check)
        add(s, "age", .integer(150), check)
        add(s, "education", .text("SLTA"), check)
        add(s, "occupation", .text("PETANI"), check)
        add(s, "service", .text(""), check)
        add(s, "service", .text(" KTP"), check)
        add(s, "service", .null, notNull)
        add(s, "survey_date", .null, notNull)
        add(s, "response_id", .integer(999), foreignKey)
        add(s, "change_id", .integer(999), foreignKey)
        add(s, "version", .integer(0), check)
        add(s, "voided", .integer(2), check)
        add(s, "voided", .integer(1), check)          // voided without a reason
        add(s, "void_reason", .text("typo"), check)   // a reason without voided
        add(s, "suggestion", .text(String(repeating: "x", count: 2001)), check)
        add("village_versions", "code", .text("35.08.01.205"), check)
        add("village_versions", "code", .text("3508012005"), check)
        add("village_versions", "name", .text("  "), check)
        add("village_versions", "active_until", .text("2019-12-31"), check)
        add("village_versions", "village_id", .integer(999), foreignKey)
        add("village_versions", "version", .integer(1), unique)
        add("submission_versions", "document", .text("rpjmdesa"), check)
        add("submission_versions", "document", .text("RKPDesa"), check)
        add("submission_versions", "fiscal_year", .integer(1999), check)
        add("submission_versions", "fiscal_year", .integer(2101), check)
        add("submission_versions", "village_id", .integer(999), foreignKey)
        add("submission_versions", "submission_id", .integer(999), foreignKey)
        add("deadline_settings", "document", .text("lpj"), check)
        add("deadline_settings", "fiscal_year", .integer(1900), check)
        add("deadline_settings", "change_id", .integer(999), foreignKey)
        add("facilitation_versions", "kind", .text("rapat"), check)
        add("facilitation_versions", "institution", .text(""), check)
        add("facilitation_versions", "subject", .null, notNull)
        add("facilitation_versions", "facilitation_id", .integer(999), foreignKey)
        add("follow_up_versions", "action", .text(""), check)
        add("follow_up_versions", "follow_up_id", .integer(999), foreignKey)
        add("population_settings", "quarter", .integer(5), check)
        add("population_settings", "quarter", .integer(0), check)
        add("population_settings", "user_count", .integer(-1), check)
        add("target_settings", "indicator", .text("ikm_total"), check)
        add("target_settings", "value", .real(0), check)
        add("target_settings", "value", .real(100.5), check)
        add("office_settings", "key", .text("camat"), check)
        add("office_settings", "value", .text(" Asia/Jakarta"), check)
        add("office_settings", "value", .text(""), check)
        add("service_settings", "name", .text(" KTP"), check)
        add("service_settings", "name", .text(""), check)
        add("service_settings", "offered", .integer(2), check)
        add("service_settings", "change_id", .integer(999), foreignKey)
        add("snapshots", "figures", .text("{not json"), check)
        add("snapshots", "input_sha256", .text("abc"), check)
        add("imports", "kind", .text("submission"), check)
        add("imports", "row_count", .integer(-1), check)
        add("changes", "kind", .text("rumour"), check)
        add("changes", "action", .text("delete"), check)
        add("changes", "actor", .text(""), check)
        add("changes", "recorded_at", .text("2026-01-01 00:00:00"), check)
        return cases
    }()

    static func makeDatabase(in directory: TemporaryDirectory) throws -> Connection {
        let database = try IkuDatabase.create(
            path: directory.path("schema.sqlite"),
            office: Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari"), actor: "clerk")
        let connection = database.connection
        try connection.execute("""
            INSERT INTO villages (id) VALUES (1);
            INSERT INTO village_versions (village_id, version, change_id, code, name)
                VALUES (1, 1, 1, '35.08.01.2005', 'Tempursari');
            INSERT INTO submissions (id) VALUES (1);
            INSERT INTO facilitations (id) VALUES (1);
            INSERT INTO follow_ups (id, facilitation_id) VALUES (1, 1);
            INSERT INTO survey_responses (id) VALUES (1);
            """)
        return connection
    }

    static func insert(_ table: String, _ row: [(String, DatabaseValue)], into connection: Connection) throws {
        let columns = row.map(\.0).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: row.count).joined(separator: ", ")
        try connection.run("INSERT INTO \(table) (\(columns)) VALUES (\(placeholders))", row.map(\.1))
    }

    @Test func validRowsAreAccepted() throws {
        let directory = try TemporaryDirectory()
        let connection = try Self.makeDatabase(in: directory)
        for (table, row) in Self.validRows.sorted(by: { $0.key < $1.key }) {
            try Self.insert(table, row, into: connection)
        }
    }

    @Test(arguments: cases)
    func badValueIsRefused(_ testCase: Case) throws {
        let directory = try TemporaryDirectory()
        let connection = try Self.makeDatabase(in: directory)
        var row = try #require(Self.validRows[testCase.table])
        let index = try #require(row.firstIndex { $0.0 == testCase.column })
        row[index].1 = testCase.value
        let error = try #require(throws: SQLiteError.self) { try Self.insert(testCase.table, row, into: connection) }
        #expect(error.extendedCode == testCase.code, "\(error)")
    }

    @Test func officeAllowsOneRowWithAValidCode() throws {
        let directory = try TemporaryDirectory()
        let connection = try Self.makeDatabase(in: directory)
        let second = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO office (id, kecamatan_code, kecamatan_name, change_id) VALUES (2, '35.08.02', 'X', 1)")
        }
        #expect(second.extendedCode == Self.check)
    }

    @Test func everyTableRefusesUpdateAndDelete() throws {
        let directory = try TemporaryDirectory()
        let connection = try Self.makeDatabase(in: directory)
        for (table, row) in Self.validRows.sorted(by: { $0.key < $1.key }) {
            try Self.insert(table, row, into: connection)
        }
        let tables = try connection.prepare("""
            SELECT name FROM sqlite_schema
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'iku_migrations'
            """).map { $0.string(0) }
        #expect(tables.count == 21)
        for table in tables {
            for sql in ["UPDATE \(table) SET rowid = rowid", "DELETE FROM \(table)"] {
                let error = try #require(throws: SQLiteError.self, "\(sql)") { try connection.run(sql) }
                #expect(error.extendedCode == Self.trigger, "\(sql): \(error)")
                #expect(error.message.contains("append-only"))
            }
        }
    }

    @Test func currentViewsShowTheLatestVersion() throws {
        let directory = try TemporaryDirectory()
        let connection = try Self.makeDatabase(in: directory)
        try connection.execute("""
            INSERT INTO village_versions (village_id, version, change_id, code, name, voided, void_reason)
                VALUES (1, 2, 1, '35.08.01.2005', 'Tempursari', 1, 'entered twice');
            """)
        let current = try connection.prepare("SELECT version, voided, void_reason FROM current_villages").map {
            [$0.int(0), $0.int(1)]
        }
        #expect(current == [[2, 1]])
    }
}
