import Foundation
import Testing

/// `iku survey entry` end to end: from a pipe and at a pseudo-terminal, through the built `iku`.
@Suite("Survey entry session")
struct SurveyEntryTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-12-02T03:00:00Z"
        try iku.initialise()
    }

    /// The stored responses as CSV lines without the change columns.
    func stored() throws -> [String] {
        let result = try iku.run(["survey", "list", "--include-voided", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\r\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).prefix(20).joined(separator: ",")
        }
    }

    @Test func pipedLinesAreStoredOneByOneAndBadOnesExplained() throws {
        let lines = """
            434434434 P 34 SMA PNS # antrean lebih cepat
            4,3,4,4,3,4,4,3,- laki-laki 52 s1 wiraswasta
            43443443 P
            :layanan KK
            :tanggal 2026-11-30
            1 2 3 4 1 2 3 4 1 pegawai swasta 20 tahun
            444444444 umur 20
            :batal
            :foo
            333333333 SMP SMA
            444444444 # masih dipakai
            
            444444444 never read
            """
        let result = try iku.run(["survey", "entry", "--service", "KTP", "--date", "2026-12-01"], stdin: Data((lines + "\n").utf8))
        #expect(result.status == 1)
        #expect(result.stdout == """
            baris 1: tersimpan, id 1 (P, 34, SMA, PNS)
            baris 2: tersimpan, id 2 (L, 52, D4/S1, WIRAUSAHA)
            baris 4: layanan KK
            baris 5: tanggal 2026-11-30
            baris 6: tersimpan, id 3 (20, SWASTA)
            baris 8: id 3 dibatalkan
            baris 11: tersimpan, id 4
            selesai: 4 tersimpan, 1 dibatalkan, 4 ditolak (baris 3, 7, 9, 10)

            """)
        let refusals = result.stderr.split(separator: "\n")
        #expect(refusals.count == 4)
        #expect(refusals[0].hasPrefix("ditolak: baris 3: jawaban: \"43443443 P\" tidak diterima; sembilan jawaban U1..U9"))
        #expect(refusals[1].hasPrefix("ditolak: baris 7: profil: \"umur\" tidak diterima; setelah sembilan jawaban: jenis kelamin (L/P)"))
        #expect(refusals[2].hasPrefix("ditolak: baris 9: perintah: \":foo\" tidak diterima; :tanggal TANGGAL, :layanan NAMA"))
        #expect(refusals[3].hasPrefix("ditolak: baris 10: pendidikan: \"SMA\" tidak diterima; sekali saja per baris (sudah SMP)"))
        #expect(try stored() == [
            "3,2,2026-11-30,KK,1,2,3,4,1,2,3,4,1,,20,,SWASTA,,1,dibatalkan saat entri formulir",
            "4,1,2026-11-30,KK,4,4,4,4,4,4,4,4,4,,,,,masih dipakai,0,",
            "1,1,2026-12-01,KTP,4,3,4,4,3,4,4,3,4,P,34,SMA,PNS,antrean lebih cepat,0,",
            "2,1,2026-12-01,KTP,4,3,4,4,3,4,4,3,,L,52,D4/S1,WIRAUSAHA,,0,",
        ])
        let log = try iku.run(["audit", "log", "--format", "csv"]).stdout
        #expect(log.components(separatedBy: "test-clerk,survey,create").count - 1 == 4)
        #expect(try iku.run(["audit", "verify"]).status == 0)
    }

    @Test func everyLineStoredExitsZeroAndEnglishOnRequest() throws {
        let result = try iku.run(["survey", "entry", "--lang", "en"], stdin: Data(":service KTP\n4444-4444 L\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "line 1: service KTP\nline 2: stored, id 1 (L)\ndone: 1 stored, 0 undone, 0 refused\n")
        #expect(result.stderr.isEmpty)
        #expect(try stored() == ["1,1,2026-12-02,KTP,4,4,4,4,,4,4,4,4,L,,,,,0,"])

        let refused = try iku.run(["survey", "entry", "--lang", "en"], stdin: Data("444444444\n".utf8))
        #expect(refused.status == 1)
        #expect(refused.stderr == "refused: line 1: service: \"\" is not allowed; set it first with :service NAME (or --service)\n")
        #expect(refused.stdout == "done: 0 stored, 0 undone, 1 refused (line 1)\n")
        #expect(try stored().count == 1)
    }

    @Test func atATerminalPromptEditAndCtrlCKeepWhatWasStored() throws {
        let terminal = try PseudoTerminalProcess(
            executable: IkuRunner.executable.path,
            arguments: ["survey", "entry", "--service", "KTP", "--date", "2026-11-30"],
            environment: iku.environment)
        try terminal.read(until: "[2026-11-30 · KTP] > ")
        terminal.type("434434434 P 34\n")
        try terminal.read(until: "baris 1: tersimpan, id 1 (P, 34)")
        try terminal.read(until: "[2026-11-30 · KTP] > ")
        terminal.type("55\n")
        try terminal.read(until: "ditolak: baris 2: jawaban")
        terminal.type(":layanan KK\n")
        try terminal.read(until: "[2026-11-30 · KK] > ")
        // The terminal's line editing: DEL erases the mistyped 9, the line stored is 444444443.
        terminal.type("44444444 9\u{7F}\u{7F}3\n")
        try terminal.read(until: "baris 4: tersimpan, id 2")
        try terminal.read(until: "> ")
        terminal.type("\u{03}")
        let end = try terminal.read(until: "selesai (dihentikan dengan Ctrl-C): 2 tersimpan, 0 dibatalkan, 1 ditolak (baris 2)")
        #expect(!end.contains("error"))
        #expect(terminal.waitForExit() == 130)
        #expect(try stored() == [
            "1,1,2026-11-30,KTP,4,3,4,4,3,4,4,3,4,P,34,,,,0,",
            "2,1,2026-11-30,KK,4,4,4,4,4,4,4,4,3,,,,,,0,",
        ])
    }
}
