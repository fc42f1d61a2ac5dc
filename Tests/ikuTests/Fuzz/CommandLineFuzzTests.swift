import Foundation
import FuzzSupport
import Storage
import Testing
@testable import iku

/// The clerk and settings commands' argument validation, run in process (`Iku.parseAsRoot` and
/// `run()`, as `iku` itself does) against one database, on generated argument vectors: a valid
/// vector, then a few mutations (bad dates, scores, years, codes, empty, huge and unicode values,
/// missing, repeated, unknown and conflicting options, stray arguments).
///
/// Every refusal must be exit 1 with one line naming a field of the command, or a usage error
/// (exit 2) whose first line names an option or argument; never an internal error or SQLite's
/// own constraint error. After every refusal the database is unchanged (the change count and
/// the audit head; now and then the whole `sqlite3 .dump`); every accepted command adds exactly
/// one change.
@Suite("Fuzz: command-line validation, in process")
struct CommandLineFuzzTests {
    struct Option {
        let name: String
        let required: Bool
        let valid: @Sendable (inout FuzzInput) -> String
        /// Values this option always refuses.
        let invalid: [String]
    }

    struct Command {
        let words: [String]
        let options: [Option]
        /// `--clear` / `--default`: the flag that replaces `alternative` (exactly one is given).
        var flag: (name: String, alternative: String)?
        /// Fields a refusal of this command may name.
        let fields: Set<String>
    }

    /// One generated command line and what the generator knows about it.
    struct Case {
        var arguments: [String]
        /// A value, option or argument that is always refused was put in.
        var mustBeRefused = false
        /// Nothing was mutated: only a conflict with stored records (e.g. a second live
        /// submission, a village code taken) may refuse it.
        var unmutated = true
    }

    /// Event dates not after today (the test runs on the system clock, after 2026-07-15).
    static let goodDates = ["2026-03-02", "2000-01-01", "2024-02-29", " 2026-07-15 "]
    /// Real dates after today: refused for events (surveys, activities, documents), allowed for
    /// deadlines and active periods.
    static let futureDates = ["2100-12-31", "2062-05-05"]
    static let badDates = ["", " ", "2025-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "1999-12-31", "2101-01-01",
                           "26-03-02", "2026/03/02", "02-03-2026", "2026-3-2", "２０２６-03-02", "٢٠٢٦-٠٣-٠٢", "2026-03-02T00:00",
                           "2026-03-02\n2026", "\u{200F}2026-03-02", "0000-01-01", "9999-12-31", "2026-03-02 2026-03-03", "besok",
                           String(repeating: "2026-03-02", count: 10_000)]
    static let badYears = ["", " ", "1999", "2101", "0", "20 26", "2026.0", "2e3", "٢٠٢٦", "99999999999999999999", "0x7E9",
                           "dua ribu"]
    static let badScores = ["", "5,3,4,4,3,4,4,3,4", "4,3,0,4,3,4,4,3,4", "4,3,4,4,3,4,4,3", "4,3,4,4,3,4,4,3,4,4", "4;3;4;4;3;4;4;3;4",
                            "4,3,4,4,3,4,4,3,baik", "4,3,4,4,3,4,4,3,4.0", "٤,3,4,4,3,4,4,3,4", "4,3,4,4,3,4,4,3,4\n,", "4,3\n2,4,3,4,4,3,4,4",
                            "4 3 4 4 3 4 4 3 4", "-1,3,4,4,3,4,4,3,4", String(repeating: "4,", count: 50_000) + "4"]
    /// Bad dates of an optional date option, where a blank value means "none".
    static let nonBlankBadDates = badDates.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    /// Villages may be dated from 1900.
    static let villageBadDates = nonBlankBadDates.filter { $0 != "1999-12-31" }
    static let huge = String(repeating: "Tempursari ", count: 20_000)

    @Sendable static func text(_ input: inout FuzzInput) -> String {
        input.pick(["x", "Puskesmas", "KTP"]) + input.hostileText(maxPieces: 4)
    }

    @Sendable static func optionalText(_ input: inout FuzzInput) -> String {
        input.chance(0.2) ? "" : input.hostileText(maxPieces: 4)
    }

    static func scores(_ input: inout FuzzInput) -> String {
        (0..<9).map { _ in input.pick(["1", "2", "3", "4", "-", "", " 3"]) }.joined(separator: ",")
    }

    static let seededVillages = (1...5).map { "35.08.01.200\($0)" }

