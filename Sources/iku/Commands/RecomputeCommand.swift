import ArgumentParser
import Indicators
import ReportRendering
import Storage

/// Output formats of `iku recompute` and `iku snapshot show`.
enum SnapshotFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

struct RecomputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recompute",
        abstract: "Year-end recomputation: store a year's figures as a snapshot and show what changed.",
        discussion: HelpText.reflowed("""
            Computes the year's three IKU as the records stand now and stores them as a
            dated, attributed snapshot with the counts behind them and the SHA-256 of the
            exact input rows. When the year already has a snapshot, prints the figures that
            changed (old → new) and the records that changed in between, or "no change".

            Example:
              iku recompute --year 2026
            """)
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("The year to recompute.", valueName: "year"))
    var year: Int

    @Option(help: ArgumentHelp("Output: table or json.", valueName: "format"))
    var format: SnapshotFormat = .table

    func run() throws {
        let database = try options.open()
        let outcome = try YearEndRecompute(database).recompute(year: year)
        switch format {
        case .json:
            print(try SnapshotText.json(outcome.snapshot, outcome.contents, reproduced: nil,
                                        comparison: outcome.comparison), terminator: "")
        case .table:
            let zone = try database.officeZone()
            print([SnapshotText.header(outcome.snapshot, outcome.contents, zone: zone), SnapshotText.figures(outcome.contents),
                   SnapshotText.comparison(outcome.comparison, zone: zone)].joined(separator: "\n\n"))
        }
    }
}
