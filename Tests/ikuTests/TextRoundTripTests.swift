import Foundation
import Testing

/// Text with quotes, semicolons, SQL, line breaks, emoji and right-to-left marks comes back
/// exactly as entered: through `add` and `show --format json`, and through a CSV import and
/// `list --format csv`.
@Suite("Hostile text round-trips exactly")
struct TextRoundTripTests {
    static let texts = [
        "Kata \"kutip\" dan 'tunggal'; titik-koma;",
        "x'); DROP TABLE survey_response_versions; --",
        "baris satu\nbaris dua\r\nbaris tiga",
        "Emoji 😀 👩‍👩‍👧 🇮🇩 dan \u{200F}سلام\u{200E} שלום \u{202E}txet\u{202C} e\u{301}",
        "tab\tkoma, \"=SUM(A1)\" @cmd \\n bukan baris baru",
    ]

    /// The value of `key` in the one JSON object `text` holds.
    static func jsonField(_ text: String, _ key: String) throws -> String? {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        return object[key] as? String
    }

    /// The records of RFC 4180 `text` (quoted fields with doubled quotes, CRLF or LF line ends),
    /// each as a dictionary keyed by the header's names.
    static func csvRows(_ text: String) -> [[String: String]] {
        var records: [[String]] = [], record: [String] = [], field = String.UnicodeScalarView()
        var quoted = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append(scalar)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(String(field))
                field = String.UnicodeScalarView()
            } else if scalar == "\r" || scalar == "\n" {
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                record.append(String(field))
                records.append(record)
                (record, field) = ([], String.UnicodeScalarView())
            } else {
                field.append(scalar)
            }
            index += 1
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func succeeded(_ iku: IkuRunner, _ arguments: [String]) throws -> String {
        let result = try iku.run(arguments)
        guard result.status == 0 else { throw RunFailure(result: result) }
        return result.stdout
    }

    @Test(arguments: texts)
    func addThenShowAsJSONGivesTheTextBack(_ text: String) throws {
        let iku = try IkuRunner()
        try iku.initialise()
        let village = try succeeded(iku, ["village", "add", "--code", "35.08.01.2001", "--name", text])
        let submission = try succeeded(iku, ["submission", "add", "--village", "35.08.01.2001", "--document", "apbdesa",
                                             "--year", "2026", "--date", "2025-12-20", "--reference", text, "--note", text])
        let activity = try succeeded(iku, ["facilitation", "add", "--date", "2026-02-03", "--kind", "koordinasi",
                                           "--institution", text, "--subject", text, "--section", text, "--result", text])
        let survey = try succeeded(iku, ["survey", "add", "--date", "2026-03-02", "--service", text,
                                         "--scores", "4,3,4,4,3,4,4,3,4", "--suggestion", text])
        let shown: [(kind: String, id: String, keys: [String])] = [
            ("village", village, ["name"]), ("submission", submission, ["reference", "note"]),
            ("facilitation", activity, ["institution", "subject", "section", "result"]),
            ("survey", survey, ["service", "suggestion"]),
        ]
        for (kind, id, keys) in shown {
            let json = try succeeded(iku, [kind, "show", id.trimmingCharacters(in: .newlines), "--format", "json"])
            for key in keys {
                #expect(try Self.jsonField(json, key) == text, "\(kind) \(key)")
            }
        }
    }

    @Test func csvImportThenListAsCSVGivesTheTextBack() throws {
        let iku = try IkuRunner()
        try iku.initialise()
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var survey = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,suggestion\r\n"
        var villages = "code,name\r\n"
        for (index, text) in Self.texts.enumerated() {
            survey += "2026-03-0\(index + 1),\(quoted(text)),4,3,4,4,3,4,4,3,4,\(quoted(text))\r\n"
            villages += "35.08.01.200\(index + 1),\(quoted(text))\r\n"
        }
        try Data(survey.utf8).write(to: URL(fileURLWithPath: iku.path("survey.csv")))
        try Data(villages.utf8).write(to: URL(fileURLWithPath: iku.path("villages.csv")))
        _ = try succeeded(iku, ["survey", "import", iku.path("survey.csv")])
        _ = try succeeded(iku, ["village", "import", iku.path("villages.csv")])

        let responses = Self.csvRows(try succeeded(iku, ["survey", "list", "--format", "csv"]))
        #expect(responses.map { $0["service"] } == Self.texts)
        #expect(responses.map { $0["suggestion"] } == Self.texts)
        let listed = Self.csvRows(try succeeded(iku, ["village", "list", "--format", "csv"]))
        #expect(listed.map { $0["name"] } == Self.texts)
    }
}
