import ArgumentParser
import Storage

/// `iku village ...`: the villages (desa) of the kecamatan.
struct VillageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "village",
        abstract: "Add, list, show, correct, void and import the kecamatan's villages.",
        discussion: HelpText.reflowed("""
            A village code is the Kemendagri code PP.KK.CC.DDDD and must lie under this
            kecamatan's code. A correction or void adds a version; the old one stays in
            history.

            Examples:
              iku village add --code 35.08.01.2005 --name Tempursari
              iku village import villages.csv
              iku village list --format csv
            """),
        subcommands: [Add.self, List.self, Show.self, Correct.self, VoidRecord.self, Import.self]
    )

    static let columns: [Column<Versioned<Village>>] = RecordColumns.identity() + [
        Column("code") { .text($0.fields.code) },
        Column("name") { .text($0.fields.name) },
        Column("active_from") { .optional($0.fields.activeFrom) },
        Column("active_until") { .optional($0.fields.activeUntil) },
    ] + RecordColumns.state()

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a village; prints its id.",
            discussion: HelpText.reflowed("""
                Example:
                  iku village add --code 35.08.01.2005 --name Tempursari \\
                    --active-from 2000-01-01
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Kemendagri code PP.KK.CC.DDDD, e.g. 35.08.01.2005.", valueName: "code"))
        var code: String
        @Option(help: ArgumentHelp("The village's name.", valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp("First day it belongs to the kecamatan (YYYY-MM-DD).", valueName: "date"))
        var activeFrom: String?
        @Option(help: ArgumentHelp("Last day it belongs to the kecamatan (YYYY-MM-DD).", valueName: "date"))
        var activeUntil: String?

        func run() throws {
            let input = VillageInput(code: code, name: name, activeFrom: activeFrom, activeUntil: activeUntil)
            StandardOutput.line(String(try VillageStore(database.open()).add(input)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the villages, by code.",
            discussion: HelpText.reflowed("""
                Example:
                  iku village list --format json
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Flag(help: "Include voided villages.")
        var includeVoided = false

        func run() throws {
            let (opened, asOf) = try asOfOption.openForReading(database)
            let villages = try VillageStore(opened).list(includeVoided: includeVoided, asOf: asOf)
            let writer = RecordWriter(RecordColumns.zoned(VillageCommand.columns, try opened.officeZone(), format: output.format), format: output.format, dialect: output.dialect)
            villages.forEach(writer.write)
            writer.finish()
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a village's current version (voided or not).",
            discussion: HelpText.reflowed("""
                Example:
                  iku village show 3
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var asOfOption: AsOfOption
        @Argument(help: "The village's id.")
        var id: Int64

        func run() throws {
            let (opened, asOf) = try asOfOption.openForReading(database)
            let village = try VillageStore(opened).show(id, asOf: asOf)
            RecordWriter.detail(village, columns: RecordColumns.zoned(VillageCommand.columns, try opened.officeZone(), format: output.format), format: output.format, dialect: output.dialect)
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct a village: writes a new version; the old one stays in history.",
            discussion: HelpText.reflowed("""
                Give only the fields to change; an empty value clears an optional field.

                Example:
                  iku village correct 3 --name "Tempursari" --active-until ""
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The village's id.")
        var id: Int64
        @Option(help: ArgumentHelp("Kemendagri code PP.KK.CC.DDDD.", valueName: "code"))
        var code: String?
        @Option(help: ArgumentHelp("The village's name.", valueName: "name"))
        var name: String?
        @Option(help: ArgumentHelp("First day it belongs to the kecamatan (YYYY-MM-DD; empty clears).", valueName: "date"))
        var activeFrom: String?
        @Option(help: ArgumentHelp("Last day it belongs to the kecamatan (YYYY-MM-DD; empty clears).", valueName: "date"))
        var activeUntil: String?

        func run() throws {
            let input = VillageInput(code: code, name: name, activeFrom: activeFrom, activeUntil: activeUntil)
            let version = try VillageStore(database.open()).correct(id, input)
            print("village \(id) corrected: version \(version)")
        }
    }

    struct VoidRecord: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void a village entered by mistake; it stays in history with the reason.",
            discussion: HelpText.reflowed("""
                Refused while live submissions refer to the village.

                Example:
                  iku village void 3 --reason "entered twice"
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The village's id.")
        var id: Int64
        @Option(help: ArgumentHelp("Why it is voided.", valueName: "text"))
        var reason: String

        func run() throws {
            let version = try VillageStore(database.open()).void(id, reason: reason)
            print("village \(id) voided: version \(version)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import villages from a CSV file, all or nothing.",
            discussion: HelpText.reflowed("""
                The header names the columns code,name and optionally active_from,active_until,
                in any order. One bad row imports nothing and every bad line is named. A file
                with the same content as one imported before is refused unless
                --allow-duplicate-file.

                Example:
                  iku village import villages.csv --dry-run
                """))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var arguments: ImportArguments

        func run() throws {
            let store = VillageStore(try database.open(readOnly: arguments.dryRun))
            try arguments.run(noun: "village") { options, progress in
                try store.importCSV(path: arguments.file, options: options, progress: progress)
            }
        }
    }
}
