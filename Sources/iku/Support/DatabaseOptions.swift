import ArgumentParser
import FoundationEssentials
import Glibc
import Storage

/// `--db`: which database file.
struct DatabaseLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $IKU_DB, else ./iku.sqlite).", valueName: "path"))
    var db: String?

    var path: String { Self.path(db) }

    /// The file `--db` names, else `$IKU_DB`, else ./iku.sqlite.
    static func path(_ db: String?) -> String {
        if let db { return db }
        if let fromEnvironment = ProcessEnvironment.value("IKU_DB"), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "iku.sqlite"
    }

    /// Opens the database for a command that only reads and records nothing.
    func openForReading(schema: IkuDatabase.SchemaRequirement = .current) throws -> IkuDatabase {
        try IkuDatabase.open(path: path, actor: "reader", clock: try Clock.fromEnvironment(), readOnly: true, schema: schema)
    }
}

/// `--db` and `--actor`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @OptionGroup var location: DatabaseLocation

    @Option(name: .long, help: ArgumentHelp("Who makes the change (default: $IKU_ACTOR, else your login name).", valueName: "name"))
    var actor: String?

    /// The same two values as plain ones: their defaults, their check and the opening live there.
    var choice: DatabaseChoice { DatabaseChoice(db: location.db, actor: actor) }

    var path: String { choice.path }

    var actorName: String { choice.actorName }

    func validate() throws {
        try choice.validate()
    }

    /// Opens the database for a command.
    func open(readOnly: Bool = false, schema: IkuDatabase.SchemaRequirement = .current) throws -> IkuDatabase {
        try choice.open(readOnly: readOnly, schema: schema)
    }
}

/// `--db` and `--actor` as plain values (nil: not given), without ArgumentParser's property
/// wrappers: what `DatabaseOptions` holds, and what `PlainCommandLine` fills for a plain
/// `survey add` line. The one place their defaults, their check and the opening are.
struct DatabaseChoice {
    var db: String?
    var actor: String?

    var path: String { DatabaseLocation.path(db) }

    var actorName: String {
        if let actor { return actor }
        if let fromEnvironment = ProcessEnvironment.value("IKU_ACTOR"), !fromEnvironment.isEmpty { return fromEnvironment }
        if let login = getlogin().map({ String(cString: $0) }), !login.isEmpty { return login }
        return ProcessEnvironment.value("USER") ?? ProcessEnvironment.value("LOGNAME") ?? "unknown"
    }

    func validate() throws {
        if let actor, actor.trimmingWhitespace().isEmpty || actor.count > 100 {
            throw ValidationError("--actor must be a name of 1 to 100 characters")
        }
    }

    /// Opens the database for a command.
    func open(readOnly: Bool = false, schema: IkuDatabase.SchemaRequirement = .current) throws -> IkuDatabase {
        try IkuDatabase.open(path: path, actor: actorName, clock: try Clock.fromEnvironment(),
                             readOnly: readOnly, schema: schema)
    }
}
