import FoundationEssentials

/// A clerk keying a stack of paper questionnaires, one line per response (`iku survey entry`).
///
/// A response line is the nine answers U1..U9 (digits 1-4 or `-`, with or without commas or
/// spaces between them), then optionally gender, age, education and occupation in any order,
/// each recognised on its own (`L`, `34`, `SMA`, `PNS`, or their everyday forms), then optionally
/// `# suggestion`. A line starting with `:` changes the session: `:date D` (`:tanggal`),
/// `:service S` (`:layanan`), `:undo [REASON]` (`:batal`, voids the last response this session
/// stored). Every response goes through `SurveyResponseStore.add`, so it passes exactly the
/// rules of `iku survey add` and is stored at once in its own transaction, sealed in the audit
/// chain with the database's actor.
public struct SurveyEntrySession {
    /// What one line did.
    public enum Outcome: Sendable {
        /// Stored as `id`; `profile` is how the profile was read (`P`, `34`, `SMA`, `PNS`), in that order.
        case stored(id: Int64, profile: [String])
        /// A response voided by `:undo`.
        case undone(id: Int64)
        case dateChanged(CalendarDate)
        case serviceChanged(String)
        /// Nothing stored; the error is an `InputError` or a `StateError`.
        case refused(Error)
    }

    public let language: MessageLanguage
    /// The survey date of the next response.
    public private(set) var date: CalendarDate
    /// The service of the next response; nil until given.
    public private(set) var service: String?
    /// Responses stored in this session and not undone, oldest first.
    public private(set) var liveIDs: [Int64] = []
    public private(set) var storedCount = 0
    public private(set) var undoneCount = 0
    /// Lines refused, by number.
    public private(set) var refusedLines: [Int] = []

    private let store: SurveyResponseStore

    /// A session writing to `database`, starting with `date` and `service` (each checked as a
    /// response's would be).
    public init(database: IkuDatabase, date: String, service: String?, language: MessageLanguage) throws {
        store = SurveyResponseStore(database)
        self.language = language
        self.date = try FieldRules.date(date, field: "date")
        self.service = try service.map { try FieldRules.requiredText($0, field: "service", maxLength: SurveyRules.serviceLength) }
    }

    /// Handles line `number` (1-based); database failures other than refusals are thrown.
    public mutating func handle(_ line: String, number: Int) throws -> Outcome {
        do {
            let outcome = try perform(line.trimmingWhitespaceAndNewlines())
            switch outcome {
            case .stored(let id, _):
                storedCount += 1
                liveIDs.append(id)
            case .undone:
                undoneCount += 1
                liveIDs.removeLast()
            default:
                break
            }
            return outcome
        } catch let error as InputError {
            refusedLines.append(number)
            return .refused(error)
        } catch let error as StateError {
            refusedLines.append(number)
            return .refused(error)
        }
    }

    private mutating func perform(_ line: String) throws -> Outcome {
        if line.hasPrefix(":") { return try command(line) }
        let input = try PaperFormLine.input(line, language: language)
        guard let service else {
            throw InputError(field: "service", value: "",
                             allowed: language.pick("tentukan dulu dengan :layanan NAMA (atau --service)",
                                                    "set it first with :service NAME (or --service)"))
        }
        var response = input
        response.date = date.description
        response.service = service
        let profile = [response.gender, response.age, response.education, response.occupation].compactMap { $0 }
        return .stored(id: try store.add(response), profile: profile)
    }

    private mutating func command(_ line: String) throws -> Outcome {
        let name = line.prefix { !$0.isWhitespace }.lowercased()
        let argument = line.dropFirst(name.count).trimmingWhitespace()
        switch name {
        case ":date", ":tanggal":
            date = try FieldRules.date(argument, field: "date")
            return .dateChanged(date)
        case ":service", ":layanan":
            let service = try FieldRules.requiredText(argument, field: "service", maxLength: SurveyRules.serviceLength)
            self.service = service
            return .serviceChanged(service)
        case ":undo", ":batal":
            guard let last = liveIDs.last else {
                throw StateError(language.pick("belum ada jawaban yang tersimpan di sesi ini untuk dibatalkan",
                                               "no response stored in this session is left to undo"))
            }
            let reason = argument.isEmpty ? language.pick("dibatalkan saat entri formulir", "undone during form entry") : argument
            try store.void(last, reason: reason)
            return .undone(id: last)
        default:
            throw InputError(field: "command", value: name, allowed: language.pick(
                ":tanggal TANGGAL, :layanan NAMA, :batal [ALASAN] (atau :date, :service, :undo)",
                ":date DATE, :service NAME, :undo [REASON] (or :tanggal, :layanan, :batal)"))
        }
    }
}

