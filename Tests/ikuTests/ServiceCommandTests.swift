import Foundation
import Testing

/// `iku service add/list/remove` end to end, through the built `iku` executable.
@Suite("Service commands")
struct ServiceCommandTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-04-01T02:00:00Z"
        try iku.initialise()
    }

    @Test func addListRemoveAndRefusals() throws {
        let added = try iku.run(["service", "add", "--name", "KTP"])
        #expect(added.status == 0 && added.stdout == "service KTP added (change #2)\n", "\(added.stderr)")
        #expect(try iku.run(["service", "add", "--name", "Surat Pindah"]).status == 0)
        let list = try iku.run(["service", "list"])
        #expect(list.stdout.contains("KTP") && list.stdout.contains("Surat Pindah") && list.stdout.contains("test-clerk"))
        let before = try iku.contentDump()
        let duplicate = try iku.run(["service", "add", "--name", "ktp"])
        #expect(duplicate.status == 1 && duplicate.stderr.hasPrefix("error: the service KTP is already offered"))
        let empty = try iku.run(["service", "add", "--name", " "])
        #expect(empty.status == 1 && empty.stderr.contains("name:"))
        let unknown = try iku.run(["service", "remove", "--name", "Paspor"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no service named Paspor"))
        #expect(try iku.run(["service", "add"]).status == 2)
        #expect(try iku.contentDump() == before)
        iku.environment["IKU_NOW"] = "2026-04-01T03:00:00Z"
        let removed = try iku.run(["service", "remove", "--name", "surat pindah"])
        #expect(removed.status == 0 && removed.stdout == "service Surat Pindah removed\n")
        #expect(!(try iku.run(["service", "list"]).stdout.contains("Surat Pindah")))
        #expect(try iku.run(["service", "list", "--as-of", "2026-04-01T02:30:00Z"]).stdout.contains("Surat Pindah"))
        let log = try iku.run(["audit", "log", "--kind", "office", "--format", "csv"])
        #expect(log.stdout.contains("service add KTP") && log.stdout.contains("service remove Surat Pindah"))
        #expect(try iku.run(["audit", "verify"]).status == 0)
    }
}
