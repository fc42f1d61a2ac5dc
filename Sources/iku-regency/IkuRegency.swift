import ArgumentParser
import Foundation
import Indicators
import Regency
import ReportRendering
import Storage

/// The regency's command line: `main` maps every failure to one line and an exit code with the
/// same meaning as `iku`'s.
@main
struct IkuRegency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iku-regency",
        abstract: "The regency (kabupaten) server: ingests the kecamatan's signed bundles into PostgreSQL.",
        discussion: """
            Every command takes --postgres postgres://USER[:PASSWORD]@HOST:PORT/DATABASE
            (default $IKU_REGENCY_POSTGRES).

            Examples:
              iku-regency init --code 35.08 --name Lumajang
              iku-regency office add --code 35.08.01 --name Tempursari --public-key ed25519:...
              iku-regency ingest tempursari.iku-bundle
              iku-regency status
              iku-regency report --year 2025 --format html --output lumajang-2025.html

            Exit codes:
              0  ok
              1  refused: a value not allowed, a bundle that does not verify or does not follow
                 what is held, or the database's state; nothing was written
              2  usage error: unknown command or option, missing value
              3  internal error: PostgreSQL or the system failed (unreachable, connection lost)
            """,
        version: "0.1.0",
        subcommands: [InitCommand.self, OfficeCommand.self, IngestCommand.self, StatusCommand.self, ReportCommand.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// Prints the message for `error` and exits: iku's refusals and PostgreSQL's refusals 1,
    /// usage 2, anything else 3.
    static func exit(with error: any Error) -> Never {
        let status: Int32
        let message: String
        switch error {
        case let error as InputError:
            (status, message) = (1, "error: \(error)")
        case let error as StateError:
            (status, message) = (1, "error: \(error)")
        case let error as DatabaseStateError:
            (status, message) = (1, "error: \(error)")
        case let error as ServerFailure:
            if let inner = error.passedThrough { exit(with: inner) }
            (status, message) = (error.isRefusal ? 1 : 3, "error: \(error)")
        case let error as ExitCode:
            Foundation.exit(error.rawValue)
        default:
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if code == .validationFailure {
                (status, message) = (2, fullMessage(for: error))
            } else {
                (status, message) = (3, "error: \(String(describing: error).replacingOccurrences(of: "\n", with: " "))")
            }
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(status)
    }
}

/// `--postgres`, shared by every command.
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("postgres"), help: "postgres://USER[:PASSWORD]@HOST:PORT/DATABASE (default $IKU_REGENCY_POSTGRES).")
    var postgres: String?

    func address() throws -> PostgresAddress {
        if let postgres { return try PostgresAddress(postgres, field: "postgres") }
        guard let text = ProcessInfo.processInfo.environment["IKU_REGENCY_POSTGRES"], !text.isEmpty else {
            throw ValidationError("no server: give --postgres postgres://USER@HOST:PORT/DATABASE or set IKU_REGENCY_POSTGRES")
        }
        return try PostgresAddress(text, field: "IKU_REGENCY_POSTGRES")
    }

    /// Runs `body` with the regency of the server's database.
    func withRegency<Result: Sendable>(_ body: @Sendable @escaping (Regency) async throws -> Result) async throws -> Result {
        try await RegencyServer.with(try address()) { server in
            try await body(try await Regency.open(on: server))
        }
    }
}

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the regency's schema and record the regency.",
        discussion: "Example: iku-regency init --code 35.08 --name Lumajang")

    @OptionGroup var server: ServerOptions
    @Option(help: "The kabupaten's Kemendagri code, NN.NN.") var code: String
    @Option(help: "The kabupaten's name.") var name: String

    func run() async throws {
        let (code, name) = (self.code, self.name)
        let created = try await RegencyServer.with(try server.address()) { server in
            try await Regency.initialise(on: server, code: code, name: name)
        }
        print(created ? "initialised the regency \(code) \(name)" : "the regency \(code) \(name) was already initialised; nothing changed")
    }
}

