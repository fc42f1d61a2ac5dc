import ArgumentParser
import Foundation
import Storage
import Testing
@testable import iku

/// Every command path below `iku`, e.g. `["survey", "population", "set"]`, with its type.
func commandPaths(_ command: ParsableCommand.Type = Iku.self, prefix: [String] = []) -> [([String], ParsableCommand.Type)] {
    let children = command.configuration.subcommands
    return [(prefix, command)] + children.flatMap { child in
        commandPaths(child, prefix: prefix + [child._commandName])
    }
}

/// Help, completion, exit codes and the wording of errors, across every command.
@Suite("The command line's finish")
struct CommandLineFinishTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
    }

    @Test func everyCommandsHelpHasAnExampleAndFitsEightyColumns() throws {
        let paths = commandPaths()
        #expect(paths.count > 40)
        for (path, command) in paths {
            let help = try iku.run(path + ["--help"])
            #expect(help.status == 0, "\(path)")
            #expect(help.stdout.contains("Example"), "iku \(path.joined(separator: " ")) --help has no example")
            // Every option that takes a date says how to write it.
            var blocks: [String] = []
            for line in help.stdout.split(separator: "\n") {
                if line.hasPrefix("  -") { blocks.append(String(line)) } else if !blocks.isEmpty { blocks[blocks.count - 1] += String(line) }
            }
            for block in blocks where block.contains("<date>") || block.contains("<instant>") {
                #expect(block.contains("YYYY-MM-DD"), "iku \(path.joined(separator: " ")): \(block)")
            }
            // Discussions are reflowed (HelpText) and wrapped by ArgumentParser: no line longer
            // than 80 columns, and no stray break (CommandLinePolishTests).
            for line in help.stdout.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "iku \(path.joined(separator: " ")): \(line)")
            }
        }
        let root = try iku.run(["--help"])
        for line in ["0  ok", "1  refused", "2  usage error", "3  internal error", "YYYY-MM-DD", "iku demo"] {
            #expect(root.stdout.contains(line), "\(line)")
        }
    }

    /// A command without `commandName` costs every run of iku (ArgumentParser builds the whole
    /// tree at start) a `String(describing:)` of its type: about 1.5 million instructions each,
    /// mostly the runtime's first protocol-conformance look-ups (docs/performance.md).
    @Test func everyCommandNamesItself() {
        for (path, command) in commandPaths() {
            #expect(command.configuration.commandName != nil, "iku \(path.joined(separator: " ")) has no commandName")
        }
    }

    @Test func bashCompletionCompletesCommandsAndValues() throws {
        let script = try iku.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        for (path, _) in commandPaths() where !path.isEmpty {
            #expect(script.stdout.contains(path.last!), "\(path)")
        }
        let file = iku.path("iku.bash")
        try Data(script.stdout.utf8).write(to: URL(fileURLWithPath: file))
        func complete(_ line: String) throws -> [String] {
            var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if words.isEmpty { words = [""] }
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", """
                source '\(file)'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=\(line.utf8.count)
                _iku iku '\(words.last!)' '\(words.count > 1 ? words[words.count - 2] : "")'
                printf '%s\\n' "${COMPREPLY[@]}"
                """]
            var environment = iku.environment
            environment["PATH"] = IkuRunner.executable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(try complete("iku vil") == ["village"])
        #expect(try complete("iku de").sorted() == ["deadline", "demo"])
        #expect(try complete("iku survey ").contains("population"))
        #expect(try Set(complete("iku report --format ")).isSuperset(of: ["table", "json", "csv", "md", "html"]))
        for shell in ["zsh", "fish"] {
            let other = try iku.run(["--generate-completion-script", shell])
            #expect(other.status == 0)
            #expect(other.stdout.contains("demo") && other.stdout.contains("follow-up"), "\(shell)")
        }
    }

    @Test(arguments: [
        ["no-such-command"],
        ["report"],
        ["report", "--year", "dua ribu"],
        ["report", "--year", "2026", "--lang", "en"],
        ["survey", "add", "--date"],
        ["village", "list", "--format", "xml"],
        ["facilitation", "follow-up", "--date", "2026-01-05", "--action", "x"],
        ["history", "desa", "1"],
        ["demo", "--year", "2026"],
    ])
    func usageErrorsExitWithTwoAndNoBacktrace(_ arguments: [String]) throws {
        let result = try iku.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.lowercased().hasPrefix("error:"), "\(result.stderr)")
        #expect(!result.stderr.contains("crashed") && !result.stderr.contains("Backtrac"))
    }

    @Test func everyDateOptionAcceptsOnlyYYYYMMDDAndSaysSo() throws {
        try iku.initialise()
        #expect(try iku.run(["village", "add", "--code", "35.08.01.2005", "--name", "Tempursari"]).status == 0)
        #expect(try iku.run(["facilitation", "add", "--date", "2026-02-03", "--kind", "koordinasi",
                             "--institution", "Puskesmas", "--subject", "Stunting"]).status == 0)
        let dump = try iku.contentDump()
        let submission = ["submission", "add", "--village", "35.08.01.2005", "--document", "rkpdesa", "--year", "2026"]
        let cases: [(arguments: [String], field: String)] = [
            (["survey", "add", "--date", "3/2/2026", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"], "date"),
            (submission + ["--date", "22-09-2025"], "date"),
            (submission + ["--date", "2025-09-22", "--received", "2025/09/30"], "received"),
            (["facilitation", "add", "--date", "2026-2-3", "--kind", "koordinasi", "--institution", "P", "--subject", "S"], "date"),
            (["facilitation", "follow-up", "1", "--date", "10 Februari 2026", "--action", "Surat"], "date"),
            (["village", "add", "--code", "35.08.01.2001", "--name", "Tegalrejo", "--active-from", "2000"], "active-from"),
            (["deadline", "set", "--document", "rkpdesa", "--year", "2027", "--due", "30-09-2026"], "due"),
            (["report", "--year", "2026", "--from", "2026-1-1", "--to", "2026-06-30"], "from"),
            (["report", "--year", "2026", "--from", "2026-01-01", "--to", "20260630"], "to"),
            (["report", "--year", "2026", "--follow-up-by", "2026-07-32"], "follow-up-by"),
            (["audit", "log", "--since", "01/01/2026"], "since"),
            (["report", "--year", "2026", "--as-of", "kemarin"], "as-of"),
        ]
        for (arguments, field) in cases {
            let result = try iku.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: \(field): "), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("YYYY-MM-DD"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try iku.contentDump() == dump)
    }

    @Test func failuresMapToDocumentedExitCodesWithOneLine() {
        struct Unplanned: Error, CustomStringConvertible {
            var description: String { "disk on fire\nsecond line" }
        }
        let internalError = Iku.outcome(for: Unplanned())
        #expect(internalError == FailureOutcome(.internalError, "error: internal error: disk on fire second line"))
        #expect(Iku.outcome(for: ValidationError("--from and --to go together")).status == 2)
        #expect(Iku.outcome(for: InputError(field: "date", value: "x", allowed: "YYYY-MM-DD")).status == 1)
        #expect(Iku.outcome(for: ExitCode(4)).status == 4)
    }

    @Test func aValueNoIkuWritesEndsWithOneErrorLineNotABacktrace() throws {
        try iku.initialise()
        // A target row that bypasses the schema's CHECK, as a hand-edited file could hold.
        try iku.sql("""
            PRAGMA ignore_check_constraints = ON;
            INSERT INTO target_settings (change_id, indicator, year, value) VALUES (1, 'kepuasan', 2026, 80);
            """)
        let result = try iku.run(["target", "list"])
        #expect([1, 3].contains(result.status), "\(result.status): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").last?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(!result.stderr.contains("crashed") && !result.stderr.contains("Backtrac") && !result.stderr.contains("Registers"))
    }
}
