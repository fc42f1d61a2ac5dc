import Foundation
import Testing

/// `iku office set/show` with history, and the report as an official document: the letterhead
/// it opens with and the signature block of the head recorded as of the report's date.
@Suite("Office details, letterhead and signature block")
struct OfficialDocumentTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-01-02T01:00:00Z"
        try iku.initialise()
    }

    @discardableResult
    func succeed(_ arguments: [String], at instant: String? = nil) throws -> String {
        if let instant { iku.environment["IKU_NOW"] = instant }
        let result = try iku.run(arguments)
        guard result.status == 0 else { throw RunFailure(result: result) }
        return result.stdout
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Drs. Lama heads the office from 2026-03-01, Dra. Baru from 2026-09-01.
    func recordTwoHeads() throws {
        try succeed(["office", "set", "--address", "Jl. Raya Tempursari No. 1, Lumajang",
                     "--head-name", "Drs. Lama Menjabat", "--head-nip", "196602281992031012",
                     "--head-rank", "Pembina (IV/a)"], at: "2026-03-01T02:00:00Z")
        try succeed(["office", "set", "--head-name", "Dra. Baru Menjabat, M.Si.", "--head-nip", "19750817 200003 2 005",
                     "--head-rank", "Pembina Tingkat I (IV/b)"], at: "2026-09-01T02:00:00Z")
    }

    // MARK: office set and show

    @Test func officeShowKeepsHistoryAndAnswersAsOfAnEarlierDay() throws {
        let fresh = try succeed(["office", "show"])
        #expect(fresh.contains("Kabupaten Lumajang (default: from the kecamatan code 35.08)"), "\(fresh)")
        #expect(fresh.contains("Camat Tempursari (default: from the kecamatan name)"))
        try recordTwoHeads()

        let now = try json(try succeed(["office", "show", "--format", "json"], at: "2026-12-02T02:00:00Z"))
        #expect(now["head_name"] as? String == "Dra. Baru Menjabat, M.Si.")
        #expect(now["head_nip"] as? String == "19750817 200003 2 005")
        #expect(now["regency_name"] as? String == "Kabupaten Lumajang")
        #expect(now["head_position"] as? String == "Camat Tempursari")
        let defaults = try #require(now["defaults"] as? [String: String])
        #expect(defaults == ["regency_name": "from the kecamatan code 35.08", "head_position": "from the kecamatan name"])
        let setBy = try #require(now["set_by"] as? [[String: Any]])
        #expect(setBy.contains { $0["key"] as? String == "head_name" && $0["recorded_at"] as? String == "2026-09-01T02:00:00.000Z" })

        let then = try json(try succeed(["office", "show", "--format", "json", "--as-of", "2026-06-30"]))
        #expect(then["head_name"] as? String == "Drs. Lama Menjabat")
        #expect(then["head_nip"] as? String == "19660228 199203 1 012")
        let before = try json(try succeed(["office", "show", "--format", "json", "--as-of", "2026-02-01"]))
        #expect(before["head_name"] is NSNull)

        let table = try succeed(["office", "show"])
        #expect(table.contains("Dra. Baru Menjabat, M.Si."))
        #expect(table.contains("19750817 200003 2 005"))
        let log = try succeed(["audit", "log", "--kind", "office", "--format", "csv"])
        #expect(log.contains("head-name=Drs. Lama Menjabat"))
        #expect(log.contains("head-name=Dra. Baru Menjabat, M.Si."))
    }

    @Test func aRecordedRegencyNameReplacesTheDefault() throws {
        try succeed(["office", "set", "--regency-name", "Kabupaten Lumajang"])
        let shown = try json(try succeed(["office", "show", "--format", "json"]))
        #expect(shown["regency_name"] as? String == "Kabupaten Lumajang")
        #expect((shown["defaults"] as? [String: String])?["regency_name"] == nil)
    }

    @Test(arguments: [
        ("19661328 199203 1 012", "head-nip: \"19661328 199203 1 012\" is not allowed; the birth date (digits 1-8, YYYYMMDD) 19661328 is not a real date"),
        ("19660228 199203 3 012", "the gender digit (digit 15) 3 must be 1 (male) or 2 (female)"),
        ("19660228 199203 1 000", "the sequence number (digits 16-18) 000"),
        ("19660228 196501 1 012", "the appointment (digits 9-14, YYYYMM) 196501 is not after the birth date 1966-02-28"),
        ("1966022819920310", "a NIP is 18 digits"),
        ("19990101 202602 1 001", "the appointment (digits 9-14, YYYYMM) 202602 is after today (2026-01-02)"),
    ])
    func aBadNIPIsRefusedNamingThePartAndNothingIsWritten(_ nip: String, _ message: String) throws {
        let dump = try iku.contentDump()
        let result = try iku.run(["office", "set", "--head-name", "Drs. Contoh", "--head-nip", nip])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: head-nip: \"\(nip)\" is not allowed; "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try iku.contentDump() == dump)
    }

    @Test func initTakesTheRegencyNameAndSaysWhenItIsUnknown() throws {
        let elsewhere = iku.path("cilacap.sqlite")
        let created = try succeed(["init", "--kecamatan-code", "33.01.01", "--kecamatan-name", "Dayeuhluhur", "--db", elsewhere])
        #expect(created.contains("the regency of code 33.01 is not known to iku"))
        #expect(created.contains("iku office set --regency-name"))
        let shown = try succeed(["office", "show", "--db", elsewhere])
        #expect(shown.contains("regency_name is not recorded"))
        let page = try succeed(["report", "--year", "2026", "--format", "html", "--db", elsewhere])
        #expect(page.contains("Nama kabupaten/kota belum dicatat: iku office set --regency-name"))
        #expect(!page.contains("PEMERINTAH"))

        let named = iku.path("named.sqlite")
        let made = try succeed(["init", "--kecamatan-code", "33.01.01", "--kecamatan-name", "Dayeuhluhur",
                                "--regency-name", " Kabupaten Cilacap ", "--db", named])
        #expect(!made.contains("not known"))
        let recorded = try json(try succeed(["office", "show", "--format", "json", "--db", named]))
        #expect(recorded["regency_name"] as? String == "Kabupaten Cilacap")
        #expect(try succeed(["report", "--year", "2026", "--format", "html", "--db", named]).contains(">PEMERINTAH KABUPATEN CILACAP<"))
    }

    // MARK: the report

    @Test func theHTMLReportOpensWithTheLetterheadAndEndsWithTheHeadsSignature() throws {
        try recordTwoHeads()
        let page = try succeed(["report", "--year", "2026", "--format", "html"], at: "2026-12-02T02:00:00Z")
        let letterhead = "<div class=\"letterhead\">\n<p class=\"government\">PEMERINTAH KABUPATEN LUMAJANG</p>\n"
            + "<p class=\"kecamatan\">KECAMATAN TEMPURSARI</p>\n<p class=\"address\">Jl. Raya Tempursari No. 1, Lumajang</p>\n</div>"
        #expect(page.contains(letterhead))
        let signature = try #require(page.components(separatedBy: "<div class=\"signature\" id=\"signature\">").last)
        #expect(signature.hasPrefix("""

            <p class="place-date">Tempursari, 2 Desember 2026</p>
            <p class="position">Camat Tempursari</p>
            <div class="sign-space"></div>
            <p class="name">Dra. Baru Menjabat, M.Si.</p>
            <p class="rank">Pembina Tingkat I (IV/b)</p>
            <p class="nip">NIP 19750817 200003 2 005</p>
            </div>
            </main>
            """), "\(signature)")
        // The letterhead comes first, the signature block last.
        let letterheadAt = try #require(page.range(of: "class=\"letterhead\"")).lowerBound
        #expect(page[..<letterheadAt].components(separatedBy: "<section").count == 2)   // inside the first section
        #expect(try #require(page.range(of: "class=\"rules\"")).lowerBound < (try #require(page.range(of: "id=\"signature\""))).lowerBound)
        #expect(page.contains(".signature { break-inside: avoid; page-break-inside: avoid;"))
        #expect(!page.contains("class=\"missing-detail\""))
    }

    @Test func aReportAsOfAnEarlierDayIsSignedByTheHeadOfThatDay() throws {
        try recordTwoHeads()
        iku.environment["IKU_NOW"] = "2026-12-02T02:00:00Z"
        let june = try succeed(["report", "--year", "2026", "--format", "html", "--as-of", "2026-06-30"])
        #expect(june.contains("<p class=\"place-date\">Tempursari, 30 Juni 2026</p>"))
        #expect(june.contains("<p class=\"name\">Drs. Lama Menjabat</p>"))
        #expect(june.contains("<p class=\"nip\">NIP 19660228 199203 1 012</p>"))
        #expect(!june.contains("Baru Menjabat"))
        let markdown = try succeed(["report", "--year", "2026", "--format", "md", "--as-of", "2026-06-30"])
        #expect(markdown.contains("Tempursari, 30 Juni 2026  \nCamat Tempursari"))
        #expect(markdown.contains("Drs. Lama Menjabat  \nPembina (IV/a)  \nNIP 19660228 199203 1 012\n"))
        let february = try succeed(["report", "--year", "2026", "--format", "html", "--as-of", "2026-02-01"])
        #expect(february.contains("<p class=\"place-date\">Tempursari, 1 Februari 2026</p>"))
        #expect(february.contains("Kepala kantor belum dicatat (nama, NIP, pangkat/golongan): "
            + "iku office set --head-name &quot;...&quot; --head-nip &quot;...&quot; --head-rank &quot;...&quot;"))
        #expect(february.contains("Alamat kantor belum dicatat: iku office set --address"))
    }

    @Test func withoutAHeadTheBlockSaysWhatIsMissingAndInventsNothing() throws {
        let page = try succeed(["report", "--year", "2026", "--format", "html"])
        #expect(page.contains("<p class=\"place-date\">Tempursari, 2 Januari 2026</p>"))
        #expect(page.contains("<p class=\"position\">Camat Tempursari</p>"))
        #expect(page.contains("<p class=\"missing-detail\">Kepala kantor belum dicatat (nama, NIP, pangkat/golongan)"))
        #expect(!page.contains("class=\"name\""))
        #expect(!page.contains("class=\"nip\""))
        #expect(!page.contains("NIP 1"))

        try succeed(["office", "set", "--head-name", "Drs. Contoh Saja"])
        let partial = try succeed(["report", "--year", "2026", "--format", "html"])
        #expect(partial.contains("<p class=\"name\">Drs. Contoh Saja</p>"))
        #expect(partial.contains("Data kepala kantor belum lengkap (NIP, pangkat/golongan): iku office set --head-nip &quot;...&quot; --head-rank"))
        let table = try succeed(["report", "--year", "2026"])
        #expect(table.contains("Data kepala kantor belum lengkap (NIP, pangkat/golongan)"))

        let english = try succeed(["report", "--year", "2026", "--format", "html", "--lang", "en"])
        #expect(english.contains("The head of office&#39;s details are incomplete (NIP, rank): iku office set --head-nip"))
        #expect(english.contains("<p class=\"place-date\">Tempursari, 2 January 2026</p>"))
        #expect(english.contains("<p class=\"position\">Head of Kecamatan Tempursari (Camat)</p>"))
        #expect(english.contains("<p class=\"government\">GOVERNMENT OF KABUPATEN LUMAJANG</p>"))
    }

    @Test func everyRecordedDetailIsEscaped() throws {
        try succeed(["office", "set", "--address", "Jl. <b>Raya</b> & \"Pasar\" 'Lama'",
                     "--head-name", "<script>alert(1)</script> Drs. X", "--head-rank", "Pembina <IV/a>",
                     "--head-position", "Camat <i>Tempursari</i>", "--head-nip", "19660228 199203 1 012"])
        let page = try succeed(["report", "--year", "2026", "--format", "html"])
        #expect(page.contains("<p class=\"address\">Jl. &lt;b&gt;Raya&lt;/b&gt; &amp; &quot;Pasar&quot; &#39;Lama&#39;</p>"))
        #expect(page.contains("<p class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt; Drs. X</p>"))
        #expect(page.contains("<p class=\"rank\">Pembina &lt;IV/a&gt;</p>"))
        #expect(page.contains("<p class=\"position\">Camat &lt;i&gt;Tempursari&lt;/i&gt;</p>"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("<b>") && !page.contains("<i>"))

        let markdown = try succeed(["report", "--year", "2026", "--format", "md"])
        #expect(markdown.hasPrefix("PEMERINTAH KABUPATEN LUMAJANG  \nKECAMATAN TEMPURSARI  \nJl. \\<b>Raya\\</b> & \"Pasar\" 'Lama'\n"))
        #expect(markdown.contains("\\<script>alert(1)\\</script> Drs. X  \nPembina \\<IV/a>  \nNIP 19660228 199203 1 012\n"))
        #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<"), "an unescaped < in Markdown")
    }
}
