/// The database file cannot be used as it is; `iku` refuses to touch it.
public enum DatabaseStateError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case alreadyExists(path: String)
    case notSQLite(path: String, detail: String)
    case notIku(path: String)
    case empty(path: String)
    case readOnlyFile(path: String)
    case newerDatabase(unknownMigrations: [String])
    case migrationChanged(name: String)
    case pendingMigrations([String])
    case noOffice(path: String)

    public var description: String {
        switch self.quotingPaths {
        case .missing(let path):
            return "no iku database at \(path); create one with `iku init --kecamatan-code CODE --kecamatan-name NAME`, or pass --db PATH"
        case .alreadyExists(let path):
            return "\(path) already exists; `iku init` only creates a new database and never overwrites a file"
        case .notSQLite(let path, let detail):
            return "\(path) is not a readable SQLite database (\(detail)); iku has not modified it"
        case .notIku(let path):
            return "\(path) is a SQLite database but not an iku database; iku has not modified it"
        case .empty(let path):
            return "\(path) is an empty file, not an iku database; iku has not modified it"
        case .readOnlyFile(let path):
            return "\(path) is read-only here (the file or its folder is write-protected); iku can read it but not change it"
        case .newerDatabase(let names):
            return "the database was migrated by a newer iku (unknown migrations: \(names.joined(separator: ", "))); upgrade iku before using it"
        case .migrationChanged(let name):
            return "migration \(name) differs from the one applied to this database; refusing to touch it"
        case .pendingMigrations(let names):
            return "the database needs migrations \(names.joined(separator: ", ")); back it up, then run `iku migrate`"
        case .noOffice(let path):
            return "\(path) has no office recorded; it was not created by `iku init`"
        }
    }

    /// The same error with its file name quoted and escaped for a message (`MessageText.path`).
    private var quotingPaths: DatabaseStateError {
        switch self {
        case .missing(let path): return .missing(path: MessageText.path(path))
        case .alreadyExists(let path): return .alreadyExists(path: MessageText.path(path))
        case .notSQLite(let path, let detail): return .notSQLite(path: MessageText.path(path), detail: MessageText.oneLine(detail))
        case .notIku(let path): return .notIku(path: MessageText.path(path))
        case .empty(let path): return .empty(path: MessageText.path(path))
        case .readOnlyFile(let path): return .readOnlyFile(path: MessageText.path(path))
        case .noOffice(let path): return .noOffice(path: MessageText.path(path))
        case .newerDatabase, .migrationChanged, .pendingMigrations: return self
        }
    }
}
