import Foundation
import Testing

/// Every `iku` command in a `sh` block of README.md and docs/ runs and succeeds against a demo
/// database, so the guides cannot drift from the program.
@Suite("Commands in the documentation")
struct DocumentationCommandTests {
    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// One command as the documentation shows it.
    struct DocumentedCommand: CustomStringConvertible {
        let file: String
        let line: Int
        let text: String
        var description: String { "\(file):\(line): \(text)" }
    }

    static let documents: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: "docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    /// The `iku` commands of the `sh` blocks of `document` (lines starting with `iku` or piping into
    /// it), with continued lines joined.
    static func commands(in document: String) throws -> [DocumentedCommand] {
        let text = try String(contentsOf: root.appending(path: document), encoding: .utf8)
        var result: [DocumentedCommand] = []
        var inShellBlock = false
        var pending: (line: Int, text: String)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                inShellBlock = trimmed == "```sh"
                continue
            }
            guard inShellBlock else { continue }
            let joined = (pending?.text ?? "") + (pending == nil ? trimmed : " " + trimmed)
            let start = pending?.line ?? index + 1
            if joined.hasSuffix("\\") {
                pending = (start, String(joined.dropLast()).trimmingCharacters(in: .whitespaces))
                continue
            }
            pending = nil
            if joined.hasPrefix("iku ") || joined.contains("| iku ") { result.append(DocumentedCommand(file: document, line: start, text: joined)) }
        }
        return result
    }

    @Test func theGuidesShowCommands() throws {
        #expect(Self.documents.contains("docs/panduan-operator.md"))
        #expect(try Self.commands(in: "docs/panduan-operator.md").count >= 20)
        #expect(try Self.commands(in: "docs/auditor.md").count >= 8)
        #expect(try Self.commands(in: "README.md").count >= 2)
    }

    @Test(arguments: documents)
    func everyCommandRunsAgainstTheDemoDatabase(_ document: String) throws {
        let commands = try Self.commands(in: document)
        guard !commands.isEmpty else { return }
        let iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-12-02T03:00:00Z"
        iku.environment["IKU_ACTOR"] = "docs"
        iku.environment["PATH"] = IkuRunner.executable.deletingLastPathComponent().path + ":" + (iku.environment["PATH"] ?? "")
        let demo = try iku.run(["demo"])
        try #require(demo.status == 0, "\(demo.stderr)")
        try Self.surveyFile.write(toFile: iku.path("skm-2026-11.csv"), atomically: true, encoding: .utf8)
        for command in commands {
            let result = try Self.shell(command.text, in: iku)
            #expect(result.status == 0, "\(command) exited \(result.status): \(result.stderr)")
        }
    }

    /// The survey file the clerk's guide imports.
    static let surveyFile = """
        date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion
        2026-11-02,KTP,4,4,3,4,4,4,4,3,3,P,29,SMA,SWASTA,
        2026-11-02,KK,3,4,3,4,3,4,4,3,3,L,45,D4/S1,PNS,"Ruang tunggu, kursi ditambah"
        2026-11-03,Akta Kelahiran,4,4,4,4,4,4,4,4,4,P,33,SMP,WIRAUSAHA,

        """

    /// Runs `command` with /bin/sh in the runner's directory and environment.
    static func shell(_ command: String, in iku: IkuRunner) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = iku.environment
        process.currentDirectoryURL = iku.directory
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}
