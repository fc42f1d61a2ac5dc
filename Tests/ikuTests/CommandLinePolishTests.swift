import ArgumentParser
import Foundation
import Testing
@testable import iku

/// Small things found in use: one-line usage errors with a hint, date options trimmed alike,
/// file names escaped in messages, help texts without stray line breaks.
@Suite("Command line polish")
struct CommandLinePolishTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
    }

    @Test(arguments: [
        (["survey", "add", "--date"], "iku help survey add"),
        (["facilitation", "add", "--kind", "rapat"], "iku help facilitation add"),
        (["report", "--year", "dua ribu"], "iku help report"),
        (["village", "list", "--format", "xml"], "iku help village list"),
        (["no-such-command"], "iku help"),
    ])
    func aUsageErrorIsOneLineAndAHint(_ arguments: [String], _ hint: String) throws {
        let result = try iku.run(arguments)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(!result.stderr.contains("Usage:") && !result.stderr.contains("USAGE:"), "\(result.stderr)")
        #expect(lines.count > 1 && lines[1] == "hint: \(hint)", "\(result.stderr)")
        let help = try iku.run(hint.split(separator: " ").dropFirst().map(String.init))
        #expect(help.status == 0 && help.stdout.contains("USAGE: iku"), "\(hint): \(help.stderr)")
    }

    @Test func everyDateOptionTrimsSpacesAsRecordDatesDo() throws {
        iku.environment["IKU_NOW"] = "2026-04-01T02:00:00Z"
        try iku.initialise()
        let padded = " \t2026-03-31 \r\n"
        for arguments in [
            ["village", "add", "--code", "35.08.01.2005", "--name", "Tempursari", "--active-from", padded],
            ["survey", "add", "--date", padded, "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"],
            ["deadline", "set", "--document", "rkpdesa", "--year", "2027", "--due", padded],
            ["report", "--year", "2026", "--from", padded, "--to", padded, "--follow-up-by", padded],
            ["report", "--year", "2026", "--as-of", padded],
            ["survey", "list", "--as-of", padded],
            ["audit", "log", "--since", padded, "--until", padded],
        ] {
            let result = try iku.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let bad = try iku.run(["report", "--year", "2026", "--as-of", " 31-03-2026 "])
        #expect(bad.status == 1 && bad.stderr.contains("\" 31-03-2026 \""), "\(bad.stderr)")
    }

    @Test func fileNamesInMessagesAreQuotedAndEscaped() throws {
        let odd = iku.path("kantor\nlama \u{202E}.sqlite")
        let missing = try iku.run(["check", "--db", odd])
        #expect(missing.status == 1)
        #expect(missing.stderr.filter { $0 == "\n" }.count == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("\"\(iku.path("kantor"))\\nlama \\u{202E}.sqlite\""), "\(missing.stderr)")
        let csv = iku.path("data\tbaru.csv")
        try iku.initialise()
        let unreadable = try iku.run(["survey", "import", csv])
        #expect(unreadable.status == 1 && unreadable.stderr.contains("data\\tbaru.csv\""), "\(unreadable.stderr)")
    }

    /// Every command's help, wrapped at 80 columns (ArgumentParser fills lines to 79): a line is broken early only where the text
    /// breaks it (a paragraph's end, a line ending in ":", an indented example), never because
    /// a source line was longer than the screen.
    @Test func helpTextsWrapWithoutStrayBreaks() {
        func commands(_ command: ParsableCommand.Type) -> [ParsableCommand.Type] {
            [command] + command.configuration.subcommands.flatMap(commands)
        }
        let all = commands(Iku.self)
        #expect(all.count > 40)
        for command in all {
            let lines = Iku.helpMessage(for: command, columns: 80).split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(lines, lines.dropFirst()) {
                guard !line.isEmpty, !next.isEmpty, line.first != " ", next.first != " ", !line.hasSuffix(":"),
                      !line.hasPrefix("USAGE:"), !next.hasPrefix("USAGE:") else { continue }
                let word = next.split(separator: " ").first.map(String.init) ?? ""
                #expect(line.count + 1 + word.count > 79,
                        "\(command._commandName): stray break after \"\(line)\" (\"\(word)\" would fit)")
            }
        }
    }

    /// HelpText.reflowed joins a paragraph's lines and keeps every other break: an empty line,
    /// a line starting with white space (ASCII or not), the line after one ending in ":".
    @Test func reflowedJoinsParagraphLinesOnly() {
        #expect(HelpText.reflowed("") == "")
        #expect(HelpText.reflowed("one\ntwo\nthree") == "one two three")
        #expect(HelpText.reflowed("one\n\ntwo\n") == "one\n\ntwo\n")
        #expect(HelpText.reflowed("Examples:\n  iku demo\n  iku init\nthen more\ntext") == "Examples:\n  iku demo\n  iku init\nthen more text")
        #expect(HelpText.reflowed("Exit codes:\nzero\none") == "Exit codes:\nzero one")
        #expect(HelpText.reflowed("tab\n\tindented\nnbsp\n\u{00A0}kept\nlain\ndé\njà") == "tab\n\tindented\nnbsp\n\u{00A0}kept\nlain dé jà")
    }
}
