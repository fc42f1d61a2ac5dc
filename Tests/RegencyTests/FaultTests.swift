import Foundation
import Testing
@testable import Regency
@testable import Storage

/// Ingest under load and faults, on the real server with real processes.
@Suite("Regency faults and load")
struct FaultTests {
    func register(_ offices: [OfficeFixture], in database: TestDatabase) throws -> RegencyRunner {
        let runner = RegencyRunner(address: database.address.description)
        #expect(try runner.run(["init", "--code", "35.08", "--name", "Lumajang"]).status == 0)
        for office in offices {
            let result = try runner.run(["office", "add", "--code", office.code, "--name", office.name,
                                         "--public-key", office.key.publicKeyText])
            #expect(result.status == 0, "\(result.stderr)")
        }
        return runner
    }

    /// Starts `iku-regency ARGUMENTS` without waiting; its output goes to `log`.
    func start(_ runner: RegencyRunner, _ arguments: [String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = RegencyRunner.executable
        process.arguments = arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                               "IKU_REGENCY_POSTGRES": runner.address]
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    @Test func twentyOneOfficesIngestAtOnceIntoOneRegency() async throws {
        try await TestDatabase.with { database in
            let offices = try (1...21).map { try OfficeFixture(code: String(format: "35.08.%02d", $0), name: "Kecamatan \($0)") }
            var expected: [(code: String, summary: BundleSummary, path: String)] = []
            for (index, office) in offices.enumerated() {
                try office.addRecords(day: 10 + index % 9)
                try office.importSurveys(300, seed: UInt64(index + 1))
                let (path, summary) = try office.export("all.iku-bundle")
                expected.append((office.code, summary, path))
            }
            let runner = try register(offices, in: database)
            let processes = try expected.map { try start(runner, ["ingest", $0.path], log: $0.path + ".log") }
            for process in processes { process.waitUntilExit() }
            for (process, office) in zip(processes, expected) {
                let log = (try? String(contentsOfFile: office.path + ".log", encoding: .utf8)) ?? ""
                #expect(process.terminationStatus == 0, "\(office.code): \(log)")
            }
            #expect(try await database.count("office_changes") == Int64(expected.map(\.summary.changes).reduce(0, +)))
            #expect(try await database.count("office_rows") == Int64(expected.map(\.summary.rows).reduce(0, +)))
            let status = try runner.run(["status"])
            for office in expected { #expect(status.stdout.contains("\(office.code)\t") && status.stdout.contains(office.summary.lastHead)) }
        }
    }

    @Test func aKilledIngestLeavesTheWholeBundleOrNothingAndARerunCompletes() async throws {
        try await TestDatabase.with { database in
            let office = try OfficeFixture()
            try office.importSurveys(40_000, seed: 42)
            let (path, summary) = try office.export("big.iku-bundle")
            let runner = try register([office], in: database)
            var killedWhileRunning = 0
            for delay in [0.05, 0.2, 0.4, 0.8, 1.6] {
                let process = try start(runner, ["ingest", path], log: path + ".log")
                try await Task.sleep(for: .seconds(delay))
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    killedWhileRunning += 1
                }
                process.waitUntilExit()
                let rows = try await database.count("office_rows")
                #expect(rows == 0 || rows == Int64(summary.rows), "after SIGKILL at \(delay) s: \(rows) rows")
                #expect(try await database.count("office_changes") == (rows == 0 ? 0 : Int64(summary.changes)))
            }
            #expect(killedWhileRunning > 0, "every ingest finished before it could be killed")
            let rerun = try runner.run(["ingest", path])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try await database.count("office_rows") == Int64(summary.rows))
            #expect(try await database.count("ingests") == 1)
        }
    }
}
