import CSQLite

/// The content digest of one change: "iku-content-v1", then for each table the change wrote rows
/// to, in name order, the table's name and the `TableDigest` of those rows.
///
/// Because each table is digested on its own, a writer that knows exactly which rows it wrote
/// (a bulk import) can supply its table's digest, and sealing reads back only the other tables.
struct ContentDigest {
    private var digest = CanonicalDigest()
    private var openTable: (name: String, digest: TableDigest)?
    private var finished: String?

    init() {
        digest.append(text: "iku-content-v1")
    }

    /// Adds the current row of `statement`, a `SELECT rowid, * FROM table`. Feed tables in name
    /// order and each table's rows in rowid order.
    mutating func add(currentRowOf statement: Statement, table: String) {
        if openTable?.name != table {
            closeTable()
            openTable = (table, TableDigest())
        }
        openTable?.digest.add(currentRowOf: statement)
    }

    /// Adds one row given as its values, `SELECT rowid, * FROM table`'s columns: the same digest
    /// as `add(currentRowOf:table:)` of the stored row. Feed tables in name order.
    mutating func add(row: [DatabaseValue], table: String) {
        if openTable?.name != table {
            closeTable()
            openTable = (table, TableDigest())
        }
        guard case .integer(let rowID) = row.first else { return }
        openTable?.digest.beginRow(rowID: rowID)
        for value in row.dropFirst() { openTable?.digest.append(value) }
    }

    /// Adds a table whose rows were digested elsewhere (`TableDigest.hexDigest()` of at least
    /// one row), in its place in name order.
    mutating func add(table: String, rowsDigest: String) {
        closeTable()
        digest.append(text: table)
        digest.append(text: rowsDigest)
    }

    mutating func hexDigest() -> String {
        if let finished { return finished }
        closeTable()
        let value = digest.hexDigest()
        finished = value
        return value
    }

    private mutating func closeTable() {
        guard let table = openTable else { return }
        openTable = nil
        digest.append(text: table.name)
        digest.append(text: table.digest.hexDigest())
    }
}

/// The digest of the rows one change wrote to one table, in rowid order: per row a row mark, the
/// rowid, then the values in column order, each typed, trailing NULLs left out (so a column added
/// later as NULL leaves old digests intact).
///
/// `add(currentRowOf:)` reads a row back from SQLite; a writer can instead feed the values it
/// binds with `beginRow(rowID:)` and the `append` methods, in the table's column order, and gets
/// the same digest when the stored row holds exactly those values.
struct TableDigest {
    private var digest = CanonicalDigest()
    /// NULLs seen since the last non-NULL value of the row: written only if a value follows.
    private var pendingNulls = 0
    private(set) var rowCount = 0

    /// Adds the current row of `statement`, a `SELECT rowid, * FROM table`.
    mutating func add(currentRowOf statement: Statement) {
        beginRow(rowID: statement.int64(at: 0))
        for column in 1..<statement.columnCount {
            if statement.columnType(at: column) == SQLITE_NULL {
                pendingNulls += 1
            } else {
                writePendingNulls()
                digest.appendColumn(of: statement, at: column)
            }
        }
    }

    /// Starts a row; its values follow in column order, the rowid alias column included.
    mutating func beginRow(rowID: Int64) {
        pendingNulls = 0
        rowCount += 1
        digest.appendRowStart()
        digest.append(integer: rowID)
    }

    mutating func appendNull() {
        pendingNulls += 1
    }

    /// Appends one value of the row, NULL or not.
    mutating func append(_ value: DatabaseValue) {
        guard value != .null else { return appendNull() }
        writePendingNulls()
        digest.append(value)
    }

    mutating func append(integer: Int64) {
        writePendingNulls()
        digest.append(integer: integer)
    }

    mutating func append(text bytes: UnsafeBufferPointer<UInt8>) {
        writePendingNulls()
        digest.append(textBytes: UnsafeRawBufferPointer(bytes))
    }

    mutating func append(text constant: StaticString) {
        writePendingNulls()
        digest.append(textBytes: UnsafeRawBufferPointer(start: constant.utf8Start, count: constant.utf8CodeUnitCount))
    }

    func hexDigest() -> String {
        digest.hexDigest()
    }

    private mutating func writePendingNulls() {
        while pendingNulls > 0 {
            digest.appendNull()
            pendingNulls -= 1
        }
    }
}
