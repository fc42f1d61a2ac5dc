import Foundation
import Testing

/// `iku key` and `iku export`: the office side of the regency's ingest.
@Suite("Office key and export")
struct ExportCommandTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-11-30T03:00:00Z"
        iku.environment["IKU_KEY"] = iku.path("office.key")
        try iku.initialise()
        #expect(try iku.run(["survey", "add", "--date", "2026-11-02", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4"]).status == 0)
    }

    @Test func keyInitCreatesAPrivateFileRecordsThePublicKeyAndNeverReplacesIt() throws {
        let created = try iku.run(["key", "init"])
        #expect(created.status == 0, "\(created.stderr)")
        let publicKey = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        #expect(publicKey.hasPrefix("ed25519:") && publicKey.count == 52)
        let attributes = try FileManager.default.attributesOfItem(atPath: iku.path("office.key"))
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let keyBytes = FileManager.default.contents(atPath: iku.path("office.key"))

        let again = try iku.run(["key", "init"])
        #expect(again.status == 1 && again.stderr.hasPrefix("error: a key already exists"))
        #expect(FileManager.default.contents(atPath: iku.path("office.key")) == keyBytes)

        let shown = try iku.run(["key", "show"])
        #expect(shown.stdout.split(separator: "\n").last.map(String.init) == publicKey)
        let log = try iku.run(["audit", "log", "--kind", "office", "--format", "csv"])
        #expect(log.stdout.contains("office signing key \(publicKey)"))
    }

    @Test func exportWritesTheSameSignedBundleTwiceAndNeverReplacesAFile() throws {
        let missing = try iku.run(["export", "--output", "a.bundle"])
        #expect(missing.status == 1 && missing.stderr.contains("iku key init"))
        #expect(try iku.run(["key", "init"]).status == 0)
        let first = try iku.run(["export", "--output", "a.bundle"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote a.bundle: 3 changes"))
        let head = try #require(try iku.run(["audit", "head"]).stdout.split(separator: "\t").first.map(String.init))
        #expect(first.stdout.contains("last head:  \(head)"))
        #expect(try iku.run(["export", "--output", "b.bundle"]).status == 0)
        #expect(FileManager.default.contents(atPath: iku.path("a.bundle")) == FileManager.default.contents(atPath: iku.path("b.bundle")))

        let bytes = FileManager.default.contents(atPath: iku.path("a.bundle"))
        let refused = try iku.run(["export", "--output", "a.bundle"])
        #expect(refused.status == 1 && refused.stderr.hasPrefix("error: output:"))
        #expect(FileManager.default.contents(atPath: iku.path("a.bundle")) == bytes)

        let unknown = try iku.run(["export", "--output", "c.bundle", "--since", String(repeating: "0", count: 63) + "1"])
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("error: since:"))
        let since = try iku.run(["export", "--output", "d.bundle", "--since", head])
        #expect(since.status == 0 && since.stdout.hasPrefix("wrote d.bundle: 0 changes"))
    }
}
