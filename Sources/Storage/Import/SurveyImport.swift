/// The fields of one survey row in `SurveyRowImporter.columns` order: a CSV row of iku's own
/// columns, or a form row mapped onto them.
protocol SurveyFieldSource {
    subscript(column: Int) -> Bytes { get }
}

extension CSVRow: SurveyFieldSource {}

/// Validates survey-response rows straight from the CSV reader's bytes, with the same
/// `FieldRules`/`SurveyRules` as `iku survey add`, and writes them in batches.
///
/// Ids and row ids are assigned up front under the write lock (max + 1). Valid rows are copied
/// into one reused byte buffer and written `batchSize` at a time with one multi-row INSERT for the
/// versions and one for the identities (SQLite runs a statement's per-statement work once per
/// batch), and no `String` is made per field. Every version row binds each column of the table in
/// schema order, and the same values feed the `TableDigest` the audit seal uses, so the million
/// rows of a large file are not read back to be digested.
struct SurveyRowImporter: CSVRowImporter {
    static let kind = ImportKind.survey
    static let columns: [CSVColumn] =
        ["date", "service", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"].map { CSVColumn(name: $0, required: true) }
        + ["gender", "age", "education", "occupation", "suggestion"].map { CSVColumn(name: $0, required: false) }

    private static let date = 0, service = 1, firstScore = 2
    private static let gender = 11, age = 12, education = 13, occupation = 14, suggestion = 15
    private static let scoreFields = (1...SurveyResponse.elementCount).map { "u\($0)" }

    static let versionsTable = "survey_response_versions"
    /// Every column of `survey_response_versions` in schema order, as `bind` writes a row. Should
    /// a migration change the table without `bind` following, the digest is not supplied and the
    /// seal reads the rows back (a column gone fails the INSERT); a test holds this list to the
    /// schema.
    static let versionColumns = ["row_id", "response_id", "version", "change_id", "voided", "void_reason",
                                 "survey_date", "service", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
                                 "gender", "age", "education", "occupation", "suggestion"]

    /// Rows per INSERT statement.
    static let batchSize = 128
    /// Parameters per row of `insertVersions`.
    static let parametersPerRow = Int32(versionColumns.count)

    static let selectNextID = "SELECT coalesce(max(id), 0) + 1 FROM survey_responses"
    static let selectNextRowID = "SELECT coalesce(max(row_id), 0) + 1 FROM survey_response_versions"
    static let selectVersionColumns = "SELECT name FROM pragma_table_info('survey_response_versions') ORDER BY cid"
    // Both INSERTs are OR ROLLBACK: a constraint failure ends the whole import, as any error does,
    // and with the table's foreign keys deferred to the commit no row can fail halfway through a
    // statement, so SQLite keeps no statement journal for them.
    static let insertIdentities = """
        WITH RECURSIVE new(id) AS (SELECT ?1 UNION ALL SELECT id + 1 FROM new WHERE id < ?2)
        INSERT OR ROLLBACK INTO survey_responses (id) SELECT id FROM new
        """
    static let insertVersionsHead = "INSERT OR ROLLBACK INTO survey_response_versions (\(versionColumns.joined(separator: ", "))) VALUES\n"
    static let versionRow = "(" + Array(repeating: "?", count: versionColumns.count).joined(separator: ", ") + ")"

    /// The INSERT of `rows` version rows.
    static func insertVersions(rows: Int) -> String {
        insertVersionsHead + Array(repeating: versionRow, count: rows).joined(separator: ",\n")
    }

    /// One validated row waiting in the batch; its text lives in `bytes`.
    private struct PendingRow {
        var date: Range<Int>
        var service: Range<Int>
        /// U1..U9, 4 bits each, 0 for unanswered.
        var scores: UInt64
        var gender: Gender?
        var age: Int?
        var education: Education?
        var occupation: Occupation?
        var suggestion: Range<Int>?
    }

    let connection: Connection
    /// No survey date may lie after this limit's today (the office's zone, read once per import).
    let limit: EventDateLimit
    private var changeID: Int64 = 0
    private var firstID: Int64 = 1
    private var nextID: Int64 = 1
    private var nextRowID: Int64 = 1
    private var identities: Statement?
    private var fullBatch: Statement?
    private var pending: [PendingRow] = []
    private var bytes: [UInt8] = []
    /// The digest of the version rows written, or nil when the table's columns are not `versionColumns`.
    private var versionsDigest: TableDigest?

    init(connection: Connection, limit: EventDateLimit) {
        self.connection = connection
        self.limit = limit
    }

    var ids: ClosedRange<Int64>? { nextID > firstID ? firstID...(nextID - 1) : nil }

    var rowDigests: [(table: String, rows: TableDigest)] {
        versionsDigest.map { [(Self.versionsTable, $0)] } ?? []
    }

    mutating func begin(changeID: Int64?) throws {
        firstID = try connection.prepare(Self.selectNextID).first { $0.int64(0) } ?? 1
        nextID = firstID
        guard let changeID else { return }
        self.changeID = changeID
        nextRowID = try connection.prepare(Self.selectNextRowID).first { $0.int64(0) } ?? 1
        let tableColumns = try connection.prepare(Self.selectVersionColumns).map { $0.string(0) }
        versionsDigest = tableColumns == Self.versionColumns ? TableDigest() : nil
        identities = try connection.cached(Self.insertIdentities)
        // Owned, not cached on the connection: its text bindings point into `bytes`.
        fullBatch = try connection.prepare(Self.insertVersions(rows: Self.batchSize))
        pending.reserveCapacity(Self.batchSize)
        bytes.reserveCapacity(Self.batchSize * 256)
    }

    mutating func importRow<Row: SurveyFieldSource>(_ row: Row, write: Bool) throws {
        let date = FieldRules.trimmed(row[Self.date])
        try limit.check(try FieldRules.date(date, field: "date"), field: "date")
        let service = try FieldRules.requiredText(row[Self.service], field: "service", maxLength: SurveyRules.serviceLength)
        var scores: UInt64 = 0
        for index in 0..<SurveyResponse.elementCount {
            if let score = try SurveyRules.score(row[Self.firstScore + index], field: Self.scoreFields[index]) {
                scores |= UInt64(score) << (4 * index)
            }
        }
        let gender = try FieldRules.member(row[Self.gender], of: Gender.self, field: "gender")
        let age = try SurveyRules.age(row[Self.age])
        let education = try FieldRules.member(row[Self.education], of: Education.self, field: "education")
        let occupation = try FieldRules.member(row[Self.occupation], of: Occupation.self, field: "occupation")
        let suggestion = try FieldRules.text(row[Self.suggestion], field: "suggestion", maxLength: SurveyRules.suggestionLength)
        guard write, fullBatch != nil else { return }

        pending.append(PendingRow(date: keep(date), service: keep(service), scores: scores, gender: gender, age: age,
                                  education: education, occupation: occupation, suggestion: suggestion.map { keep($0) }))
        if pending.count == Self.batchSize { try flush() }
    }

    mutating func finish() throws {
        if !pending.isEmpty { try flush() }
    }

    private mutating func keep(_ text: Bytes) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return start..<bytes.count
    }

