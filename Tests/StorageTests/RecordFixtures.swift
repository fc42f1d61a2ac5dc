import Foundation
@testable import Storage

/// A fresh iku database for Kecamatan Tempursari in a temporary directory.
struct RecordFixture {
    /// The fixture clock's day in the office's zone (Asia/Jakarta).
    static let today = "2027-01-01"

    let directory: TemporaryDirectory
    let database: IkuDatabase

    init(actor: String = "clerk") throws {
        directory = try TemporaryDirectory()
        database = try IkuDatabase.create(
            path: directory.path("records.sqlite"),
            office: Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari"), actor: actor,
            clock: .fixed(Date(timeIntervalSince1970: 1_798_761_600)))  // 2027-01-01T00:00:00Z, 07:00 WIB
    }

    /// The database as it stands now, as a fixed point in the change log.
    func asOfNow() throws -> AsOf {
        AsOf(lastChangeID: try count("SELECT max(id) FROM changes"))
    }

    func count(_ sql: String, _ values: [DatabaseValueConvertible] = []) throws -> Int64 {
        try database.connection.prepare(sql).first(values) { $0.int64(0) } ?? 0
    }

    /// Every row of every record table, to show a refused write changed nothing.
    func snapshot() throws -> [String] {
        var rows: [String] = []
        for table in ["changes", "villages", "village_versions", "submissions", "submission_versions", "facilitations",
                      "facilitation_versions", "follow_ups", "follow_up_versions", "survey_responses",
                      "survey_response_versions", "imports"] {
            try database.connection.prepare("SELECT * FROM \(table) ORDER BY rowid").forEachRow { row in
                rows.append(table + ":" + (0..<row.count).map { "\(row.value($0))" }.joined(separator: "|"))
            }
        }
        return rows
    }

    /// Writes `text` to a file in the fixture's directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try data(name, Data(text.utf8))
    }

    func data(_ name: String, _ data: Data) throws -> String {
        let path = directory.path(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func addTempursari() throws -> Int64 {
        try VillageStore(database).add(VillageInput(code: "35.08.01.2005", name: "Tempursari"))
    }
}