    static let commands: [Command] = [
        Command(words: ["survey", "add"], options: [
            Option(name: "--date", required: true, valid: { $0.pick(goodDates) }, invalid: badDates + futureDates),
            Option(name: "--service", required: true, valid: text, invalid: ["", " \t ", huge]),
            Option(name: "--scores", required: true, valid: { scores(&$0) }, invalid: badScores),
            Option(name: "--gender", required: false, valid: { $0.pick(["L", "p", ""]) }, invalid: ["W", "Laki-laki", "L P", huge]),
            Option(name: "--age", required: false, valid: { $0.pick(["10", "120", " 41 ", ""]) },
                   invalid: ["9", "121", "-5", "3.5", "tiga puluh", "٣٥", "1e2", "0000000035"]),
            Option(name: "--education", required: false, valid: { $0.pick(["SD", "d4/s1", "S3", ""]) }, invalid: ["SLTA", "D4", huge]),
            Option(name: "--occupation", required: false, valid: { $0.pick(["PNS", "wirausaha", ""]) }, invalid: ["PETANI", "P N S"]),
            Option(name: "--suggestion", required: false, valid: optionalText, invalid: [String(repeating: "é", count: 2_001)]),
        ], fields: Set(["date", "service", "scores", "gender", "age", "education", "occupation", "suggestion"]
                       + (1...9).map { "scores U\($0)" })),
        Command(words: ["facilitation", "add"], options: [
            Option(name: "--date", required: true, valid: { $0.pick(goodDates) }, invalid: badDates + futureDates),
            Option(name: "--kind", required: true, valid: { $0.pick(["fasilitasi", "KOORDINASI"]) }, invalid: ["", "rapat", huge]),
            Option(name: "--institution", required: true, valid: text, invalid: ["", " ", String(repeating: "x", count: 201)]),
            Option(name: "--subject", required: true, valid: text, invalid: ["\n", huge]),
            Option(name: "--section", required: false, valid: optionalText, invalid: [String(repeating: "😀", count: 101)]),
            Option(name: "--result", required: false, valid: optionalText, invalid: [huge]),
        ], fields: ["date", "kind", "institution", "subject", "section", "result"]),
        Command(words: ["submission", "add"], options: [
            Option(name: "--village", required: true, valid: { $0.pick(seededVillages) },
                   invalid: ["", "35.08.01.2099", "35.08.02.2001", "35.08.01.20011", "35.8.1.2001", "35.08.01.2001\n", huge]),
            Option(name: "--document", required: true, valid: { $0.pick(["rkpdesa", "APBDesa", "lppdesa"]) },
                   invalid: ["", "rpjmdesa", "apbdes", huge]),
            Option(name: "--year", required: true, valid: { String($0.int(2000...2100)) }, invalid: badYears),
            Option(name: "--date", required: true, valid: { $0.pick(goodDates) }, invalid: badDates + futureDates),
            Option(name: "--reference", required: false, valid: optionalText, invalid: [huge]),
            Option(name: "--received", required: false, valid: { _ in "2026-07-15" }, invalid: nonBlankBadDates + futureDates),
            Option(name: "--note", required: false, valid: optionalText, invalid: [huge]),
        ], fields: ["village", "document", "year", "date", "reference", "received", "note"]),
        Command(words: ["village", "add"], options: [
            Option(name: "--code", required: true, valid: { "35.08.01." + String(format: "%04d", $0.int(0...9_999)) },
                   invalid: ["", "35.08.02.2001", "35.08.01.20055", "35.08.01.205", "35.08.01.２００１", "35-08-01-2001", huge]),
            Option(name: "--name", required: true, valid: text, invalid: ["", "  ", String(repeating: "ب", count: 101)]),
            Option(name: "--active-from", required: false, valid: { $0.pick(["", "2000-01-01", "2020-02-29"]) },
                   invalid: villageBadDates),
            Option(name: "--active-until", required: false, valid: { $0.pick(["", "2100-12-31"]) },
                   invalid: villageBadDates),
        ], fields: ["code", "name", "active-from", "active-until"]),
        Command(words: ["target", "set"], options: [
            Option(name: "--indicator", required: true, valid: { $0.pick(["ikm", "facilitation", "village-documents"]) },
                   invalid: ["", "IKM ", "nilai", huge]),
            Option(name: "--year", required: true, valid: { String($0.int(2000...2100)) }, invalid: badYears),
            Option(name: "--value", required: false, valid: { $0.pick(["82.5", "100", "0.01", "1e1"]) },
                   invalid: ["0", "-3", "100.01", "nan", "inf", "1e309", "82,5", "", "٨٢"]),
        ], flag: ("--clear", "--value"), fields: ["indicator", "year", "value"]),
        Command(words: ["deadline", "set"], options: [
            Option(name: "--document", required: true, valid: { $0.pick(["rkpdesa", "apbdesa", "LPPDESA"]) },
                   invalid: ["", "rpjmdesa", huge]),
            Option(name: "--year", required: true, valid: { _ in "2026" }, invalid: badYears),
            Option(name: "--due", required: false, valid: { $0.pick(["2025-09-30", "2026-10-15", "2028-12-31"]) },
                   invalid: badDates + ["2023-12-31", "2029-01-01", " 2026-10-15"]),
        ], flag: ("--default", "--due"), fields: ["document", "year", "due"]),
        Command(words: ["office", "set"], options: [
            Option(name: "--head-nip", required: true, valid: { nip(&$0) }, invalid: badNIPs),
        ], fields: ["head-nip"]),
    ]

