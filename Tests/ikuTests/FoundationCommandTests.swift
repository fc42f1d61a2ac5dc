import Foundation
import Testing

@Suite("iku init, migrate and check")
struct FoundationCommandTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
    }

    @Test func initCreatesAMigratedOwnerOnlyDatabase() throws {
        let result = try iku.run(["init", "--kecamatan-code", "35.08.01", "--kecamatan-name", "Tempursari"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Tempursari"))
        let mode = try FileManager.default.attributesOfItem(atPath: iku.databasePath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let status = try iku.run(["migrate", "--status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("0001_records\tapplied"))
        #expect(try iku.run(["migrate"]).stdout == "up to date\n")
        #expect(try iku.run(["check"]).stdout == "ok\n")
    }

    @Test func initHonoursDbFlagAndActor() throws {
        let path = iku.path("other.sqlite")
        let result = try iku.run(["init", "--kecamatan-code", "35.08.01", "--kecamatan-name", "Tempursari",
                                  "--db", path, "--actor", "Siti"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: iku.databasePath))
    }

    @Test func initRefusesAnExistingDatabase() throws {
        try iku.initialise()
        let before = try iku.contentDump()
        let again = try iku.run(["init", "--kecamatan-code", "35.08.02", "--kecamatan-name", "Other"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        #expect(again.stderr.split(separator: "\n").count == 1)
        #expect(try iku.contentDump() == before)
    }

    @Test(arguments: [
        (["--kecamatan-code", "3508.01", "--kecamatan-name", "Tempursari"], "kecamatan-code"),
        (["--kecamatan-code", "35.08.01", "--kecamatan-name", " "], "kecamatan-name"),
    ])
    func initRefusesBadOfficeInput(_ arguments: [String], _ field: String) throws {
        let result = try iku.run(["init"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(field):"))
        #expect(!FileManager.default.fileExists(atPath: iku.databasePath))
    }

    @Test func nonIkuFilesAreRefusedUntouched() throws {
        let text = iku.path("notes.txt")
        try Data("Rapat koordinasi 3 Maret\n".utf8).write(to: URL(fileURLWithPath: text))
        let sqlite = iku.path("other.sqlite")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        make.arguments = [sqlite, "CREATE TABLE t (x); INSERT INTO t VALUES (1);"]
        try make.run()
        make.waitUntilExit()
        for path in [text, sqlite] {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            for command in [["check"], ["migrate"], ["migrate", "--status"]] {
                let result = try iku.run(command + ["--db", path])
                #expect(result.status == 1, "\(command) on \(path)")
                #expect(result.stderr.contains("not"), "\(result.stderr)")
                #expect(!result.stderr.contains("Fatal error"))
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func missingDatabaseIsAClearError() throws {
        let result = try iku.run(["check"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("iku init"))
        #expect(!FileManager.default.fileExists(atPath: iku.databasePath))
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try iku.run(["no-such-command"]).status == 2)
        #expect(try iku.run(["init", "--kecamatan-code"]).status == 2)
        let help = try iku.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes"))
    }

    @Test func checkReportsCorruption() throws {
        try iku.initialise()
        // Break a foreign key behind iku's back, as a SQLite browser could.
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        tamper.arguments = [iku.databasePath, "INSERT INTO follow_ups (id, facilitation_id) VALUES (1, 42);"]
        try tamper.run()
        tamper.waitUntilExit()
        let result = try iku.run(["check"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("follow_ups"))
    }
}
