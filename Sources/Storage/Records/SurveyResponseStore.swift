import FoundationEssentials

/// Which survey responses a listing shows.
public struct SurveyFilter: Sendable {
    /// Responses whose survey date lies in this calendar year.
    public var year: Int?
    /// Responses for this service (ASCII case ignored).
    public var service: String?
    public var includeVoided: Bool

    public init(year: Int? = nil, service: String? = nil, includeVoided: Bool = false) {
        self.year = year
        self.service = service
        self.includeVoided = includeVoided
    }

    /// A filter from command-line text.
    public init(year: String?, service: String?, includeVoided: Bool = false) throws {
        self.init(year: try year.flatMap { try FieldRules.number($0, field: "year", range: FieldRules.recordYears,
                                                                 allowed: "a year from 2000 to 2100") },
                  service: try service.flatMap { try FieldRules.text($0, field: "service", maxLength: SurveyRules.serviceLength) },
                  includeVoided: includeVoided)
    }
}

/// Adds, corrects, voids, reads and imports survey responses.
public struct SurveyResponseStore {
    let database: IkuDatabase
    private var records: VersionedRecords<SurveyResponse> { VersionedRecords(database: database) }

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let selectList = SurveyResponse.table.selectCurrent + """
         AND (:from IS NULL OR v.survey_date BETWEEN :from AND :until)
         AND (:service IS NULL OR v.service = :service COLLATE NOCASE)
         ORDER BY v.survey_date, v.response_id
        """

    /// Records a new response; returns its id.
    @discardableResult
    public func add(_ input: SurveyResponseInput) throws -> Int64 {
        try database.write {
            let response = try SurveyResponse(input, onto: nil, limit: try database.eventDateLimit())
            return try records.add(response, summary: summary(response))
        }
    }

    /// Writes a corrected version of a live response; returns the new version number.
    @discardableResult
    public func correct(_ id: Int64, _ input: SurveyResponseInput) throws -> Int {
        try database.write {
            let current = try records.requireLive(id, to: "correct")
            let response = try SurveyResponse(input, onto: current.fields, limit: try database.eventDateLimit())
            return try records.correct(current, to: response, summary: summary(response))
        }
    }

    /// Voids a live response with a reason; returns the new version number.
    @discardableResult
    public func void(_ id: Int64, reason: String) throws -> Int {
        try database.write { try records.void(id, reason: reason) }
    }

    /// The response's latest version as of `asOf` (voided or not).
    public func show(_ id: Int64, asOf: AsOf = .now) throws -> Versioned<SurveyResponse> {
        guard let response = try records.latest(id, asOf: asOf) else { throw StateError("there is no survey response \(id)") }
        return response
    }

    /// Every version of the response up to `asOf`, oldest first.
    public func versions(of id: Int64, asOf: AsOf = .now) throws -> [Versioned<SurveyResponse>] {
        try records.history(id, asOf: asOf)
    }

    /// Calls `body` with the current version of every response `filter` selects, by date, one at
    /// a time (a year may hold many thousands).
    public func forEach(_ filter: SurveyFilter = SurveyFilter(), asOf: AsOf = .now,
                        _ body: (Versioned<SurveyResponse>) throws -> Void) throws {
        let parameters: [String: DatabaseValueConvertible] = [
            ":as_of": asOf.lastChangeID, ":include_voided": filter.includeVoided, ":service": filter.service,
            ":from": filter.year.map { DigitText.padded($0, 4) + "-01-01" },
            ":until": filter.year.map { DigitText.padded($0, 4) + "-12-31" },
        ]
        try records.forEachCurrent(Self.selectList, parameters, body)
    }

    /// The current version of every response `filter` selects, by date.
    public func list(_ filter: SurveyFilter = SurveyFilter(), asOf: AsOf = .now) throws -> [Versioned<SurveyResponse>] {
        var result: [Versioned<SurveyResponse>] = []
        try forEach(filter, asOf: asOf) { result.append($0) }
        return result
    }

    private func summary(_ response: SurveyResponse) -> String {
        "\(response.service) on \(response.date)"
    }
}
