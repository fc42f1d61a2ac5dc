import FoundationEssentials
import Glibc

/// How to import a form export (`iku survey import FILE --form`).
public struct FormImportOptions: Sendable {
    public var dryRun: Bool
    public var allowDuplicateFile: Bool
    /// The office's time zone: a timestamp with an offset is read as its calendar date here; one
    /// without is taken as the form tool's wall clock in this zone (see `FormTimestamp`). Nil
    /// means the office's own zone (`IkuDatabase.officeZone`).
    public var timeZone: OfficeZone?
    /// How `a/b/yyyy` dates are read; nil decides from the file (see `FormDateOrderSource`).
    public var dateOrder: FormTimestamp.DateOrder?
    /// The language of the refusals.
    public var language: MessageLanguage
    /// The service of every row of a form that does not ask it (one form per service); a form
    /// with a service column is refused with it.
    public var service: String?

    public init(dryRun: Bool = false, allowDuplicateFile: Bool = false, timeZone: OfficeZone? = nil,
                dateOrder: FormTimestamp.DateOrder? = nil, language: MessageLanguage = .id, service: String? = nil) {
        self.dryRun = dryRun
        self.allowDuplicateFile = allowDuplicateFile
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.language = language
        self.service = service
    }
}

/// Why a form import read `a/b/yyyy` dates the way it did.
public enum FormDateOrderSource: Equatable, Sendable {
    /// No date was written with slashes.
    case notNeeded
    /// `--date-order`.
    case option
    /// A date in the file can only be read this way (a first number above 12 is a day).
    case dates(line: Int)
    /// Every slashed date could be read either way; the date column's heading tells the form's
    /// language (`Stempel waktu`, `Tanggal`: Indonesian, day first; `Timestamp`, `Date`: English,
    /// month first).
    case heading
}

/// What a form import wrote (or would write), and how it read the file.
public struct FormImportReport: Sendable {
    public let report: ImportReport
    public let columns: [FormColumn]
    public let dateOrder: FormTimestamp.DateOrder
    public let dateOrderSource: FormDateOrderSource
    /// The earliest and latest survey date of the rows.
    public let dates: ClosedRange<CalendarDate>?
    /// Rows per service, most first (ties by name), for the first `FormRowImporter.countedServices`
    /// services met.
    public let services: [(service: String, rows: Int)]
    /// Rows of the services met after those.
    public let otherServiceRows: Int
}

extension SurveyResponseStore {
    /// Imports a CSV export of the standard questionnaire (Google Forms, Microsoft Forms or a
    /// spreadsheet) all or nothing, as one change: each column found by what its heading asks,
    /// answers as labels or digits, profile answers in their everyday forms, the survey date from
    /// the timestamp in `options.timeZone`. Every row then passes exactly the rules of
    /// `importCSV` and `add`. Throws `ImportRefused` naming each bad line (or the column not
    /// understood), `StateError` for a file imported before.
    public func importForm(path: String, options: FormImportOptions = FormImportOptions(),
                           progress: (ImportProgress) -> Void = { _ in }) throws -> FormImportReport {
        var options = options
        if options.timeZone == nil { options.timeZone = try database.officeZone() }
        var importer = FormRowImporter(connection: database.connection, limit: try database.eventDateLimit(),
                                       path: path, options: options)
        let report = try CSVImport<FormRowImporter>(
            database: database, path: path,
            options: ImportOptions(dryRun: options.dryRun, allowDuplicateFile: options.allowDuplicateFile)
        ).run(&importer, progress: progress)
        return FormImportReport(report: report, columns: importer.layout, dateOrder: importer.dateOrder,
                                dateOrderSource: importer.dateOrderSource, dates: importer.dates,
                                services: importer.serviceCounts(), otherServiceRows: importer.otherServiceRows)
    }
}

/// Maps each row of a form export onto iku's own survey columns (canonical digits, dates and
/// closed-set spellings, kept in constant or scratch bytes) and hands it to `SurveyRowImporter`,
/// which validates and writes it exactly as a row of iku's own CSV. The labels and everyday
/// answers of a column are few, so each distinct cell text is read once and then looked up.
struct FormRowImporter: CSVRowImporter {
    static let kind = ImportKind.survey
    static let columns = SurveyRowImporter.columns

    private static let date = 0, service = 1, firstScore = 2
    private static let gender = 11, age = 12, education = 13, occupation = 14, suggestion = 15

    private var inner: SurveyRowImporter
    private let path: String
    private let options: FormImportOptions
    private(set) var layout: [FormColumn] = []
    private(set) var dateOrder = FormTimestamp.DateOrder.dmy
    private(set) var dateOrderSource = FormDateOrderSource.notNeeded
    private(set) var dates: ClosedRange<CalendarDate>?
    private var dateHeading = ""
    private var questionHeadings: [String] = []

