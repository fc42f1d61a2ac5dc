import ArgumentParser
import Storage

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations, or list them with --status.",
        discussion: HelpText.reflowed("""
            Each migration runs in its own transaction. A database whose applied migrations
            were edited, or that a newer iku migrated, is refused untouched.

            Examples:
              iku migrate --status
              iku migrate
            """)
    )

    @OptionGroup var options: DatabaseOptions

    @Flag(help: "List applied and pending migrations without changing anything.")
    var status = false

    func run() throws {
        let database = try options.open(readOnly: status, schema: .anyKnown)
        let migrator = Migrator()
        if status {
            for line in try migrator.status(of: database.connection) {
                print([line.name, line.state.rawValue, line.appliedAt ?? ""].joined(separator: "\t"))
            }
            return
        }
        let applied = try migrator.migrate(database.connection, appliedAt: Timestamp.format(database.clock.now()))
        print(applied.isEmpty ? "up to date" : applied.map { "applied \($0)" }.joined(separator: "\n"))
    }
}
