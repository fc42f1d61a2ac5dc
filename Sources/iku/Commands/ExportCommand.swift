import ArgumentParser
import Storage

/// `iku export`: the office's records as a signed bundle for the regency.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the office's changes (after a head) as one bundle signed with the office key.",
        discussion: HelpText.reflowed("""
            The bundle holds every change after --since HEAD (every change without it) with
            every row it wrote and its audit digests, the first and last head, and the
            office's Ed25519 signature. The same database and HEAD give the same bytes.
            An existing file is never replaced.

            Examples:
              iku export --output tempursari-2026.iku-bundle
              iku export --output tempursari-dec.iku-bundle --since 3f5c...e1
            """)
    )

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var location: KeyLocation

    @Option(help: ArgumentHelp("The bundle file to write (must not exist).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Only the changes after this head (an entry digest of the log).", valueName: "head"))
    var since: String?

    func run() throws {
        let database = try options.open(readOnly: true)
        let key = try OfficeKey.load(from: try location.path(for: database))
        let status = TerminalStatusLine()
        let summary = try BundleExporter(database).export(to: output, since: since, key: key) { changes in
            status.show("exported \(changes) changes")
        }
        status.clear()
        print("wrote \(output): \(summary.changes) changes, \(summary.rows) rows, office \(summary.officeCode) \(summary.officeName)")
        print("first head: \(summary.firstHead)")
        print("last head:  \(summary.lastHead)")
    }
}
