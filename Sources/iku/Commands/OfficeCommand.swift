import ArgumentParser
import ReportRendering
import Storage

/// `iku office ...`: the office's own details and settings, kept with history.
struct OfficeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "Show and set the office's details: time zone, regency, address and head of office.",
        discussion: """
            Every setting is kept with history: setting one again records a new value and
            keeps the old one, with the actor and the time (iku audit log --kind office).

            Examples:
              iku office show
              iku office set --head-name "Drs. Contoh Nama" \\
                --head-nip "19660228 199203 1 012"
            """,
        subcommands: [Show.self, Set.self]
    )

    /// The office and its settings as one printable record.
    struct View {
        let office: Office
        let settings: [OfficeSettingKey: OfficeSetting]
    }

    static let columns: [Column<View>] = [
        Column("kecamatan_code") { .text($0.office.kecamatanCode) },
        Column("kecamatan_name") { .text($0.office.kecamatanName) },
    ] + OfficeSettingKey.allCases.map { key in
        Column(key.rawValue) { .optional($0.settings[key]?.value) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the office's code, name and settings, and who set each.",
            discussion: """
                Examples:
                  iku office show
                  iku office show --format json
                  iku office show --as-of 2025-12-31
                """)

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var asOfOption: AsOfOption
        @Option(help: ArgumentHelp("table (default) or json.", valueName: "format"))
        var format: OutputFormat = .table

        func validate() throws {
            if format == .csv { throw ValidationError("--format must be table or json") }
        }

        func run() throws {
            let (database, asOf) = try asOfOption.openForReading(options)
            guard let office = try OfficeStore(database).office() else {
                throw StateError("this database has no office: it was not created by iku init")
            }
            let settings = try OfficeSettingsStore(database).settings(asOf: asOf)
            let view = View(office: office, settings: settings)
            switch format {
            case .json:
                let setBy = OfficeSettingKey.allCases.compactMap { key in settings[key].map { (key, $0) } }.map { key, setting in
                    "{\"key\": \(JSONText.string(key.rawValue)), \"change\": \(setting.stamp.id), "
                        + "\"recorded_at\": \(JSONText.string(setting.stamp.recordedAt)), \"actor\": \(JSONText.string(setting.stamp.actor))}"
                }
                RecordWriter.detail(view, columns: OfficeCommand.columns, format: .json,
                                    extraJSON: [("set_by", "[" + setBy.joined(separator: ", ") + "]")])
            case .table, .csv:
                RecordWriter.detail(view, columns: OfficeCommand.columns, format: .table)
                let rows = OfficeSettingKey.allCases.compactMap { settings[$0] }.map {
                    [$0.key.argument, $0.stamp.actor, $0.stamp.recordedAt, "#\($0.stamp.id)"]
                }
                if !rows.isEmpty {
                    print("")
                    print(TextTable(headers: ["setting", "set by", "at", "change"], rows: rows).rendered)
                }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set one or more of the office's settings as one change; an empty value clears one.",
            discussion: """
                The earlier values stay in history. The time zone is an IANA name: Asia/Jakarta
                (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).

                Examples:
                  iku office set --timezone Asia/Makassar
                  iku office set --regency-name "Kabupaten Lumajang" \\
                    --address "Jl. Raya Tempursari No. 1, Lumajang"
                  iku office set --head-name "Drs. Contoh Nama" --head-rank "Pembina (IV/a)" \\
                    --head-nip "19660228 199203 1 012" --head-position "Camat Tempursari"
                """)

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("The office's IANA time zone, e.g. Asia/Jakarta.", valueName: "zone"))
        var timezone: String?
        @Option(help: ArgumentHelp("The regency, e.g. \"Kabupaten Lumajang\".", valueName: "text"))
        var regencyName: String?
        @Option(help: ArgumentHelp("The office's address, for the letterhead.", valueName: "text"))
        var address: String?
        @Option(help: ArgumentHelp("The head of office's name, with titles.", valueName: "text"))
        var headName: String?
        @Option(help: ArgumentHelp("The head's NIP (18 digits; spaces as printed are fine).", valueName: "nip"))
        var headNip: String?
        @Option(help: ArgumentHelp("The head's rank (pangkat/golongan), e.g. \"Pembina (IV/a)\".", valueName: "text"))
        var headRank: String?
        @Option(help: ArgumentHelp("The head's position, e.g. \"Camat Tempursari\".", valueName: "text"))
        var headPosition: String?

        var requested: [(key: OfficeSettingKey, value: String?)] {
            let given: [(OfficeSettingKey, String?)] = [
                (.timezone, timezone), (.regencyName, regencyName), (.address, address), (.headName, headName),
                (.headNIP, headNip), (.headRank, headRank), (.headPosition, headPosition),
            ]
            return given.compactMap { key, value in value.map { (key, $0) } }
        }

        func validate() throws {
            if requested.isEmpty { throw ValidationError("give at least one setting, e.g. --timezone Asia/Jakarta") }
        }

        func run() throws {
            let database = try options.open()
            let stored = try OfficeSettingsStore(database).set(requested)
            for setting in stored {
                print("\(setting.key.argument): \(setting.value ?? "(cleared)") (change #\(setting.stamp.id))")
            }
        }
    }
}
