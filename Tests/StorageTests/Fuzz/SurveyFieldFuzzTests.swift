import Foundation
import FuzzSupport
import Testing
@testable import Storage

/// The score and date rules on random text, and whole survey CSV imports of random rows: exactly
/// the valid values are accepted, and every refusal is one line naming the field (and the line)
/// and what is allowed, with the database unchanged.
@Suite("Fuzz: survey scores, dates and CSV rows")
struct SurveyFieldFuzzTests {
    /// Score cells: the allowed ones, near misses, and look-alikes in other scripts.
    static let scoreTokens = ["1", "2", "3", "4", "-", "", " 3", "4 ", "\t2\r\n", "5", "0", "10", "-1", "4.0", "+4", "04",
                              "٣", "３", "x", "--", " - ", "1 2", "\u{200F}3", "3\u{0}", "1\n2", "4\r", "null", "NaN"]

    /// What the rules allow, stated plainly: trimmed of spaces, tabs and line breaks, 1 to 4, or
    /// `-` or nothing for unanswered. `.some(nil)` is an accepted unanswered cell; nil a refusal.
    static func modelScore(_ text: String) -> Int?? {
        switch FieldModel.trimmed(text) {
        case "1", "2", "3", "4": return .some(Int(FieldModel.trimmed(text))!)
        case "-", "": return .some(nil)
        default: return nil
        }
    }

