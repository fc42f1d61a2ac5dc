import ArgumentParser
import Indicators
import ReportRendering
import Storage

struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Set and list the deadlines of RKPDesa, APBDesa and LPPDesa per fiscal year.",
        discussion: HelpText.reflowed("""
            Defaults: RKPDesa N by 30 September N−1, APBDesa N by 31 December N−1, LPPDesa N
            by 31 March N+1. A regency's Perbup may set others; set them here.

            Example:
              iku deadline list --year 2027
            """),
        subcommands: [SetCommand.self, ListCommand.self]
    )

    struct SetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Override one document's deadline for a fiscal year (or restore the default).",
            discussion: HelpText.reflowed("""
                Examples:
                  iku deadline set --document rkpdesa --year 2027 --due 2026-10-15
                  iku deadline set --document rkpdesa --year 2027 --default
                """)
        )

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("rkpdesa, apbdesa or lppdesa.", valueName: "document"))
        var document: String

        @Option(help: ArgumentHelp("The fiscal year (tahun anggaran) of the document.", valueName: "year"))
        var year: Int

        @Option(help: ArgumentHelp("The deadline, YYYY-MM-DD.", valueName: "date"))
        var due: String?

        @Flag(name: .customLong("default"), help: "Restore the regulation's default deadline.")
        var restoreDefault = false

        func validate() throws {
            if restoreDefault == (due != nil) { throw ValidationError("give either --due or --default") }
        }

        func run() throws {
            let kind = try InputArguments.document(document)
            let date = try due.map { try InputArguments.date($0, option: "due") }
            let database = try options.open()
            let stored = try DeadlineStore(database).set(kind, fiscalYear: year, due: date)
            let shown = stored.due.map { "due \($0)" }
                ?? "default restored (\(DeadlineSchedule.defaultDue(kind, fiscalYear: year)))"
            print("deadline \(kind.title) \(year): \(shown) (change #\(stored.stamp.id))")
        }
    }

    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Show the default, any override and the deadline in force for each document.",
            discussion: HelpText.reflowed("""
                Example:
                  iku deadline list --year 2027
                """)
        )

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("The fiscal year.", valueName: "year"))
        var year: Int

        func run() throws {
            guard Period.years.contains(year) else {
                throw InputError(field: "year", value: String(year), allowed: "a year from 2000 to 2100")
            }
            let database = try options.open(readOnly: true)
            let deadlines = try DeadlineSchedule(database).deadlines(fiscalYear: year)
            print(TextTable(headers: ["document", "fiscal year", "default", "in force", "counted in", "basis"],
                            rows: deadlines.map { deadline in
                [deadline.document.title, String(deadline.fiscalYear),
                 DeadlineSchedule.defaultDue(deadline.document, fiscalYear: year).description,
                 deadline.due.description, "year \(deadline.due.year)", deadline.basisDescription]
            }).rendered)
        }
    }
}
