import Foundation
import Testing

/// `iku demo`: Kecamatan Tempursari with three years of sample records, deterministic for a day.
@Suite("iku demo")
struct DemoCommandTests {
    let iku: IkuRunner
    static let now = "2026-05-20T10:00:00Z"

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = Self.now
    }

    func reportJSON(year: Int, db: String? = nil) throws -> String {
        let result = try iku.run(["report", "--year", String(year), "--format", "json"] + (db.map { ["--db", $0] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func createsACheckedTempursariDatabaseAndPrintsTheYearsReport() throws {
        let demo = try iku.run(["demo"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.hasPrefix("Created \(iku.databasePath): a demo database for Kecamatan Tempursari"))
        #expect(demo.stdout.contains("Capaian Indikator Kinerja Utama (IKU) Kecamatan Tempursari — Tahun 2026"))
        #expect(demo.stdout.contains("Try next:"))
        // The sample head of office signs the report, under the letterhead of Kabupaten Lumajang.
        for line in ["PEMERINTAH KABUPATEN LUMAJANG\nKECAMATAN TEMPURSARI\nJl. Contoh Raya No. 1, Tempursari, Lumajang (alamat contoh)",
                     "Tempursari, 20 Mei 2026\nCamat Tempursari\n",
                     "Contoh Nama Camat, S.Sos. (data contoh)\nPembina (IV/a)\nNIP 19700512 199503 1 004\n"] {
            #expect(demo.stdout.contains(line), "missing \(line)")
        }
        let page = try iku.run(["report", "--year", "2025", "--format", "html"])
        #expect(page.stdout.contains("<p class=\"name\">Contoh Nama Camat, S.Sos. (data contoh)</p>"))
        #expect(!page.stdout.contains("class=\"missing-detail\""))
        #expect(demo.stdout.contains("iku report --year 2025 --format html --output iku-2025.html"))
        #expect(demo.stderr.isEmpty, "no progress line when stderr is not a terminal")

        #expect(try iku.run(["check"]).stdout == "ok\n")
        let verify = try iku.run(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok: "))

        let villages = try iku.run(["village", "list", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(villages.stdout.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["name"] as? String } == [
            "Tegalrejo", "Bulurejo", "Purorejo", "Tempurejo", "Tempursari", "Pundungsari", "Kaliuling",
        ])

        let report = try #require(try JSONSerialization.jsonObject(with: Data(try reportJSON(year: 2025).utf8)) as? [String: Any])
        let indicators = try #require(report["indicators"] as? [[String: Any]])
        #expect(indicators.compactMap { $0["key"] as? String } == ["ikm", "facilitation", "village_documents"])
        for indicator in indicators {
            #expect(indicator["value"] is Double, "\(indicator["key"] ?? "?") is computable: \(indicator["reason"] ?? "")")
            #expect(indicator["target"] is Double)
        }
        let pending = try iku.run(["facilitation", "list", "--year", "2025", "--pending", "--format", "csv"])
        #expect(pending.stdout.split(separator: "\r\n").count > 1, "some 2025 activities have no follow-up")
    }

    @Test func theSameDayGivesTheSameFiguresAndARerunStartsAfresh() throws {
        let other = iku.path("other.sqlite")
        #expect(try iku.run(["demo"]).status == 0)
        #expect(try iku.run(["demo", "--db", other]).status == 0)
        for year in 2024...2026 {
            #expect(try reportJSON(year: year) == (try reportJSON(year: year, db: other)), "\(year)")
        }

        let before = try reportJSON(year: 2025)
        #expect(try iku.run(["survey", "add", "--date", "2025-03-03", "--service", "KTP",
                             "--scores", "1,1,1,1,1,1,1,1,1"]).status == 0)
        #expect(try reportJSON(year: 2025) != before)
        let again = try iku.run(["demo"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("Recreated \(iku.databasePath)"))
        #expect(try reportJSON(year: 2025) == before)
        #expect(try iku.run(["audit", "verify"]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: iku.directory.path).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesAFileThatIsNotItsOwnAndLeavesItUntouched() throws {
        try iku.initialise()
        let dump = try iku.contentDump()
        let notes = iku.path("notes.txt")
        try Data("Rapat koordinasi 3 Maret\n".utf8).write(to: URL(fileURLWithPath: notes))
        for path in [iku.databasePath, notes] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let result = try iku.run(["demo", "--db", path])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("error: refusing to replace \"\(path)\": it is not a demo database"))
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stdout.isEmpty)
            if path == notes { #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes) }
        }
        #expect(try iku.contentDump() == dump)
    }
}
