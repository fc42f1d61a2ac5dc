import CSQLite
import FoundationEssentials
import Glibc

/// An open iku database: a SQLite connection that has been identified as iku's, checked against
/// the migrations this binary carries, and given a clock and an actor for the changes it records.
public final class IkuDatabase {
    /// Marks a SQLite file as iku's (`PRAGMA application_id`, "IKU" + 0).
    public static let applicationID: Int32 = 0x494B_5500

    public let connection: Connection
    public let actor: String
    public let clock: Clock

    private init(connection: Connection, actor: String, clock: Clock) {
        self.connection = connection
        self.actor = actor
        self.clock = clock
    }

    /// Whether the caller needs the schema to be current.
    public enum SchemaRequirement: Sendable {
        /// Refuse when any migration is pending (every command but `migrate`).
        case current
        /// Accept pending migrations (for `iku migrate`).
        case anyKnown
    }

    /// Opens an existing iku database. Never creates or modifies a file that is not iku's.
    public static func open(
        path: String, actor: String, clock: Clock = .system,
        readOnly: Bool = false, schema: SchemaRequirement = .current
    ) throws -> IkuDatabase {
        // lstat, as FileManager.attributesOfItem did, without its dictionary of every attribute.
        var status = stat()
        guard lstat(path, &status) == 0 else { throw DatabaseStateError.missing(path: path) }
        if status.st_size == 0 { throw DatabaseStateError.empty(path: path) }
        let connection: Connection
        do {
            connection = try identified(Connection(path: path, mode: readOnly ? .readOnly : .readWrite), path: path)
        } catch let error as SQLiteError where error.code == SQLITE_READONLY || error.code == SQLITE_CANTOPEN {
            // A write-protected file (or folder) cannot hold WAL's shared-memory file. Readers can
            // still open it as immutable: nothing can change it while they read.
            guard readOnly else { throw DatabaseStateError.readOnlyFile(path: path) }
            do {
                connection = try identified(Connection(path: path, mode: .immutable), path: path)
            } catch let error as SQLiteError {
                throw DatabaseStateError.notSQLite(path: path, detail: error.message)
            }
        } catch let error as SQLiteError {
            throw DatabaseStateError.notSQLite(path: path, detail: error.message)
        }
        try Migrator().check(connection, requireCurrent: schema == .current)
        if !readOnly { try connection.enableWriteAheadLog() }
        return IkuDatabase(connection: connection, actor: actor, clock: clock)
    }