struct OfficeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "Register the kecamatan and list them.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a kecamatan with the public key it signs its bundles with.",
            discussion: "Example: iku-regency office add --code 35.08.01 --name Tempursari --public-key ed25519:BASE64 (the last line of iku key show)")

        @OptionGroup var server: ServerOptions
        @Option(help: "The kecamatan's code, under the regency's.") var code: String
        @Option(help: "The kecamatan's name.") var name: String
        @Option(name: .customLong("public-key"), help: "ed25519:BASE64, the last line of `iku key show` at the office.") var publicKey: String

        func run() async throws {
            let (code, name, key) = (self.code, self.name, self.publicKey)
            try await server.withRegency { try await $0.addOffice(code: code, name: name, publicKey: key) }
            print("registered \(code) \(name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered kecamatan.")
        @OptionGroup var server: ServerOptions

        func run() async throws {
            let offices = try await server.withRegency { try await $0.offices() }
            for office in offices {
                print("\(office.code)\t\(office.name)\t\(office.publicKey)")
            }
        }
    }
}

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Verify bundles from the kecamatan and write each in one transaction.",
        discussion: """
            Each bundle is verified completely (the key registered for its office, every digest, the
            signature, continuity with what that office sent before) before anything of it is written.
            The same bundle again changes nothing. A refused bundle prints one line naming the file
            and the reason; the others are still ingested; the exit code is then 1.

            Example: iku-regency ingest tempursari.iku-bundle
            """)

    @OptionGroup var server: ServerOptions
    @Argument(help: "Bundles written by `iku export`.") var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one bundle FILE") }
    }

    func run() async throws {
        let files = self.files
        let refused = try await server.withRegency { regency -> Int in
            var refused = 0
            for file in files {
                do {
                    switch try await regency.ingest(file) {
                    case .ingested(let changes, let rows, let head):
                        print("\(file): ingested \(changes) changes, \(rows) rows; head \(head)")
                    case .alreadyHeld(let head):
                        print("\(file): already held (head \(head)); nothing changed")
                    }
                } catch let error as StateError {
                    refused += 1
                    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                } catch let error as InputError {
                    refused += 1
                    FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
                }
            }
            return refused
        }
        if refused > 0 { throw ExitCode(1) }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per kecamatan: the last head held and when it came, what is held, forks flagged.")

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let rows = try await server.withRegency { try await $0.status() }
        let formatter = ISO8601DateFormatter()
        print(["code", "name", "last_change", "last_head", "received_at", "changes", "records", "forks"].joined(separator: "\t"))
        for row in rows {
            print([row.code, row.name, row.lastChange.map(String.init) ?? "-", row.lastHead ?? "-",
                   row.lastIngestAt.map { formatter.string(from: $0) } ?? "-", String(row.changes), String(row.records),
                   row.forks > 0 ? "FORK (\(row.forks))" : "0"].joined(separator: "\t"))
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}

enum RegencyReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, md, json, csv, html
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Every registered kecamatan's three IKU for a year or a quarter, and the regency's roll-up.",
        discussion: """
            Each kecamatan's figures are computed from the records it sent exactly as its own
            `iku report` computes them, as of the last change received (or --as-of: the end of that
            day in each office's own time zone; a date-time with an offset is exact), with target,
            capaian and, for IKU 1, mutu. A kecamatan that has sent nothing is listed as such. The
            regency's row gives the mean of the computable kecamatan values (the headline) and the
            pooled figure over all their records, and names the kecamatan left out of the mean.

            json and csv keep full precision; csv --excel is for a spreadsheet (BOM, ';', decimal
            comma; text that would run as a formula gets a leading '). html is one printable page.

            Examples:
              iku-regency report --year 2025
              iku-regency report --year 2025 --quarter 3 --format json
              iku-regency report --year 2025 --as-of 2026-01-15 --format csv --excel --output iku-2025.csv
              iku-regency report --year 2025 --format html --output lumajang-2025.html
            """)

    @OptionGroup var server: ServerOptions
    @Option(help: ArgumentHelp("The reporting year (its targets apply).", valueName: "year")) var year: Int
    @Option(help: ArgumentHelp("One quarter (triwulan) of the year, 1 to 4.", valueName: "quarter")) var quarter: Int?
    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The records as they stood at the end of this day in each office's zone (YYYY-MM-DD), or at an exact ISO 8601 date-time.",
                               valueName: "date"))
    var asOf: String?
    @Option(help: ArgumentHelp("Output: table, md, json, csv (exact; --excel for a spreadsheet) or html.", valueName: "format"))
    var format: RegencyReportFormat = .table
    @Option(help: ArgumentHelp("Language of the table, md and html: id (default) or en.", valueName: "lang"))
    var lang: ReportLanguage?
    @Flag(help: "With --format csv: a file for Excel with Indonesian settings.") var excel = false
    @Option(help: ArgumentHelp("Write to this file instead of standard output; it must not exist.", valueName: "file"))
    var output: String?
    @Flag(help: "With --output: replace the file if it exists.") var force = false

    func validate() throws {
        if excel, format != .csv { throw ValidationError("--excel applies to --format csv") }
        if force, output == nil { throw ValidationError("--force goes with --output") }
        if lang != nil, format == .json || format == .csv { throw ValidationError("--lang applies to --format table, md and html") }
        if let asOf, asOf.trimmingWhitespace().isEmpty {
            throw ValidationError("--as-of needs a date YYYY-MM-DD or an ISO 8601 date-time")
        }
    }

    func run() async throws {
        let period = try quarter.map { try Period.quarter($0, of: year) } ?? Period.year(year)
        let asOf = self.asOf.map { $0.trimmingWhitespace() }
        let clock = try Clock.fromEnvironment()
        if let output, !force, FileManager.default.fileExists(atPath: output) {
            throw InputError(field: "output", value: output, allowed: "a file that does not exist yet (give --force to replace it)")
        }
        let compilation = try await server.withRegency { try await $0.report(for: period, asOf: asOf, clock: clock, villages: format == .json) }
        let language = lang ?? .id
        let text: String
        switch format {
        case .table: text = PlainTextRenderer.render(RegencySheet(compilation, language: language).blocks)
        case .md: text = MarkdownRenderer.render(RegencySheet(compilation, language: language).blocks)
        case .json: text = try await RegencyReportJSON.render(compilation, parts: ProcessInfo.processInfo.activeProcessorCount)
        case .csv: text = RegencyReportCSV.render(compilation, dialect: excel ? .excel : .plain)
        case .html:
            text = RegencyHTMLPage(compilation, language: language,
                                   generatedAt: ReportWording(language: language).generated(clock.now(), regencyCode: compilation.regencyCode)).html
        }
        if let output {
            try OutputFile.write(text, to: output, replacing: force)
        } else {
            print(text, terminator: "")
        }
    }
}
