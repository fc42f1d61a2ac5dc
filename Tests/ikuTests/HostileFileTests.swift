import Foundation
import Testing

/// Files that travel on USB sticks: damaged, foreign or newer files are refused, never modified.
@Suite("Hostile files and backup")
struct HostileFileTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        try iku.initialise()
        try sqlite(iku.databasePath, "PRAGMA wal_checkpoint(TRUNCATE);")
    }

    func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    func makeVariant(_ name: String, _ transform: (Data) -> Data) throws -> String {
        let original = try Data(contentsOf: URL(fileURLWithPath: iku.databasePath))
        let path = iku.path(name)
        try transform(original).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func damagedForeignAndNewerFilesAreRefusedUntouched() throws {
        var files: [(String, String)] = [
            (try makeVariant("truncated.sqlite") { $0.prefix($0.count / 2) }, "not a readable SQLite database"),
            (try makeVariant("corrupted.sqlite") { data in
                var data = data
                data.replaceSubrange(20_000..<24_000, with: Data(repeating: 0x5A, count: 4_000))
                return data
            }, "damaged"),
            (try makeVariant("zero.sqlite") { _ in Data() }, "empty file"),
            (try makeVariant("text.sqlite") { _ in Data("kode desa,nama\n".utf8) }, "not a readable SQLite database"),
        ]
        let newer = try makeVariant("newer.sqlite") { $0 }
        try sqlite(newer, "INSERT INTO iku_migrations VALUES ('0999_future', 'x', '2030-01-01T00:00:00.000Z');")
        files.append((newer, "newer iku"))
        for (path, expected) in files {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            for command in [["check"], ["audit", "verify"], ["migrate"], ["audit", "log"]] {
                let result = try iku.run(command + ["--db", path])
                // A file damaged in a few pages may still answer questions that never read them;
                // check and verify read everything and must fail.
                let readsEverything = command == ["check"] || command == ["audit", "verify"]
                if path.hasSuffix("corrupted.sqlite") && !readsEverything {
                    #expect(result.status <= 1 && !result.stderr.contains("Fatal error"))
                    continue
                }
                #expect(result.status != 0, "\(command) \(path)")
                #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
                #expect(!result.stderr.contains("Fatal error"))
                if command == ["check"] {
                    #expect(result.stderr.contains(expected), "\(path): \(result.stderr)")
                }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(path) was modified")
        }
    }

    @Test func backupIsACheckedCopyThatVerifiesWithTheSameHead() throws {
        let head = try iku.run(["audit", "head"])
        #expect(head.status == 0)
        let digest = String(head.stdout.prefix(64))
        let copy = iku.path("copy.sqlite")
        let backup = try iku.run(["backup", copy])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains(digest))
        #expect(try iku.run(["check", "--db", copy]).stdout == "ok\n")
        #expect(try iku.run(["audit", "verify", "--db", copy, "--expect-head", digest]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try iku.run(["backup", copy])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func auditCommandsOnACleanDatabase() throws {
        let verify = try iku.run(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok: 1 entries verified; head "))
        let log = try iku.run(["audit", "log", "--format", "json"])
        let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.count == 1)
        #expect(entries?.first?["actor"] as? String == "test-clerk")
        #expect(entries?.first?["kind"] as? String == "office")
        #expect(entries?.first?["id"] as? Int == 1)
        let filtered = try iku.run(["audit", "log", "--actor", "nobody", "--format", "csv"])
        #expect(filtered.stdout == "id,recorded_at,timezone,actor,kind,action,record_id,summary,entry_sha256\r\n")
        #expect(entries?.first?["timezone"] as? String == "Asia/Jakarta")
        let badDate = try iku.run(["audit", "log", "--since", "2026-02-30"])
        #expect(badDate.status == 1)
        #expect(badDate.stderr.contains("since"))
    }

    @Test func tamperingBehindIkusBackIsCaughtByVerify() throws {
        let published = String(try iku.run(["audit", "head"]).stdout.prefix(64))
        try sqlite(iku.databasePath, """
            DROP TRIGGER office_no_update;
            UPDATE office SET kecamatan_name = 'Pasirian' WHERE id = 1;
            """)
        let result = try iku.run(["audit", "verify", "--expect-head", published])
        #expect(result.status == 1)
        #expect(result.stderr.contains("change 1"))
    }
}