    /// Creates a new database file (mode 0600), applies every migration and records the office
    /// with its time zone (one change: the zone is an office setting written by the change that
    /// creates the office, so the audit chain seals both). Refuses when `path` exists. On failure the new file is removed.
    ///
    /// - Parameters:
    ///   - timeZone: the office's zone; nil takes the zone of its code's province (refused when
    ///     the province is not in `OfficeZone.provinces`).
    ///   - note: added in parentheses to the summary of the office-creation change, e.g.
    ///     to mark a database as generated sample data.
    public static func create(
        path: String, office: Office, actor: String, clock: Clock = .system, timeZone: OfficeZone? = nil,
        note: String? = nil
    ) throws -> IkuDatabase {
        try office.validate()
        let zone = try timeZone ?? office.provinceZone()
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw DatabaseStateError.alreadyExists(path: path) }
            throw StateError("cannot create \(MessageText.path(path)): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        do {
            let connection = try Connection(path: path, mode: .readWrite)
            try connection.execute("PRAGMA application_id = \(applicationID)")
            try connection.enableWriteAheadLog()
            let database = IkuDatabase(connection: connection, actor: actor, clock: clock)
            try Migrator().migrate(connection, appliedAt: Timestamp.format(clock.now()))
            try database.write {
                let changeID = try OfficeStore(database).record(office, note: note)
                try OfficeSettingsStore(database).recordTimeZone(zone, changeID: changeID)
            }
            return database
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
            throw error
        }
    }

    /// A database with iku's schema in memory, for computing over records copied from elsewhere
    /// (`OfficeReplica`): it is never written to a file and records no changes of its own.
    static func inMemory(clock: Clock) throws -> IkuDatabase {
        let connection = try Connection(path: ":memory:", mode: .create)
        try Migrator().migrate(connection, appliedAt: Timestamp.format(clock.now()))
        return IkuDatabase(connection: connection, actor: "replica", clock: clock)
    }

    /// `connection`, once its file carries iku's application id.
    private static func identified(_ connection: Connection, path: String) throws -> Connection {
        let applicationID = try connection.prepare("PRAGMA application_id").scalarInt64() ?? 0
        guard applicationID == Int64(Self.applicationID) else { throw DatabaseStateError.notIku(path: path) }
        return connection
    }

    /// Changes recorded in the write transaction now open, to be sealed into the audit chain.
    private var unsealedChangeIDs: [Int64]?
    /// Digests of rows written in the open transaction, supplied by their writer: per change, per
    /// table (an array: a first dictionary of a new type costs a conformance look-up).
    private var suppliedDigests: [AuditChain.SuppliedDigest] = []

    /// Runs `body` in one write transaction (BEGIN IMMEDIATE); nothing is kept if it throws.
    /// Before committing, every change the body recorded is sealed into the audit chain.
    public func write<T>(_ body: () throws -> T) throws -> T {
        precondition(unsealedChangeIDs == nil, "IkuDatabase.write does not nest")
        unsealedChangeIDs = []
        defer {
            unsealedChangeIDs = nil
            suppliedDigests = []
        }
        return try connection.write {
            let chain = AuditChain(connection)
            let watermarks = try chain.watermarks()
            let result = try body()
            try chain.seal(unsealedChangeIDs ?? [], after: watermarks, supplied: suppliedDigests)
            return result
        }
    }

    /// Hands the audit seal the digest of every row that change `changeID` wrote to `table`,
    /// computed by the writer from the values it bound, so sealing does not read those rows back.
    /// Call inside `write`, after the last such row. `iku audit verify` recomputes the digest from
    /// the stored rows, so one that does not match them fails verification.
    func supplyDigest(of table: String, rows: TableDigest, writtenBy changeID: Int64) {
        precondition(unsealedChangeIDs?.contains(changeID) == true, "supplyDigest needs a change of the open write")
        guard rows.rowCount > 0 else { return }
        suppliedDigests.removeAll { $0.changeID == changeID && $0.table == table }
        suppliedDigests.append(AuditChain.SuppliedDigest(changeID: changeID, table: table, digest: rows.hexDigest()))
    }

    /// Runs `body` in one read transaction, so all its queries see one snapshot.
    public func read<T>(_ body: () throws -> T) throws -> T {
        try connection.read(body)
    }

    /// Appends one entry to the change log and returns its id. Call inside `write`.
    ///
    /// Times never go backwards in the log: when the clock reads earlier than the last entry
    /// (a clock set back), the entry takes the last entry's time, so "as of" stays well defined.
    public func recordChange(kind: ChangeKind, action: ChangeAction, recordID: Int64?, summary: String) throws -> Int64 {
        precondition(unsealedChangeIDs != nil, "recordChange must run inside IkuDatabase.write")
        let now = Timestamp.format(clock.now())
        // max(now, the last entry's time), in the INSERT itself: one statement, not two (each a
        // prepare on every run). The timestamps are fixed-width ASCII, so SQLite's text order is
        // their time order.
        try connection.cached("""
            INSERT INTO changes (recorded_at, actor, kind, action, record_id, summary)
            VALUES (max(?1, coalesce((SELECT max(recorded_at) FROM changes), ?1)), ?2, ?3, ?4, ?5, ?6)
            """
        ).run([now, actor, kind.rawValue, action.rawValue, recordID, summary])
        let changeID = connection.lastInsertedRowID
        unsealedChangeIDs?.append(changeID)
        return changeID
    }
}

/// The kinds of record a change can touch, as stored in `changes.kind`.
public enum ChangeKind: String, Sendable, CaseIterable {
    case office, village, submission, deadline, facilitation
    case followUp = "follow_up"
    case survey, population, target, snapshot
}

/// What a change did, as stored in `changes.action`.
public enum ChangeAction: String, Sendable, CaseIterable {
    case create, correct, void, `import`, set
}
