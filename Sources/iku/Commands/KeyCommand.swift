import ArgumentParser
import FoundationEssentials
import Glibc
import Storage

/// `--key`: which office key file.
struct KeyLocation: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The office key file (default: $IKU_KEY, else ~/.config/iku/KECAMATAN-CODE.key).", valueName: "path"))
    var key: String?

    func path(for database: IkuDatabase) throws -> String {
        if let key { return key }
        guard let office = try OfficeStore(database).office() else {
            throw StateError("this database has no office: it was not created by iku init")
        }
        return OfficeKey.defaultPath(kecamatanCode: office.kecamatanCode)
    }
}

/// `iku key ...`: the office's signing key for export bundles.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Create and show the office's Ed25519 key that signs its export bundles.",
        discussion: HelpText.reflowed("""
            The key lives in a file outside the database (mode 0600); the regency registers
            its public key and accepts only bundles signed with it.

            Examples:
              iku key init
              iku key show
            """),
        subcommands: [Init.self, Show.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the office key in a new file; never replaces one. An audited change.",
            discussion: HelpText.reflowed("""
                The public key is recorded in the change log (iku audit log --kind office).

                Examples:
                  iku key init
                  iku key init --key /media/usb/tempursari.key
                """))

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var location: KeyLocation

        func run() throws {
            let database = try options.open()
            let path = try location.path(for: database)
            let key = try OfficeKey.create(at: path)
            let change: Int64
            do {
                change = try OfficeKeyLog(database).record(key.publicKeyText)
            } catch {
                unlink(path)
                throw error
            }
            print("created the office key \(path) (change #\(change)); give the regency its public key:")
            print(key.publicKeyText)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the key file's place and, alone on the last line, its public key.",
            discussion: HelpText.reflowed("""
                Example:
                  iku key show
                """))

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var location: KeyLocation

        func run() throws {
            let database = try options.open(readOnly: true)
            let path = try location.path(for: database)
            let key = try OfficeKey.load(from: path)
            let recorded = try OfficeKeyLog(database).change(recording: key.publicKeyText)
            print("key: \(path)")
            print("recorded: " + (recorded.map { "change #\($0)" } ?? "no: this database never recorded this key"))
            print(key.publicKeyText)
        }
    }
}
