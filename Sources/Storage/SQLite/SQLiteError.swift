import CSQLite
import FoundationEssentials

/// An error reported by SQLite, with its codes, its message and the SQL that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (e.g. `SQLITE_CONSTRAINT_CHECK`, 275).
    public let extendedCode: Int32
    /// SQLite's message, from `sqlite3_errmsg` or `sqlite3_errstr`.
    public let message: String
    /// The SQL being prepared or run, when there was one.
    public let sql: String?

    /// The primary result code (e.g. `SQLITE_CONSTRAINT`, 19).
    public var code: Int32 { extendedCode & 0xFF }

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The error now pending on `connection`, or the generic text of `code` when there is none.
    init(code: Int32, connection: OpaquePointer?, sql: String? = nil) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        self.init(extendedCode: extended == SQLITE_OK ? code : extended, message: message, sql: sql)
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (in: \(sql.trimmingWhitespaceAndNewlines().prefix(200)))" }
        return text
    }
}
