import ArgumentParser
import Indicators
import Storage

/// Output formats of `iku report`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, md
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compute the three IKU for a year, a quarter or a date range.",
        discussion: """
            Computes Nilai IKM Kecamatan, the facilitation follow-up percentage and the village
            documents on time straight from the stored records, with numerators, denominators,
            target and capaian, and the breakdowns behind each. Numbers are shown with 2 decimals
            rounded half-up; json and csv keep full precision.

            Examples:
              iku report --year 2026
              iku report --year 2026 --quarter 3 --format md > iku-2026-tw3.md
              iku report --year 2026 --from 2026-01-01 --to 2026-06-30 --follow-up-by 2026-07-15 --format json
              iku report --year 2025 --as-of 2026-01-15T09:00:00+07:00
            """
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("The reporting year (its targets apply).", valueName: "year"))
    var year: Int

    @Option(help: ArgumentHelp("Report one quarter (triwulan) of the year, 1 to 4.", valueName: "quarter"))
    var quarter: Int?

    @Option(help: ArgumentHelp("First day of a custom period inside the year, YYYY-MM-DD.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of a custom period inside the year, YYYY-MM-DD.", valueName: "date"))
    var to: String?

    @Option(name: .customLong("follow-up-by"),
            help: ArgumentHelp("Count only follow-ups dated on or before this day (IKU 2).", valueName: "date"))
    var followUpBy: String?

    @Option(help: ArgumentHelp("Output: table, json, csv or md.", valueName: "format"))
    var format: ReportFormat = .table

    @OptionGroup var asOfOption: AsOfOption

    func validate() throws {
        if quarter != nil, from != nil || to != nil {
            throw ValidationError("give either --quarter or --from/--to, not both")
        }
        if (from == nil) != (to == nil) {
            throw ValidationError("--from and --to go together")
        }
    }

    func run() throws {
        let period: Period
        if let quarter {
            period = try Period.quarter(quarter, of: year)
        } else if let from, let to {
            period = try Period.range(year: year, from: try InputArguments.date(from, option: "from"),
                                      to: try InputArguments.date(to, option: "to"))
        } else {
            period = try Period.year(year)
        }
        let followUpDate = try followUpBy.map { try InputArguments.date($0, option: "follow-up-by") }
        let database = try options.open(readOnly: true)
        let asOf = try asOfOption.resolve(in: database)
        let report = try ReportBuilder(database).report(for: period, followUpBy: followUpDate, asOf: asOf)
        switch format {
        case .table: print(PlainTextRenderer.render(ReportSheet(report: report).blocks), terminator: "")
        case .md: print(MarkdownRenderer.render(ReportSheet(report: report).blocks), terminator: "")
        case .json: print(try ReportJSON.render(report), terminator: "")
        case .csv: print(ReportCSV.render(report), terminator: "")
        }
    }
}
