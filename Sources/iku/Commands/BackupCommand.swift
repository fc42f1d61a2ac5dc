import ArgumentParser
import Storage

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the live database to a new file, safely, while others keep working.",
        discussion: HelpText.reflowed("""
            Uses SQLite's online backup API: the copy is one consistent snapshot even while
            other clerks write. The copy is then checked (integrity, foreign keys, audit
            chain). To restore, stop using the damaged file, keep it aside, and point --db
            (or IKU_DB) at the copy, or copy it into place while no iku is running.

            Example:
              iku backup /media/usb/iku-2026-12-31.sqlite
            """)
    )

    @OptionGroup var options: DatabaseOptions
    @Argument(help: ArgumentHelp("Where to write the copy; must not exist.", valueName: "path"))
    var destination: String

    func run() throws {
        let database = try options.open(readOnly: true)
        try database.connection.backup(to: destination)
        let copy = try IkuDatabase.open(path: destination, actor: options.actorName, readOnly: true)
        let problems = try HealthCheck(copy.connection).problems()
        guard problems.isEmpty else { throw StateError("the copy at \(destination) failed its check: \(problems[0])") }
        let audit = try AuditVerifier(copy.connection).verify()
        if let failure = audit.failure { throw StateError("the copy at \(destination) does not verify: \(failure)") }
        print("backed up to \(destination): \(audit.entriesChecked) changes, head \(audit.head ?? AuditChain.genesis)")
    }
}
