import ArgumentParser

/// The `survey` command group. On this branch it holds only `population`; the clerk commands
/// for survey responses join it when the branches merge.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Public-service satisfaction survey (SKM) records.",
        discussion: """
            Example:
              iku survey population set --year 2026 --count 1000
            """,
        subcommands: [PopulationCommand.self]
    )
}
