import ArgumentParser
import Storage

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new database for one kecamatan.",
        discussion: HelpText.reflowed("""
            Creates the file (readable by its owner only), applies every migration and
            records the office with its time zone, which decides every day iku reasons
            about: by default the zone of the code's province (WIB Asia/Jakarta, WITA
            Asia/Makassar, WIT Asia/Jayapura); --timezone gives another. Refuses to touch a
            file that already exists.
            --regency-name records the regency for the letterhead (iku office set
            --regency-name later does the same); without it the name is known from the
            code for every kabupaten/kota of Jawa Timur (35.08: Kabupaten Lumajang).

            Examples:
              iku init --kecamatan-code 35.08.01 --kecamatan-name Tempursari \\
                --db tempursari.sqlite
              iku init --kecamatan-code 51.71.01 --kecamatan-name Denpasar
            """)
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("Kemendagri code of the kecamatan, PP.KK.CC.", valueName: "code"))
    var kecamatanCode: String

    @Option(help: ArgumentHelp("Name of the kecamatan.", valueName: "name"))
    var kecamatanName: String

    @Option(help: ArgumentHelp("The regency, e.g. \"Kabupaten Lumajang\" (default: known from the code in Jawa Timur).",
                               valueName: "text"))
    var regencyName: String?

    @Option(help: ArgumentHelp("The office's IANA time zone, e.g. Asia/Makassar (default: the zone of the code's province).",
                               valueName: "zone"))
    var timezone: String?

    func run() throws {
        let office = Office(kecamatanCode: kecamatanCode, kecamatanName: kecamatanName)
        let zone = try timezone.map { text in
            guard let identifier = try OfficeSettingRules.normalise(text, for: .timezone),
                  let zone = OfficeZone(identifier: identifier) else {
                throw InputError(field: "timezone", value: text, allowed: "an IANA time zone name such as Asia/Jakarta")
            }
            return zone
        }
        let regency = try regencyName.flatMap { try OfficeSettingRules.normalise($0, for: .regencyName) }
        let database = try IkuDatabase.create(path: options.path, office: office, actor: options.actorName,
                                              clock: try Clock.fromEnvironment(), timeZone: zone)
        if let regency { try OfficeSettingsStore(database).set([(.regencyName, regency)]) }
        let recorded = try database.officeZone()
        print("created \(options.path) for Kecamatan \(kecamatanName) (\(kecamatanCode)), time zone \(recorded)")
        if regency == nil, RegencyNames.name(forCode: kecamatanCode) == nil {
            print("the regency of code \(kecamatanCode.prefix(5)) is not known to iku: record it for the letterhead with "
                  + "iku office set --regency-name \"Kabupaten ...\"")
        }
    }
}
