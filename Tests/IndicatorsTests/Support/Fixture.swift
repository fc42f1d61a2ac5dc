import Foundation
import Storage

/// A fresh iku database in a temporary directory, with helpers that write records straight into
/// the real schema (identity row + version row + one change each), as the clerk commands do.
final class Fixture {
    let directory: URL
    let database: IkuDatabase

    /// - Parameter now: the database clock (default 2026-01-01T00:00:00Z), which also makes "today".
    init(now: Date = Date(timeIntervalSince1970: 1_767_225_600)) throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "iku-indicators-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try IkuDatabase.create(
            path: directory.appending(path: "iku.sqlite").path,
            office: Office(kecamatanCode: "35.08.01", kecamatanName: "Tempursari"),
            actor: "clerk", clock: .fixed(now))
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var connection: Connection { database.connection }

    /// The id of the last change recorded.
    var lastChange: Int64 { (try? database.lastChangeID()) ?? 0 }

    // MARK: Survey responses

    static let surveyColumns = """
        response_id, version, change_id, survey_date, service, u1, u2, u3, u4, u5, u6, u7, u8, u9,
        gender, age, education, occupation
        """

    private func insertSurvey(changeID: Int64, date: String, service: String, scores: [Int?],
                              gender: String?, age: Int?, education: String?, occupation: String?) throws -> Int64 {
        precondition(scores.count == 9, "nine scores, U1 to U9")
        try connection.run("INSERT INTO survey_responses DEFAULT VALUES")
        let id = connection.lastInsertedRowID
        let values: [DatabaseValueConvertible] = [id, 1, changeID, date, service] + scores.map { $0 as DatabaseValueConvertible }
            + [gender, age, education, occupation]
        try connection.run("INSERT INTO survey_response_versions (\(Self.surveyColumns)) VALUES (\(placeholders(18)))", values)
        return id
    }

    /// One survey response (a change of its own); `nil` scores are unanswered elements.
    @discardableResult
    func addSurvey(date: String, service: String = "KTP", scores: [Int?], gender: String? = "L", age: Int? = 35,
                   education: String? = "SMA", occupation: String? = "SWASTA") throws -> Int64 {
        try database.write {
            let change = try database.recordChange(kind: .survey, action: .create, recordID: nil, summary: "survey")
            return try insertSurvey(changeID: change, date: date, service: service, scores: scores,
                                    gender: gender, age: age, education: education, occupation: occupation)
        }
    }

    /// `count` responses (one import change) whose answers to element i add up to `sums[i]`:
    /// each answer is ⌊sum/count⌋ or one more, so any sum from count to 4 × count can be hit.
    func addSurveys(count: Int, date: String, service: String = "KTP", sums: [Int]) throws {
        precondition(sums.count == 9 && sums.allSatisfy { (count...4 * count).contains($0) })
        try database.write {
            let change = try database.recordChange(kind: .survey, action: .import, recordID: nil, summary: "import")
            for index in 0..<count {
                let scores = sums.map { sum -> Int? in sum / count + (index < sum % count ? 1 : 0) }
                _ = try insertSurvey(changeID: change, date: date, service: service, scores: scores,
                                     gender: "P", age: 40, education: "D4/S1", occupation: "PNS")
            }
        }
    }

    /// A correction: a new version of the response with `fields` replaced (e.g. `["u1": 4]`).
    func correctSurvey(_ id: Int64, _ fields: [String: DatabaseValue]) throws {
        try newVersion(table: "survey_response_versions", idColumn: "response_id", id: id, kind: .survey,
                       action: .correct, fields: fields)
    }

    func correctSurvey(_ id: Int64, scores: [Int?]) throws {
        var fields: [String: DatabaseValue] = [:]
        for (index, score) in scores.enumerated() { fields["u\(index + 1)"] = score.map { .integer(Int64($0)) } ?? .null }
        try correctSurvey(id, fields)
    }

    func voidSurvey(_ id: Int64, reason: String = "entered twice") throws {
        try newVersion(table: "survey_response_versions", idColumn: "response_id", id: id, kind: .survey,
                       action: .void, fields: ["voided": .integer(1), "void_reason": .text(reason)])
    }

    // MARK: Villages and documents

    @discardableResult
    func addVillage(code: String, name: String, activeFrom: String? = nil, activeUntil: String? = nil) throws -> Int64 {
        try database.write {
            try connection.run("INSERT INTO villages DEFAULT VALUES")
            let id = connection.lastInsertedRowID
            let change = try database.recordChange(kind: .village, action: .create, recordID: id, summary: "village \(code)")
            try connection.run("""
                INSERT INTO village_versions (village_id, version, change_id, code, name, active_from, active_until)
                VALUES (?, 1, ?, ?, ?, ?, ?)
                """, [id, change, code, name, activeFrom, activeUntil])
            return id
        }
    }

    func correctVillage(_ id: Int64, _ fields: [String: DatabaseValue]) throws {
        try newVersion(table: "village_versions", idColumn: "village_id", id: id, kind: .village, action: .correct,
                       fields: fields)
    }

    @discardableResult
    func addSubmission(village: Int64, document: String, fiscalYear: Int, submittedOn: String,
                       reference: String? = nil) throws -> Int64 {
        try database.write {
            try connection.run("INSERT INTO submissions DEFAULT VALUES")
            let id = connection.lastInsertedRowID
            let change = try database.recordChange(kind: .submission, action: .create, recordID: id,
                                                   summary: "\(document) \(fiscalYear)")
            try connection.run("""
                INSERT INTO submission_versions (submission_id, version, change_id, village_id, document, fiscal_year,
                                                 submitted_on, reference)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?)
                """, [id, change, village, document, fiscalYear, submittedOn, reference])
            return id
        }
    }

    func correctSubmission(_ id: Int64, _ fields: [String: DatabaseValue]) throws {
        try newVersion(table: "submission_versions", idColumn: "submission_id", id: id, kind: .submission,
                       action: .correct, fields: fields)
    }

    func voidSubmission(_ id: Int64, reason: String = "wrong village") throws {
        try newVersion(table: "submission_versions", idColumn: "submission_id", id: id, kind: .submission,
                       action: .void, fields: ["voided": .integer(1), "void_reason": .text(reason)])
    }

    // MARK: Facilitation and follow-ups

    @discardableResult
    func addFacilitation(heldOn: String, kind: String = "koordinasi", institution: String = "Puskesmas",
                         subject: String = "Stunting", section: String? = "Kesra") throws -> Int64 {
        try database.write {
            try connection.run("INSERT INTO facilitations DEFAULT VALUES")
            let id = connection.lastInsertedRowID
            let change = try database.recordChange(kind: .facilitation, action: .create, recordID: id, summary: subject)
            try connection.run("""
                INSERT INTO facilitation_versions (facilitation_id, version, change_id, held_on, kind, institution, subject, section)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?)
                """, [id, change, heldOn, kind, institution, subject, section])
            return id
        }
    }

    func voidFacilitation(_ id: Int64, reason: String = "not held") throws {
        try newVersion(table: "facilitation_versions", idColumn: "facilitation_id", id: id, kind: .facilitation,
                       action: .void, fields: ["voided": .integer(1), "void_reason": .text(reason)])
    }

    @discardableResult
    func addFollowUp(facilitation: Int64, doneOn: String, action: String = "Surat edaran") throws -> Int64 {
        try database.write {
            try connection.run("INSERT INTO follow_ups (facilitation_id) VALUES (?)", [facilitation])
            let id = connection.lastInsertedRowID
            let change = try database.recordChange(kind: .followUp, action: .create, recordID: id, summary: action)
            try connection.run("""
                INSERT INTO follow_up_versions (follow_up_id, version, change_id, done_on, action) VALUES (?, 1, ?, ?, ?)
                """, [id, change, doneOn, action])
            return id
        }
    }

    func voidFollowUp(_ id: Int64, reason: String = "wrong activity") throws {
        try newVersion(table: "follow_up_versions", idColumn: "follow_up_id", id: id, kind: .followUp,
                       action: .void, fields: ["voided": .integer(1), "void_reason": .text(reason)])
    }

    // MARK: Versions

    /// Copies the record's latest version as version N+1 with `fields` replaced, under a new change.
    private func newVersion(table: String, idColumn: String, id: Int64, kind: ChangeKind, action: ChangeAction,
                            fields: [String: DatabaseValue]) throws {
        try database.write {
            let latest = try connection.prepare(
                "SELECT * FROM \(table) WHERE \(idColumn) = ? ORDER BY version DESC LIMIT 1"
            ).first([id]) { row in
                (0..<row.count).map { (row.columnName($0), row.value($0)) }
            }
            guard var columns = latest else { throw StateError("no \(table) row for \(id)") }
            columns.removeAll { $0.0 == "row_id" }
            let change = try database.recordChange(kind: kind, action: action, recordID: id, summary: "\(action) \(id)")
            for index in columns.indices {
                let name = columns[index].0
                if name == "version", case .integer(let version) = columns[index].1 { columns[index].1 = .integer(version + 1) }
                if name == "change_id" { columns[index].1 = .integer(change) }
                if let replacement = fields[name] { columns[index].1 = replacement }
            }
            try connection.run(
                "INSERT INTO \(table) (\(columns.map(\.0).joined(separator: ", "))) VALUES (\(placeholders(columns.count)))",
                columns.map(\.1))
        }
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