    private var answers: [CellCache<Int?>] = Array(repeating: CellCache(), count: SurveyResponse.elementCount)
    private var genders = CellCache<StaticString?>()
    private var educations = CellCache<StaticString?>()
    private var occupations = CellCache<StaticString?>()
    /// How many distinct services are counted one by one (each row looks its service up in them).
    static let countedServices = 64
    private var services = CellCache<Int>(limit: countedServices)
    private var serviceRows: [Int] = []
    private(set) var otherServiceRows = 0

    private let buffers = FormRowBuffers()
    private var fields: UnsafeMutablePointer<Bytes> { buffers.fields }
    private var scratch: UnsafeMutablePointer<UInt8> { buffers.scratch }
    private static let digits: StaticString = "1234"

    init(connection: Connection, limit: EventDateLimit, path: String, options: FormImportOptions) {
        inner = SurveyRowImporter(connection: connection, limit: limit)
        self.path = path
        self.options = options
    }

    var ids: ClosedRange<Int64>? { inner.ids }
    var rowDigests: [(table: String, rows: TableDigest)] { inner.rowDigests }

    mutating func begin(changeID: Int64?) throws { try inner.begin(changeID: changeID) }
    mutating func finish() throws { try inner.finish() }

    func serviceCounts() -> [(service: String, rows: Int)] {
        let names: [String] = services.keys.map { String(decoding: $0, as: UTF8.self) }
        var counts: [(service: String, rows: Int)] = []
        for (name, rows) in zip(names, serviceRows) { counts.append((service: name, rows: rows)) }
        return counts.sorted { $0.rows != $1.rows ? $0.rows > $1.rows : $0.service < $1.service }
    }

    // MARK: Header

    mutating func mapHeader(_ names: [String], line: Int) throws -> [Int]? {
        let language = options.language
        var fieldOf = Array(repeating: -1, count: Self.columns.count)
        var timestampField = -1
        questionHeadings = Array(repeating: "", count: SurveyResponse.elementCount)
        for (index, heading) in names.enumerated() {
            guard let role = FormHeadings.role(of: heading) else {
                throw InputError(field: "header", value: heading, allowed: language.pick(
                    "kolom \(index + 1) tidak dikenali: bukan pertanyaan kuesioner standar (U1..U9), stempel waktu, tanggal, jenis layanan, profil (jenis kelamin, umur, pendidikan, pekerjaan), saran, atau kolom yang diabaikan (email, nama, telepon); ubah judulnya atau hapus kolomnya",
                    "column \(index + 1) is not recognised: not a question of the standard questionnaire (U1..U9), a timestamp, a date, the service, the profile (gender, age, education, occupation), a suggestion, or a column ignored (e-mail, name, phone); rename or remove it"),
                    line: line)
            }
            var shown = role
            let column: Int?
            switch role {
            case .date(timestamp: true):
                if timestampField >= 0 { shown = .ignored }
                else { timestampField = index }
                column = nil
            case .date(timestamp: false): column = Self.date
            case .service: column = Self.service
            case .unsur(let unsur):
                column = Self.firstScore + unsur - 1
                questionHeadings[unsur - 1] = heading
            case .gender: column = Self.gender
            case .age: column = Self.age
            case .education: column = Self.education
            case .occupation: column = Self.occupation
            case .suggestion: column = Self.suggestion
            case .ignored: column = nil
            }
            if let column {
                guard fieldOf[column] < 0 else {
                    throw InputError(field: "header", value: heading, allowed: language.pick(
                        "kolom \(index + 1) menanyakan hal yang sama dengan kolom \(fieldOf[column] + 1) (\"\(names[fieldOf[column]])\"); hapus salah satunya",
                        "column \(index + 1) asks the same as column \(fieldOf[column] + 1) (\"\(names[fieldOf[column]])\"); remove one of them"),
                        line: line)
                }
                fieldOf[column] = index
            }
            layout.append(FormColumn(position: index + 1, heading: heading, role: shown))
        }
        if fieldOf[Self.date] < 0, timestampField >= 0 {
            fieldOf[Self.date] = timestampField
        } else if timestampField >= 0 {
            layout[timestampField] = FormColumn(position: timestampField + 1, heading: names[timestampField], role: .ignored)
        }
        if let service = options.service {
            guard fieldOf[Self.service] < 0 else {
                throw InputError(field: "header", value: names[fieldOf[Self.service]], allowed: language.pick(
                    "--service hanya untuk formulir tanpa kolom jenis layanan; kolom \(fieldOf[Self.service] + 1) sudah menanyakannya",
                    "--service is for a form without a service column; column \(fieldOf[Self.service] + 1) asks it"), line: line)
            }
            buffers.keepService(service)
        }
        let missing = (0..<(Self.firstScore + SurveyResponse.elementCount))
            .filter { fieldOf[$0] < 0 && !($0 == Self.service && buffers.service != nil) }.map { column -> String in
            switch column {
            case Self.date: return language.pick("stempel waktu atau tanggal", "a timestamp or date")
            case Self.service: return language.pick("jenis layanan (atau --service)", "the service (jenis layanan; or --service)")
            default:
                let question = QuestionnaireVocabulary.questions[column - Self.firstScore]
                return "U\(question.unsur) \(question.name)"
            }
        }
        if !missing.isEmpty {
            throw InputError(field: "header", value: names.joined(separator: ","), allowed: language.pick(
                "kolom yang wajib tidak ada: \(missing.joined(separator: "; "))",
                "required column missing: \(missing.joined(separator: "; "))"), line: line)
        }
        dateHeading = names[fieldOf[Self.date]]
        try decideDateOrder(field: fieldOf[Self.date])
        return fieldOf
    }

