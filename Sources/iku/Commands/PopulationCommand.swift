import ArgumentParser
import Indicators
import ReportRendering
import Storage

struct PopulationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Record the number of service users per year or quarter, for sample adequacy.",
        discussion: HelpText.reflowed("""
            The report compares the respondents with the Krejcie & Morgan minimum sample for
            the recorded population.

            Example:
              iku survey population set --year 2026 --count 1000
            """),
        subcommands: [SetCommand.self, ListCommand.self]
    )

    struct SetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the number of service users of a year or one quarter.",
            discussion: HelpText.reflowed("""
                Examples:
                  iku survey population set --year 2026 --count 1000
                  iku survey population set --year 2026 --quarter 3 --count 260
                """)
        )

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("The year.", valueName: "year"))
        var year: Int

        @Option(help: ArgumentHelp("One quarter of the year, 1 to 4 (omit for the whole year).", valueName: "quarter"))
        var quarter: Int?

        @Option(help: ArgumentHelp("Number of service users.", valueName: "number"))
        var count: Int

        func run() throws {
            let database = try options.open()
            let population = try PopulationStore(database).set(year: year, quarter: quarter, count: count)
            let period = population.quarter.map { "\(year) quarter \($0)" } ?? "\(year)"
            print("""
                population \(period): \(population.userCount) service users; minimum sample \
                \(SampleAdequacy.minimumSample(population: population.userCount)) (change #\(population.stamp.id))
                """)
        }
    }

    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the populations as last set, with their minimum samples.",
            discussion: HelpText.reflowed("""
                Example:
                  iku survey population list --year 2026
                """)
        )

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var asOfOption: AsOfOption

        @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
        var year: Int?

        func run() throws {
            let (database, asOf) = try asOfOption.openForReading(options)
            let populations = try PopulationStore(database).list(year: year, asOf: asOf)
            guard !populations.isEmpty else { return print("no populations recorded") }
            let zone = try database.officeZone()
            print(TextTable(headers: ["year", "quarter", "service users", "minimum sample", "set by", "at"],
                            rows: populations.map {
                [String($0.year), $0.quarter.map(String.init) ?? "year", String($0.userCount),
                 String(SampleAdequacy.minimumSample(population: $0.userCount)), $0.stamp.actor, zone.display(recordedAt: $0.stamp.recordedAt)]
            }).rendered)
        }
    }
}
