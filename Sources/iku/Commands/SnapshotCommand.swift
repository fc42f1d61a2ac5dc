import ArgumentParser
import Indicators
import ReportRendering
import Storage

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "List and show the year-end snapshots stored by `iku recompute`.",
        discussion: HelpText.reflowed("""
            Example:
              iku snapshot list --year 2026
            """),
        subcommands: [ListCommand.self, ShowCommand.self]
    )

    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List snapshots with their headline figures.",
            discussion: HelpText.reflowed("""
                Example:
                  iku snapshot list --year 2026
                """)
        )

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var asOfOption: AsOfOption

        @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
        var year: Int?

        func run() throws {
            let (database, asOf) = try asOfOption.openForReading(options)
            let snapshots = try SnapshotStore(database).list(year: year, asOf: asOf)
            guard !snapshots.isEmpty else { return print("no snapshots stored") }
            let zone = try database.officeZone()
            let rows = try snapshots.map { snapshot -> [String] in
                let contents = try SnapshotContents.decode(snapshot)
                func value(_ key: String) -> String { contents.figures["\(key).value"]?.description ?? "—" }
                return [String(snapshot.id), String(snapshot.year), zone.display(recordedAt: snapshot.stamp.recordedAt), snapshot.stamp.actor,
                        "#\(contents.asOfChangeID)", String(snapshot.inputSHA256.prefix(16)),
                        value("ikm"), value("facilitation"), value("village_documents")]
            }
            print(TextTable(headers: ["id", "year", "stored at", "by", "as of", "input sha256", "ikm",
                                      "facilitation %", "village documents %"], rows: rows).rendered)
        }
    }

    struct ShowCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one snapshot: figures, counts, digest check and changes since the previous one.",
            discussion: HelpText.reflowed("""
                Examples:
                  iku snapshot show 3
                  iku snapshot show 3 --format json
                """)
        )

        @OptionGroup var options: DatabaseOptions

        @Argument(help: ArgumentHelp("The snapshot id (see `iku snapshot list`).", valueName: "id"))
        var id: Int64

        @Option(help: ArgumentHelp("Output: table or json.", valueName: "format"))
        var format: SnapshotFormat = .table

        func run() throws {
            let database = try options.open(readOnly: true)
            guard let snapshot = try SnapshotStore(database).snapshot(id: id) else {
                throw InputError(field: "id", value: String(id), allowed: "the id of a stored snapshot (see `iku snapshot list`)")
            }
            let contents = try SnapshotContents.decode(snapshot)
            let recompute = YearEndRecompute(database)
            let reproduced = try recompute.reproduces(snapshot)
            let comparison = try recompute.comparison(of: snapshot)
            switch format {
            case .json:
                print(try SnapshotText.json(snapshot, contents, reproduced: reproduced, comparison: comparison),
                      terminator: "")
            case .table:
                let check = reproduced
                    ? "Input digest check: the history still yields this snapshot's inputs (SHA-256 matches)."
                    : "Input digest check: MISMATCH — the history no longer yields this snapshot's inputs."
                let zone = try database.officeZone()
                print([SnapshotText.header(snapshot, contents, zone: zone), check, SnapshotText.figures(contents),
                       SnapshotText.comparison(comparison, zone: zone)].joined(separator: "\n\n"))
            }
        }
    }
}
