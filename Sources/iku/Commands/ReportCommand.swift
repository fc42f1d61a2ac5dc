import ArgumentParser
import FoundationEssentials
import Indicators
import ReportRendering
import Storage

/// Output formats of `iku report`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, md, html
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compute the three IKU for a year, a quarter or a date range.",
        discussion: HelpText.reflowed("""
            Computes Nilai IKM Kecamatan, the facilitation follow-up percentage and the
            village documents on time straight from the stored records, with numerators,
            denominators, target and capaian, and the breakdowns behind each. Numbers are
            shown with 2 decimals rounded half-up; json and csv keep full precision.

            html is one self-contained page, printable on A4 (Indonesian; --lang en for
            English): the three IKU with their verdicts, an NRR chart with the mutu bands,
            the yearly trend of every year with records, the activities without follow-up,
            the village × document matrix and the rules used. md has the same content as
            Markdown tables. csv is exact, for programs; csv --excel writes what Excel with
            Indonesian settings opens: UTF-8 BOM, ';' separator, decimal comma, CRLF, and text
            that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
            carriage return) gets a leading ' so it is shown, never run.

            Examples:
              iku report --year 2026
              iku report --year 2026 --format html --output iku-2026.html
              iku report --year 2026 --format html --lang en --output en.html --force
              iku report --year 2026 --format csv --excel --output iku-2026.csv
              iku report --year 2026 --quarter 3 --format md > iku-2026-tw3.md
              iku report --year 2026 --from 2026-01-01 --to 2026-06-30 \\
                --follow-up-by 2026-07-15 --format json
              iku report --year 2025 --as-of 2026-01-15T09:00:00+07:00
            """)
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
            help: ArgumentHelp("Count only follow-ups dated on or before this day, YYYY-MM-DD (IKU 2).", valueName: "date"))
    var followUpBy: String?

    @Option(help: ArgumentHelp("Output: table, json, csv (exact, for programs; --excel for a spreadsheet), md or html.",
                               valueName: "format"))
    var format: ReportFormat = .table

    @Option(help: ArgumentHelp("Language of the html report: id (default) or en.", valueName: "lang"))
    var lang: ReportLanguage?

    @Flag(help: "With --format csv: a file for Excel with Indonesian settings (BOM, ';', decimal comma, CRLF; text that would run as a formula gets a leading ').")
    var excel = false

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output; it must not exist.",
                               valueName: "file"))
    var output: String?

    @Flag(help: "With --output: replace the file if it exists.")
    var force = false

    @OptionGroup var asOfOption: AsOfOption

    func validate() throws {
        if quarter != nil, from != nil || to != nil {
            throw ValidationError("give either --quarter or --from/--to, not both")
        }
        if (from == nil) != (to == nil) {
            throw ValidationError("--from and --to go together")
        }
        if lang != nil, format != .html {
            throw ValidationError("--lang applies to --format html")
        }
        if excel, format != .csv {
            throw ValidationError("--excel applies to --format csv")
        }
        if force, output == nil {
            throw ValidationError("--force goes with --output")
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
        let (asOf, day) = try asOfOption.resolveWithDay(in: database)
        let builder = ReportBuilder(database)
        let report = try builder.report(for: period, followUpBy: followUpDate, asOf: asOf, on: day)
        func trend() throws -> [YearFigures] {
            let line = TerminalStatusLine()
            defer { line.clear() }
            line.show("computing the trend of every year with records")
            return try builder.trend(including: year, asOf: AsOf(lastChangeID: report.asOfChangeID), on: day)
        }
        let signedOn = try asOfOption.documentDay(in: database)
        let text: String
        switch format {
        case .table: text = PlainTextRenderer.render(ReportSheet(report: report, signedOn: signedOn).blocks)
        case .md: text = MarkdownRenderer.render(ReportSheet(report: report, trend: try trend(), signedOn: signedOn).blocks)
        case .json: text = try ReportJSON.render(report)
        case .csv: text = ReportCSV.render(report, dialect: excel ? .excel : .plain)
        case .html:
            text = HTMLReportPage(report: report, trend: try trend(), wording: ReportWording(language: lang ?? .id),
                                  generatedAt: try database.officeZone().display(database.clock.now()), signedOn: signedOn).html
        }
        if let output {
            try OutputFile.write(text, to: output, replacing: force)
        } else {
            print(text, terminator: "")
        }
    }
}
