import ArgumentParser
import Storage

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database file's integrity and foreign keys.",
        discussion: HelpText.reflowed("""
            Runs PRAGMA integrity_check and PRAGMA foreign_key_check; prints "ok" or each
            problem and exits 1.

            Example:
              iku check --db tempursari.sqlite
            """)
    )

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        let database = try options.open(readOnly: true)
        let problems = try HealthCheck(database.connection).problems()
        guard problems.isEmpty else {
            problems.forEach { print($0) }
            throw StateError("\(MessageText.path(options.path)) failed its check: \(problems.count) problem(s)")
        }
        print("ok")
    }
}
