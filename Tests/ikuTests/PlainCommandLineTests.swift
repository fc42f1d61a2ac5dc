import ArgumentParser
import Foundation
import Testing
@testable import iku

/// `PlainCommandLine` reads a plain `survey add` line without ArgumentParser: it must give
/// exactly the command ArgumentParser gives, know exactly the command's options, and hand every
/// other line back (docs/performance.md).
@Suite("Plain survey add lines")
struct PlainCommandLineTests {
    /// The ten values a `survey add` holds.
    static func values(_ addition: SurveyAddition) -> [String?] {
        [addition.database.db, addition.database.actor, addition.input.date, addition.input.service,
         addition.input.scores, addition.input.gender, addition.input.age, addition.input.education,
         addition.input.occupation, addition.input.suggestion]
    }

    /// The ten values of the command ArgumentParser parsed, read through its property wrappers
    /// one by one (not through `addition`, which the plain path shares).
    static func values(_ command: SurveyCommand.Add) -> [String?] {
        [command.database.location.db, command.database.actor, command.fields.date, command.fields.service,
         command.fields.scores, command.fields.gender, command.fields.age, command.fields.education,
         command.fields.occupation, command.fields.suggestion]
    }

    /// Checks `arguments` (after `iku`): a plain reading, when there is one, equals ArgumentParser's.
    /// Returns whether the line was read as plain.
    @discardableResult
    static func check(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let plain = PlainCommandLine.surveyAddition(arguments) else { return false }
        guard let parsed = (try? Iku.parseAsRoot(arguments)) as? SurveyCommand.Add else {
            Issue.record("read as plain, but ArgumentParser refuses it or reads another command: \(arguments)",
                         sourceLocation: sourceLocation)
            return true
        }
        #expect(values(plain) == values(parsed), "\(arguments)", sourceLocation: sourceLocation)
        // What the parsed command runs is the same plain value.
        #expect(values(parsed.addition) == values(parsed), "\(arguments)", sourceLocation: sourceLocation)
        return true
    }

