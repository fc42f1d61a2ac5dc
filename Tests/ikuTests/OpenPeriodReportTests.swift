import Foundation
import Testing

/// `iku report` in an open period (SPEC.md "Open periods"): documents not yet due are counted
/// apart in every format, the report says "sampai dengan" the deciding day, and `--as-of` that
/// day reproduces the figure printed then.
@Suite("Report: IKU 3 in open periods")
struct OpenPeriodReportTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
    }

    @discardableResult
    func at(_ instant: String, _ arguments: [String]) throws -> String {
        iku.environment["IKU_NOW"] = instant
        let result = try iku.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    func documents(_ json: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let indicators = try #require(object["indicators"] as? [[String: Any]])
        return try #require(indicators.first { $0["key"] as? String == "village_documents" })
    }

    /// Villages A and B. LPPDesa 2025 (due 2026-03-31): A on time, B late; A's RKPDesa 2027
    /// (due 2026-09-30) in early on 2026-06-01; nothing else, on 2026-06-15.
    func seed() throws {
        iku.environment["IKU_NOW"] = "2026-06-15T02:00:00Z"
        try iku.initialise()
        for command in [
            ["village", "add", "--code", "35.08.01.2001", "--name", "A", "--active-from", "2020-01-01"],
            ["village", "add", "--code", "35.08.01.2002", "--name", "B", "--active-from", "2020-01-01"],
            ["submission", "add", "--village", "35.08.01.2001", "--document", "lppdesa", "--year", "2025", "--date", "2026-03-20"],
            ["submission", "add", "--village", "35.08.01.2002", "--document", "lppdesa", "--year", "2025", "--date", "2026-04-05"],
            ["submission", "add", "--village", "35.08.01.2001", "--document", "rkpdesa", "--year", "2027", "--date", "2026-06-01"],
        ] {
            try at("2026-06-15T02:30:00Z", command)
        }
    }

    @Test func jsonCountsNotYetDueApartAndAsOfReproducesTheDay() throws {
        try seed()
        let printed = try at("2026-06-15T03:00:00Z", ["report", "--year", "2026", "--format", "json"])
        let open = try documents(printed)
        #expect(open["expected"] as? Int == 3)
        #expect(open["on_time"] as? Int == 2)
        #expect(open["not_yet_due"] as? Int == 3)
        #expect(open["decided_on"] as? String == "2026-06-15")
        #expect(open["open"] as? Bool == true)
        #expect(abs(try #require(open["value"] as? Double) - 200.0 / 3) < 1e-9)

        try at("2026-10-05T02:00:00Z", ["submission", "add", "--village", "35.08.01.2002", "--document", "rkpdesa",
                                        "--year", "2027", "--date", "2026-09-20"])
        let later = try documents(try at("2026-10-05T03:00:00Z", ["report", "--year", "2026", "--format", "json"]))
        #expect(later["expected"] as? Int == 4)
        #expect(later["not_yet_due"] as? Int == 2)
        #expect(later["decided_on"] as? String == "2026-10-05")

        let replayed = try at("2026-10-05T03:00:00Z", ["report", "--year", "2026", "--format", "json", "--as-of", "2026-06-15"])
        #expect(replayed == printed)

        // A closed year still carries the count, at 0.
        let closed = try documents(try at("2026-10-05T03:00:00Z", ["report", "--year", "2025", "--format", "json"]))
        #expect(closed["not_yet_due"] as? Int == 0)
        #expect(closed["open"] as? Bool == false)
    }

    @Test func everyFormatSaysNotYetDueAndUpToTheDay() throws {
        try seed()
        for format in ["table", "md", "html"] {
            let output = try at("2026-06-15T03:00:00Z", ["report", "--year", "2026", "--format", format])
            #expect(output.contains("belum jatuh tempo"), "\(format)")
            #expect(output.contains("sampai dengan 2026-06-15"), "\(format)")
        }
        let html = try at("2026-06-15T03:00:00Z", ["report", "--year", "2026", "--format", "html"])
        #expect(html.components(separatedBy: "class=\"doc not-yet-due\"").count - 1 == 3)
        let english = try at("2026-06-15T03:00:00Z", ["report", "--year", "2026", "--format", "html", "--lang", "en"])
        #expect(english.contains("not yet due") && english.contains("up to 2026-06-15"))
        let csv = try at("2026-06-15T03:00:00Z", ["report", "--year", "2026", "--format", "csv"])
        #expect(csv.contains("village_documents,not_yet_due,,3"))
        // Once every deadline has passed the figure is final: no "sampai dengan", no cell not yet due.
        let final = try at("2027-01-02T03:00:00Z", ["report", "--year", "2026", "--format", "html"])
        #expect(!final.contains("sampai dengan") && !final.contains("class=\"doc not-yet-due\""))
    }
}
