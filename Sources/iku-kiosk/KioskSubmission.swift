import Foundation
import Storage

/// The fields of the kiosk's questionnaire as a respondent sent them (`POST /`), checked for
/// what only the kiosk asks (every one of U1..U9 answered, 1 to 4) and turned into the same
/// `SurveyResponseInput` a clerk's `iku survey add` builds; the survey store checks the rest with
/// the CLI's rules.
struct KioskSubmission: Sendable {
    /// What each answer must be.
    static let answerAllowed = "an answer from 1 (worst) to 4 (best); every question must be answered at the kiosk"

    let service: String
    /// U1..U9, each 1...4.
    let scores: [Int]
    let gender: String?
    let age: String?
    let education: String?
    let occupation: String?
    let suggestion: String?

    /// Reads the submission from decoded form fields; throws an `InputError` naming the field.
    init(_ fields: FormFields) throws {
        guard let service = fields["service"]?.trimmingWhitespaceAndNewlines(), !service.isEmpty else {
            throw InputError(field: "service", value: fields["service"] ?? "", allowed: "one of the services offered")
        }
        self.service = service
        scores = try Questionnaire.questions.map { question in
            let value = fields[question.field] ?? ""
            guard value.utf8.count == 1, let score = Int(value), (1...4).contains(score) else {
                throw InputError(field: question.field, value: value, allowed: Self.answerAllowed)
            }
            return score
        }
        gender = fields.nonEmpty("gender")
        age = fields.nonEmpty("age")
        education = fields.nonEmpty("education")
        occupation = fields.nonEmpty("occupation")
        suggestion = fields.nonEmpty("suggestion")
    }

    /// The response as the survey store takes it, dated `date` and for the service as the
    /// office's list spells it.
    func input(date: CalendarDate, service offered: String) -> SurveyResponseInput {
        SurveyResponseInput(date: date.description, service: offered, scores: scores.map(String.init).joined(separator: ","),
                            gender: gender, age: age, education: education, occupation: occupation,
                            suggestion: suggestion)
    }
}
