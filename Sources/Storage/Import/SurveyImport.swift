/// Validates and writes survey-response rows straight from the CSV reader's bytes: each field is
/// checked by the same `FieldRules`/`SurveyRules` as `iku survey add`, and bound to two cached
/// statements without making a `String`. Ids are assigned up front under the write lock.
struct SurveyRowImporter: CSVRowImporter {
    static let kind = ImportKind.survey
    static let columns: [CSVColumn] =
        ["date", "service", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"].map { CSVColumn(name: $0, required: true) }
        + ["gender", "age", "education", "occupation", "suggestion"].map { CSVColumn(name: $0, required: false) }

    private static let date = 0, service = 1, firstScore = 2
    private static let gender = 11, age = 12, education = 13, occupation = 14, suggestion = 15
    private static let scoreFields = (1...SurveyResponse.elementCount).map { "u\($0)" }

    static let selectNextID = "SELECT coalesce(max(id), 0) + 1 FROM survey_responses"
    static let insertIdentity = "INSERT INTO survey_responses (id) VALUES (?)"
    static let insertVersion = """
        INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service,
            u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, suggestion)
        VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    let connection: Connection
    private var changeID: Int64 = 0
    private var firstID: Int64 = 1
    private var nextID: Int64 = 1
    private var identity: Statement?
    private var version: Statement?
    private var scores = [Int?](repeating: nil, count: SurveyResponse.elementCount)

    init(connection: Connection) {
        self.connection = connection
    }

    var ids: ClosedRange<Int64>? { nextID > firstID ? firstID...(nextID - 1) : nil }

    mutating func begin(changeID: Int64?) throws {
        firstID = try connection.prepare(Self.selectNextID).first { $0.int64(0) } ?? 1
        nextID = firstID
        guard let changeID else { return }
        self.changeID = changeID
        identity = try connection.cached(Self.insertIdentity)
        version = try connection.cached(Self.insertVersion)
    }

    mutating func importRow(_ row: CSVRow, write: Bool) throws {
        let dateBytes = FieldRules.trimmed(row[Self.date])
        _ = try FieldRules.date(dateBytes, field: "date")
        let service = try FieldRules.requiredText(row[Self.service], field: "service", maxLength: SurveyRules.serviceLength)
        for index in 0..<SurveyResponse.elementCount {
            scores[index] = try SurveyRules.score(row[Self.firstScore + index], field: Self.scoreFields[index])
        }
        let gender = try FieldRules.member(row[Self.gender], of: Gender.self, field: "gender")
        let age = try SurveyRules.age(row[Self.age])
        let education = try FieldRules.member(row[Self.education], of: Education.self, field: "education")
        let occupation = try FieldRules.member(row[Self.occupation], of: Occupation.self, field: "occupation")
        let suggestion = try FieldRules.text(row[Self.suggestion], field: "suggestion", maxLength: SurveyRules.suggestionLength)
        guard write, let identity, let version else { return }

        try identity.bindInteger(nextID, at: 1)
        try identity.runBound()
        try version.bindInteger(nextID, at: 1)
        try version.bindInteger(changeID, at: 2)
        try version.bindText(dateBytes, at: 3)
        try version.bindText(service, at: 4)
        for index in 0..<SurveyResponse.elementCount {
            let parameter = Int32(5 + index)
            if let score = scores[index] {
                try version.bindInteger(Int64(score), at: parameter)
            } else {
                try version.bindNull(at: parameter)
            }
        }
        if let gender { try version.bindText(gender.canonical, at: 14) } else { try version.bindNull(at: 14) }
        if let age { try version.bindInteger(Int64(age), at: 15) } else { try version.bindNull(at: 15) }
        if let education { try version.bindText(education.canonical, at: 16) } else { try version.bindNull(at: 16) }
        if let occupation { try version.bindText(occupation.canonical, at: 17) } else { try version.bindNull(at: 17) }
        if let suggestion { try version.bindText(suggestion, at: 18) } else { try version.bindNull(at: 18) }
        try version.runBound()
        nextID += 1
    }
}

extension SurveyResponseStore {
    /// Imports a survey CSV file (header `date,service,u1..u9` and optionally
    /// `gender,age,education,occupation,suggestion`, in any order) all or nothing, as one change.
    /// Throws `ImportRefused` naming the bad lines, `InputError` for a bad header, `StateError`
    /// for a file imported before.
    public func importCSV(path: String, options: ImportOptions = ImportOptions(),
                          progress: (ImportProgress) -> Void = { _ in }) throws -> ImportReport {
        var importer = SurveyRowImporter(connection: database.connection)
        return try CSVImport<SurveyRowImporter>(database: database, path: path, options: options)
            .run(&importer, progress: progress)
    }
}
