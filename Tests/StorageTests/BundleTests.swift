import Foundation
import Testing
@testable import Storage

@Suite("Export bundles")
struct BundleTests {
    let fixture: RecordFixture
    let key: OfficeKey

    init() throws {
        fixture = try RecordFixture()
        key = try OfficeKey.create(at: fixture.directory.path("office.key"))
        try OfficeKeyLog(fixture.database).record(key.publicKeyText)
        try fixture.addTempursari()
        let surveys = SurveyResponseStore(fixture.database)
        let first = try surveys.add(SurveyResponseInput(date: "2026-02-20", service: "KTP", scores: "4,3,4,4,3,4,4,3,-",
                                                        suggestion: "Antrean \"cepat\",\nterima kasih"))
        try surveys.add(SurveyResponseInput(date: "2026-02-21", service: "KK", scores: "3,3,3,3,3,3,3,3,3"))
        try surveys.void(first, reason: "entered twice")
        try TargetStore(fixture.database).set(.ikm, year: 2026, value: 82.5)
    }

    func export(_ name: String, since: String? = nil) throws -> (path: String, summary: BundleSummary) {
        let path = fixture.directory.path(name)
        return (path, try BundleExporter(fixture.database).export(to: path, since: since, key: key))
    }

    func head() throws -> String {
        try #require(try AuditChain(fixture.database.connection).head()?.digest)
    }

    @Test func aBundleVerifiesAndCarriesEveryChangeAndRow() throws {
        let (path, written) = try export("all.bundle")
        #expect(written.firstHead == AuditChain.genesis)
        let now = try head()
        #expect(written.lastHead == now)
        #expect(written.changes == Int(try fixture.count("SELECT count(*) FROM changes")))
        var seen: [String: Int] = [:]
        let verified = try BundleVerifier(path: path).verify(publicKey: key.publicKeyText) { change in
            for (table, _) in change.rows { seen[table, default: 0] += 1 }
        }
        #expect(verified == written)
        #expect(seen["survey_response_versions"] == 3)
        #expect(seen["target_settings"] == 1)
        #expect(seen["office"] == 1)
    }

    @Test func theSameDatabaseAndHeadGiveTheSameBytes() throws {
        let first = try export("a.bundle")
        let second = try export("b.bundle")
        #expect(FileManager.default.contents(atPath: first.path) == FileManager.default.contents(atPath: second.path))
    }

    @Test func aBundleSinceAHeadStartsThereAndRefusesHeadsNeverHad() throws {
        let before = try head()
        try TargetStore(fixture.database).set(.facilitation, year: 2026, value: 90)
        let (path, summary) = try export("since.bundle", since: before)
        let now = try head()
        #expect(summary.changes == 1 && summary.firstHead == before && summary.lastHead == now)
        #expect(try BundleVerifier(path: path).verify(publicKey: key.publicKeyText) == summary)
        let error = try #require(throws: InputError.self) {
            try export("bad.bundle", since: String(repeating: "a", count: 64))
        }
        #expect(error.field == "since")
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.path("bad.bundle")))
    }

    @Test func refusesAnExistingFileAndAKeyTheDatabaseNeverRecorded() throws {
        let (path, _) = try export("once.bundle")
        let before = FileManager.default.contents(atPath: path)
        #expect(throws: InputError.self) { try BundleExporter(fixture.database).export(to: path, since: nil, key: key) }
        #expect(FileManager.default.contents(atPath: path) == before)
        let stranger = try OfficeKey.create(at: fixture.directory.path("stranger.key"))
        #expect(throws: StateError.self) {
            try BundleExporter(fixture.database).export(to: fixture.directory.path("x.bundle"), since: nil, key: stranger)
        }
        #expect(throws: StateError.self) { try OfficeKey.create(at: fixture.directory.path("office.key")) }
    }

    /// Replaces the first occurrence of `old` in the bundle with `new`.
    func tampered(_ path: String, _ old: String, _ new: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: old))
        let copy = path + ".tampered"
        try text.replacingCharacters(in: range, with: new).write(toFile: copy, atomically: true, encoding: .utf8)
        return copy
    }

    func refusal(_ path: String, key: String? = nil) throws -> String {
        let error = try #require(throws: StateError.self) {
            try BundleVerifier(path: path).verify(publicKey: key ?? self.key.publicKeyText)
        }
        return error.message
    }

    @Test func anyChangedByteTruncationOrOtherKeyIsRefused() throws {
        let (path, _) = try export("all.bundle")
        #expect(try refusal(tampered(path, "\"KK\"", "\"KTP\"")).contains("do not match its content digest"))
        #expect(try refusal(tampered(path, "\"entered twice\"", "\"entered twice!\"")).contains("content digest"))
        #expect(try refusal(tampered(path, "\"target ikm 2026 = 82.5\"", "\"target ikm 2026 = 92.5\""))
            .contains("the entry does not match"))
        let stranger = try OfficeKey.create(at: fixture.directory.path("stranger.key"))
        #expect(try refusal(path, key: stranger.publicKeyText).contains("signed by another key"))

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let truncated = path + ".truncated"
        try String(text.dropLast(text.count / 3)).write(toFile: truncated, atomically: true, encoding: .utf8)
        let cut = try refusal(truncated)
        #expect(cut.contains("truncated") || cut.contains("not a JSON object"))
        try "hello\n".write(toFile: truncated, atomically: true, encoding: .utf8)
        #expect(try refusal(truncated).contains("not an iku bundle"))
        #expect(try refusal(tampered(path, "\"version\": 1", "\"version\": 2")).contains("format version 2"))
    }

    @Test func aForgerWhoRecomputesTheDigestsStillLacksTheSignature() throws {
        let (path, _) = try export("all.bundle")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let body = lines.dropLast().joined(separator: "\n") + "\n"
        let forgedBody = body.replacingOccurrences(of: "\"KK\"", with: "\"KTP\"")
        #expect(forgedBody != body)
        let end = try #require(lines.last)
        let forged = path + ".forged"
        try (forgedBody + end + "\n").write(toFile: forged, atomically: true, encoding: .utf8)
        #expect(try !refusal(forged).isEmpty)
    }
}
