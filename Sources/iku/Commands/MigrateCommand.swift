import ArgumentParser
import Storage

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations, or list them with --status.",
        discussion: HelpText.reflowed("""
            Each migration runs in its own transaction. A database whose applied migrations
            were edited, or that a newer iku migrated, is refused untouched. Then a database
            without a recorded time zone (made before iku recorded one) gets the zone of its
            kecamatan code's province, as an audited office setting, and follow-ups recorded
            before iku sealed their link to the activity get that link, in one audited change.

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
        var lines = applied.map { "applied \($0)" }
        switch try OfficeSettingsStore(database).recordTimeZoneFromCode() {
        case .alreadySet:
            break
        case .recorded(let zone, let province):
            lines.append("recorded the office's time zone: \(zone) (province \(province))")
        case .unknownProvince(let code):
            lines.append("the office's time zone is not set and province \(code.prefix(2)) is not in iku's table: "
                         + "set it with `iku office set --timezone ZONE`")
        }
        let linked = try FacilitationStore(database).linkEarlierFollowUps()
        if linked > 0 { lines.append("linked \(linked) earlier follow-ups to their activities (audited)") }
        print(lines.isEmpty ? "up to date" : lines.joined(separator: "\n"))
    }
}