    /// Reads the date column once before the import, to learn how its `a/b/yyyy` dates are ordered.
    private mutating func decideDateOrder(field: Int) throws {
        if let order = options.dateOrder {
            dateOrder = order
            dateOrderSource = .option
            return
        }
        let reader = try CSVReader(path: path)
        _ = try reader.next()
        var slashed = false
        while try reader.next() {
            guard reader.problem == nil, field < reader.fieldCount, let parsed = FormTimestamp.parse(reader.field(field)) else {
                continue
            }
            if case .slashed = parsed { slashed = true }
            if let order = FormTimestamp.evidence(parsed) {
                dateOrder = order
                dateOrderSource = .dates(line: reader.line)
                return
            }
        }
        guard slashed else { return }
        let words = Set(QuestionnaireVocabulary.words(dateHeading))
        dateOrder = words.isDisjoint(with: ["timestamp", "date", "completion"]) ? .dmy : .mdy
        dateOrderSource = .heading
    }

    // MARK: Rows

    mutating func importRow(_ row: CSVRow, write: Bool) throws {
        let language = options.language
        let stamp = row[Self.date]
        guard let parsed = FormTimestamp.parse(stamp) else {
            throw InputError(field: dateHeading, value: FieldRules.string(stamp), allowed: FormTimestamp.allowed(language))
        }
        guard let date = FormTimestamp.surveyDate(parsed, order: dateOrder, zone: options.timeZone ?? FormTimestamp.defaultZone) else {
            let order = dateOrder == .dmy ? "d/M/yyyy" : "M/d/yyyy"
            throw InputError(field: dateHeading, value: FieldRules.string(stamp), allowed: language.pick(
                "tanggal yang ada; tanggal dengan garis miring di berkas ini dibaca \(order) (--date-order mengubahnya)",
                "a date that exists; slashed dates in this file are read \(order) (--date-order changes it)"))
        }
        dates = dates.map { min($0.lowerBound, date)...max($0.upperBound, date) } ?? date...date
        writeDate(date)
        fields[Self.date] = Bytes(start: scratch, count: 10)
        if let service = buffers.service {
            fields[Self.service] = Bytes(service)
        } else {
            fields[Self.service] = row[Self.service]
        }
        countService(fields[Self.service])

        for unsur in 0..<SurveyResponse.elementCount {
            fields[Self.firstScore + unsur] = try answer(row[Self.firstScore + unsur], unsur: unsur)
        }
        fields[Self.gender] = try Self.profile(row[Self.gender], in: &genders, field: .gender, language: language) {
            QuestionnaireVocabulary.gender($0)?.canonical
        }
        fields[Self.education] = try Self.profile(row[Self.education], in: &educations, field: .education, language: language) {
            QuestionnaireVocabulary.education($0)?.canonical
        }
        fields[Self.occupation] = try Self.profile(row[Self.occupation], in: &occupations, field: .occupation,
                                                   language: language) {
            QuestionnaireVocabulary.occupation($0, freeText: true)?.canonical
        }
        fields[Self.age] = try age(row[Self.age])
        fields[Self.suggestion] = row[Self.suggestion]
        try inner.importRow(FormRow(fields: fields), write: write)
    }

