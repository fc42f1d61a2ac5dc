import ArgumentParser
import ReportRendering

/// How a listing is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people.
    case table
    /// RFC 4180 CSV with a header row: every value exactly as stored, for programs.
    case csv
    /// A JSON array with one object per record and every field, for programs.
    case json
}

/// `--format` and `--excel`, shared by every listing and `show` command.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "table (default, for people), csv (RFC 4180, every value exactly as stored, for programs; add --excel for a spreadsheet) or json (programs; every field of each record).",
        valueName: "format"))
    var format: OutputFormat = .table

    @Flag(help: "With --format csv: a file for Excel or LibreOffice (BOM, ';', CRLF; text that would run as a formula gets a leading ').")
    var excel = false

    func validate() throws {
        if excel, format != .csv {
            throw ValidationError("--excel applies to --format csv")
        }
    }

    /// How `csv` is written.
    var dialect: CSVDialect { excel ? .excel : .records }
}
