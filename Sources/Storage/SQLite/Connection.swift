import CSQLite
import FoundationEssentials

/// One open SQLite database connection. Not thread-safe: use it from one thread at a time.
public final class Connection {
    /// How to open the file.
    public enum OpenMode: Sendable {
        /// Read and write an existing file.
        case readWrite
        /// Read and write, creating the file when it does not exist.
        case create
        /// Read only; writes fail with `SQLITE_READONLY`.
        case readOnly
        /// Read only, without locks or WAL shared memory, for a file on write-protected media
        /// that nothing can change while it is open.
        case immutable

        var flags: Int32 {
            let common = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
            switch self {
            case .readWrite: return common | SQLITE_OPEN_READWRITE
            case .create: return common | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            case .readOnly: return common | SQLITE_OPEN_READONLY
            case .immutable: return common | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            }
        }

        /// The name to give `sqlite3_open_v2` for `path`.
        func fileName(for path: String) -> String {
            guard self == .immutable else { return path }
            let escaped = path.replacingEvery("%", with: "%25")
                .replacingEvery("?", with: "%3f").replacingEvery("#", with: "%23")
            return "file:\(escaped)?immutable=1"
        }
    }

    /// How long a connection waits for another writer before failing with `SQLITE_BUSY`.
    public static let busyTimeoutMilliseconds: Int32 = 15_000

    /// The page cache of each connection (negative: KiB), large enough that the indicator
    /// queries' index probes over a year of a million-response database are read only once.
    public static let cacheSizeKibibytes = -65_536

    let handle: OpaquePointer
    /// The path the connection was opened with.
    public let path: String
    /// Statements kept by `cached`, by their SQL. An array, not a dictionary: a connection keeps
    /// a few dozen at most, and the first `Dictionary<String, Statement>` of a run cost a protocol
    /// conformance look-up of 0.4 million instructions, a thirtieth of one `survey add`.
    private var statementCache: [(sql: String, statement: Statement)] = []

    /// SQLite's process-wide settings, made once before the first connection opens (SQLite
    /// refuses them once initialised): its memory statistics off (`shim.h` says why).
    private static let processSettings: Void = {
        _ = iku_sqlite3_disable_memory_statistics()
    }()

    /// Opens `path` and sets the per-connection pragmas: foreign keys on, `synchronous=FULL`,
    /// a 64 MiB page cache and the busy timeout. None of these writes to the file.
    public init(path: String, mode: OpenMode = .readWrite) throws {
        Self.processSettings
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(mode.fileName(for: path), &handle, mode.flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(code: code, connection: handle)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA cache_size = \(Self.cacheSizeKibibytes)")
        // Statement journals (kept so one multi-row INSERT can be undone alone) stay in memory
        // instead of a temporary file written page by page.
        try execute("PRAGMA temp_store = MEMORY")
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Switches the database file to write-ahead logging. This writes to the file.
    public func enableWriteAheadLog() throws {
        let mode = try prepare("PRAGMA journal_mode = WAL").first { $0.string(0) }
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(extendedCode: SQLITE_ERROR, message: "cannot switch to WAL (journal mode is \(mode ?? "unknown"))")
        }
    }

    /// Prepares a new statement that the caller owns.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// A prepared statement kept for the life of the connection, for SQL run often.
    public func cached(_ sql: String) throws -> Statement {
        if let kept = statementCache.first(where: { $0.sql == sql }) { return kept.statement }
        let statement = try prepare(sql)
        statementCache.append((sql, statement))
        return statement
    }

    /// Runs one or more SQL statements with no parameters and no result rows (e.g. a migration).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs one statement with positional parameters.
    public func run(_ sql: String, _ values: [DatabaseValueConvertible] = []) throws {
        try cached(sql).run(values)
    }

    /// Whether table `table` of the main database has a column named `column`, from the schema
    /// SQLite has parsed (`sqlite3_table_column_metadata`, no statement prepared).
    public func hasColumn(_ column: String, in table: String) -> Bool {
        sqlite3_table_column_metadata(handle, "main", table, column, nil, nil, nil, nil, nil) == SQLITE_OK
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`, so the write lock is taken up front
    /// and waits on the busy timeout). Commits when `body` returns, rolls back when it throws.
    public func write<T>(_ body: () throws -> T) throws -> T {
        try transaction("BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a read transaction, so every query in it sees one consistent snapshot;
    /// inside a transaction already open, `body` runs in that one, which gives the same.
    public func read<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try body() }
        return try transaction("BEGIN DEFERRED", body)
    }

    /// Runs `body` in a write transaction that is always rolled back: what it wrote is seen only
    /// inside it (a scratch database reused for one computation after another).
    public func discarding<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        defer { try? execute("ROLLBACK") }
        return try body()
    }

    private func transaction<T>(_ begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin)
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return result
    }
}