@Suite("Backup while clerks write, and record history")
struct BackupWhileWritingTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        try iku.initialise()
    }

    @Test func backupTakenDuringWritesMatchesTheSourceAsOfItsLastChange() throws {
        let stop = iku.path("stop")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", """
            day=1; while [ ! -e '\(stop)' ]; do '\(IkuRunner.executable.path)' survey add --date 2026-04-0$(( day % 9 + 1 )) \
            --service KTP --scores 4,3,4,4,3,4,4,3,4 >/dev/null || exit 1; day=$((day+1)); done
            """]
        writer.environment = iku.environment
        try writer.run()
        Thread.sleep(forTimeInterval: 0.5)
        let copy = iku.path("copy.sqlite")
        let backup = try iku.run(["backup", copy])
        Thread.sleep(forTimeInterval: 0.3)
        FileManager.default.createFile(atPath: stop, contents: nil)
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(backup.status == 0, "\(backup.stderr)")

        let lastInCopy = try iku.run(["audit", "log", "--db", copy, "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(lastInCopy.stdout.utf8)) as? [[String: Any]])
        let takenAt = try #require(entries.last?["recorded_at"] as? String)
        let sourceLog = try iku.run(["audit", "log", "--format", "json"])
        let sourceEntries = try #require(try JSONSerialization.jsonObject(with: Data(sourceLog.stdout.utf8)) as? [[String: Any]])
        #expect(sourceEntries.count > entries.count, "the writer kept writing after the backup")

        let copyReport = try iku.run(["report", "--year", "2026", "--format", "json", "--db", copy])
        let sourceThen = try iku.run(["report", "--year", "2026", "--format", "json", "--as-of", takenAt])
        #expect(copyReport.status == 0)
        #expect(copyReport.stdout == sourceThen.stdout)
        #expect(try iku.run(["audit", "verify", "--db", copy]).status == 0)
    }

    @Test func historyShowsEveryVersionWithWhatChanged() throws {
        #expect(try iku.run(["survey", "add", "--date", "2026-03-01", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"]).stdout == "1\n")
        #expect(try iku.run(["survey", "correct", "1", "--scores", "2,4,4,4,4,4,4,4,-", "--actor", "siti"]).status == 0)
        #expect(try iku.run(["survey", "void", "1", "--reason", "respondent withdrew", "--actor", "budi"]).status == 0)
        let history = try iku.run(["history", "survey", "1"])
        #expect(history.status == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("version ") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("version 2  correct") && $0.contains("by siti") })
        #expect(lines.contains("  u1: 4 → 2"))
        #expect(lines.contains("  u9: 4 → –"))
        #expect(lines.contains { $0.hasPrefix("version 3  void") && $0.contains("by budi") })
        #expect(lines.contains("  voided: respondent withdrew"))
        let missing = try iku.run(["history", "survey", "99"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no survey with id 99"))
    }
}

@Suite("Write-protected files")
struct ReadOnlyFileTests {
    @Test func readsWorkAndWritesAreRefusedWithoutTouchingTheFile() throws {
        let iku = try IkuRunner()
        try iku.initialise()
        #expect(try iku.run(["survey", "add", "--date", "2026-03-01", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"]).status == 0)
        let checkpoint = Process()
        checkpoint.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        checkpoint.arguments = [iku.databasePath, "PRAGMA wal_checkpoint(TRUNCATE);"]
        checkpoint.standardOutput = FileHandle.nullDevice
        try checkpoint.run()
        checkpoint.waitUntilExit()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: iku.databasePath + suffix) }

        // Write-protect the file and its folder. Root ignores permission bits, so as root the
        // commands run as `nobody` (a copy of the binary where `nobody` can reach it).
        let folder = iku.directory.path
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: iku.databasePath)
        var command: [String] = []
        if getuid() == 0 {
            // The copy is written by `install`, not by this process: a file this process held open
            // for writing would be inherited by any child another test forks meanwhile, and
            // executing the copy would then fail with "Text file busy".
            let copy = iku.path("iku-copy")
            let install = Process()
            install.executableURL = URL(fileURLWithPath: "/usr/bin/install")
            install.arguments = ["-m", "0755", IkuRunner.executable.path, copy]
            try install.run()
            install.waitUntilExit()
            try #require(install.terminationStatus == 0, "install of the binary's copy failed")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
            command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", copy]
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
            command = [IkuRunner.executable.path]
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: iku.databasePath))

        func run(_ arguments: [String]) throws -> RunResult {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst()) + arguments + ["--db", iku.databasePath]
            process.environment = iku.environment
            let output = Pipe(), error = Pipe()
            process.standardOutput = output
            process.standardError = error
            try process.run()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self))
        }

        #expect(try run(["check"]).stdout == "ok\n")
        #expect(try run(["audit", "verify"]).status == 0)
        #expect(try run(["survey", "list", "--format", "csv"]).stdout.split(separator: "\r\n").count == 2)
        let write = try run(["survey", "add", "--date", "2026-03-02", "--service", "KK", "--scores", "3,3,3,3,3,3,3,3,3"])
        #expect(write.status == 1)
        #expect(write.stderr.contains("read-only"), "\(write.stderr)")
        #expect(write.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: iku.databasePath)) == before)
    }
}
