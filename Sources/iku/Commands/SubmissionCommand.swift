import ArgumentParser
import Storage

/// `iku submission ...`: village documents (RKPDesa, APBDesa, LPPDesa) for IKU 3.
struct SubmissionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submission",
        abstract: "Add, list, show, correct and void village document submissions.",
        discussion: HelpText.reflowed("""
            A submission is one village's RKPDesa, APBDesa or LPPDesa for a fiscal year,
            with the date it was adopted (LPPDesa: delivered). A village has at most one
            live submission per document and year: correct it instead of adding another.

            Examples:
              iku submission add --village 35.08.01.2005 --document rkpdesa \\
                --year 2026 --date 2025-09-22
              iku submission list --year 2026 --village 35.08.01.2005
            """),
        subcommands: [Add.self, List.self, Show.self, Correct.self, VoidRecord.self]
    )

    static let columns: [Column<Versioned<Submission>>] = RecordColumns.identity() + [
        Column("village") { .text($0.fields.villageCode) },
        Column("village_id", inTable: false) { .integer($0.fields.villageID) },
        Column("document") { .text($0.fields.document.rawValue) },
        Column("year") { .integer(Int64($0.fields.fiscalYear)) },
        Column("date") { .text($0.fields.date.description) },
        Column("reference") { .optional($0.fields.reference) },
        Column("received") { .optional($0.fields.received) },
        Column("note") { .optional($0.fields.note) },
    ] + RecordColumns.state()

    /// The fields `add` and `correct` share.
    struct Fields: ParsableArguments {
        @Option(help: ArgumentHelp("The village's code, e.g. 35.08.01.2005.", valueName: "code"))
        var village: String?
        @Option(help: ArgumentHelp("rkpdesa, apbdesa or lppdesa.", valueName: "document"))
        var document: String?
        @Option(help: ArgumentHelp("The fiscal year the document is for (2000-2100).", valueName: "year"))
        var year: String?
        @Option(help: ArgumentHelp("Date adopted, or for LPPDesa delivered (YYYY-MM-DD).", valueName: "date"))
        var date: String?
        @Option(help: ArgumentHelp("Reference, e.g. the Perdes number.", valueName: "text"))
        var reference: String?
        @Option(help: ArgumentHelp("Date the kecamatan received it (YYYY-MM-DD).", valueName: "date"))
        var received: String?
        @Option(help: ArgumentHelp("A note.", valueName: "text"))
        var note: String?

        var input: SubmissionInput {
            SubmissionInput(village: village, document: document, year: year, date: date, reference: reference,
                            received: received, note: note)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a village document; prints its id.",
            discussion: HelpText.reflowed("""
                --village, --document, --year and --date are required.

                Example:
                  iku submission add --village 35.08.01.2005 --document apbdesa --year 2026 \\
                    --date 2025-12-20 --reference "Perdes 7/2025" --received 2025-12-23
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var fields: Fields

        func validate() throws {
            let missing = [("--village", fields.village), ("--document", fields.document), ("--year", fields.year),
                           ("--date", fields.date)].filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty { throw ValidationError("missing \(missing.joined(separator: ", "))") }
        }

        func run() throws {
            StandardOutput.line(String(try SubmissionStore(database.open()).add(fields.input)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List submissions by fiscal year, village and document.",
            discussion: HelpText.reflowed("""
                Example:
                  iku submission list --year 2026 --village 35.08.01.2005 --format csv
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Option(help: ArgumentHelp("Only this fiscal year.", valueName: "year"))
        var year: String?
        @Option(help: ArgumentHelp("Only this village (code).", valueName: "code"))
        var village: String?
        @Option(help: ArgumentHelp("Only this document: rkpdesa, apbdesa or lppdesa.", valueName: "document"))
        var document: String?
        @Flag(help: "Include voided submissions.")
        var includeVoided = false

        func run() throws {
            let filter = try SubmissionFilter(year: year, village: village, document: document, includeVoided: includeVoided)
            let (opened, asOf) = try asOfOption.openForReading(database)
            let submissions = try SubmissionStore(opened).list(filter, asOf: asOf)
            let writer = RecordWriter(RecordColumns.zoned(SubmissionCommand.columns, try opened.officeZone(), format: output.format), format: output.format, dialect: output.dialect)
            submissions.forEach(writer.write)
            writer.finish()
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a submission's current version (voided or not).",
            discussion: HelpText.reflowed("""
                Example:
                  iku submission show 12
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Argument(help: "The submission's id.")
        var id: Int64

        func run() throws {
            let (opened, asOf) = try asOfOption.openForReading(database)
            let submission = try SubmissionStore(opened).show(id, asOf: asOf)
            RecordWriter.detail(submission, columns: RecordColumns.zoned(SubmissionCommand.columns, try opened.officeZone(), format: output.format), format: output.format, dialect: output.dialect)
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct a submission: writes a new version; the old one stays in history.",
            discussion: HelpText.reflowed("""
                Give only the fields to change; an empty value clears an optional field.

                Example:
                  iku submission correct 12 --date 2025-09-29 --note ""
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The submission's id.")
        var id: Int64
        @OptionGroup var fields: Fields

        func run() throws {
            let version = try SubmissionStore(database.open()).correct(id, fields.input)
            print("submission \(id) corrected: version \(version)")
        }
    }

    struct VoidRecord: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void a submission entered by mistake; it stays in history with the reason.",
            discussion: HelpText.reflowed("""
                Example:
                  iku submission void 12 --reason "wrong village"
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The submission's id.")
        var id: Int64
        @Option(help: ArgumentHelp("Why it is voided.", valueName: "text"))
        var reason: String

        func run() throws {
            let version = try SubmissionStore(database.open()).void(id, reason: reason)
            print("submission \(id) voided: version \(version)")
        }
    }
}