    /// A NIP valid by its parts (born 1950-1990, appointed at 19 to 35), spaced as printed or not.
    @Sendable static func nip(_ input: inout FuzzInput) -> String {
        let born = input.int(1950...1990)
        let parts = [String(format: "%04d%02d%02d", born, input.int(1...12), input.int(1...28)),
                     String(format: "%04d%02d", born + input.int(19...35), input.int(1...12)),
                     String(input.int(1...2)), String(format: "%03d", input.int(1...999))]
        return parts.joined(separator: input.pick([" ", "", "  "]))
    }

    /// An empty value clears the NIP, and a line break around one is trimmed like any text: neither is bad.
    static let badNIPs = ["19661328 199203 1 012", "19650229 199203 1 012", "18991231 199203 1 012",
                          "19660228 199213 1 012", "19660228 196001 1 012", "19660228 198401 1 012", "19660228 199203 3 012",
                          "19660228 199203 1 000", "19660228 199203 1 01", "196602281992031012 1", "19660228-199203-1-012",
                          "１９６６０２２８１９９２０３１０１２", "1966022819920\n31012", "\u{200F}196602281992031012", huge]

    /// A valid command line for `command`, then mutated.
    static func generate(_ command: Command, database: String, _ input: inout FuzzInput) -> Case {
        var options: [(name: String, value: String?)] = []
        let useFlag = command.flag.map { _ in input.chance(0.5) } ?? false
        for option in command.options {
            if let flag = command.flag, option.name == flag.alternative {
                if !useFlag { options.append((option.name, option.valid(&input))) }
            } else if option.required || input.chance(0.5) {
                options.append((option.name, option.valid(&input)))
            }
        }
        if let flag = command.flag, useFlag { options.append((flag.name, nil)) }
        var result = Case(arguments: [])
        var trailing: [String] = []
        var actor = "fuzz-clerk"
        var conflict = false
        for _ in 0..<(input.chance(0.2) ? 0 : input.int(1...3)) {
            result.unmutated = false
            switch input.int(0...9) {
            case 0...4:  // a value the option always refuses
                let option = input.pick(command.options.filter { !$0.invalid.isEmpty })
                let bad = input.pick(option.invalid)
                if options.contains(where: { $0.name == option.name }) {
                    options = options.map { $0.name == option.name ? ($0.name, bad) : $0 }
                } else {
                    options.append((option.name, bad))
                }
                if let flag = command.flag, option.name == flag.alternative {
                    options.removeAll { $0.name == flag.name }
                }
                result.mustBeRefused = true
            case 5:  // a required option left out
                guard let option = command.options.filter(\.required).randomElement(using: &input) else { continue }
                options.removeAll { $0.name == option.name }
                result.mustBeRefused = true
            case 6:  // an option given twice, with the same value
                guard let repeated = options.filter({ $0.value != nil }).randomElement(using: &input) else { continue }
                options.append(repeated)
            case 7:  // an unknown option, a stray argument, or an option missing its value at the end
                switch input.int(0...2) {
                case 0: options.append(("--" + input.pick(["bogus", "tanggal", "date-adopted", "scores2"]), input.hostileText(maxPieces: 2)))
                case 1: trailing = [input.pick(["x", "2026-03-02", "😀", "-"])]
                default: trailing = [input.pick(command.options).name]  // one only: two could make an option and its value
                }
                result.mustBeRefused = true
            case 8:  // both --value and --clear (or --due and --default), or neither
                guard command.flag != nil else { continue }
                conflict = true
                result.mustBeRefused = true
            default:  // a bad actor name
                actor = input.pick(["", " ", String(repeating: "a", count: 101)])
                result.mustBeRefused = true
            }
        }
        if let flag = command.flag, conflict {
            options.removeAll { $0.name == flag.name }
            if input.chance(0.5) {
                options.append((flag.name, nil))
                if !options.contains(where: { $0.name == flag.alternative }) {
                    options.append((flag.alternative, command.options.first { $0.name == flag.alternative }!.valid(&input)))
                }
            } else {
                options.removeAll { $0.name == flag.alternative }
            }
        }
        options.shuffle(using: &input)
        result.arguments = command.words + ["--db", database, "--actor", actor]
            + options.flatMap { [$0.name] + ($0.value.map { [$0] } ?? []) } + trailing
        return result
    }

