import Foundation

/// A database with a few records of every kind, made once per test run with the `iku` commands
/// themselves and copied into each test's directory:
///
/// - villages 1 `35.08.01.2005` Tempursari and 2 `35.08.01.2001` Tegalrejo
/// - submission 1: Tempursari's RKPDesa 2026, adopted 2025-09-22
/// - facilitation 1 (koordinasi, held 2026-02-03) and facilitation 2 (voided)
/// - survey responses 1 (live) and 2 (voided), and 3-5 imported from `SeededDatabase.surveyCSV`
enum SeededDatabase {
    static let surveyCSV = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-01-05,KTP,4,4,3,4,3,4,4,3,4\n"
        + "2026-01-06,KK,3,3,3,3,3,3,3,3,3\n2026-01-07,KTP,2,3,,4,3,4,4,3,4\n"

    /// The database file's bytes (and its WAL's, should one be left), by file-name suffix.
    static let template: Result<[String: Data], RunFailure> = Result { () throws(RunFailure) in try make() }

    /// Writes the seeded database to `iku`'s database path.
    static func copy(to iku: IkuRunner) throws {
        for (suffix, data) in try template.get() {
            try data.write(to: URL(fileURLWithPath: iku.databasePath + suffix))
        }
    }

    private static func make() throws(RunFailure) -> [String: Data] {
        let iku: IkuRunner
        do { iku = try IkuRunner() } catch { fatalError("cannot make a temporary directory: \(error)") }
        let commands: [[String]] = [
            ["village", "add", "--code", "35.08.01.2005", "--name", "Tempursari"],
            ["village", "add", "--code", "35.08.01.2001", "--name", "Tegalrejo"],
            ["submission", "add", "--village", "35.08.01.2005", "--document", "rkpdesa", "--year", "2026",
             "--date", "2025-09-22"],
            ["facilitation", "add", "--date", "2026-02-03", "--kind", "koordinasi", "--institution", "Puskesmas",
             "--subject", "Stunting"],
            ["facilitation", "add", "--date", "2026-02-04", "--kind", "fasilitasi", "--institution", "Dinas PMD",
             "--subject", "Musrenbangdes"],
            ["facilitation", "void", "2", "--reason", "entered twice"],
            ["survey", "add", "--date", "2026-03-02", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,4"],
            ["survey", "add", "--date", "2026-03-02", "--service", "KK", "--scores", "3,3,3,3,3,3,3,3,3"],
            ["survey", "void", "2", "--reason", "entered twice"],
            ["survey", "import", iku.path("seed.csv")],
        ]
        do {
            try Data(surveyCSV.utf8).write(to: URL(fileURLWithPath: iku.path("seed.csv")))
            iku.environment["IKU_NOW"] = "2026-04-01T01:00:00Z"
            try iku.initialise()
            for command in commands {
                let result = try iku.run(command)
                guard result.status == 0 else { throw RunFailure(result: result) }
            }
            var files: [String: Data] = [:]
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: iku.databasePath + suffix) {
                files[suffix] = try Data(contentsOf: URL(fileURLWithPath: iku.databasePath + suffix))
            }
            return files
        } catch let failure as RunFailure {
            throw failure
        } catch {
            throw RunFailure(result: RunResult(status: -1, stdout: "", stderr: "\(error)"))
        }
    }
}
