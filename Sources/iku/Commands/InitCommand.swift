import ArgumentParser
import Storage

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new database for one kecamatan.",
        discussion: """
            Creates the file (readable by its owner only), applies every migration and
            records the office with its time zone, which decides every day iku reasons
            about: by default the zone of the code's province (WIB Asia/Jakarta, WITA
            Asia/Makassar, WIT Asia/Jayapura); --timezone gives another. Refuses to touch a
            file that already exists.

            Examples:
              iku init --kecamatan-code 35.08.01 --kecamatan-name Tempursari \\
                --db tempursari.sqlite
              iku init --kecamatan-code 51.71.01 --kecamatan-name Denpasar
            """
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("Kemendagri code of the kecamatan, PP.KK.CC.", valueName: "code"))
    var kecamatanCode: String

    @Option(help: ArgumentHelp("Name of the kecamatan.", valueName: "name"))
    var kecamatanName: String

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
        let database = try IkuDatabase.create(path: options.path, office: office, actor: options.actorName,
                                              clock: try Clock.fromEnvironment(), timeZone: zone)
        let recorded = try database.officeZone()
        print("created \(options.path) for Kecamatan \(kecamatanName) (\(kecamatanCode)), time zone \(recorded)")
    }
}