    @Test func refusalsAreOneLineNamingAFieldAndChangeNothing() throws {
        let iku = try IkuRunner()
        let database = iku.databasePath
        let filter = StandardOutputFilter(dropping: { line in
            line.allSatisfy(\.isNumber) || ["target ", "deadline ", "created ", "head-nip: "].contains { line.hasPrefix($0) }
        })
        defer { filter.restore() }
        for arguments in [["init", "--kecamatan-code", "35.08.01", "--kecamatan-name", "Tempursari"]]
            + Self.seededVillages.map({ ["village", "add", "--code", $0, "--name", "Desa \($0.suffix(4))"] }) {
            var command = try Iku.parseAsRoot(arguments + ["--db", database, "--actor", "setup"])
            try command.run()
        }
        let reader = try IkuDatabase.open(path: database, actor: "fuzz", clock: .system, readOnly: true)
        var input = FuzzInput(seed: FuzzInput.seed &+ 30)
        var state = try AuditState(reader)
        var refusals = 0, acceptances = 0, dumps = 0
        var refusedBy: [String: Int] = [:]
        // Argument parsing is slow in a debug build (swift-argument-parser checks every command's
        // definition on each parse): 200 inputs in the quick form; the long form in release.
        for iteration in 0..<FuzzInput.iterations(quick: 200) {
            let command = input.pick(Self.commands)
            let generated = Self.generate(command, database: database, &input)
            let context = "seed \(FuzzInput.seed) input #\(iteration): \(generated.arguments.map { $0.count > 80 ? "\($0.prefix(40))…(\($0.count) characters)" : $0 }.map(\.debugDescription))"
            let dump = refusals % 50 == 0 ? try iku.contentDump() : nil
            do {
                var parsed = try Iku.parseAsRoot(generated.arguments)
                try parsed.run()
                let after = try AuditState(reader)
                #expect(!generated.mustBeRefused, "accepted \(context)")
                #expect(after.changes == state.changes + 1 && after.head != state.head, "\(context)")
                state = after
                acceptances += 1
            } catch {
                let report = Iku.outcome(for: error)
                let firstLine = report.message.prefix { $0 != "\n" }
                #expect(!(error is SQLiteError), "SQLite refused what the rules should have: \(report.message); \(context)")
                switch report.status {
                case ExitStatus.refused.rawValue:
                    #expect(!report.message.contains("\n") && report.message.hasPrefix("error: "), "\(report.message); \(context)")
                    if let error = error as? InputError {
                        #expect(command.fields.contains(error.field), "\(error.field) is not a field of \(command.words); \(context)")
                    }
                    #expect(!generated.unmutated || error is StateError, "refused a valid command: \(report.message); \(context)")
                case ExitStatus.usage.rawValue:
                    #expect(firstLine.contains("--") || firstLine.contains("'"), "\(report.message); \(context)")
                    #expect(!generated.unmutated, "refused a valid command: \(report.message); \(context)")
                default:
                    Issue.record("exit \(report.status): \(report.message); \(context)")
                }
                #expect(try AuditState(reader) == state, "changed by a refused command: \(context)")
                if let dump {
                    #expect(try iku.contentDump() == dump, "changed by a refused command: \(context)")
                    dumps += 1
                }
                refusals += 1
                refusedBy[String(report.status), default: 0] += 1
            }
        }
        #expect(acceptances > 0 && refusals > 0 && dumps > 0)
        #expect(try AuditVerifier(reader.connection).verify().isValid)
        print("refusals \(refusals) (by exit status \(refusedBy)), acceptances \(acceptances), full dumps compared \(dumps)")
    }
}

/// The change count and the audit chain's head: every write records a change and seals it, so an
/// unchanged pair means nothing was written.
struct AuditState: Equatable {
    let changes: Int64
    let head: String?

    init(_ database: IkuDatabase) throws {
        changes = try database.connection.prepare("SELECT count(*) FROM changes").scalarInt64() ?? 0
        head = try AuditChain(database.connection).head()?.digest
    }
}
