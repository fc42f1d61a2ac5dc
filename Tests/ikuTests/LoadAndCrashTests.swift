import Foundation
import Testing

/// Quick forms of harness/concurrency.sh and harness/crash.sh (the long forms run on demand).
@Suite("Concurrent clerks and crashes (quick form)")
struct LoadAndCrashTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        try iku.initialise()
    }

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = IkuRunner.executable
        process.arguments = arguments
        process.environment = iku.environment
        process.currentDirectoryURL = iku.directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A shell loop run as one process; exits with the number of failed commands.
    func loop(_ body: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "failures=0; \(body); exit $failures"]
        process.environment = iku.environment
        process.currentDirectoryURL = iku.directory
        try process.run()
        return process
    }

    @Test func concurrentClerksLoseNothingAndNeverSeeLocked() throws {
        let writers = 4, adds = 6
        let binary = IkuRunner.executable.path
        let stop = iku.path("stop")
        let reporter = try loop("""
            while [ ! -e '\(stop)' ]; do '\(binary)' report --year 2026 >/dev/null 2>>report.err || failures=$((failures+1)); done
            """)
        let clerks = try (1...writers).map { clerk in
            try loop("""
                for day in $(seq 1 \(adds)); do '\(binary)' survey add --actor clerk\(clerk) --date 2026-03-0$day \
                --service 'Layanan \(clerk)' --scores 4,3,4,4,3,4,4,3,4 >/dev/null 2>>clerk\(clerk).err || failures=$((failures+1)); done
                """)
        }
        clerks.forEach { $0.waitUntilExit() }
        FileManager.default.createFile(atPath: stop, contents: nil)
        reporter.waitUntilExit()

        #expect(clerks.map(\.terminationStatus) == Array(repeating: 0, count: writers))
        #expect(reporter.terminationStatus == 0, "report failed while clerks wrote")
        let errors = try (1...writers).map { try String(contentsOfFile: iku.path("clerk\($0).err"), encoding: .utf8) }
        #expect(errors.allSatisfy { $0.isEmpty }, "\(errors)")
        let list = try iku.run(["survey", "list", "--format", "csv"])
        #expect(list.stdout.split(separator: "\r\n").count == writers * adds + 1)
        #expect(try iku.run(["check"]).stdout == "ok\n")
        #expect(try iku.run(["audit", "verify"]).status == 0)
    }

    @Test func killedImportLeavesNoneOrAllOfItsRows() throws {
        let rows = 20_000
        var csv = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
        for row in 0..<rows {
            csv += "2026-\(String(format: "%02d", row % 12 + 1))-15,KTP,4,3,4,\(row % 4 + 1),3,4,4,3,4\n"
        }
        let file = iku.path("survey.csv")
        try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
        for delay in [0.05, 0.3, 0.8] {
            let process = try start(["survey", "import", "--allow-duplicate-file", file])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let count = try iku.run(["survey", "list", "--format", "csv"]).stdout.split(separator: "\r\n").count - 1
            #expect(count % rows == 0, "after a kill at \(delay) s: \(count) rows")
            #expect(try iku.run(["check"]).stdout == "ok\n")
            #expect(try iku.run(["audit", "verify"]).status == 0)
        }
    }
}
