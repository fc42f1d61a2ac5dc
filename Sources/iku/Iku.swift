import ArgumentParser

/// The root command. `main` maps every failure to a one-line message and a documented exit code.
@main
struct Iku: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iku",
        abstract: "Records and key performance indicators (IKU) of a kecamatan office.",
        discussion: """
            Keeps the survey responses, facilitation logs and village documents behind the
            office's three IKU in one SQLite file, with every change kept in history.

            Example:
              iku init --kecamatan-code 35.08.01 --kecamatan-name Tempursari

            Exit codes: 0 ok; 1 input or database state refused; 2 usage error; 3 internal or
            SQLite error.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, MigrateCommand.self, CheckCommand.self,
            VillageCommand.self, SubmissionCommand.self, FacilitationCommand.self, SurveyCommand.self,
            ReportCommand.self, TargetCommand.self, DeadlineCommand.self, RecomputeCommand.self, SnapshotCommand.self,
            HistoryCommand.self, AuditCommand.self, BackupCommand.self,
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(with: error)
        }
    }
}