/// One response line of a paper form, read into the fields `iku survey add` takes.
enum PaperFormLine {
    private static let separators: Set<Character> = [" ", ",", ";", "\t"]
    private static let answerCharacters: Set<Character> = ["1", "2", "3", "4", "-"]

    /// The answers, profile and suggestion of `line` (no date or service).
    static func input(_ line: String, language: MessageLanguage) throws -> SurveyResponseInput {
        var head = Substring(line)
        var suggestion: String?
        if let mark = line.firstIndex(of: "#") {
            head = line[..<mark]
            let text = line[line.index(after: mark)...].trimmingWhitespace()
            suggestion = text.isEmpty ? nil : text
        }
        var tokens = head.split(whereSeparator: { separators.contains($0) }).map(String.init)
        var answers: [Character] = []
        while let token = tokens.first, answers.count < SurveyResponse.elementCount,
              token.allSatisfy({ answerCharacters.contains($0) }) {
            answers += token
            tokens.removeFirst()
        }
        guard answers.count == SurveyResponse.elementCount else {
            throw InputError(field: "scores", value: String(head.trimmingWhitespace()), allowed: language.pick(
                "sembilan jawaban U1..U9 di awal baris, masing-masing 1-4 atau -\(answers.isEmpty ? "" : " (ini \(answers.count))"), mis. 434434434 atau 4,3,4,4,3,4,4,3,-",
                "nine answers U1..U9 first, each 1-4 or -\(answers.isEmpty ? "" : " (this has \(answers.count))"), e.g. 434434434 or 4,3,4,4,3,4,4,3,-"))
        }
        var input = SurveyResponseInput(scores: answers.map(String.init).joined(separator: ","), suggestion: suggestion)
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if index + 1 < tokens.count, try profile(token + " " + tokens[index + 1], into: &input, language: language) {
                index += 2
            } else if try profile(token, into: &input, language: language) {
                index += 1
            } else {
                throw InputError(field: "profile", value: token, allowed: language.pick(
                    "setelah sembilan jawaban: jenis kelamin (L/P), umur, pendidikan (SD, SMP, SMA, D1-D3, D4/S1, S2, S3), pekerjaan (PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA), lalu # saran",
                    "after the nine answers: gender (L/P), age, education (SD, SMP, SMA, D1-D3, D4/S1, S2, S3), occupation (PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA), then # suggestion"))
            }
        }
        return input
    }

    /// Sets the one profile field `text` names; false when it names none.
    private static func profile(_ text: String, into input: inout SurveyResponseInput, language: MessageLanguage) throws -> Bool {
        func set(_ field: WritableKeyPath<SurveyResponseInput, String?>, _ name: String, _ value: String) throws -> Bool {
            if let earlier = input[keyPath: field] {
                throw InputError(field: name, value: text, allowed: language.pick(
                    "sekali saja per baris (sudah \(earlier))", "once per line (already \(earlier))"))
            }
            input[keyPath: field] = value
            return true
        }
        if let gender = QuestionnaireVocabulary.gender(text) { return try set(\.gender, "gender", gender.rawValue) }
        if let age = QuestionnaireVocabulary.ageDigits(text) { return try set(\.age, "age", age) }
        if let education = QuestionnaireVocabulary.education(text) { return try set(\.education, "education", education.rawValue) }
        if let occupation = QuestionnaireVocabulary.occupation(text, freeText: false) {
            return try set(\.occupation, "occupation", occupation.rawValue)
        }
        return false
    }
}
