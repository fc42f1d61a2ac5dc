import ArgumentParser

/// How a listing is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people.
    case table
    /// RFC 4180 CSV with a header row, for spreadsheets.
    case csv
    /// A JSON array with one object per record and every field, for programs.
    case json
}

/// `--format`, shared by every listing and `show` command.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "table (default, for people), csv (spreadsheets) or json (programs; every field of each record).",
        valueName: "format"))
    var format: OutputFormat = .table
}
