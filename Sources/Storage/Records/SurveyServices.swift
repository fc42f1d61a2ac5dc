import FoundationEssentials

extension SurveyResponseStore {
    static let selectServices = """
        SELECT min(service) AS name FROM current_survey_responses WHERE voided = 0
        GROUP BY service COLLATE NOCASE ORDER BY count(*) DESC, name COLLATE NOCASE
        """

    /// The services the office's live responses name (one spelling each, ignoring case), the
    /// most frequent first: the services a blank questionnaire offers.
    public func services() throws -> [String] {
        try database.connection.prepare(Self.selectServices).map { $0.string(0) }
    }
}
