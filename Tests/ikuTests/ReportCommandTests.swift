import Foundation
import Testing

@Suite("iku report, target, deadline, population, recompute and snapshot")
struct ReportCommandTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-12-31T09:00:00Z"
    }

    func succeed(_ arguments: [String]) throws -> String {
        let result = try iku.run(arguments)
        guard result.status == 0 else { throw RunFailure(result: result) }
        return result.stdout
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try succeed(arguments)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test func jsonContract() throws {
        try iku.initialise()
        try iku.seedYear2026()
        _ = try succeed(["target", "set", "--indicator", "ikm", "--year", "2026", "--value", "85"])
        let report = try json(["report", "--year", "2026", "--format", "json"])

        let period = try #require(report["period"] as? [String: Any])
        #expect(period["from"] as? String == "2026-01-01")
        #expect(period["to"] as? String == "2026-12-31")
        let indicators = try #require(report["indicators"] as? [[String: Any]])
        #expect(indicators.compactMap { $0["key"] as? String } == ["ikm", "facilitation", "village_documents"])

        let ikm = indicators[0]
        let value = try #require(ikm["value"] as? Double)
        #expect(abs(value - 25 * 31.42 / 9) < 1e-9)
        #expect(ikm["mutu"] as? String == "B")
        #expect(ikm["respondents"] as? Int == 100)
        #expect(ikm["target"] as? Double == 85)
        #expect(abs(try #require(ikm["capaian"] as? Double) - value / 85 * 100) < 1e-9)
        #expect(ikm["reason"] == nil)
        let unsur = try #require(ikm["unsur"] as? [[String: Any]])
        #expect(unsur.compactMap { $0["code"] as? String } == (1...9).map { "U\($0)" })
        #expect(unsur.compactMap { $0["nrr"] as? Double } == [3.31, 3.35, 3.49, 3.93, 3.45, 3.39, 3.39, 3.76, 3.35])
        #expect(unsur.compactMap { $0["answered"] as? Int } == Array(repeating: 100, count: 9))

        let facilitation = indicators[1]
        #expect(facilitation["held"] as? Int == 2)
        #expect(facilitation["followed_up"] as? Int == 1)
        #expect(facilitation["value"] as? Double == 50)
        #expect(facilitation["target"] is NSNull)
        #expect(facilitation["capaian"] is NSNull)

        let documents = indicators[2]
        #expect(documents["expected"] as? Int == 6)        // 2 villages × 3 deadlines in 2026
        #expect(documents["on_time"] as? Int == 1)
        #expect(abs(try #require(documents["value"] as? Double) - 100.0 / 6) < 1e-9)

        let quarter = try json(["report", "--year", "2026", "--quarter", "2", "--format", "json"])
        let q2 = try #require(quarter["indicators"] as? [[String: Any]])
        #expect(q2[0]["value"] is NSNull)
        #expect((q2[0]["reason"] as? String)?.isEmpty == false)
        #expect(q2[0]["mutu"] is NSNull)
        #expect(q2[2]["value"] is NSNull)
        #expect((q2[2]["reason"] as? String)?.isEmpty == false)
        #expect(q2[2]["capaian"] is NSNull)
    }

    @Test func followUpByIsHonoured() throws {
        try iku.initialise()
        try iku.seedYear2026()
        let before = try json(["report", "--year", "2026", "--follow-up-by", "2026-02-09", "--format", "json"])
        let onTheDay = try json(["report", "--year", "2026", "--follow-up-by", "2026-02-10", "--format", "json"])
        func followedUp(_ report: [String: Any]) -> Int? {
            ((report["indicators"] as? [[String: Any]])?[1])?["followed_up"] as? Int
        }
        #expect(followedUp(before) == 0)
        #expect(followedUp(onTheDay) == 1)
    }

    @Test(arguments: ["table", "md"])
    func lkjipSheetUsesTheOfficialTerms(_ format: String) throws {
        try iku.initialise()
        try iku.seedYear2026()
        let output = try succeed(["report", "--year", "2026", "--format", format])
        for term in ["Nilai IKM", "NRR", "Mutu Pelayanan", "Capaian", "RKPDesa", "APBDesa", "LPPDesa",
                     "Tujuan", "Sasaran strategis", "Sumber Data", "Penanggung Jawab", "Camat", "Formula",
                     "87.28", "B (Baik)", "half-up", "2026-09-30", "Permendagri 20/2018", "Bulurejo",
                     "terlambat 2 hari", "tepat pada batas waktu", "16.67%", "50.00%"] {
            #expect(output.contains(term), "missing \(term)")
        }
        if format == "md" {
            #expect(output.contains("| No | Indikator Kinerja Utama | Formula | Sumber Data | Penanggung Jawab | Target | Realisasi | Capaian |"))
        }
    }

    @Test func csvHasOneFigurePerLine() throws {
        try iku.initialise()
        try iku.seedYear2026()
        let lines = try succeed(["report", "--year", "2026", "--format", "csv"]).split(separator: "\n")
        #expect(lines.first == "indicator,measure,group,value")
        #expect(lines.contains("facilitation,held,,2"))
        #expect(lines.contains("ikm,nrr,U4,3.93"))
        #expect(lines.contains("village_documents,on_time,,1"))
    }

    @Test func recomputeTwiceSaysNoChangeThenNamesACorrection() throws {
        try iku.initialise()
        try iku.seedYear2026()
        let first = try succeed(["recompute", "--year", "2026"])
        #expect(first.contains("Snapshot #1 of 2026"))
        #expect(first.contains("First snapshot"))
        let second = try succeed(["recompute", "--year", "2026"])
        #expect(second.contains("no change"))
        func digest(_ output: String) -> Substring? {
            output.split(separator: "\n").first { $0.contains("input SHA-256") }?.split(separator: " ").last
        }
        #expect(digest(first) != nil)
        #expect(digest(first) == digest(second))

        try iku.correctSurveyResponse(7)   // U1: 4 → 1, so NRR U1 3.31 → 3.28 and IKM 87.28 → 87.19
        let third = try succeed(["recompute", "--year", "2026"])
        #expect(!third.contains("no change"))
        #expect(third.contains("survey response 7: version 1 → version 2"))
        #expect(third.contains("correct by auditor"))
        let changes = try #require(third.components(separatedBy: "Changed figures").last)
        let ikmLine = try #require(changes.split(separator: "\n").first { $0.hasPrefix("ikm.value ") })
        #expect(ikmLine.contains("87.28"))
        #expect(ikmLine.contains("87.19"))
        #expect(digest(third) != digest(second))

        let list = try succeed(["snapshot", "list", "--year", "2026"])
        #expect(list.split(separator: "\n").count == 5)   // header, rule, three snapshots
        let shown = try json(["snapshot", "show", "3", "--format", "json"])
        #expect(shown["reproduced"] as? Bool == true)
        let comparison = try #require(shown["comparison"] as? [String: Any])
        #expect(comparison["previous_snapshot_id"] as? Int == 2)
        let records = try #require(comparison["records"] as? [[String: Any]])
        #expect(records.compactMap { $0["record"] as? String } == ["7"])
        #expect(try succeed(["snapshot", "show", "2"]).contains("no change"))
    }

    @Test func targetsDeadlinesAndPopulationsAreSetAndListed() throws {
        try iku.initialise()
        #expect(try succeed(["target", "set", "--indicator", "village-documents", "--year", "2026", "--value", "90"])
            .contains("90.00"))
        #expect(try succeed(["target", "list"]).contains("village-documents"))

        let defaults = try succeed(["deadline", "list", "--year", "2027"])
        #expect(defaults.contains("2026-09-30"))
        #expect(defaults.contains("2028-03-31"))
        _ = try succeed(["deadline", "set", "--document", "apbdesa", "--year", "2027", "--due", "2027-01-31"])
        let overridden = try succeed(["deadline", "list", "--year", "2027"])
        #expect(overridden.contains("2027-01-31"))
        #expect(overridden.contains("test-clerk"))
        _ = try succeed(["deadline", "set", "--document", "apbdesa", "--year", "2027", "--default"])
        #expect(!(try succeed(["deadline", "list", "--year", "2027"])).contains("2027-01-31"))

        #expect(try succeed(["survey", "population", "set", "--year", "2026", "--count", "1000"]).contains("278"))
        _ = try succeed(["survey", "population", "set", "--year", "2026", "--quarter", "1", "--count", "100"])
        let populations = try succeed(["survey", "population", "list"])
        #expect(populations.contains("1000"))
        #expect(populations.contains("80"))
    }

    @Test(arguments: [
        (["report", "--year", "2026", "--from", "2026-13-01", "--to", "2026-12-31"], "from"),
        (["report", "--year", "2026", "--follow-up-by", "31-12-2026"], "follow-up-by"),
        (["report", "--year", "2026", "--quarter", "5"], "quarter"),
        (["report", "--year", "2026", "--from", "2026-05-01", "--to", "2026-04-01"], "to"),
        (["target", "set", "--indicator", "ikn", "--year", "2026", "--value", "80"], "indicator"),
        (["target", "set", "--indicator", "ikm", "--year", "2026", "--value", "0"], "value"),
        (["target", "set", "--indicator", "ikm", "--year", "1999", "--value", "80"], "year"),
        (["deadline", "set", "--document", "rkpdesa", "--year", "2027", "--due", "2026-02-30"], "due"),
        (["deadline", "set", "--document", "perdes", "--year", "2027", "--due", "2026-09-30"], "document"),
        (["survey", "population", "set", "--year", "2026", "--quarter", "0", "--count", "10"], "quarter"),
        (["survey", "population", "set", "--year", "2026", "--count=-5"], "count"),
        (["snapshot", "show", "42"], "id"),
    ])
    func badInputIsRefusedWithOneLineAndNothingWritten(_ arguments: [String], _ field: String) throws {
        try iku.initialise()
        let before = try iku.contentDump()
        let result = try iku.run(arguments)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: \(field):"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try iku.contentDump() == before)
    }

    @Test func conflictingPeriodOptionsAreUsageErrors() throws {
        try iku.initialise()
        #expect(try iku.run(["report", "--year", "2026", "--quarter", "1", "--from", "2026-01-01", "--to", "2026-01-31"]).status == 2)
        #expect(try iku.run(["report", "--year", "2026", "--from", "2026-01-01"]).status == 2)
        #expect(try iku.run(["target", "set", "--indicator", "ikm", "--year", "2026"]).status == 2)
    }

    @Test func everyNewCommandsHelpHasAnExample() throws {
        for command in [["report"], ["target"], ["target", "set"], ["target", "list"], ["deadline"],
                        ["deadline", "set"], ["deadline", "list"], ["survey"], ["survey", "population"],
                        ["survey", "population", "set"], ["survey", "population", "list"], ["recompute"],
                        ["snapshot"], ["snapshot", "list"], ["snapshot", "show"]] {
            let help = try iku.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "\(command)")
            #expect(help.stdout.contains("iku \(command.joined(separator: " "))"), "\(command)")
        }
    }
}
