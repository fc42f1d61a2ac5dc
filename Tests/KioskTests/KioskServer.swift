import Foundation
import Storage

/// A real `iku-kiosk` process on an ephemeral loopback port, serving a database in a temporary
/// directory that the test sets up through the stores.
final class KioskServer {
    let directory: URL
    let databasePath: String
    private let process = Process()
    private let logPath: String
    private(set) var port = 0
    /// The time the kiosk's clock is fixed at (`IKU_NOW`).
    let now: String

    /// The `iku-kiosk` binary next to the test bundle in the build products directory.
    static let executable = built("iku-kiosk")

    /// A built executable of this package, found near the test bundle.
    static func built(_ name: String) -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appending(path: name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("cannot find the built \(name) executable near \(CommandLine.arguments[0])")
    }

    /// Runs the built `iku` on this kiosk's database at the kiosk's time; returns its stdout.
    func iku(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = Self.built("iku")
        process.arguments = arguments + ["--db", databasePath]
        process.environment = ["IKU_NOW": now, "IKU_ACTOR": "test-clerk", "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A fresh database for Kecamatan Tempursari with `services` offered.
    static func makeDatabase(in directory: URL, services: [String], clock: Storage.Clock) throws -> String {
        let path = directory.appending(path: "iku.sqlite").path
        let database = try IkuDatabase.create(path: path, office: Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari"),
                                              actor: "test-clerk", clock: clock)
        for service in services { try ServiceStore(database).add(service) }
        return path
    }

    /// Starts the kiosk on `databasePath` with `arguments` added, and waits until it listens.
    init(services: [String] = ["KTP", "Kartu Keluarga"], arguments: [String] = [], now: String = "2026-12-01T18:30:00Z",
         prepare: (IkuDatabase) throws -> Void = { _ in }) throws {
        self.now = now
        directory = FileManager.default.temporaryDirectory.appending(path: "iku-kiosk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = Storage.Clock.fixed(Timestamp.parse(now)!)
        databasePath = try Self.makeDatabase(in: directory, services: services, clock: clock)
        try prepare(try IkuDatabase.open(path: databasePath, actor: "test-clerk", clock: clock))
        logPath = directory.appending(path: "kiosk.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = Self.executable
        process.arguments = ["--db", databasePath, "--listen", "127.0.0.1:0", "--device", "test"] + arguments
        process.environment = ["IKU_NOW": now, "PATH": "/usr/bin:/bin"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while port == 0 {
            if let match = log.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)\//) {
                port = Int(match.1)!
            } else if !process.isRunning || Date() > deadline {
                throw KioskStartFailure(log: log)
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// What the kiosk wrote to standard output so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` to the kiosk.
    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end; returns its exit status.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") throws -> HTTPReply {
        try RawHTTP.send(port: port, method: method, path: path, headers: headers, body: Data(body.utf8))
    }

    /// `GET /`: the client's cookie (`name=value`) and the form's token.
    func openForm(cookie: String? = nil) throws -> (cookie: String, token: String, page: HTTPReply) {
        let page = try request("GET", "/", headers: cookie.map { ["Cookie": $0] } ?? [:])
        let setCookie = page.header("Set-Cookie").map { String($0.prefix { $0 != ";" }) }
        guard let token = page.body.firstMatch(of: /name="csrf" value="([0-9]+\.[0-9a-f]+)"/)?.1,
              let jar = setCookie ?? cookie else { throw KioskStartFailure(log: "no token or cookie in: \(page.body.prefix(300))") }
        return (jar, String(token), page)
    }

    /// `POST /` of `fields` (form-encoded) with `cookie`.
    func submit(_ fields: [(String, String)], cookie: String?) throws -> HTTPReply {
        var headers = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { headers["Cookie"] = cookie }
        return try request("POST", "/", headers: headers, body: FormEncoding.encode(fields))
    }

    /// The database as the test reads it.
    func database() throws -> IkuDatabase {
        try IkuDatabase.open(path: databasePath, actor: "test-reader", readOnly: true)
    }

    /// Rows in the change log and survey response versions: what a refused request must not change.
    func counts() throws -> [Int64] {
        let connection = try database().connection
        return try ["SELECT count(*) FROM changes", "SELECT count(*) FROM survey_response_versions"].map {
            try connection.prepare($0).scalarInt64() ?? -1
        }
    }
}

struct KioskStartFailure: Error, CustomStringConvertible {
    let log: String
    var description: String { "iku-kiosk did not start: \(log)" }
}

enum FormEncoding {
    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return fields.map { name, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
            return "\(name)=\(encoded)"
        }.joined(separator: "&")
    }
}