    /// Writes the pending rows: their identities, then their versions.
    private mutating func flush() throws {
        guard let identities, let fullBatch else { return }
        let count = pending.count
        let lastID = nextID + Int64(count) - 1
        try identities.bindInteger(nextID, at: 1)
        try identities.bindInteger(lastID, at: 2)
        try identities.runBound()
        let statement = count == Self.batchSize ? fullBatch : try connection.prepare(Self.insertVersions(rows: count))
        try bytes.withUnsafeBufferPointer { buffer in
            for (offset, row) in pending.enumerated() {
                try bind(row, rowID: nextRowID + Int64(offset), id: nextID + Int64(offset), buffer: buffer,
                         to: statement, base: Int32(offset) * Self.parametersPerRow, digest: &versionsDigest)
            }
            // The text is bound in place: run while `buffer` holds it.
            try statement.runBound()
        }
        nextID = lastID + 1
        nextRowID += Int64(count)
        pending.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Binds every column of one version row, in `versionColumns` order, and feeds the same
    /// values to `digest`.
    private func bind(_ row: PendingRow, rowID: Int64, id: Int64, buffer: Bytes, to statement: Statement, base: Int32,
                      digest: inout TableDigest?) throws {
        var parameter = base
        func integer(_ value: Int64) throws {
            parameter += 1
            try statement.bindInteger(value, at: parameter)
            digest?.append(integer: value)
        }
        func null() throws {
            parameter += 1
            try statement.bindNull(at: parameter)
            digest?.appendNull()
        }
        func text(_ range: Range<Int>?) throws {
            guard let range else { return try null() }
            parameter += 1
            let bytes = Bytes(rebasing: buffer[range])
            try statement.bindTextInPlace(bytes, at: parameter)
            digest?.append(text: bytes)
        }
        func text(_ constant: StaticString?) throws {
            guard let constant else { return try null() }
            parameter += 1
            try statement.bindText(constant, at: parameter)
            digest?.append(text: constant)
        }
        func integer(_ value: Int?) throws {
            guard let value else { return try null() }
            try integer(Int64(value))
        }

        digest?.beginRow(rowID: rowID)
        try integer(rowID)                      // row_id
        try integer(id)                         // response_id
        try integer(1)                          // version
        try integer(changeID)                   // change_id
        try integer(0)                          // voided
        try null()                              // void_reason
        try text(row.date)                      // survey_date
        try text(row.service)                   // service
        for index in 0..<SurveyResponse.elementCount {
            let score = Int((row.scores >> (4 * UInt64(index))) & 0xF)
            try integer(score == 0 ? nil : score)  // u1..u9
        }
        try text(row.gender?.canonical)         // gender
        try integer(row.age)                    // age
        try text(row.education?.canonical)      // education
        try text(row.occupation?.canonical)     // occupation
        try text(row.suggestion)                // suggestion
    }
}

extension SurveyResponseStore {
    /// Imports a survey CSV file (header `date,service,u1..u9` and optionally
    /// `gender,age,education,occupation,suggestion`, in any order) all or nothing, as one change.
    /// A survey date after today in the office's zone is a bad line like any other.
    /// Throws `ImportRefused` naming the bad lines (or a bad header), `StateError` for a file
    /// imported before.
    @discardableResult
    public func importCSV(path: String, options: ImportOptions = ImportOptions(),
                          progress: (ImportProgress) -> Void = { _ in }) throws -> ImportReport {
        var importer = SurveyRowImporter(connection: database.connection, limit: try database.eventDateLimit())
        return try CSVImport<SurveyRowImporter>(database: database, path: path, options: options)
            .run(&importer, progress: progress)
    }
}