    private func writeDate(_ date: CalendarDate) {
        func put(_ value: Int, at offset: Int, digits: Int) {
            var value = value
            for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                scratch[position] = UInt8(0x30 + value % 10)
                value /= 10
            }
        }
        put(date.year, at: 0, digits: 4)
        scratch[4] = 0x2D
        put(date.month, at: 5, digits: 2)
        scratch[7] = 0x2D
        put(date.day, at: 8, digits: 2)
    }

    private mutating func countService(_ bytes: Bytes) {
        let service = FieldRules.trimmed(bytes)
        if let index = services.index(of: service) {
            serviceRows[index] += 1
        } else if services.insert(service, 0) {
            serviceRows.append(1)
        } else {
            otherServiceRows += 1
        }
    }

    /// The canonical digit of an answer (or nothing for unanswered).
    private mutating func answer(_ bytes: Bytes, unsur: Int) throws -> Bytes {
        let text = FieldRules.trimmed(bytes)
        if text.count == 1, (text[0] >= 0x31 && text[0] <= 0x34) || text[0] == 0x2D { return text }
        if text.isEmpty { return text }
        let score: Int?
        if let cached = answers[unsur].value(of: text) {
            score = cached
        } else {
            guard case .score(let read) = QuestionnaireVocabulary.answer(FieldRules.string(text), unsur: unsur + 1) else {
                throw InputError(field: "U\(unsur + 1)", value: FieldRules.string(text),
                                 allowed: QuestionnaireVocabulary.answerAllowed(unsur: unsur + 1, language: options.language))
            }
            score = read
            _ = answers[unsur].insert(text, read)
        }
        guard let score else { return Bytes(start: nil, count: 0) }
        return Bytes(start: Self.digits.utf8Start + (score - 1), count: 1)
    }

    /// A profile answer's canonical spelling (or nothing when empty). Static, so that passing
    /// one of the importer's caches `inout` does not copy the importer.
    private static func profile(_ bytes: Bytes, in cache: inout CellCache<StaticString?>, field: ProfileField,
                                language: MessageLanguage, read: (String) -> StaticString?) throws -> Bytes {
        let text = FieldRules.trimmed(bytes)
        if text.isEmpty { return text }
        let canonical: StaticString
        if let cached = cache.value(of: text), let value = cached {
            canonical = value
        } else {
            guard let value = read(FieldRules.string(text)) else {
                throw InputError(field: fieldName(field), value: FieldRules.string(text),
                                 allowed: QuestionnaireVocabulary.profileAllowed(field, language: language))
            }
            canonical = value
            _ = cache.insert(text, value)
        }
        return Bytes(start: canonical.utf8Start, count: canonical.utf8CodeUnitCount)
    }

    private func age(_ bytes: Bytes) throws -> Bytes {
        let text = FieldRules.trimmed(bytes)
        if text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return text }
        guard let digits = QuestionnaireVocabulary.ageDigits(FieldRules.string(text)), digits.utf8.count <= 9 else {
            throw InputError(field: "age", value: FieldRules.string(text),
                             allowed: QuestionnaireVocabulary.profileAllowed(.age, language: options.language))
        }
        let start = scratch + 16
        for (offset, byte) in digits.utf8.enumerated() { start[offset] = byte }
        return Bytes(start: start, count: digits.utf8.count)
    }

    private static func fieldName(_ field: ProfileField) -> String {
        switch field {
        case .gender: return "gender"
        case .age: return "age"
        case .education: return "education"
        case .occupation: return "occupation"
        }
    }
}

/// The fields handed to `SurveyRowImporter`, and the bytes the mapped date and age live in.
private final class FormRowBuffers {
    let fields = UnsafeMutablePointer<Bytes>.allocate(capacity: SurveyRowImporter.columns.count)
    let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
    /// The service every row gets (`FormImportOptions.service`), when given.
    private(set) var service: UnsafeMutableBufferPointer<UInt8>?

    func keepService(_ text: String) {
        let bytes = Array(text.utf8)
        let kept = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = kept.initialize(from: bytes)
        service?.deallocate()
        service = kept
    }

    deinit {
        fields.deallocate()
        scratch.deallocate()
        service?.deallocate()
    }
}

/// A form row mapped onto `SurveyRowImporter.columns`.
private struct FormRow: SurveyFieldSource {
    let fields: UnsafeMutablePointer<Bytes>

    @inline(__always)
    subscript(column: Int) -> Bytes { fields[column] }
}

/// The value read from each distinct cell text of a column, so a label is read once per file.
private struct CellCache<Value> {
    private(set) var keys: [[UInt8]] = []
    private var values: [Value] = []
    private let limit: Int

    init(limit: Int = 64) {
        self.limit = limit
    }

    func index(of bytes: Bytes) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return keys.firstIndex { $0.isEmpty } }
        return keys.firstIndex { key in
            key.count == bytes.count && key.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, bytes.count) == 0 }
        }
    }

    func value(of bytes: Bytes) -> Value? {
        index(of: bytes).map { values[$0] }
    }

    /// Remembers `value` for `bytes`; false when the cache is full.
    mutating func insert(_ bytes: Bytes, _ value: Value) -> Bool {
        guard keys.count < limit else { return false }
        keys.append(Array(bytes))
        values.append(value)
        return true
    }
}
