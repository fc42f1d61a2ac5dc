import ArgumentParser
import Storage

/// `iku facilitation ...`: facilitation and coordination activities and their follow-ups (IKU 2).
struct FacilitationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facilitation",
        abstract: "Add, follow up, list, show, correct and void facilitation and coordination activities.",
        discussion: HelpText.reflowed("""
            An activity held with another institution counts as followed up once it has at
            least one live follow-up. A follow-up is never dated before its activity.

            Examples:
              iku facilitation add --date 2026-02-03 --kind koordinasi \\
                --institution Puskesmas --subject Stunting
              iku facilitation follow-up 4 --date 2026-02-10 \\
                --action "Surat edaran ke desa" --evidence 400/12/2026
              iku facilitation list --year 2026 --pending
            """),
        subcommands: [Add.self, FollowUpCommand.self, List.self, Show.self, Correct.self, VoidRecord.self,
                      CorrectFollowUp.self, VoidFollowUp.self]
    )

    static let columns: [Column<Versioned<Facilitation>>] = RecordColumns.identity() + [
        Column("date") { .text($0.fields.date.description) },
        Column("kind") { .text($0.fields.kind.rawValue) },
        Column("institution") { .text($0.fields.institution) },
        Column("subject") { .text($0.fields.subject) },
        Column("section") { .optional($0.fields.section) },
        Column("result") { .optional($0.fields.result) },
    ] + RecordColumns.state()

    static let listColumns: [Column<FacilitationListing>] =
        columns.map { column in Column(column.name, inTable: column.inTable) { column.value($0.activity) } }
        + [Column("follow_ups") { .integer(Int64($0.followUpCount)) }]

    static let followUpColumns: [Column<Versioned<FollowUp>>] = RecordColumns.identity() + [
        Column("facilitation_id") { .integer($0.fields.facilitationID) },
        Column("date") { .text($0.fields.date.description) },
        Column("action") { .text($0.fields.action) },
        Column("evidence") { .optional($0.fields.evidence) },
    ] + RecordColumns.state()

    /// The fields `add` and `correct` share.
    struct Fields: ParsableArguments {
        @Option(help: ArgumentHelp("The date it was held (YYYY-MM-DD).", valueName: "date"))
        var date: String?
        @Option(help: ArgumentHelp("fasilitasi or koordinasi.", valueName: "kind"))
        var kind: String?
        @Option(help: ArgumentHelp("The counterpart institution (lembaga/instansi).", valueName: "text"))
        var institution: String?
        @Option(help: ArgumentHelp("What it was about.", valueName: "text"))
        var subject: String?
        @Option(help: ArgumentHelp("The office section responsible, e.g. Pemerintahan, Trantib, Kesra.", valueName: "text"))
        var section: String?
        @Option(help: ArgumentHelp("Its result (hasil).", valueName: "text"))
        var result: String?

        var input: FacilitationInput {
            FacilitationInput(date: date, kind: kind, institution: institution, subject: subject, section: section,
                              result: result)
        }
    }

    /// The fields `follow-up` and `correct-follow-up` share.
    struct FollowUpFields: ParsableArguments {
        @Option(help: ArgumentHelp("The date it was done (YYYY-MM-DD), not before the activity.", valueName: "date"))
        var date: String?
        @Option(help: ArgumentHelp("What was done.", valueName: "text"))
        var action: String?
        @Option(help: ArgumentHelp("Evidence: a document number or reference.", valueName: "text"))
        var evidence: String?

        var input: FollowUpInput { FollowUpInput(date: date, action: action, evidence: evidence) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record an activity; prints its id.",
            discussion: HelpText.reflowed("""
                --date, --kind, --institution and --subject are required.

                Example:
                  iku facilitation add --date 2026-02-03 --kind fasilitasi \\
                    --institution "Dinas PMD" --subject "Musrenbangdes" \\
                    --section Pemerintahan --result "Jadwal disepakati"
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var fields: Fields

        func validate() throws {
            let missing = [("--date", fields.date), ("--kind", fields.kind), ("--institution", fields.institution),
                           ("--subject", fields.subject)].filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty { throw ValidationError("missing \(missing.joined(separator: ", "))") }
        }

        func run() throws {
            StandardOutput.line(String(try FacilitationStore(database.open()).add(fields.input)))
        }
    }

    struct FollowUpCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "follow-up",
            abstract: "Record a follow-up (tindak lanjut) of an activity; prints the follow-up's id.",
            discussion: HelpText.reflowed("""
                Example:
                  iku facilitation follow-up 4 --date 2026-02-10 \\
                    --action "Surat edaran ke desa" --evidence 400/12/2026
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The activity's id.")
        var id: Int64
        @OptionGroup var fields: FollowUpFields

        func validate() throws {
            let missing = [("--date", fields.date), ("--action", fields.action)].filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty { throw ValidationError("missing \(missing.joined(separator: ", "))") }
        }

        func run() throws {
            StandardOutput.line(String(try FacilitationStore(database.open()).addFollowUp(to: id, fields.input)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List activities by date, with how many live follow-ups each has.",
            discussion: HelpText.reflowed("""
                Example:
                  iku facilitation list --year 2026 --pending
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Option(help: ArgumentHelp("Only activities held in this year.", valueName: "year"))
        var year: String?
        @Flag(help: "Only activities with no live follow-up yet.")
        var pending = false
        @Flag(help: "Include voided activities.")
        var includeVoided = false

        func run() throws {
            let filter = try FacilitationFilter(year: year, pendingOnly: pending, includeVoided: includeVoided)
            let (opened, asOf) = try asOfOption.openForReading(database)
            let activities = try FacilitationStore(opened).list(filter, asOf: asOf)
            let writer = RecordWriter(RecordColumns.zoned(FacilitationCommand.listColumns, try opened.officeZone(), format: output.format) {
                $0.activity.change.recordedAt
            }, format: output.format, dialect: output.dialect)
            activities.forEach(writer.write)
            writer.finish()
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an activity's current version and its follow-ups.",
            discussion: HelpText.reflowed("""
                The csv format prints the activity only; table and json include the follow-ups.

                Example:
                  iku facilitation show 4 --format json
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Argument(help: "The activity's id.")
        var id: Int64

        func run() throws {
            let (opened, asOf) = try asOfOption.openForReading(database)
            let store = FacilitationStore(opened)
            let activity = try store.show(id, asOf: asOf)
            let followUps = try store.followUps(of: id, asOf: asOf)
            let columns = RecordColumns.zoned(FacilitationCommand.columns, try opened.officeZone(), format: output.format)
            switch output.format {
            case .json:
                let nested = "[" + followUps.map { followUp in
                    "{" + FacilitationCommand.followUpColumns.map {
                        "\(JSONText.string($0.name)): \(RecordWriter<Versioned<FollowUp>>.jsonValue($0.value(followUp)))"
                    }.joined(separator: ", ") + "}"
                }.joined(separator: ", ") + "]"
                RecordWriter.detail(activity, columns: columns, format: .json,
                                    extraJSON: [("follow_ups", nested)])
            case .csv:
                RecordWriter.detail(activity, columns: columns, format: .csv, dialect: output.dialect)
            case .table:
                let standardOutput = StandardOutput()
                RecordWriter.detail(activity, columns: columns, format: .table, output: standardOutput)
                standardOutput.write(followUps.isEmpty ? "\nno follow-ups\n" : "\nfollow-ups:\n")
                let writer = RecordWriter(FacilitationCommand.followUpColumns, format: .table, output: standardOutput)
                followUps.forEach(writer.write)
                if followUps.isEmpty { standardOutput.flush() } else { writer.finish() }
            }
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct an activity: writes a new version; the old one stays in history.",
            discussion: HelpText.reflowed("""
                Give only the fields to change; an empty value clears an optional field.

                Example:
                  iku facilitation correct 4 --institution "Puskesmas Tempursari" --result ""
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The activity's id.")
        var id: Int64
        @OptionGroup var fields: Fields

        func run() throws {
            let version = try FacilitationStore(database.open()).correct(id, fields.input)
            print("facilitation \(id) corrected: version \(version)")
        }
    }

    struct VoidRecord: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void an activity entered by mistake; it stays in history with the reason.",
            discussion: HelpText.reflowed("""
                Example:
                  iku facilitation void 4 --reason "not with another institution"
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The activity's id.")
        var id: Int64
        @Option(help: ArgumentHelp("Why it is voided.", valueName: "text"))
        var reason: String

        func run() throws {
            let version = try FacilitationStore(database.open()).void(id, reason: reason)
            print("facilitation \(id) voided: version \(version)")
        }
    }

    struct CorrectFollowUp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct-follow-up",
            abstract: "Correct a follow-up: writes a new version; the old one stays in history.",
            discussion: HelpText.reflowed("""
                Example:
                  iku facilitation correct-follow-up 9 --date 2026-02-11
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The follow-up's id.")
        var id: Int64
        @OptionGroup var fields: FollowUpFields

        func run() throws {
            let version = try FacilitationStore(database.open()).correctFollowUp(id, fields.input)
            print("follow-up \(id) corrected: version \(version)")
        }
    }

    struct VoidFollowUp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void-follow-up",
            abstract: "Void a follow-up entered by mistake; it stays in history with the reason.",
            discussion: HelpText.reflowed("""
                Example:
                  iku facilitation void-follow-up 9 --reason "belongs to activity 5"
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The follow-up's id.")
        var id: Int64
        @Option(help: ArgumentHelp("Why it is voided.", valueName: "text"))
        var reason: String

        func run() throws {
            let version = try FacilitationStore(database.open()).voidFollowUp(id, reason: reason)
            print("follow-up \(id) voided: version \(version)")
        }
    }
}
