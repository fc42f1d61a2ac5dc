import ArgumentParser
import Storage

/// `iku survey ...`: public-service satisfaction survey (SKM) responses for IKU 1.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Add, import, list, show, correct and void satisfaction survey (SKM) responses.",
        discussion: HelpText.reflowed("""
            Each response scores the elements U1..U9 (PermenPAN-RB 14/2017) from 1 (worst)
            to 4 (best); an unanswered element is stored as absent, never as 0.

            Examples:
              iku survey add --date 2026-03-02 --service KTP \\
                --scores 4,3,4,4,3,4,4,3,4 --gender P --age 34
              iku survey import skm-2026-q1.csv --dry-run
              iku survey list --year 2026 --service KTP --format csv
            """),
        subcommands: [Add.self, Import.self, SurveyEntryCommand.self, SurveyTemplateCommand.self, List.self, Show.self,
                      Correct.self, VoidRecord.self, PopulationCommand.self]
    )

    static let columns: [Column<Versioned<SurveyResponse>>] = RecordColumns.identity() + [
        Column("date") { .text($0.fields.date.description) },
        Column("service") { .text($0.fields.service) },
    ] + (0..<SurveyResponse.elementCount).map { index in
        Column("u\(index + 1)") { .optional($0.fields.scores[index]) }
    } + [
        Column("gender") { .optional($0.fields.gender?.rawValue) },
        Column("age") { .optional($0.fields.age) },
        Column("education") { .optional($0.fields.education?.rawValue) },
        Column("occupation") { .optional($0.fields.occupation?.rawValue) },
        Column("suggestion") { .optional($0.fields.suggestion) },
    ] + RecordColumns.state()

    /// The fields `add` and `correct` share.
    struct Fields: ParsableArguments {
        @Option(help: ArgumentHelp("The survey date (YYYY-MM-DD).", valueName: "date"))
        var date: String?
        @Option(help: ArgumentHelp("The service used (jenis layanan), e.g. KTP.", valueName: "text"))
        var service: String?
        @Option(parsing: .unconditional, help: ArgumentHelp(
            "U1..U9 in order, comma separated, each 1-4 or - when unanswered, e.g. 4,3,4,4,3,4,4,3,-.",
            valueName: "scores"))
        var scores: String?
        @Option(help: ArgumentHelp("L or P.", valueName: "gender"))
        var gender: String?
        @Option(help: ArgumentHelp("Age in years (10-120).", valueName: "years"))
        var age: String?
        @Option(help: ArgumentHelp("SD, SMP, SMA, D1-D3, D4/S1, S2 or S3.", valueName: "level"))
        var education: String?
        @Option(help: ArgumentHelp("PNS, TNI, POLRI, SWASTA, WIRAUSAHA or LAINNYA.", valueName: "occupation"))
        var occupation: String?
        @Option(help: ArgumentHelp("The respondent's suggestion (saran).", valueName: "text"))
        var suggestion: String?

        var input: SurveyResponseInput {
            SurveyResponseInput(date: date, service: service, scores: scores, gender: gender, age: age,
                                education: education, occupation: occupation, suggestion: suggestion)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a survey response; prints its id.",
            discussion: HelpText.reflowed("""
                --date, --service and --scores are required.

                Example:
                  iku survey add --date 2026-03-02 --service KTP --scores 4,3,4,4,3,4,4,3,- \\
                    --gender L --age 41 --education SMA --occupation WIRAUSAHA \\
                    --suggestion "Antrean lebih cepat"
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var fields: Fields

        /// The same command as plain values; validating and running it is the one code path of
        /// this command and of a plain line read without ArgumentParser (PlainCommandLine).
        var addition: SurveyAddition { SurveyAddition(database: database.choice, input: fields.input) }

        func validate() throws {
            try addition.validateRequired()
        }

        func run() throws {
            try addition.run()
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import survey responses from a CSV file, all or nothing.",
            discussion: HelpText.reflowed("""
                The header names the columns date,service,u1,...,u9 and optionally gender,age,
                education,occupation,suggestion, in any order. Fields may be quoted (RFC 4180);
                the file is UTF-8 (a byte order mark is accepted); an empty score means
                unanswered. One bad row imports nothing and every bad line is named. A file with
                the same content as one imported before is refused unless
                --allow-duplicate-file.

                With --form the file is a Google Forms, Microsoft Forms or spreadsheet export
                of the standard questionnaire: columns are found by what they ask, answers may
                be labels or digits (see `iku survey template`).

                Examples:
                  iku survey import skm-2026-q1.csv --dry-run
                  iku survey import "SKM Kecamatan (Jawaban).csv" --form --dry-run
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var arguments: ImportArguments
        @OptionGroup var formArguments: FormImportArguments

        func run() throws {
            let store = SurveyResponseStore(try database.open(readOnly: arguments.dryRun))
            if formArguments.form { return try formArguments.run(store: store, arguments: arguments) }
            try arguments.run(noun: "survey response") { options, progress in
                try store.importCSV(path: arguments.file, options: options, progress: progress)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List survey responses by date.",
            discussion: HelpText.reflowed("""
                Example:
                  iku survey list --year 2026 --service KTP --format json
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Option(help: ArgumentHelp("Only responses dated in this year.", valueName: "year"))
        var year: String?
        @Option(help: ArgumentHelp("Only responses for this service.", valueName: "text"))
        var service: String?
        @Flag(help: "Include voided responses.")
        var includeVoided = false

        func run() throws {
            let filter = try SurveyFilter(year: year, service: service, includeVoided: includeVoided)
            let (opened, asOf) = try asOfOption.openForReading(database)
            let store = SurveyResponseStore(opened)
            let writer = RecordWriter(RecordColumns.zoned(SurveyCommand.columns, try opened.officeZone(), format: output.format), format: output.format, dialect: output.dialect)
            try store.forEach(filter, asOf: asOf) { writer.write($0) }
            writer.finish()
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a survey response's current version (voided or not).",
            discussion: HelpText.reflowed("""
                Example:
                  iku survey show 120
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Argument(help: "The response's id.")
        var id: Int64

        func run() throws {
            let (opened, asOf) = try asOfOption.openForReading(database)
            let response = try SurveyResponseStore(opened).show(id, asOf: asOf)
            RecordWriter.detail(response, columns: RecordColumns.zoned(SurveyCommand.columns, try opened.officeZone(), format: output.format), format: output.format, dialect: output.dialect)
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct a survey response: writes a new version; the old one stays in history.",
            discussion: HelpText.reflowed("""
                Give only the fields to change (--scores replaces all nine); an empty value
                clears an optional field.

                Example:
                  iku survey correct 120 --scores 4,4,4,4,3,4,4,3,4 --age ""
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The response's id.")
        var id: Int64
        @OptionGroup var fields: Fields

        func run() throws {
            let version = try SurveyResponseStore(database.open()).correct(id, fields.input)
            print("survey response \(id) corrected: version \(version)")
        }
    }

    struct VoidRecord: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void a survey response entered by mistake; it stays in history with the reason.",
            discussion: HelpText.reflowed("""
                Example:
                  iku survey void 120 --reason "entered twice"
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The response's id.")
        var id: Int64
        @Option(help: ArgumentHelp("Why it is voided.", valueName: "text"))
        var reason: String

        func run() throws {
            let version = try SurveyResponseStore(database.open()).void(id, reason: reason)
            print("survey response \(id) voided: version \(version)")
        }
    }
}

/// `survey add` as plain values, without ArgumentParser's property wrappers: what
/// `SurveyCommand.Add` runs, and what `PlainCommandLine` builds for a plain line (instantiating
/// the wrappers' metadata alone cost 1.5 million instructions, a tenth of one `survey add`).
struct SurveyAddition {
    var database: DatabaseChoice
    var input: SurveyResponseInput

    /// `--date`, `--service` and `--scores` must be given (ArgumentParser reports this as a usage error).
    func validateRequired() throws {
        var missing: [String] = []
        if input.date == nil { missing.append("--date") }
        if input.service == nil { missing.append("--service") }
        if input.scores == nil { missing.append("--scores") }
        if !missing.isEmpty { throw ValidationError("missing \(missing.joined(separator: ", "))") }
    }

    func run() throws {
        StandardOutput.line(String(try SurveyResponseStore(database.open()).add(input)))
    }
}
