import FoundationEssentials
import Glibc
import Storage

/// A demo database: Kecamatan Tempursari with sample records, made by `iku demo`.
///
/// **How a demo database is recognised.** Its first change (change 1, which creates the office)
/// is by the actor `iku-demo` and its summary is exactly
/// `office 35.08.01 Tempursari (iku demo: generated sample records, not real data)`. `iku init`
/// cannot write that summary (it writes `office CODE NAME`), so a database a clerk created is
/// never taken for a demo one, whatever its actor. Only such a file is ever replaced.
public enum DemoDatabase {
    /// The actor of every demo change.
    public static let actor = "iku-demo"
    public static let office = Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari")
    /// Its time zone (province 35, East Java): every demo day is a day in it.
    public static let zone = OfficeZone.wib
    /// The note in the office-creation change that marks a demo database.
    public static let note = "iku demo: generated sample records, not real data"
    /// Current years the demo can fill (its records run from two years before to one after).
    public static let years = 2002...2099

    /// While the demo is built in its temporary file, commits skip the sync to disk (the
    /// checkpoint when the file is closed still syncs): a power cut can only cost a file that is
    /// thrown away anyway, and a thousand synced commits take seconds on a busy disk.
    static let buildingDurability = "PRAGMA synchronous = NORMAL"

    /// What `create` did.
    public struct Outcome {
        /// The new demo database, open with the clock `create` was given.
        public let database: IkuDatabase
        public let summary: DemoSummary
        /// Whether an earlier demo database at the path was replaced.
        public let replacedEarlierDemo: Bool
    }

    /// Whether the database's first change is the demo's office creation.
    public static func isDemo(_ database: IkuDatabase) throws -> Bool {
        var first: ChangeEntry?
        try ChangeLog(database.connection).forEachEntry(matching: ChangeFilter(kind: .office)) { entry in
            if first == nil { first = entry }
        }
        guard let first else { return false }
        return first.id == 1 && first.action == ChangeAction.create.rawValue && first.actor == actor
            && first.summary == OfficeStore.creationSummary(office, note: note)
    }

    /// Creates the demo database at `path` with the records up to the day `clock` reads (a
    /// local day in `zone`).
    ///
    /// A file at `path` is replaced only when it is a demo database; anything else is refused,
    /// untouched. The database is built in a temporary file next to `path` and moved into place
    /// when complete, so a failure leaves `path` as it was.
    public static func create(path: String, clock: Clock,
                              progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> Outcome {
        let now = clock.now()
        let today = zone.day(of: now)
        guard years.contains(today.year) else {
            throw InputError(field: "IKU_NOW", value: Timestamp.format(now),
                             allowed: "a time in the years \(years.lowerBound) to \(years.upperBound) for the demo's records")
        }
        let replacing = try refuseUnlessReplaceable(path)
        let building = path + ".demo-\(getpid()).tmp"
        let summary: DemoSummary
        do {
            let entryClock = EntryClock(start: DemoPlan(today: today, seed: DemoData.seed).firstDay, zone: zone, limit: now)
            let database = try IkuDatabase.create(path: building, office: office, actor: actor,
                                                  clock: entryClock.clock, timeZone: zone, note: note)
            try database.connection.execute(Self.buildingDurability)
            summary = try DemoData.populate(database: database, today: today, clock: entryClock, progress: progress)
        } catch {
            removeDatabaseFiles(building)
            throw error
        }
        // The building database is closed here (it went out of scope above), so its write-ahead
        // log is checkpointed into the file before it moves. A new path is linked, which never
        // replaces a file that appeared meanwhile; an earlier demo is replaced in one rename.
        if replacing { removeSidecarFiles(path) }
        guard (replacing ? rename(building, path) : link(building, path)) == 0 else {
            let reason = String(cString: strerror(errno))
            removeDatabaseFiles(building)
            throw StateError("cannot move the demo database into place at \(MessageText.path(path)): \(reason)")
        }
        removeDatabaseFiles(building)
        let database = try IkuDatabase.open(path: path, actor: actor, clock: clock)
        return Outcome(database: database, summary: summary, replacedEarlierDemo: replacing)
    }

    /// Whether `path` holds a demo database to replace (false: nothing there); throws when
    /// something else is there.
    private static func refuseUnlessReplaceable(_ path: String) throws -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT else { throw StateError("cannot use \(MessageText.path(path)): \(String(cString: strerror(errno)))") }
            // SQLite would read a stray write-ahead log into the new database.
            if let stray = sidecarSuffixes.map({ path + $0 }).first(where: { access($0, F_OK) == 0 }) {
                throw StateError("refusing to create \(MessageText.path(path)): \(MessageText.path(stray)) exists without its database; move it away first")
            }
            return false
        }
        let refusal = "refusing to replace \(MessageText.path(path)): it is not a demo database made by `iku demo`, "
            + "and iku demo only replaces its own; give another file with --db PATH"
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw StateError(refusal) }
        let existing: IkuDatabase
        do {
            existing = try IkuDatabase.open(path: path, actor: actor, readOnly: true, schema: .anyKnown)
        } catch is DatabaseStateError {
            throw StateError(refusal)
        }
        guard try isDemo(existing) else { throw StateError(refusal) }
        return true
    }

    private static let sidecarSuffixes = ["-wal", "-shm", "-journal"]

    private static func removeSidecarFiles(_ path: String) {
        for suffix in sidecarSuffixes { unlink(path + suffix) }
    }

    private static func removeDatabaseFiles(_ path: String) {
        unlink(path)
        removeSidecarFiles(path)
    }
}
