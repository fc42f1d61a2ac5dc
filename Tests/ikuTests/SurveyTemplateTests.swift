import Foundation
import Testing

/// `iku survey template` end to end, through the built `iku`.
@Suite("Survey template")
struct SurveyTemplateTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-12-02T03:00:00Z"
        try iku.initialise()
    }

    func ok(_ arguments: [String], stdin: Data? = nil) throws -> String {
        let result = try iku.run(arguments, stdin: stdin)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    @Test func htmlIsTheWholeQuestionnaireForTheOfficeEscapedAndSelfContained() throws {
        _ = try ok(["survey", "entry", "--date", "2026-12-01"], stdin: Data("""
            :layanan KTP
            444444444
            444444444
            :layanan <b>Akta</b> & "Co"
            444444444
            :layanan ktp
            444444444
            :layanan SKTM
            444444444
            :batal
            """.utf8))
        let html = try ok(["survey", "template", "--format", "html"])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("<p>Kecamatan Tempursari (kode 35.08.01)</p>"))
        // The services its live responses name, most used first, one spelling each; voided ones left out.
        #expect(html.contains("<span class=\"box\">KTP</span><span class=\"box\">&lt;b&gt;Akta&lt;/b&gt; &amp; &quot;Co&quot;</span><span class=\"box\">Lainnya:"))
        #expect(!html.contains("SKTM"))
        #expect(html.components(separatedBy: "<li><p class=\"q\">").count - 1 == 9)
        for label in ["a. Tidak sesuai", "d. Sangat mudah", "c. Cepat", "a. Sangat mahal", "d. Gratis", "b. Kurang kompeten",
                      "d. Sangat sopan dan ramah", "b. Ada tetapi tidak berfungsi", "d. Dikelola dengan baik", "a. Buruk"] {
            #expect(html.contains("<span class=\"box\">\(label)</span>"), "\(label)")
        }
        for profile in ["Laki-laki", "Perempuan", "SMA/SMK", "D4/S1", "PNS/ASN", "Wirausaha"] {
            #expect(html.contains("<span class=\"box\">\(profile)</span>"), "\(profile)")
        }
        let path = iku.path("kuesioner.html")
        _ = try ok(["survey", "template", "--format", "html", "--output", path])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == html)
        let again = try iku.run(["survey", "template", "--format", "html", "--output", path])
        #expect(again.status == 1 && again.stderr.contains("give --force to replace it"))
    }

    @Test func theOfficesListOfServicesWinsOverTheRecordedOnes() throws {
        _ = try ok(["survey", "entry", "--date", "2026-12-01", "--service", "KTP"], stdin: Data("444444444\n".utf8))
        _ = try ok(["service", "add", "--name", "Akta Kematian"])
        _ = try ok(["service", "add", "--name", "Surat Pindah"])
        let html = try ok(["survey", "template", "--format", "html"])
        #expect(html.contains("<span class=\"box\">Akta Kematian</span><span class=\"box\">Surat Pindah</span><span class=\"box\">Lainnya:"))
        #expect(!html.contains(">KTP<"))
    }

    @Test func csvHeaderIsReadByTheFormImport() throws {
        let csv = try ok(["survey", "template", "--format", "csv"])
        #expect(csv.hasPrefix("\u{FEFF}Tanggal survei,Jenis layanan,1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan"))
        #expect(csv.hasSuffix(",Jenis kelamin,Umur,Pendidikan terakhir,Pekerjaan utama,Saran dan masukan\r\n"))
        #expect(csv.split(separator: "\r\n").count == 1)
        let path = iku.path("isian.csv")
        try Data((csv + "2026-11-30,KTP,4,3,c. Cepat,Gratis,4,4,Sopan dan ramah,4,Baik,P,34,SMA,PNS,Bagus\r\n"
                  + "2026-12-01,KK,1,1,1,1,1,1,1,1,1,Laki-laki,60,SD,Petani,\r\n").utf8).write(to: URL(fileURLWithPath: path))
        let dryRun = try ok(["survey", "import", path, "--form", "--dry-run"])
        #expect(dryRun.contains("  1. \"Tanggal survei\" → tanggal survei\n  2. \"Jenis layanan\" → jenis layanan\n"))
        #expect(dryRun.contains("→ U9 Sarana dan Prasarana\n  12. \"Jenis kelamin\" → jenis kelamin\n"))
        #expect(dryRun.contains("Tanggal ditulis yyyy-MM-dd; urutan hari/bulan tidak diperlukan\n"))
        _ = try ok(["survey", "import", path, "--form"])
        let listed = try ok(["survey", "list", "--format", "csv"]).split(separator: "\r\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false)[2..<18].joined(separator: ",") }
        #expect(listed == [
            "2026-11-30,KTP,4,3,3,4,4,4,3,4,3,P,34,SMA,PNS,Bagus",
            "2026-12-01,KK,1,1,1,1,1,1,1,1,1,L,60,SD,LAINNYA,",
        ])
    }
}
