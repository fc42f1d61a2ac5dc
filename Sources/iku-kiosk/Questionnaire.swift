import Indicators
import Storage

/// The standard SKM questionnaire of PermenPAN-RB 14/2017 (SPEC.md) as the kiosk asks it: one
/// question per unsur, each with its four answers from worst (1) to best (4).
enum Questionnaire {
    struct Question: Sendable {
        let unsur: Unsur
        let text: String
        /// The answers scoring 1, 2, 3 and 4.
        let answers: [String]

        /// The form field of its answer: `u1` … `u9`.
        var field: String { "u\(unsur.rawValue)" }
    }

    /// The nine questions and their answers, worded once for every way in
    /// (`QuestionnaireVocabulary`: the printed template and the form import read the same).
    static let questions: [Question] = QuestionnaireVocabulary.questions.map { question in
        Question(unsur: Unsur(rawValue: question.unsur)!, text: question.text, answers: question.answers)
    }

    /// The profile's closed choices: the stored value and what the respondent reads.
    static let genders = [("L", "Laki-laki"), ("P", "Perempuan")]
    static let educations = [("SD", "SD"), ("SMP", "SMP"), ("SMA", "SMA/SMK/sederajat"), ("D1-D3", "Diploma (D1–D3)"),
                             ("D4/S1", "D4/S1"), ("S2", "S2"), ("S3", "S3")]
    static let occupations = [("PNS", "PNS/ASN"), ("TNI", "TNI"), ("POLRI", "POLRI"), ("SWASTA", "Pegawai swasta"),
                              ("WIRAUSAHA", "Wirausaha"), ("LAINNYA", "Lainnya")]
}