    @Test func scoreCellsAcceptExactlyOneToFourDashOrEmpty() throws {
        var input = FuzzInput(seed: FuzzInput.seed &+ 20)
        for iteration in 0..<FuzzInput.iterations {
            let text = input.chance(0.6) ? input.pick(Self.scoreTokens) : input.string(maxLength: 3)
            let field = "u\(input.int(1...9))", line = input.int(2...1_000_000)
            let context = "seed \(FuzzInput.seed) input #\(iteration): \(text.debugDescription)"
            let result = Result { try FieldRules.withBytes(text) { try SurveyRules.score($0, field: field, line: line) } }
            switch (result, Self.modelScore(text)) {
            case (.success(let score), .some(let expected)):
                #expect(score == expected, "\(context)")
            case (.failure(let error), nil):
                let error = try #require(error as? InputError, "\(context): \(error)")
                #expect(error.field == field && error.line == line, "\(context)")
                #expect(error.description.hasPrefix("line \(line): \(field): ") && !error.description.contains("\n"),
                        "\(context): \(error)")
                #expect(error.description.contains(SurveyRules.scoreAllowed), "\(context): \(error)")
            case (.success(let score), nil):
                Issue.record("accepted \(String(describing: score)) from \(context)")
            case (.failure(let error), .some):
                Issue.record("refused \(context): \(error)")
            }
        }
    }

    @Test func scoreListsAcceptExactlyNineGoodScores() throws {
        var input = FuzzInput(seed: FuzzInput.seed &+ 21)
        let tokens = Self.scoreTokens.filter { !$0.contains(",") }
        var accepted = 0
        for iteration in 0..<FuzzInput.iterations {
            let parts: [String] = input.chance(0.8)
                ? (0..<(input.chance(0.7) ? 9 : input.int(1...12))).map { _ in input.chance(0.85) ? input.pick(["1", "2", "3", "4", "-"]) : input.pick(tokens) }
                : input.string(maxLength: 30).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let text = parts.joined(separator: ",")
            let context = "seed \(FuzzInput.seed) input #\(iteration): \(text.debugDescription)"
            let firstBad = parts.firstIndex { Self.modelScore($0) == nil }
            do {
                let scores = try SurveyRules.scores(text)
                #expect(parts.count == 9 && firstBad == nil, "accepted \(context)")
                #expect(scores == parts.map { Self.modelScore($0)! }, "\(context)")
                accepted += 1
            } catch let error as InputError {
                #expect(!error.description.contains("\n"), "\(context): \(error)")
                if parts.count != 9 {
                    #expect(error.field == "scores" && error.allowed.hasSuffix("(\(parts.count) given)"), "\(context): \(error)")
                } else if let firstBad {
                    #expect(error.field == "scores U\(firstBad + 1)", "\(context): \(error)")
                    #expect(error.allowed == SurveyRules.scoreAllowed, "\(context): \(error)")
                } else {
                    Issue.record("refused \(context): \(error)")
                }
            }
        }
        #expect(accepted > 0)
    }

    @Test func recordDatesAcceptExactlyRealDatesOfTheYears2000To2100() throws {
        var input = FuzzInput(seed: FuzzInput.seed &+ 22)
        for iteration in 0..<FuzzInput.iterations {
            let text = input.chance(0.7) ? input.pick(["", " ", "\t", "\n"]) + input.dateLike() + input.pick(["", " ", "\r\n", "x"])
                : input.string()
            let context = "seed \(FuzzInput.seed) input #\(iteration): \(text.debugDescription)"
            let line = input.int(1...99)
            let expected = FieldModel.recordDate(text)
            do {
                let date = try FieldRules.withBytes(text) { try FieldRules.date($0, field: "date", line: line) }
                #expect(date.description == expected, "accepted \(context)")
            } catch let error as InputError {
                #expect(expected == nil, "refused \(context): \(error)")
                #expect(error.field == "date" && error.line == line, "\(context)")
                #expect(!error.description.contains("\n") && error.description.contains("YYYY-MM-DD"), "\(context): \(error)")
            }
        }
    }

    @Test func surveyImportTakesAllValidRowsOrNoneAndNamesEveryBadLine() throws {
        let fixture = try RecordFixture()
        try fixture.database.connection.execute("PRAGMA synchronous = OFF")  // no fsync per commit: speed only
        let store = SurveyResponseStore(fixture.database)
        var input = FuzzInput(seed: FuzzInput.seed &+ 23)
        let path = fixture.directory.path("rows.csv")
        var accepted = 0, refused = 0
        // Each input is a whole import of one to three rows: fewer in the quick form.
        for iteration in 0..<FuzzInput.iterations(quick: 1_000) {
            let optional = SurveyRow.optionalColumns.filter { _ in input.chance(0.5) }
            let header = (SurveyRow.requiredColumns + optional).shuffled(using: &input)
            let rows = (0..<input.int(1...3)).map { _ in SurveyRow.random(&input) }
            let dropped = rows.indices.map { _ in input.chance(0.03) }
            let records = [header] + rows.enumerated().map { index, row in
                let fields = header.map { row.values[$0]!.text }
                return dropped[index] ? Array(fields.dropLast()) : fields
            }
            let (bytes, lines) = input.rfc4180(records)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let badRows = rows.indices.filter { dropped[$0] || !rows[$0].isValid(columns: header) }
            let context = "seed \(FuzzInput.seed) input #\(iteration): \(records)"
            let before = try AuditState(fixture.database)
            let everyRow = iteration & (iteration - 1) == 0 ? try fixture.snapshot() : nil  // at powers of two
            do {
                let report = try store.importCSV(path: path, options: ImportOptions(allowDuplicateFile: true))
                #expect(badRows.isEmpty, "accepted \(context)")
                #expect(report.rowCount == rows.count)
                let after = try AuditState(fixture.database)
                #expect(after.changes == before.changes + 1 && after.head != before.head, "\(context)")
                let stored = try fixture.database.connection.prepare(
                    "SELECT service, suggestion FROM survey_response_versions WHERE change_id = ? ORDER BY response_id"
                ).map([report.changeID!]) { [$0.string(0), $0.optionalString(1) ?? ""] }
                #expect(stored == rows.map { [FieldModel.trimmed($0.values["service"]!.text),
                                              header.contains("suggestion") ? FieldModel.trimmed($0.values["suggestion"]!.text) : ""] },
                        "\(context)")
                accepted += 1
            } catch let error as ImportRefused {
                #expect(!badRows.isEmpty, "refused \(context): \(error)")
                #expect(error.badLineCount == badRows.count, "\(context): \(error)")
                for (problem, row) in zip(error.problems, badRows) {
                    #expect(problem.line == lines[row + 1], "\(context): \(problem)")
                    let expectedFields = dropped[row] ? ["row"] : rows[row].badFields(columns: header)
                    #expect(expectedFields.contains(problem.field), "\(problem.field) not in \(expectedFields): \(context)")
                    #expect(!problem.description.contains("\n"), "\(context): \(problem)")
                }
                #expect(try AuditState(fixture.database) == before, "\(context)")
                if let everyRow { #expect(try fixture.snapshot() == everyRow, "\(context)") }
                refused += 1
            }
        }
        #expect(accepted > 0 && refused > 0)
    }
}

/// The change count, the audit chain's head and every table's row count: every write records a
/// change and seals it, and rows are only ever appended, so an unchanged state means nothing was
/// written.
struct AuditState: Equatable {
    let changes: Int64
    let head: String?
    let rowCounts: [String: Int64]

