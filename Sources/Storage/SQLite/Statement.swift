import CSQLite
import FoundationEssentials

/// SQLite's "copy this buffer now" destructor, so Swift strings and data may be freed after binding.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. It owns its handle and finalizes it when it goes away.
public final class Statement {
    /// The SQL text this statement was prepared from.
    public let sql: String
    let handle: OpaquePointer
    private unowned let connection: Connection

    init(connection: Connection, sql: String) throws {
        var handle: OpaquePointer?
        var leftover = ""
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection.handle, text, -1, 0, &handle, &tail)
            leftover = tail.map { String(cString: $0) } ?? ""
            return code
        }
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw SQLiteError(code: code, connection: connection.handle, sql: sql)
        }
        guard leftover.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            sqlite3_finalize(handle)
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "a Statement holds exactly one SQL statement", sql: sql)
        }
        self.sql = sql
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Number of `?`/`:name` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Whether the SQL has a parameter called `name` (e.g. `:as_of`).
    public func hasParameter(_ name: String) -> Bool {
        sqlite3_bind_parameter_index(handle, name) > 0
    }

    /// Number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of result column `index`.
    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    /// Resets the statement and binds `values` to its parameters, in order.
    @discardableResult
    public func bind(_ values: [DatabaseValueConvertible]) throws -> Statement {
        reset()
        guard values.count == parameterCount else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE,
                message: "statement takes \(parameterCount) parameters, \(values.count) given", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value.databaseValue, at: offset + 1)
        }
        return self
    }

    /// Resets the statement and binds named parameters (`:name`, `@name` or `$name`); every
    /// parameter must be given, so no value is left over from an earlier run.
    @discardableResult
    public func bind(_ values: [String: DatabaseValueConvertible]) throws -> Statement {
        try bindNamed(values, count: values.count)
    }

    /// `bind(_:)` of named parameters given as pairs (a literal `[":name": value]` read as
    /// `KeyValuePairs`): on paths run once per process, where the first dictionary of a run
    /// costs a protocol-conformance look-up of 0.4 million instructions.
    @discardableResult
    public func bind(pairs values: KeyValuePairs<String, DatabaseValueConvertible>) throws -> Statement {
        try bindNamed(values, count: values.count)
    }

    private func bindNamed<S: Sequence>(_ values: S, count: Int) throws -> Statement
    where S.Element == (key: String, value: DatabaseValueConvertible) {
        reset()
        sqlite3_clear_bindings(handle)
        guard count == parameterCount else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE,
                message: "statement takes \(parameterCount) parameters, \(count) given", sql: sql)
        }
        for (name, value) in values {
            let index = Int(sqlite3_bind_parameter_index(handle, name))
            guard index > 0 else {
                throw SQLiteError(extendedCode: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql)
            }
            try bind(value.databaseValue, at: index)
        }
        return self
    }

    /// Binds one value at a 1-based parameter index.
    public func bind(_ value: DatabaseValue, at index: Int) throws {
        let position = Int32(index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, position, real)
        case .text(let text):
            code = sqlite3_bind_text(handle, position, text, -1, SQLITE_TRANSIENT)
        case .blob(let data):
            code = data.withUnsafeBytes { bytes in
                sqlite3_bind_blob64(handle, position, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                    sqlite3_uint64(bytes.count), SQLITE_TRANSIENT)
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection.handle, sql: sql) }
    }

    /// Advances to the next row. Returns `false` when the statement is done.
    /// This is the one place that turns a step's result code into an error.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(code: code, connection: connection.handle, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement to completion, ignoring any rows.
    public func run(_ values: [DatabaseValueConvertible] = []) throws {
        try bind(values)
        while try step() {}
        reset()
    }

    /// Rewinds the statement so it can run again; bindings are kept until the next `bind`.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Runs the statement and calls `body` once per row.
    public func forEachRow(_ values: [DatabaseValueConvertible] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { reset() }
        let row = Row(statement: self)
        while try step() { try body(row) }
    }

    /// Runs the statement and maps every row.
    public func map<T>(_ values: [DatabaseValueConvertible] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { result.append(try transform($0)) }
        return result
    }

    /// Runs the statement and maps its first row, if any.
    public func first<T>(_ values: [DatabaseValueConvertible] = [], _ transform: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { reset() }
        return try step() ? transform(Row(statement: self)) : nil
    }

    /// The first column of the first row as an integer; nil when there is no row or it is NULL.
    public func scalarInt64(_ values: [DatabaseValueConvertible] = []) throws -> Int64? {
        try first(values) { $0.optionalInt64(0) } ?? nil
    }

    /// Runs the statement with named parameters (`[":name": value]`) and calls `body` once per row.
    public func forEachRow(named values: [String: DatabaseValueConvertible], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { reset() }
        let row = Row(statement: self)
        while try step() { try body(row) }
    }

    /// Runs the statement with named parameters and maps every row.
    public func map<T>(named values: [String: DatabaseValueConvertible], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(named: values) { result.append(try transform($0)) }
        return result
    }

    /// `map(named:)` with the parameters as pairs (`bind(pairs:)`).
    public func map<T>(pairs values: KeyValuePairs<String, DatabaseValueConvertible>,
                       _ transform: (Row) throws -> T) throws -> [T] {
        try bind(pairs: values)
        defer { reset() }
        var result: [T] = []
        let row = Row(statement: self)
        while try step() { result.append(try transform(row)) }
        return result
    }

    /// Runs the statement with named parameters and maps its first row, if any.
    public func first<T>(named values: [String: DatabaseValueConvertible], _ transform: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { reset() }
        return try step() ? transform(Row(statement: self)) : nil
    }

    // MARK: Column access for the current row

    func columnType(at index: Int) -> Int32 { sqlite3_column_type(handle, Int32(index)) }

    /// Calls `body` with the bytes of a TEXT or BLOB column, without copying them.
    func withColumnBytes<T>(at index: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let bytes = sqlite3_column_blob(handle, Int32(index))
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return body(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    func isNull(at index: Int) -> Bool { sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL }

    func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    func string(at index: Int) -> String {
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func data(at index: Int) -> Data {
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        guard count > 0, let bytes = sqlite3_column_blob(handle, Int32(index)) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    func value(at index: Int) -> DatabaseValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return .text(string(at: index))
        case SQLITE_BLOB: return .blob(data(at: index))
        default: return .null
        }
    }
}

/// The current row of a running statement. Valid only inside the closure it is passed to.
public struct Row {
    let statement: Statement

    public var count: Int { statement.columnCount }
    public func columnName(_ index: Int) -> String { statement.columnName(index) }
    public func isNull(_ index: Int) -> Bool { statement.isNull(at: index) }
    public func int64(_ index: Int) -> Int64 { statement.int64(at: index) }
    public func int(_ index: Int) -> Int { Int(statement.int64(at: index)) }
    public func double(_ index: Int) -> Double { statement.double(at: index) }
    public func string(_ index: Int) -> String { statement.string(at: index) }
    public func data(_ index: Int) -> Data { statement.data(at: index) }
    public func value(_ index: Int) -> DatabaseValue { statement.value(at: index) }
    public func optionalInt64(_ index: Int) -> Int64? { isNull(index) ? nil : int64(index) }
    public func optionalInt(_ index: Int) -> Int? { isNull(index) ? nil : int(index) }
    public func optionalDouble(_ index: Int) -> Double? { isNull(index) ? nil : double(index) }
    public func optionalString(_ index: Int) -> String? { isNull(index) ? nil : string(index) }

}
