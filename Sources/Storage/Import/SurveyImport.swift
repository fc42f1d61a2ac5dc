/// Validates survey-response rows straight from the CSV reader's bytes, with the same
/// `FieldRules`/`SurveyRules` as `iku survey add`, and writes them in batches.
///
/// Ids are assigned up front under the write lock (max + 1). Valid rows are copied into one
/// reused byte buffer and written `batchSize` at a time with one multi-row INSERT for the
/// versions and one for the identities: SQLite then builds the per-statement state of the
/// schema's CHECK constraints (the `IN (...)` lists) once per batch instead of once per row,
/// and no `String` is made per field.
struct SurveyRowImporter: CSVRowImporter {
    static let kind = ImportKind.survey
    static let columns: [CSVColumn] =
        ["date", "service", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"].map { CSVColumn(name: $0, required: true) }
        + ["gender", "age", "education", "occupation", "suggestion"].map { CSVColumn(name: $0, required: false) }

    private static let date = 0, service = 1, firstScore = 2
    private static let gender = 11, age = 12, education = 13, occupation = 14, suggestion = 15
    private static let scoreFields = (1...SurveyResponse.elementCount).map { "u\($0)" }

    /// Rows per INSERT statement.
    static let batchSize = 128
    /// Parameters per row of `insertVersions`.
    static let parametersPerRow: Int32 = 18

    static let selectNextID = "SELECT coalesce(max(id), 0) + 1 FROM survey_responses"
    static let insertIdentities = """
        WITH RECURSIVE new(id) AS (SELECT ?1 UNION ALL SELECT id + 1 FROM new WHERE id < ?2)
        INSERT INTO survey_responses (id) SELECT id FROM new
        """
    static let insertVersionsHead = """
        INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service,
            u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, suggestion) VALUES
        """
    static let versionRow = "(?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// The INSERT of `rows` version rows.
    static func insertVersions(rows: Int) -> String {
        insertVersionsHead + Array(repeating: versionRow, count: rows).joined(separator: ",\n")
    }

    /// One validated row waiting in the batch; text lives in `PendingRows.bytes`.
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
    private var changeID: Int64 = 0
    private var firstID: Int64 = 1
    private var nextID: Int64 = 1
    private var identities: Statement?
    private var fullBatch: Statement?
    private var pending: [PendingRow] = []
    private var bytes: [UInt8] = []

    init(connection: Connection) {
        self.connection = connection
    }

    var ids: ClosedRange<Int64>? { nextID > firstID ? firstID...(nextID - 1) : nil }

    mutating func begin(changeID: Int64?) throws {
        firstID = try connection.prepare(Self.selectNextID).first { $0.int64(0) } ?? 1
        nextID = firstID
        guard let changeID else { return }
        self.changeID = changeID
        identities = try connection.cached(Self.insertIdentities)
        fullBatch = try connection.cached(Self.insertVersions(rows: Self.batchSize))
        pending.reserveCapacity(Self.batchSize)
        bytes.reserveCapacity(Self.batchSize * 256)
    }

    mutating func importRow(_ row: CSVRow, write: Bool) throws {
        let date = FieldRules.trimmed(row[Self.date])
        _ = try FieldRules.date(date, field: "date")
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
                try bind(row, id: nextID + Int64(offset), buffer: buffer, to: statement,
                         base: Int32(offset) * Self.parametersPerRow)
            }
        }
        try statement.runBound()
        nextID = lastID + 1
        pending.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    private func bind(_ row: PendingRow, id: Int64, buffer: Bytes, to statement: Statement, base: Int32) throws {
        func text(_ range: Range<Int>) -> Bytes { Bytes(rebasing: buffer[range]) }
        try statement.bindInteger(id, at: base + 1)
        try statement.bindInteger(changeID, at: base + 2)
        try statement.bindText(text(row.date), at: base + 3)
        try statement.bindText(text(row.service), at: base + 4)
        for index in 0..<SurveyResponse.elementCount {
            let score = (row.scores >> (4 * UInt64(index))) & 0xF
            if score == 0 {
                try statement.bindNull(at: base + 5 + Int32(index))
            } else {
                try statement.bindInteger(Int64(score), at: base + 5 + Int32(index))
            }
        }
        if let gender = row.gender { try statement.bindText(gender.canonical, at: base + 14) } else { try statement.bindNull(at: base + 14) }
        if let age = row.age { try statement.bindInteger(Int64(age), at: base + 15) } else { try statement.bindNull(at: base + 15) }
        if let education = row.education { try statement.bindText(education.canonical, at: base + 16) } else { try statement.bindNull(at: base + 16) }
        if let occupation = row.occupation { try statement.bindText(occupation.canonical, at: base + 17) } else { try statement.bindNull(at: base + 17) }
        if let suggestion = row.suggestion { try statement.bindText(text(suggestion), at: base + 18) } else { try statement.bindNull(at: base + 18) }
    }
}

extension SurveyResponseStore {
    /// Imports a survey CSV file (header `date,service,u1..u9` and optionally
    /// `gender,age,education,occupation,suggestion`, in any order) all or nothing, as one change.
    /// Throws `ImportRefused` naming the bad lines (or a bad header), `StateError` for a file
    /// imported before.
    @discardableResult
    public func importCSV(path: String, options: ImportOptions = ImportOptions(),
                          progress: (ImportProgress) -> Void = { _ in }) throws -> ImportReport {
        var importer = SurveyRowImporter(connection: database.connection)
        return try CSVImport<SurveyRowImporter>(database: database, path: path, options: options)
            .run(&importer, progress: progress)
    }
}