    static let required = ["--date", "2026-03-02", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,4"]
    static let optional = ["--gender", "P", "--age", "34", "--education", "D4/S1", "--occupation", "SWASTA",
                           "--suggestion", "Antrean lebih cepat", "--db", "kantor lama.sqlite", "--actor", "Siti"]

    @Test func theOptionsAreTheCommandsOwn() throws {
        let iku = try IkuRunner()
        let dump = try iku.run(["survey", "add", "--experimental-dump-help"])
        #expect(dump.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var options: [String] = []
        for argument in arguments {
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            switch argument["kind"] as? String {
            case "option":
                // One long name, one optional value and no default: what `plain` sets (nil when not given).
                let kinds = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(kinds == ["long"], "\(names)")
                #expect(argument["isOptional"] as? Bool == true, "\(names)")
                #expect(argument["isRepeating"] as? Bool != true, "\(names)")
                #expect(argument["defaultValue"] == nil, "\(names)")
                options += names
            case "flag":
                // Only ArgumentParser's own: a plain line holds no flag, it is handed back.
                #expect(Set(names).isSubset(of: ["h", "help", "version"]), "\(names)")
            default:
                Issue.record("survey add has an argument plain lines do not know: \(argument)")
            }
        }
        #expect(options == PlainCommandLine.surveyAddOptionNames)
    }

    @Test func plainLinesReadAsArgumentParserReadsThem() {
        #expect(Self.check(["survey", "add"] + Self.required))
        #expect(Self.check(["survey", "add"] + Self.required + Self.optional))
        #expect(Self.check(["survey", "add"] + Self.optional + Self.required))
        // Values ArgumentParser takes as they are: empty, spaces, "=", non-ASCII, a subcommand's name.
        #expect(Self.check(["survey", "add"] + Self.required + ["--age", "", "--suggestion", " a=b, ramah 👍 "]))
        #expect(Self.check(["survey", "add", "--service", "help", "--date", "x", "--scores", "list", "--db", "add"]))
        // Every subset and order of the options, from a fixed seed.
        var generator = SeededGenerator(seed: 13)
        let pairs = stride(from: 0, to: (Self.required + Self.optional).count, by: 2).map {
            Array((Self.required + Self.optional)[$0...$0 + 1])
        }
        var plain = 0
        for _ in 0..<300 {
            let chosen = pairs.shuffled(using: &generator).prefix(Int.random(in: 0...pairs.count, using: &generator))
            if Self.check(["survey", "add"] + chosen.flatMap { $0 }) { plain += 1 }
        }
        #expect(plain > 0)
    }

    @Test func everyOtherLineIsHandedBack() {
        let lines: [[String]] = [
            ["survey", "add"],  // missing --date, --service, --scores: validate() refuses
            ["survey", "add", "--help"],
            ["survey", "add", "-h"] + Self.required,
            ["survey", "add"] + Self.required + ["--help"],
            ["survey", "add"] + Self.required + ["--version"],
            ["survey", "add"] + Self.required + ["--generate-completion-script", "bash"],
            ["survey", "add"] + Self.required + ["--experimental-dump-help"],
            ["survey", "add", "--date=2026-03-02", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,4"],
            ["survey", "add"] + Self.required + ["--date", "2026-03-03"],
            ["survey", "add"] + Self.required + ["--gender"],
            ["survey", "add"] + Self.required + ["--gender", "--age", "34"],
            ["survey", "add"] + Self.required + ["--suggestion", "--help"],
            ["survey", "add"] + Self.required + ["--suggestion", "-"],
            ["survey", "add", "--date", "2026-03-02", "--service", "KTP", "--scores", "-,3,4,4,3,4,4,3,4"],
            ["survey", "add"] + Self.required + ["--unknown", "x"],
            ["survey", "add"] + Self.required + ["--", "x"],
            ["survey", "add"] + Self.required + ["extra"],
            ["survey", "add", "extra"] + Self.required,
            ["survey", "add"] + Self.required + ["--actor", ""],
            ["survey", "add"] + Self.required + ["--actor", "   "],
            ["survey", "add"] + Self.required + ["--actor", String(repeating: "a", count: 101)],
            ["survey", "add"] + Self.required + ["--\u{301}date", "2026-03-02"],
            ["survey", "add"] + Self.required + ["--Date", "2026-03-02"],
            ["survey", "correct", "1"] + Self.required,
            ["survey"] + Self.required,
            ["help", "survey", "add"],
            ["--version"],
            [],
        ]
        for line in lines {
            #expect(PlainCommandLine.surveyAddition(line) == nil, "\(line)")
            Self.check(line)
        }
    }

    /// The binary: a plain line and the same line in a form ArgumentParser reads (`--date=`)
    /// store the same response, and refuse a bad value with the same message and exit status.
    @Test func plainAndParsedLinesBehaveAlike() throws {
        let iku = try IkuRunner()
        try iku.initialise()
        let plain = try iku.run(["survey", "add", "--date", "2026-03-02", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,-",
                                 "--age", "34"])
        let parsed = try iku.run(["survey", "add", "--date=2026-03-02", "--service", "KTP", "--scores", "4,3,4,4,3,4,4,3,-",
                                  "--age", "34"])
        #expect(plain.status == 0 && parsed.status == 0)
        #expect(plain.stdout == "1\n" && parsed.stdout == "2\n", "\(plain) \(parsed)")
        let stored = try Self.query(iku, """
            SELECT survey_date, service, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, suggestion
            FROM survey_response_versions ORDER BY response_id
            """).split(separator: "\n")
        #expect(stored.count == 2 && stored[0] == stored[1], "\(stored)")
        for (plainLine, parsedLine) in [
            (["--date", "2026-02-30"], ["--date=2026-02-30"]),
            (["--age", "9"], ["--age=9"]),
            (["--scores", "4,3,4"], ["--scores=4,3,4"]),
        ] {
            let base = ["survey", "add", "--service", "KTP"]
            let filled = { (line: [String]) in
                base + line + (line.contains { $0.contains("date") } ? [] : ["--date", "2026-03-02"])
                    + (line.contains { $0.contains("scores") } ? [] : ["--scores", "4,3,4,4,3,4,4,3,4"])
            }
            let refusedPlain = try iku.run(filled(plainLine))
            let refusedParsed = try iku.run(filled(parsedLine))
            #expect(refusedPlain.status == 1 && refusedParsed.status == 1, "\(refusedPlain) \(refusedParsed)")
            #expect(refusedPlain.stderr == refusedParsed.stderr && refusedPlain.stdout == refusedParsed.stdout)
        }
        let missing = try iku.run(["survey", "add", "--date", "2026-03-02"])
        #expect(missing.status == 2 && missing.stderr.contains("missing --service, --scores"), "\(missing)")
    }

    /// `sql`'s rows from the test database, by the sqlite3 shell.
    static func query(_ iku: IkuRunner, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", iku.databasePath, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// SplitMix64: the same shuffles on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
