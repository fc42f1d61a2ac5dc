import CSQLite
import FoundationEssentials
import Glibc

extension Connection {
    /// Copies the whole database to a new file at `path` with SQLite's online backup API.
    ///
    /// The copy is one consistent snapshot: in WAL mode other connections keep writing while it
    /// runs. Refuses when `path` exists; the new file is readable by its owner only.
    public func backup(to path: String) throws {
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw StateError("\(MessageText.path(path)) already exists; a backup never overwrites a file") }
            throw StateError("cannot create \(MessageText.path(path)): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        do {
            let destination = try Connection(path: path, mode: .readWrite)
            guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
                throw SQLiteError(code: sqlite3_errcode(destination.handle), connection: destination.handle)
            }
            let stepCode = sqlite3_backup_step(backup, -1)
            let finishCode = sqlite3_backup_finish(backup)
            guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
                throw SQLiteError(code: stepCode == SQLITE_DONE ? finishCode : stepCode, connection: destination.handle)
            }
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
            throw error
        }
    }
}
