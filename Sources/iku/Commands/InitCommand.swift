import ArgumentParser
import Storage

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new database for one kecamatan.",
        discussion: HelpText.reflowed("""
            Creates the file (readable by its owner only), applies every migration and
            records the office. Refuses to touch a file that already exists.

            Example:
              iku init --kecamatan-code 35.08.01 --kecamatan-name Tempursari \\
                --db tempursari.sqlite
            """)
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("Kemendagri code of the kecamatan, PP.KK.CC.", valueName: "code"))
    var kecamatanCode: String

    @Option(help: ArgumentHelp("Name of the kecamatan.", valueName: "name"))
    var kecamatanName: String

    func run() throws {
        let office = Office(kecamatanCode: kecamatanCode, kecamatanName: kecamatanName)
        _ = try IkuDatabase.create(path: options.path, office: office, actor: options.actorName,
                                   clock: try Clock.fromEnvironment())
        print("created \(options.path) for Kecamatan \(kecamatanName) (\(kecamatanCode))")
    }
}
