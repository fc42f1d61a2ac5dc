import ArgumentParser
import Indicators
import ReportRendering
import Storage

struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Set and list the yearly targets of the three IKU (Renstra / Perjanjian Kinerja).",
        discussion: HelpText.reflowed("""
            Example:
              iku target set --indicator ikm --year 2026 --value 82.5
            """),
        subcommands: [SetCommand.self, ListCommand.self]
    )

    struct SetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set (or with --clear remove) one indicator's target for a year.",
            discussion: HelpText.reflowed("""
                The value is IKM points for ikm and a percentage for the other two, greater than
                0 and at most 100. The earlier target is kept in history.

                Examples:
                  iku target set --indicator ikm --year 2026 --value 82.5
                  iku target set --indicator village-documents --year 2026 --value 100
                  iku target set --indicator facilitation --year 2026 --clear
                """)
        )

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("ikm, facilitation or village-documents.", valueName: "indicator"))
        var indicator: String

        @Option(help: ArgumentHelp("The year the target applies to.", valueName: "year"))
        var year: Int

        @Option(help: ArgumentHelp("The target value.", valueName: "number"))
        var value: Double?

        @Flag(help: "Remove the target of that year.")
        var clear = false

        func validate() throws {
            if clear == (value != nil) { throw ValidationError("give either --value or --clear") }
        }

        func run() throws {
            let key = try InputArguments.indicator(indicator)
            let database = try options.open()
            let target = try TargetStore(database).set(key, year: year, value: value)
            let shown = target.value.map { Rounding.twoDecimals($0) } ?? "cleared"
            print("target \(key.argument) \(year): \(shown) (change #\(target.stamp.id))")
        }
    }

    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the targets as last set.",
            discussion: HelpText.reflowed("""
                Example:
                  iku target list --year 2026
                """)
        )

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var asOfOption: AsOfOption

        @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
        var year: Int?

        func run() throws {
            let (database, asOf) = try asOfOption.openForReading(options)
            let targets = try TargetStore(database).list(year: year, asOf: asOf)
            guard !targets.isEmpty else { return print("no targets set") }
            let zone = try database.officeZone()
            print(TextTable(headers: ["year", "indicator", "target", "set by", "at", "change"], rows: targets.map {
                [String($0.year), $0.indicator.argument, $0.value.map { Rounding.twoDecimals($0) } ?? "(cleared)",
                 $0.stamp.actor, zone.display(recordedAt: $0.stamp.recordedAt), "#\($0.stamp.id)"]
            }).rendered)
        }
    }
}
