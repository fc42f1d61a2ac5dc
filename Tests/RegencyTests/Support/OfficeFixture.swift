import Foundation
@testable import Storage

/// An office's iku database with its key, in a temporary directory, generated through the
/// stores as the `iku` commands write them.
final class OfficeFixture {
    let directory: URL
    let database: IkuDatabase
    let key: OfficeKey
    let code: String
    let name: String

    init(code: String = "35.08.01", name: String = "Tempursari", clock: Clock = .system) throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "iku-regency-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.code = code
        self.name = name
        database = try IkuDatabase.create(path: directory.appending(path: "office.sqlite").path,
                                          office: Office(kecamatanCode: code, kecamatanName: name), actor: "clerk",
                                          clock: clock)
        key = try OfficeKey.create(at: directory.appending(path: "office.key").path)
        try OfficeKeyLog(database).record(key.publicKeyText)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appending(path: name).path }

    /// A village and a few survey responses, one of them voided, and a target.
    func addRecords(day: Int = 10) throws {
        try VillageStore(database).add(VillageInput(code: "\(code).20\(String(format: "%02d", day))", name: "Desa \(day)"))
        let surveys = SurveyResponseStore(database)
        let first = try surveys.add(SurveyResponseInput(date: "2026-02-\(day)", service: "KTP", scores: "4,3,4,4,3,4,4,3,-"))
        try surveys.add(SurveyResponseInput(date: "2026-02-\(day + 1)", service: "KK", scores: "3,3,3,3,3,3,3,3,3"))
        try surveys.void(first, reason: "entered twice")
    }

    func head() throws -> String {
        try AuditChain(database.connection).head()?.digest ?? AuditChain.genesis
    }

    /// `iku export` of the changes after `since` (all without it) into a new file.
    @discardableResult
    func export(_ name: String, since: String? = nil, key: OfficeKey? = nil) throws -> (path: String, summary: BundleSummary) {
        let path = path(name)
        return (path, try BundleExporter(database).export(to: path, since: since, key: key ?? self.key))
    }
}

extension OfficeFixture {
    /// `count` generated survey responses imported from one CSV file: one change with `count` rows.
    func importSurveys(_ count: Int, seed: UInt64) throws {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var csv = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
        for _ in 0..<count {
            let scores = (0..<9).map { _ in String(1 + next(4)) }.joined(separator: ",")
            csv += String(format: "2025-%02d-%02d", 1 + next(12), 1 + next(28)) + ",KTP," + scores + "\n"
        }
        let path = path("surveys-\(seed).csv")
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        try SurveyResponseStore(database).importCSV(path: path)
    }
}
