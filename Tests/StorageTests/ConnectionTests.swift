import CSQLite
import Foundation
import Testing
@testable import Storage

@Suite("SQLite connection and statements")
struct ConnectionTests {
    let directory: TemporaryDirectory
    let connection: Connection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try Connection(path: directory.path("wrapper.sqlite"), mode: .create)
        try connection.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n ANY) STRICT")
    }

    /// SQLite's memory statistics are off in every process that opens a connection: they take
    /// a process-wide mutex on every allocation (`shim.h`).
    @Test func sqliteKeepsNoMemoryStatistics() throws {
        try connection.run("INSERT INTO t (s) VALUES (?)", [String(repeating: "x", count: 100_000)])
        #expect(try connection.prepare("SELECT length(s) FROM t").first { $0.int64(0) } == 100_000)
        #expect(sqlite3_memory_used() == 0)
        #expect(iku_sqlite3_disable_memory_statistics() == SQLITE_MISUSE, "set once, before SQLite initialised")
    }

    @Test func bindsAndReadsEveryType() throws {
        let blob = Data([0, 1, 2, 255])
        try connection.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                           [Int64.max, 2.5, "Tempursari ✓ ‏", blob, DatabaseValue.null])
        let row = try #require(try connection.prepare("SELECT i, r, s, b, n FROM t").first { row in
            (row.int64(0), row.double(1), row.string(2), row.data(3), row.isNull(4), row.value(4))
        })
        #expect(row.0 == Int64.max)
        #expect(row.1 == 2.5)
        #expect(row.2 == "Tempursari ✓ ‏")
        #expect(row.3 == blob)
        #expect(row.4)
        #expect(row.5 == .null)
    }

    @Test func readsValuesAsTheirStorageClass() throws {
        try connection.run("INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?)",
                           [7, 0.25, "x", Data([9])])
        let values = try connection.prepare("SELECT i, r, s, b, n FROM t").first { row in
            (0..<5).map { row.value($0) }
        }
        #expect(values == [.integer(7), .real(0.25), .text("x"), .blob(Data([9])), .null])
    }

    @Test func bindsNamedParametersAndOptionals() throws {
        let insert = try connection.prepare("INSERT INTO t (i, s) VALUES (:i, :s)")
        try insert.bind([":i": 3, ":s": Optional<String>.none])
        #expect(try insert.step() == false)
        let stored = try connection.prepare("SELECT i, s FROM t").first { ($0.optionalInt(0), $0.optionalString(1)) }
        #expect(stored?.0 == 3)
        #expect(stored?.1 == nil)
    }

    @Test func errorsCarryCodeMessageAndSQL() throws {
        let sql = "SELECT nope FROM t"
        let error = try #require(throws: SQLiteError.self) { try connection.prepare(sql) }
        #expect(error.code == SQLITE_ERROR)
        #expect(error.message.contains("no such column: nope"))
        #expect(error.sql == sql)

        try connection.execute("CREATE TABLE c (v INTEGER CHECK (v > 0)) STRICT")
        let check = try #require(throws: SQLiteError.self) { try connection.run("INSERT INTO c VALUES (?)", [-1]) }
        #expect(check.code == SQLITE_CONSTRAINT)
        #expect(check.extendedCode == 275) // SQLITE_CONSTRAINT_CHECK
        #expect(check.message.contains("CHECK constraint failed"))
    }

    @Test func wrongParameterCountIsAnError() throws {
        let error = try #require(throws: SQLiteError.self) { try connection.run("INSERT INTO t (i) VALUES (?)", [1, 2]) }
        #expect(error.code == SQLITE_RANGE)
    }

    @Test func transactionRollsBackWhenBodyThrows() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try connection.write {
                try connection.run("INSERT INTO t (i) VALUES (1)")
                throw Boom()
            }
        }
        #expect(!connection.isInTransaction)
        let count = try connection.prepare("SELECT count(*) FROM t").first { $0.int(0) }
        #expect(count == 0)

        try connection.write { try connection.run("INSERT INTO t (i) VALUES (1)") }
        #expect(try connection.prepare("SELECT count(*) FROM t").first { $0.int(0) } == 1)
    }

    @Test func writeTransactionTakesTheWriteLockUpFront() throws {
        let other = try Connection(path: connection.path)
        try connection.enableWriteAheadLog()
        try connection.write {
            // While this connection holds BEGIN IMMEDIATE, another writer cannot start.
            let busy = try #require(throws: SQLiteError.self) {
                try other.execute("PRAGMA busy_timeout = 0; BEGIN IMMEDIATE")
            }
            #expect(busy.code == SQLITE_BUSY)
        }
    }

    @Test func statementsAreFinalizedWhenReleased() throws {
        do {
            let statement = try connection.prepare("SELECT 1")
            #expect(try statement.step())
            #expect(sqlite3_next_stmt(connection.handle, nil) != nil)
        }
        #expect(sqlite3_next_stmt(connection.handle, nil) == nil)
        _ = try? connection.prepare("SELECT broken syntax (")
        #expect(sqlite3_next_stmt(connection.handle, nil) == nil)
    }

    @Test func cachedStatementIsReused() throws {
        let first = try connection.cached("SELECT count(*) FROM t")
        let second = try connection.cached("SELECT count(*) FROM t")
        #expect(first === second)
    }

    @Test func refusesMoreThanOneStatement() throws {
        #expect(throws: SQLiteError.self) { try connection.prepare("SELECT 1; SELECT 2") }
    }

    @Test func connectionSetsAuditPragmas() throws {
        try connection.enableWriteAheadLog()
        func pragma(_ name: String) throws -> String? {
            try connection.prepare("PRAGMA \(name)").first { $0.string(0) }
        }
        #expect(try pragma("journal_mode") == "wal")
        #expect(try pragma("synchronous") == "2")
        #expect(try pragma("foreign_keys") == "1")
        #expect(try Int(pragma("busy_timeout") ?? "0")! >= 5000)
    }
}
