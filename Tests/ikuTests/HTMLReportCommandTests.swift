import Foundation
import Testing

/// How many times `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite("iku report --format html, md and csv --excel")
struct HTMLReportCommandTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-12-31T09:00:00Z"
        try iku.initialise()
        try iku.seedYear2026()
        try iku.seedYear2025AndHostileTexts()
        _ = try succeed(["target", "set", "--indicator", "ikm", "--year", "2026", "--value", "85"])
        _ = try succeed(["target", "set", "--indicator", "village-documents", "--year", "2026", "--value", "90"])
    }

    func succeed(_ arguments: [String]) throws -> String {
        let result = try iku.run(arguments)
        guard result.status == 0 else { throw RunFailure(result: result) }
        return result.stdout
    }

    func html(_ extra: [String] = []) throws -> String {
        try succeed(["report", "--year", "2026", "--format", "html"] + extra)
    }

    @Test func showsTheOfficePeriodAndTheThreeIndicatorsWithVerdicts() throws {
        let page = try html()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<html lang=\"id\">"))
        for text in ["Kecamatan Tempursari (kode Kemendagri 35.08.01)", "Tahun 2026", "2026-01-01 s.d. 2026-12-31",
                     "Nilai IKM Kecamatan", "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti",
                     "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa yang tepat waktu",
                     ">87.28<", ">33.33%<", ">22.22%<", ">85.00<", ">90.00%<", "102.68%", "24.69%",
                     "Target tercapai", "Mutu pelayanan B (Baik)", "Target belum ditetapkan", "Target belum tercapai"] {
            #expect(page.contains(text), "missing \(text)")
        }
        #expect(occurrences(of: "class=\"verdict met\"", in: page) == 1)
        #expect(occurrences(of: "class=\"verdict no-target\"", in: page) == 1)
        #expect(occurrences(of: "class=\"verdict not-met\"", in: page) == 1)
    }

    @Test func chartsNineBarsWithTheLowestHighlightedAndTheBandLimits() throws {
        let page = try html()
        #expect(occurrences(of: "<rect class=\"bar", in: page) == 9)
        // The published NRR: U1 3.31 is the lowest; U2 and U9 (3.35) are the other priorities.
        #expect(occurrences(of: "class=\"bar lowest\"", in: page) == 1)
        #expect(page.contains("class=\"bar lowest\" data-code=\"U1\" data-nrr=\"3.31\""))
        #expect(page.contains("class=\"bar priority\" data-code=\"U2\""))
        #expect(page.contains("class=\"bar priority\" data-code=\"U9\""))
        for limit in ["2.6", "3.0644", "3.5324"] {
            #expect(page.contains("class=\"band-limit\" data-value=\"\(limit)\""), "no band line at \(limit)")
        }
        #expect(occurrences(of: "class=\"band-limit\"", in: page) == 3)
    }

    @Test func trendHasOnePointPerYearForEachIndicator() throws {
        let page = try html()
        for series in ["ikm", "facilitation", "village_documents"] {
            #expect(page.contains("class=\"trend-line\" data-series=\"\(series)\" d=\"M"), "no path for \(series)")
            for year in [2025, 2026] {
                #expect(occurrences(of: "data-series=\"\(series)\" data-year=\"\(year)\"", in: page) == 1,
                        "\(series) \(year)")
            }
            #expect(!page.contains("data-series=\"\(series)\" data-year=\"2024\""))
            #expect(!page.contains("data-series=\"\(series)\" data-year=\"2027\""))
        }
        #expect(page.contains("data-series=\"ikm\" data-year=\"2025\" data-value=\"81.25\""))
        #expect(page.contains("data-series=\"facilitation\" data-year=\"2025\" data-value=\"100.0\""))
        // The trend table repeats the figures: 2025's IKM and documents (1 of 9 on time).
        #expect(page.contains(">81.25<"))
        #expect(page.contains(">11.11%<"))
    }

    @Test func matrixColoursOnTimeLateAndMissingWithDatesAndDeadlines() throws {
        let page = try html()
        // Three villages × three deadlines: Tegalrejo RKPDesa on the deadline day, the third
        // village's APBDesa on time, Bulurejo's LPPDesa 2 days late, six missing.
        #expect(occurrences(of: "class=\"doc on-time\"", in: page) == 2)
        #expect(occurrences(of: "class=\"doc late\"", in: page) == 1)
        #expect(occurrences(of: "class=\"doc missing\"", in: page) == 6)
        for text in ["LPPDesa 2025<br><span class=\"due\">batas 2026-03-31</span>", "batas 2026-09-30", "batas 2026-12-31",
                     "2026-04-02", "terlambat 2 hari", "tepat pada batas waktu", "30 hari lebih awal",
                     "Permendagri 20/2018", "Permendagri 46/2016", "Permendesa PDTT 21/2020"] {
            #expect(page.contains(text), "missing \(text)")
        }
    }

    @Test func aDeadlineOverrideShowsWithItsBasisAndMovesTheMatrix() throws {
        _ = try succeed(["deadline", "set", "--document", "apbdesa", "--year", "2027", "--due", "2026-11-30"])
        let page = try html()
        #expect(page.contains("APBDesa 2027<br><span class=\"due\">batas 2026-11-30</span>"))
        #expect(page.contains("ditetapkan di iku oleh test-clerk"))
        #expect(page.contains("APBDesa 2027: 2026-11-30 (ditetapkan di iku oleh test-clerk, perubahan #"))
        #expect(occurrences(of: "class=\"doc late\"", in: page) == 2)   // the APBDesa of 2026-12-01 is now a day late
        #expect(page.contains("terlambat 1 hari"))
        let english = try html(["--lang", "en"])
        // When it was set, in the office's zone: 09:00 UTC is 16:00 WIB.
        #expect(english.contains("set in iku by test-clerk at 2026-12-31 16:00 WIB (change #"))
        #expect(english.contains("generated 2026-12-31 16:00 WIB."))
        #expect(page.contains("ditetapkan di iku oleh test-clerk pada 2026-12-31 16:00 WIB (perubahan #"))
    }

    @Test func listsTheActivitiesStillWithoutFollowUp() throws {
        let page = try html()
        let pending = try #require(page.components(separatedBy: "Kegiatan yang belum ditindaklanjuti").last)
        #expect(pending.contains("BPD Tegalrejo"))
        #expect(pending.contains("Musdes"))
        #expect(pending.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(pending.contains("Rapat &amp; &quot;evaluasi&quot; &lt;b&gt;"))
        #expect(!pending.contains("Puskesmas"))   // followed up on 2026-02-10
        #expect(!pending.contains("Dinas PMD"))   // held in 2025
    }

    @Test func escapesEveryTextFromTheDatabase() throws {
        let page = try html()
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(page.contains("Perdes &lt;7&gt;/2026"))
        #expect(!page.contains("<script>alert(1)</script>"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>"))
    }

    @Test func isSelfContainedAndPrintableOnA4() throws {
        let page = try html()
        for reference in ["http://", "https://", "<link", "src=\"", "@import", "url("] {
            #expect(!page.contains(reference), "found \(reference)")
        }
        #expect(page.contains("<style>"))
        #expect(page.contains("@page { size: A4"))
        #expect(page.contains("break-before: page"))
        #expect(page.contains("default-src 'none'"))
        #expect(occurrences(of: "<section class=\"page\"", in: page) == 4)
        for rule in ["PermenPAN-RB No. 14 Tahun 2017", "bobot tepat 1/9", "half-up", "2 desimal",
                     "31 Desember tahun N−1 (Permendagri 20/2018)", "perubahan #",
                     "Batas waktu yang dihitung periode ini: LPPDesa 2025: 2026-03-31 (ketentuan bawaan); RKPDesa 2027: 2026-09-30"] {
            #expect(page.contains(rule), "missing rule \(rule)")
        }
    }

    @Test func englishGivesTheSameReportInEnglish() throws {
        let page = try html(["--lang", "en"])
        #expect(page.contains("<html lang=\"en\">"))
        for text in ["Key Performance Indicators (IKU) Report", "Year 2026", "Target met", "Service quality B (good)",
                     "No target set", "Target not met", "Village × document matrix", "Activities still without follow-up",
                     "Rules used", "2 days late", "on the deadline day", "weight of exactly 1/9", "Requirements",
                     "regulation: 31 December of year N−1 (Permendagri 20/2018)", ">87.28<", ">22.22%<",
                     "&lt;script&gt;alert(1)&lt;/script&gt;"] {
            #expect(page.contains(text), "missing \(text)")
        }
        for indonesian in ["Ringkasan", "Target tercapai", "belum ada", "terlambat", "ketentuan:", "Tahun 2026",
                           "tidak dapat dihitung", "Persyaratan"] {
            #expect(!page.contains(indonesian), "still Indonesian: \(indonesian)")
        }
        #expect(occurrences(of: "<rect class=\"bar", in: page) == 9)
    }

    @Test func aPeriodWithoutDataSaysNotComputableAndDrawsNoBars() throws {
        let page = try succeed(["report", "--year", "2026", "--quarter", "2", "--format", "html"])
        #expect(page.contains("Tidak dapat dihitung: tidak ada responden survei pada periode ini"))
        #expect(page.contains("Tidak dapat dihitung: tidak ada batas waktu RKPDesa, APBDesa atau LPPDesa dalam periode ini"))
        #expect(occurrences(of: "<rect class=\"bar", in: page) == 0)
        #expect(page.contains("Triwulan II 2026"))
        #expect(page.contains("data-series=\"ikm\" data-year=\"2026\""))   // the trend stays yearly
    }

    @Test func outputWritesTheFileAndNeverReplacesOneWithoutForce() throws {
        let file = iku.path("iku-2026.html")
        #expect(try succeed(["report", "--year", "2026", "--format", "html", "--output", file]).isEmpty)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written == (try html()))

        let again = try iku.run(["report", "--year", "2026", "--format", "html", "--lang", "en", "--output", file])
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: output:"), "\(again.stderr)")
        #expect(again.stderr.contains("--force"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == written)

        _ = try succeed(["report", "--year", "2026", "--format", "html", "--lang", "en", "--output", file, "--force"])
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("<html lang=\"en\">"))
    }

    @Test(arguments: [
        ["--format", "md", "--lang", "en"],
        ["--format", "table", "--excel"],
        ["--format", "html", "--force"],
        ["--format", "pdf"],
    ])
    func misplacedOptionsAreUsageErrors(_ options: [String]) throws {
        let result = try iku.run(["report", "--year", "2026"] + options)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count >= 1)
    }

    @Test func markdownHasTheSameContentAsTables() throws {
        let markdown = try succeed(["report", "--year", "2026", "--format", "md"])
        for text in ["## Ringkasan capaian", "| No | Indikator | Realisasi | Target | Capaian | Penilaian |",
                     "| IKU 1 | Nilai IKM | 87.28 | 85.00 | 102.68% | Target tercapai; Mutu pelayanan B (Baik) |",
                     "| IKU 2 | Fasilitasi ditindaklanjuti (%) | 33.33% | belum ditetapkan | — | Target belum ditetapkan |",
                     "Target belum tercapai", "## Tren tahunan ketiga IKU",
                     "| Tahun | Nilai IKM | Fasilitasi ditindaklanjuti (%) | Dokumen desa tepat waktu (%) |",
                     "| 2025 | 81.25 | 100.00% | 11.11% |", "| 2026 | 87.28 | 33.33% | 22.22% |",
                     "## Kegiatan yang belum ditindaklanjuti", "\\<img src=x onerror=alert(2)>", "\\<script>alert(1)\\</script> & \"Co\"",
                     "## Matriks desa × dokumen", "terlambat: 2026-04-02, terlambat 2 hari",
                     "tepat waktu: 2026-09-30, tepat pada batas waktu", "belum ada (tidak tepat waktu)",
                     "## Batas waktu yang dipakai", "## Aturan yang dipakai", "PermenPAN-RB No. 14 Tahun 2017",
                     "bobot tepat 1/9", "half-up", "kode Kemendagri 35.08.01"] {
            #expect(markdown.contains(text), "missing \(text)")
        }
        #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<"), "an unescaped < in Markdown")
        let table = try succeed(["report", "--year", "2026"])
        #expect(table.contains("Ringkasan capaian"))
        #expect(!table.contains("Tren tahunan"))   // the trend is computed for md and html only
    }

    @Test func excelCSVHasABOMSemicolonsDecimalCommasAndCRLF() throws {
        let file = iku.path("iku-2026.csv")
        _ = try succeed(["report", "--year", "2026", "--format", "csv", "--excel", "--output", file])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(lineFeeds.count > 100)
        #expect(lineFeeds.allSatisfy { bytes[$0 - 1] == 0x0D }, "a line end without CR")
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == "indicator;measure;group;value")
        #expect(lines.contains("ikm;nrr;U4;3,93"))
        #expect(lines.contains("facilitation;held;;3"))
        #expect(lines.contains("village_documents;target;;90,0"))
        let value = try #require(lines.first { $0.hasPrefix("ikm;value;;") })
        #expect(value.hasPrefix("ikm;value;;87,27777"))
        #expect(!text.contains("3.93"))

        let plain = try succeed(["report", "--year", "2026", "--format", "csv"])
        #expect(plain.hasPrefix("indicator,measure,group,value\n"))
        #expect(!plain.contains("\r\n"))
        #expect(plain.split(separator: "\n").contains("ikm,nrr,U4,3.93"))
        #expect(plain.split(separator: "\n").count == lines.count - 1)
    }
}
