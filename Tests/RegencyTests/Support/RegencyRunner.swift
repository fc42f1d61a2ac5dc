import Foundation

/// What one run of `iku-regency` produced.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the built `iku-regency` executable against a test database.
struct RegencyRunner {
    let address: String

    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appending(path: "iku-regency")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("cannot find the built iku-regency executable near \(CommandLine.arguments[0])")
    }()

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> RunResult {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "IKU_REGENCY_POSTGRES": address]
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}
