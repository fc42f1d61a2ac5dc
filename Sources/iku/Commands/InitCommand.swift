import ArgumentParser
import Storage

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new database for one kecamatan.",
        discussion: """
            Creates the file (readable by its owner only), applies every migration and
            records the office. Refuses to touch a file that already exists.
            --regency-name records the regency for the letterhead (iku office set
            --regency-name later does the same); without it the name is known from the
            code for every kabupaten/kota of Jawa Timur (35.08: Kabupaten Lumajang).

            Example:
              iku init --kecamatan-code 35.08.01 --kecamatan-name Tempursari \\
                --db tempursari.sqlite
            """
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("Kemendagri code of the kecamatan, PP.KK.CC.", valueName: "code"))
    var kecamatanCode: String

    @Option(help: ArgumentHelp("Name of the kecamatan.", valueName: "name"))
    var kecamatanName: String

    @Option(help: ArgumentHelp("The regency, e.g. \"Kabupaten Lumajang\" (default: known from the code in Jawa Timur).",
                               valueName: "text"))
    var regencyName: String?

    func run() throws {
        let office = Office(kecamatanCode: kecamatanCode, kecamatanName: kecamatanName)
        let regency = try regencyName.flatMap { try OfficeSettingRules.normalise($0, for: .regencyName) }
        let database = try IkuDatabase.create(path: options.path, office: office, actor: options.actorName,
                                              clock: try Clock.fromEnvironment())
        if let regency { try OfficeSettingsStore(database).set([(.regencyName, regency)]) }
        print("created \(options.path) for Kecamatan \(kecamatanName) (\(kecamatanCode))")
        if regency == nil, RegencyNames.name(forCode: kecamatanCode) == nil {
            print("the regency of code \(kecamatanCode.prefix(5)) is not known to iku: record it for the letterhead with "
                  + "iku office set --regency-name \"Kabupaten ...\"")
        }
    }
}
