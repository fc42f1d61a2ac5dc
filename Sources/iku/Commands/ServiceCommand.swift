import ArgumentParser
import ReportRendering
import Storage

/// `iku service ...`: the list of services (jenis layanan) the office offers, which the kiosk's
/// questionnaire shows. Kept with history like targets.
struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Add, list and remove the services the office offers (the kiosk's list).",
        discussion: HelpText.reflowed("""
            Adding or removing a service is one audited change (kind office, action
            set); a removed service stays in history and in the responses that named it.

            Examples:
              iku service add --name KTP
              iku service list
              iku service remove --name "Surat Pindah"
            """),
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a service to the office's list.",
            discussion: HelpText.reflowed("""
                The name is 1 to 200 characters; a service already offered (any case) is
                refused.

                Example:
                  iku service add --name "Akta Kelahiran"
                """))

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("The service's name, as respondents will see it.", valueName: "text"))
        var name: String

        func run() throws {
            let service = try ServiceStore(try options.open()).add(name)
            print("service \(service.name) added (change #\(service.stamp.id))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the services offered, with who added each.",
            discussion: HelpText.reflowed("""
                Examples:
                  iku service list
                  iku service list --as-of 2025-12-31
                """))

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var asOfOption: AsOfOption

        func run() throws {
            let (database, asOf) = try asOfOption.openForReading(options)
            let services = try ServiceStore(database).list(asOf: asOf)
            guard !services.isEmpty else { return print("no services offered") }
            print(TextTable(headers: ["service", "added by", "at", "change"], rows: services.map {
                [$0.name, $0.stamp.actor, $0.stamp.recordedAt, "#\($0.stamp.id)"]
            }).rendered)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take a service off the office's list (it stays in history).",
            discussion: HelpText.reflowed("""
                Example:
                  iku service remove --name KTP
                """))

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("The service's name (any case).", valueName: "text"))
        var name: String

        func run() throws {
            let removed = try ServiceStore(try options.open()).remove(name)
            print("service \(removed) removed")
        }
    }
}
