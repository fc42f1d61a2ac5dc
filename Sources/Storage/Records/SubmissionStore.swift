import FoundationEssentials

/// Which submissions a listing shows.
public struct SubmissionFilter: Sendable {
    public var fiscalYear: Int?
    /// Submissions of the village(s) that have or had this code.
    public var villageCode: String?
    public var document: VillageDocument?
    public var includeVoided: Bool

    public init(fiscalYear: Int? = nil, villageCode: String? = nil, document: VillageDocument? = nil,
                includeVoided: Bool = false) {
        self.fiscalYear = fiscalYear
        self.villageCode = villageCode
        self.document = document
        self.includeVoided = includeVoided
    }

    /// A filter from command-line text, each value checked like the field it filters.
    public init(year: String?, village: String?, document: String?, includeVoided: Bool = false) throws {
        self.init(fiscalYear: try year.flatMap { try Submission.fiscalYear($0) },
                  villageCode: village.map { $0.trimmingWhitespace() },
                  document: try document.flatMap { try FieldRules.member($0, of: VillageDocument.self, field: "document") },
                  includeVoided: includeVoided)
    }
}

/// Adds, corrects, voids and reads village document submissions.
///
/// A village has at most one live submission per document and fiscal year: a second one is
/// refused with the id of the first, to be corrected instead.
public struct SubmissionStore {
    let database: IkuDatabase
    private var records: VersionedRecords<Submission> { VersionedRecords(database: database) }

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let selectLiveDuplicate = Submission.table.selectCurrent + """
         AND v.village_id = :village AND v.document = :document AND v.fiscal_year = :year
         AND v.submission_id IS NOT :except ORDER BY v.submission_id LIMIT 1
        """
    static let selectList = Submission.table.selectCurrent + """
         AND (:year IS NULL OR v.fiscal_year = :year)
         AND (:document IS NULL OR v.document = :document)
         AND (:village IS NULL OR v.village_id IN (SELECT vv.village_id FROM village_versions AS vv WHERE vv.code = :village))
         ORDER BY v.fiscal_year, village_code, v.document, v.submission_id
        """
    static let selectCodeKnown = "SELECT 1 FROM village_versions WHERE code = ? LIMIT 1"

    /// Records a new submission; returns its id.
    @discardableResult
    public func add(_ input: SubmissionInput) throws -> Int64 {
        try database.write {
            let submission = try Submission(input, onto: nil, limit: try database.eventDateLimit(), village: liveVillageID)
            try refuseDuplicate(submission, except: nil)
            return try records.add(submission, summary: summary(submission))
        }
    }

    /// Writes a corrected version of a live submission; returns the new version number.
    @discardableResult
    public func correct(_ id: Int64, _ input: SubmissionInput) throws -> Int {
        try database.write {
            let current = try records.requireLive(id, to: "correct")
            let submission = try Submission(input, onto: current.fields, limit: try database.eventDateLimit(),
                                            village: liveVillageID)
            try refuseDuplicate(submission, except: id)
            return try records.correct(current, to: submission, summary: summary(submission))
        }
    }

    /// Voids a live submission with a reason; returns the new version number.
    @discardableResult
    public func void(_ id: Int64, reason: String) throws -> Int {
        try database.write { try records.void(id, reason: reason) }
    }

    /// The submission's latest version as of `asOf` (voided or not).
    public func show(_ id: Int64, asOf: AsOf = .now) throws -> Versioned<Submission> {
        guard let submission = try records.latest(id, asOf: asOf) else { throw StateError("there is no submission \(id)") }
        return submission
    }

    /// Every version of the submission up to `asOf`, oldest first.
    public func versions(of id: Int64, asOf: AsOf = .now) throws -> [Versioned<Submission>] {
        try records.history(id, asOf: asOf)
    }

    /// The current version of every submission that `filter` selects, by year, village and document.
    public func list(_ filter: SubmissionFilter = SubmissionFilter(), asOf: AsOf = .now) throws -> [Versioned<Submission>] {
        if let code = filter.villageCode,
           try database.connection.cached(Self.selectCodeKnown).first([code], { _ in true }) == nil {
            throw InputError(field: "village", value: code, allowed: "the code of a village recorded in this database")
        }
        var result: [Versioned<Submission>] = []
        let parameters: [String: DatabaseValueConvertible] = [
            ":as_of": asOf.lastChangeID, ":include_voided": filter.includeVoided,
            ":year": filter.fiscalYear, ":document": filter.document?.rawValue, ":village": filter.villageCode,
        ]
        try records.forEachCurrent(Self.selectList, parameters) { result.append($0) }
        return result
    }

    private func liveVillageID(_ code: String) throws -> Int64 {
        try VillageStore(database).liveVillageID(code: code)
    }

    private func refuseDuplicate(_ submission: Submission, except id: Int64?) throws {
        let parameters: [String: DatabaseValueConvertible] = [
            ":as_of": AsOf.now.lastChangeID, ":include_voided": false, ":village": submission.villageID,
            ":document": submission.document.rawValue, ":year": submission.fiscalYear, ":except": id,
        ]
        var existing: Int64?
        try records.forEachCurrent(Self.selectLiveDuplicate, parameters) { existing = $0.id }
        if let existing {
            throw StateError("""
                village \(submission.villageCode) already has a live \(submission.document.rawValue) for fiscal year \
                \(submission.fiscalYear): submission \(existing); correct it with `iku submission correct \(existing)` \
                (or void it first)
                """)
        }
    }

    private func summary(_ submission: Submission) -> String {
        "\(submission.villageCode) \(submission.document.rawValue) \(submission.fiscalYear) dated \(submission.date)"
    }
}
