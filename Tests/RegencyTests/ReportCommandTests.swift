import Foundation
import Indicators
import ReportRendering
import Testing
@testable import Regency
@testable import Storage

/// `iku-regency report` as the real binary on a real PostgreSQL server: the JSON contract (each
/// kecamatan's indicator objects are its own `iku report --format json` objects), the other
/// formats, escaping, and bad input refused with one line.
@Suite("Regency report command")
struct ReportCommandTests {
    static let now = "2026-12-04T05:00:00Z"

    func withRegency(_ body: (RegencyRunner, OfficeFixture) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let runner = RegencyRunner(address: database.address.description)
            let office = try OfficeFixture()
            try office.addRecords()
            let facilitation = FacilitationStore(office.database)
            let activity = try facilitation.add(FacilitationInput(date: "2026-03-02", kind: "koordinasi", institution: "Puskesmas",
                                                                  subject: "Stunting"))
            try facilitation.addFollowUp(to: activity, FollowUpInput(date: "2026-03-05", action: "Surat edaran"))
            try facilitation.add(FacilitationInput(date: "2026-04-02", kind: "fasilitasi", institution: "BPD", subject: "APBDes"))
            _ = try TargetStore(office.database).set(.facilitation, year: 2026, value: 80)
            #expect(try runner.run(["init", "--code", "35.08", "--name", "Lumajang"]).status == 0)
            #expect(try runner.run(["office", "add", "--code", office.code, "--name", office.name,
                                    "--public-key", office.key.publicKeyText]).status == 0)
            #expect(try runner.run(["office", "add", "--code", "35.08.02", "--name", "<b>Pasirian</b>",
                                    "--public-key", office.key.publicKeyText]).status == 0)
            #expect(try runner.run(["ingest", try office.export("all.iku-bundle").path]).status == 0)
            try await body(runner, office)
        }
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A JSON value as sorted, compact text, to compare values read from two documents.
    func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    @Test func eachKecamatanCarriesTheIndicatorObjectsOfItsOwnReport() async throws {
        try await withRegency { runner, office in
            let result = try runner.run(["report", "--year", "2026", "--format", "json"], environment: ["IKU_NOW": Self.now])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try object(result.stdout)
            let kecamatan = try #require(json["kecamatan"] as? [[String: Any]])
            #expect(kecamatan.map { $0["code"] as? String } == ["35.08.01", "35.08.02"])
            let own = try ReportBuilder(office.database).report(for: try Period.year(2026), on: CalendarDate("2026-12-04"))
            let ownJSON = try object(try ReportJSON.render(own))
            let ownIndicators = try #require(ownJSON["indicators"] as? [[String: Any]])
            let indicators = try #require(kecamatan[0]["indicators"] as? [[String: Any]])
            #expect(indicators.map { $0["key"] as? String } == ["ikm", "facilitation", "village_documents"])
            for (mine, theirs) in zip(indicators, ownIndicators) {
                var expected = theirs
                expected["breakdowns"] = nil
                #expect(Set(mine.keys) == Set(expected.keys), "\(mine["key"] ?? "")")
                for (name, value) in expected {
                    #expect(try canonical(mine[name] ?? NSNull()) == canonical(value), "\(mine["key"] ?? "").\(name)")
                }
            }
            #expect(indicators[0]["breakdowns"] == nil)
            #expect(indicators[1]["value"] as? Double == 50 && indicators[1]["capaian"] as? Double == 62.5)
            let last = try #require(kecamatan[0]["last_change"] as? [String: Any])
            #expect(last["id"] as? Int == Int(own.asOfChangeID))
            #expect(last["head"] as? String == (try office.head()))
            #expect(kecamatan[0]["timezone"] as? String == "Asia/Jakarta")
            // A kecamatan that sent nothing is listed as such, with no figure.
            #expect(kecamatan[1]["last_change"] is NSNull)
            #expect((kecamatan[1]["indicators"] as? [Any])?.isEmpty == true)
            let regency = try #require(json["regency"] as? [String: Any])
            #expect(regency["code"] as? String == "35.08")
            let rollUp = try #require(regency["indicators"] as? [[String: Any]])
            #expect(rollUp.map { $0["key"] as? String } == ["ikm", "facilitation", "village_documents"])
            #expect(rollUp[1]["mean"] as? Double == 50 && rollUp[1]["pooled"] as? Double == 50)
            let excluded = try #require(rollUp[1]["excluded"] as? [[String: Any]])
            #expect(excluded.map { $0["code"] as? String } == ["35.08.02"])
            #expect(excluded.first?["reason"] as? String == RegencyCompilation.nothingSent)
        }
    }

    @Test func tableCsvAndHtmlSayTheSameAndEscapeWhatTheyShow() async throws {
        try await withRegency { runner, office in
            let table = try runner.run(["report", "--year", "2026"], environment: ["IKU_NOW": Self.now])
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.contains("Rekapitulasi Capaian IKU Kecamatan se-Kabupaten Lumajang — Tahun 2026"))
            #expect(table.stdout.contains("belum mengirim data"))
            #expect(table.stdout.contains("50.00% · capaian 62.50%"))
            #expect(table.stdout.contains("Rata-rata kecamatan"))

            let csv = try runner.run(["report", "--year", "2026", "--format", "csv", "--excel"], environment: ["IKU_NOW": Self.now])
            #expect(csv.status == 0, "\(csv.stderr)")
            let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 5)
            #expect(lines[0].hasPrefix("\u{FEFF}row;code;name;"))
            #expect(lines[1].hasPrefix("kecamatan;35.08.01;Tempursari;Asia/Jakarta;"))
            #expect(lines[1].contains(";50,0;;2;1;80,0;62,5;"))
            #expect(lines[3].hasPrefix("regency_mean;35.08;Lumajang;"))
            let columns = Set(lines.prefix(3).map { $0.split(separator: ";", omittingEmptySubsequences: false).count })
            #expect(columns.count == 1)

            let path = office.path("lumajang.html")
            let html = try runner.run(["report", "--year", "2026", "--format", "html", "--lang", "en", "--output", path],
                                      environment: ["IKU_NOW": Self.now])
            #expect(html.status == 0, "\(html.stderr)")
            let page = try String(contentsOfFile: path, encoding: .utf8)
            #expect(page.contains("&lt;b&gt;Pasirian&lt;/b&gt;"))
            #expect(!page.contains("<b>Pasirian"))
            #expect(page.contains("Content-Security-Policy"))
            #expect(page.contains("Mean of the kecamatan"))
            let again = try runner.run(["report", "--year", "2026", "--format", "html", "--output", path])
            #expect(again.status == 1 && again.stderr.contains("--force"))
        }
    }

    @Test func badInputIsRefusedWithOneLineNamingTheOption() async throws {
        try await withRegency { runner, _ in
            for (arguments, status, words) in [
                (["report", "--year", "2026", "--quarter", "5"], Int32(1), "quarter"),
                (["report", "--year", "1999"], 1, "year"),
                (["report", "--year", "2026", "--as-of", "2026-13-01"], 1, "as-of"),
                (["report", "--year", "2026", "--format", "pdf"], 2, "format"),
                (["report", "--year", "2026", "--excel"], 2, "--excel"),
                (["report", "--year", "2026", "--format", "json", "--lang", "en"], 2, "--lang"),
            ] {
                let result = try runner.run(arguments)
                #expect(result.status == status, "\(arguments): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(arguments)")
                #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
                if status == 1 { #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)") }
            }
        }
    }
}
