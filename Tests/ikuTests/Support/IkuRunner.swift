import Foundation

/// What one run of the `iku` executable produced.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the built `iku` executable as a child process against a database in a temporary directory.
final class IkuRunner {
    let directory: URL
    let databasePath: String
    var environment: [String: String]

    /// The `iku` binary next to the test bundle in the build products directory.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appending(path: "iku")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("cannot find the built iku executable near \(CommandLine.arguments[0])")
    }()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "iku-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        databasePath = directory.appending(path: "iku.sqlite").path
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "IKU_DB": databasePath,
            "IKU_ACTOR": "test-clerk",
        ]
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appending(path: name).path }

    /// Runs `iku ARGUMENTS` in the temporary directory and waits for it.
    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil) throws -> RunResult {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `iku init` for Kecamatan Tempursari; fails the caller when it does not succeed.
    func initialise() throws {
        let result = try run(["init", "--kecamatan-code", "35.08.01", "--kecamatan-name", "Tempursari"])
        guard result.status == 0 else { throw RunFailure(result: result) }
    }

    /// Every row of every table, as text, so a test can show that a refused command changed nothing.
    func contentDump() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [databasePath, ".dump"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

struct RunFailure: Error, CustomStringConvertible {
    let result: RunResult
    var description: String { "iku exited \(result.status): \(result.stderr)" }
}
