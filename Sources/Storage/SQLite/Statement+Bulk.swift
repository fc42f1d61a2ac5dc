import CSQLite

/// Allocation-free binding for bulk writes (CSV imports): values go straight from byte buffers to
/// SQLite, with no `DatabaseValue` or `String` in between.
extension Statement {
    /// Binds an integer at a 1-based parameter index.
    @inline(__always)
    func bindInteger(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds NULL at a 1-based parameter index.
    @inline(__always)
    func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds UTF-8 text that SQLite reads in place, without copying it: the bytes must stay as
    /// they are until the statement has run.
    @inline(__always)
    func bindTextInPlace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        let start = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
        try check(sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil))
    }

    /// Binds a compile-time constant string without copying it (it lives as long as the program).
    @inline(__always)
    func bindText(_ constant: StaticString, at index: Int32) throws {
        let start = UnsafeRawPointer(constant.utf8Start).assumingMemoryBound(to: CChar.self)
        try check(sqlite3_bind_text(handle, index, start, Int32(constant.utf8CodeUnitCount), nil))
    }

    /// Runs a statement that returns no rows with the values bound so far, then resets it.
    @inline(__always)
    func runBound() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    @inline(__always)
    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw SQLiteError(extendedCode: code, message: String(cString: sqlite3_errstr(code)), sql: sql)
        }
    }
}
