import ArgumentParser

/// The root command. `main` maps every failure to a one-line message and a documented exit code.
@main
struct Iku: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iku",
        abstract: "Records and key performance indicators (IKU) of a kecamatan office.",
        discussion: HelpText.reflowed("""
            Keeps the survey responses, facilitation logs and village documents behind the
            office's three IKU in one SQLite file, with every change kept in history.

            Examples:
              iku demo                  # a sample database for Kecamatan Tempursari
              iku init --kecamatan-code 35.08.01 --kecamatan-name Tempursari
              iku report --year 2026 --format html --output iku-2026.html

            Dates are written YYYY-MM-DD. Every command takes --db PATH (default $IKU_DB,
            else ./iku.sqlite); shell completion: iku --generate-completion-script bash.

            Exit codes:
              0  ok
              1  refused: a value not allowed (a date not YYYY-MM-DD, a score 5, an unknown
                 village...) or the database's state; nothing was written
              2  usage error: unknown command or option, missing value, not a number
              3  internal error: SQLite or the system failed
            """),
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, InitCommand.self, MigrateCommand.self, CheckCommand.self, OfficeCommand.self,
            VillageCommand.self, SubmissionCommand.self, FacilitationCommand.self, SurveyCommand.self,
            ReportCommand.self, TargetCommand.self, DeadlineCommand.self, RecomputeCommand.self, SnapshotCommand.self,
            HistoryCommand.self, AuditCommand.self, BackupCommand.self, KeyCommand.self, ExportCommand.self,
            ServiceCommand.self,
        ]
    )

    static func main() {
        CrashGuard.install()
        do {
            // A plain `survey add` line skips ArgumentParser's reflection; any other line, and
            // any line it would refuse, is parsed by ArgumentParser (PlainCommandLine).
            if let addition = PlainCommandLine.surveyAddition(Array(CommandLine.arguments.dropFirst())) {
                try addition.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }
}