    init(_ database: IkuDatabase) throws {
        let connection = database.connection
        changes = try connection.prepare("SELECT count(*) FROM changes").first { $0.int64(0) } ?? 0
        head = try AuditChain(connection).head()?.digest
        var rowCounts: [String: Int64] = [:]
        let tables = try connection.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").map { $0.string(0) }
        for table in tables {
            rowCounts[table] = try connection.prepare("SELECT count(*) FROM \"\(table)\"").scalarInt64()
        }
        self.rowCounts = rowCounts
    }
}

/// Plain statements of the field rules, for the fuzz oracles.
enum FieldModel {
    /// Without leading and trailing spaces, tabs, carriage returns and line feeds.
    static func trimmed(_ text: String) -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { [" ", "\t", "\r", "\n"].contains($0) }
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(scalars)
    }

    static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = false
        return formatter
    }()

    /// The trimmed text when it is `YYYY-MM-DD` in ASCII digits, a day the calendar has, in 2000...2100.
    static func recordDate(_ text: String) -> String? {
        let text = trimmed(text)
        let shape = text.utf8.count == 10 && text.utf8.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (0x30...0x39).contains(byte)
        }
        guard shape, let year = Int(text.prefix(4)), (2000...2100).contains(year),
              let date = dateFormatter.date(from: text), dateFormatter.string(from: date) == text else { return nil }
        return text
    }
}

/// One generated survey CSV row: each column's text and whether the rules allow it.
struct SurveyRow {
    struct Value {
        let text: String
        let isValid: Bool
    }

    static let requiredColumns = ["date", "service"] + (1...9).map { "u\($0)" }
    static let optionalColumns = ["gender", "age", "education", "occupation", "suggestion"]
    /// Columns in the order the importer checks them.
    static let checkOrder = requiredColumns + optionalColumns

    var values: [String: Value]

    func isValid(columns: [String]) -> Bool { badFields(columns: columns).isEmpty }

    func badFields(columns: [String]) -> [String] {
        Self.checkOrder.filter { columns.contains($0) && !values[$0]!.isValid }
    }

    static func random(_ input: inout FuzzInput) -> SurveyRow {
        func member(_ good: [String], _ bad: [String]) -> Value {
            input.chance(0.85) ? Value(text: input.pick(good), isValid: true) : Value(text: input.pick(bad), isValid: false)
        }
        func text(maxLength: Int, required: Bool) -> Value {
            let text = input.chance(0.03) ? String(repeating: "x", count: maxLength + input.int(-1...1))
                : input.chance(0.5) ? input.hostileText() : input.pick(["KTP", "Akta \"Kelahiran\"", "KK, Pindah"])
            let trimmed = FieldModel.trimmed(text)
            return Value(text: text, isValid: trimmed.unicodeScalars.count <= maxLength && (!required || !trimmed.isEmpty))
        }
        var values: [String: Value] = [:]
        let date = input.chance(0.8) ? input.pick(["2026-03-01", " 2024-02-29 ", "2000-01-01", "2100-12-31", "\t2026-12-31\n"])
            : input.chance(0.5) ? input.dateLike() : input.pick(["2025-02-29", "1999-12-31", "2101-01-01", "2026-3-1", "", " ",
                                                                  "２０２６-03-01", "2026/03/01", "2026-03-01x", "2026-13-01"])
        // No survey is dated after today (the fixture's clock reads 2027-01-01 in Asia/Jakarta).
        values["date"] = Value(text: date, isValid: FieldModel.recordDate(date).map { $0 <= RecordFixture.today } ?? false)
        values["service"] = text(maxLength: SurveyRules.serviceLength, required: true)
        for column in requiredColumns.dropFirst(2) {
            let score = input.chance(0.97) ? input.pick(["1", "2", "3", "4", "-", ""]) : input.pick(SurveyFieldFuzzTests.scoreTokens)
            values[column] = Value(text: score, isValid: SurveyFieldFuzzTests.modelScore(score) != nil)
        }
        values["gender"] = member(["L", "p", " P ", ""], ["W", "LP", "l.", "Laki-laki"])
        values["age"] = member(["10", "120", " 35 ", "", "010"], ["9", "121", "-5", "3.5", "tiga", "1e2", "٣٥", "0000000035"])
        values["education"] = member(["SD", "d1-d3", "D4/S1", "s3", "SMA ", ""], ["SLTA", "D4", "S 1", "SMA/SMK"])
        values["occupation"] = member(["PNS", "wirausaha", "Lainnya", ""], ["PETANI", "ASN", "P N S"])
        values["suggestion"] = text(maxLength: SurveyRules.suggestionLength, required: false)
        return SurveyRow(values: values)
    }
}
