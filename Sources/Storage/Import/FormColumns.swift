import FoundationEssentials

/// What one column of a form export holds, found from its heading by what it asks.
public enum FormColumnRole: Equatable, Sendable {
    /// The survey date: a date column the office keeps (`Tanggal`), or the form tool's
    /// timestamp (`Timestamp`, `Stempel waktu`, `Completion time`).
    case date(timestamp: Bool)
    case service
    /// The question on unsur U1..U9 (1...9).
    case unsur(Int)
    case gender, age, education, occupation, suggestion
    /// A column the survey does not keep (e-mail, name, phone, a second timestamp, ...).
    case ignored
}

/// One column of a form export as the import understood it.
public struct FormColumn: Equatable, Sendable {
    /// 1-based position in the file.
    public let position: Int
    public let heading: String
    public let role: FormColumnRole
}

/// Reads form headings by what they ask (SPEC.md: map by meaning, never by position).
enum FormHeadings {
    /// Headings of columns a form tool or spreadsheet adds that the survey does not keep.
    private static let ignoredWords: Set<String> = [
        "email", "surel", "mail", "nama", "name", "hp", "wa", "whatsapp", "telepon", "telp", "phone", "alamat",
        "address", "desa", "kelurahan", "rt", "rw", "id", "nik", "no", "nomor", "number", "points", "poin", "skor",
        "score", "feedback", "kuis", "quiz", "ttd", "tanda",
    ]
    private static let genderWords: Set<String> = ["kelamin", "gender", "sex"]
    private static let ageWords: Set<String> = ["umur", "usia", "age"]
    private static let educationWords: Set<String> = ["pendidikan", "education"]
    private static let occupationWords: Set<String> = ["pekerjaan", "occupation", "profesi", "job"]
    private static let suggestionWords: Set<String> = ["saran", "masukan", "kritik", "suggestion", "suggestions", "comment",
                                                       "comments", "komentar"]
    private static let serviceWords: Set<String> = ["layanan", "pelayanan", "service", "services"]

    /// The role of a column headed `heading`, or nil when it is not recognised.
    static func role(of heading: String) -> FormColumnRole? {
        let words = QuestionnaireVocabulary.words(heading)
        let set = Set(words)
        func phrase(_ first: String, _ second: String) -> Bool {
            zip(words, words.dropFirst()).contains { $0 == first && $1 == second }
        }
        if let code = unsurCode(words) { return .unsur(code) }
        if set.contains("timestamp") || phrase("stempel", "waktu") || phrase("cap", "waktu")
            || phrase("completion", "time") || phrase("waktu", "selesai") {
            return .date(timestamp: true)
        }
        if phrase("start", "time") || phrase("waktu", "mulai") || phrase("modified", "time") || phrase("terakhir", "diubah") {
            return .ignored
        }
        if set.contains("tanggal") || words == ["date"] || words == ["survey", "date"] || words == ["tgl"] {
            return set.contains("lahir") ? .ignored : .date(timestamp: false)
        }
        if !set.isDisjoint(with: genderWords) { return .gender }
        if !set.isDisjoint(with: ageWords) { return .age }
        if !set.isDisjoint(with: educationWords) { return .education }
        if !set.isDisjoint(with: occupationWords) { return .occupation }
        let unsur = QuestionnaireVocabulary.questions.filter { !set.isDisjoint(with: $0.keywords) }.map(\.unsur)
        if unsur.count == 1 { return .unsur(unsur[0]) }
        if unsur.count > 1 { return nil }
        if !set.isDisjoint(with: suggestionWords) { return .suggestion }
        if !set.isDisjoint(with: serviceWords), words.count <= 6 || set.contains("jenis") { return .service }
        if !set.isDisjoint(with: ignoredWords) || phrase("e", "mail") { return .ignored }
        return nil
    }

    /// `U3`, `Unsur 3`: a heading that names its unsur by code.
    private static func unsurCode(_ words: [String]) -> Int? {
        for (index, word) in words.enumerated() {
            if word.count == 2, word.first == "u", let digit = word.last?.wholeNumberValue, (1...9).contains(digit) {
                return digit
            }
            if word == "unsur", index + 1 < words.count, let number = Int(words[index + 1]), (1...9).contains(number) {
                return number
            }
        }
        return nil
    }
}
