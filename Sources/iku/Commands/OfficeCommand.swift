import ArgumentParser
import Indicators
import ReportRendering
import Storage

/// `iku office ...`: the office's own details and settings, kept with history.
struct OfficeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "Show and set the office's details: time zone, regency, address and head of office.",
        discussion: HelpText.reflowed("""
            Every setting is kept with history: setting one again records a new value and
            keeps the old one, with the actor and the time (iku audit log --kind office).
            The report (html, md, table) opens with the letterhead (regency, kecamatan,
            address) and ends with the head's signature block, as recorded on its day.
            The regency name defaults from the kecamatan code (35.08: Kabupaten Lumajang),
            the position to "Camat <kecamatan>"; show marks a default as one.

            Examples:
              iku office show
              iku office set --head-name "Drs. Contoh Nama" \\
                --head-nip "19660228 199203 1 012"
            """),
        subcommands: [Show.self, Set.self]
    )

    /// The office and its settings as one printable record.
    struct View {
        let office: Office
        let settings: [OfficeSettingKey: OfficeSetting]
        /// The same settings with their defaults (regency from the code, position from the name).
        let details: OfficeDetails
        /// The zone in force: the `timezone` setting, else the zone of the code's province.
        let zone: OfficeZone
        /// Whether the value is for people (the table format): defaults are marked as such and the
        /// zone is named with its short name (`Asia/Jakarta (WIB)`); json gives the IANA name.
        var marksDefaults = false

        func value(_ key: OfficeSettingKey) -> Cell {
            if key == .timezone { return .text(marksDefaults ? zone.description : zone.identifier) }
            let fallback: OfficeDetails.Value?
            switch key {
            case .regencyName: fallback = details.regencyName
            case .headPosition: fallback = details.headPosition
            default: fallback = nil
            }
            guard settings[key]?.value == nil, let fallback else { return .optional(settings[key]?.value) }
            return .text(marksDefaults ? "\(fallback.text) (default: \(OfficeCommand.defaultBasis(key, office)))" : fallback.text)
        }
    }

    /// Where the default of `key` comes from.
    static func defaultBasis(_ key: OfficeSettingKey, _ office: Office) -> String {
        key == .regencyName ? "from the kecamatan code \(office.kecamatanCode.prefix(5))"
            : "from the kecamatan name"
    }

    static let columns: [Column<View>] = [
        Column("kecamatan_code") { .text($0.office.kecamatanCode) },
        Column("kecamatan_name") { .text($0.office.kecamatanName) },
    ] + OfficeSettingKey.allCases.map { key in
        Column(key.rawValue) { $0.value(key) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the office's code, name and settings, and who set each.",
            discussion: HelpText.reflowed("""
                Examples:
                  iku office show
                  iku office show --format json
                  iku office show --as-of 2025-12-31
                """))

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
            let details = try OfficeDetails.read(database, asOf: asOf)
            let zone = try database.officeZone(asOf: asOf)
            var view = View(office: office, settings: settings, details: details, zone: zone)
            let defaults = [(OfficeSettingKey.regencyName, details.regencyName), (.headPosition, details.headPosition)]
                .filter { $0.1?.isDefault == true }.map(\.0)
            switch format {
            case .json:
                let setBy = OfficeSettingKey.allCases.compactMap { key in settings[key].map { (key, $0) } }.map { key, setting in
                    "{\"key\": \(JSONText.string(key.rawValue)), \"change\": \(setting.stamp.id), "
                        + "\"recorded_at\": \(JSONText.string(setting.stamp.recordedAt)), \"actor\": \(JSONText.string(setting.stamp.actor))}"
                }
                let defaulted = defaults.map { "\(JSONText.string($0.rawValue)): \(JSONText.string(OfficeCommand.defaultBasis($0, office)))" }
                RecordWriter.detail(view, columns: OfficeCommand.columns, format: .json,
                                    extraJSON: [("set_by", "[" + setBy.joined(separator: ", ") + "]"),
                                                ("defaults", "{" + defaulted.joined(separator: ", ") + "}")])
            case .table, .csv:
                view.marksDefaults = true
                RecordWriter.detail(view, columns: OfficeCommand.columns, format: .table)
                if details.regencyName == nil {
                    print("regency_name is not recorded and the kecamatan code \(office.kecamatanCode) is not one iku knows: "
                          + "iku office set --regency-name \"Kabupaten ...\"")
                }
                let rows = OfficeSettingKey.allCases.compactMap { settings[$0] }.map {
                    [$0.key.argument, $0.stamp.actor, zone.display(recordedAt: $0.stamp.recordedAt), "#\($0.stamp.id)"]
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
            commandName: "set",
            abstract: "Set one or more of the office's settings as one change; an empty value clears one.",
            discussion: HelpText.reflowed("""
                The earlier values stay in history. The time zone is an IANA name: Asia/Jakarta
                (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). The NIP is 18 digits,
                spaced as printed or not, checked by its parts: birth date YYYYMMDD, the
                appointment YYYYMM (at 18 or older), gender 1 or 2, sequence 001-999; it is
                stored as printed (19660228 199203 1 012).

                Examples:
                  iku office set --timezone Asia/Makassar
                  iku office set --regency-name "Kabupaten Lumajang" \\
                    --address "Jl. Raya Tempursari No. 1, Lumajang"
                  iku office set --head-name "Drs. Contoh Nama" --head-rank "Pembina (IV/a)" \\
                    --head-nip "19660228 199203 1 012" --head-position "Camat Tempursari"
                """))

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
