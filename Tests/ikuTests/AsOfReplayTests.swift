import Foundation
import Testing

/// A scripted sequence of adds, corrections and voids at known times: every report, list and
/// show printed at time T is printed again, identically, by `--as-of T` afterwards.
@Suite("As-of replay")
struct AsOfReplayTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
    }

    /// Runs one command at `instant`, failing the test when it fails.
    @discardableResult
    func at(_ instant: String, _ arguments: [String]) throws -> String {
        iku.environment["IKU_NOW"] = instant
        let result = try iku.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// What an auditor reads: the report and every listing, as printed at one instant.
    func observe(at instant: String, asOf: String? = nil) throws -> [String] {
        let flag = asOf.map { ["--as-of", $0] } ?? []
        return try [
            ["report", "--year", "2026", "--format", "json"],
            ["report", "--year", "2026", "--quarter", "1", "--format", "json"],
            ["survey", "list", "--format", "json"],
            ["survey", "show", "1", "--format", "json"],
            ["facilitation", "list", "--format", "json"],
            ["submission", "list", "--format", "json"],
            ["village", "list", "--format", "json"],
            ["target", "list"],
        ].map { try at(instant, $0 + flag) }
    }

    @Test func everyEarlierAnswerIsReproducedAsOfItsTime() throws {
        var printed: [(instant: String, outputs: [String])] = []
        iku.environment["IKU_NOW"] = "2026-01-02T01:00:00Z"
        try iku.initialise()

        try at("2026-01-05T02:00:00Z", ["village", "add", "--code", "35.08.01.2005", "--name", "Tempursari", "--active-from", "2020-01-01"])
        try at("2026-01-05T02:01:00Z", ["village", "add", "--code", "35.08.01.2006", "--name", "Pundungsari"])
        try at("2026-01-05T02:02:00Z", ["target", "set", "--indicator", "ikm", "--year", "2026", "--value", "80"])
        try at("2026-01-05T02:03:00Z", ["survey", "add", "--date", "2026-01-04", "--service", "KTP", "--scores", "4,4,3,4,3,4,4,3,4"])
        try at("2026-01-05T02:04:00Z", ["survey", "add", "--date", "2026-01-04", "--service", "KK", "--scores", "3,3,3,4,3,3,4,2,3"])
        try at("2026-01-05T02:05:00Z", ["facilitation", "add", "--date", "2026-01-03", "--kind", "koordinasi",
                                        "--institution", "Puskesmas Tempursari", "--subject", "Stunting"])
        printed.append(("2026-01-05T03:00:00Z", try observe(at: "2026-01-05T03:00:00Z")))

        try at("2026-02-10T02:00:00Z", ["survey", "correct", "1", "--scores", "2,2,2,2,2,2,2,2,2"])
        try at("2026-02-10T02:01:00Z", ["facilitation", "follow-up", "1", "--date", "2026-02-09", "--action", "Surat edaran ke desa"])
        try at("2026-02-10T02:02:00Z", ["submission", "add", "--village", "35.08.01.2005", "--document", "apbdesa",
                                        "--year", "2027", "--date", "2026-02-06"])
        printed.append(("2026-02-10T03:00:00Z", try observe(at: "2026-02-10T03:00:00Z")))

        try at("2026-03-15T02:00:00Z", ["survey", "void", "2", "--reason", "entered twice"])
        try at("2026-03-15T02:01:00Z", ["target", "set", "--indicator", "ikm", "--year", "2026", "--value", "85"])
        try at("2026-03-15T02:02:00Z", ["survey", "add", "--date", "2026-03-14", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,-"])
        printed.append(("2026-03-15T03:00:00Z", try observe(at: "2026-03-15T03:00:00Z")))

        // Every earlier answer differs from the next, so the replay below cannot pass by accident.
        for (earlier, later) in zip(printed, printed.dropFirst()) {
            #expect(earlier.outputs[0] != later.outputs[0])
            #expect(earlier.outputs[2] != later.outputs[2])
        }
        for (instant, outputs) in printed {
            let replayed = try observe(at: "2026-06-01T00:00:00Z", asOf: instant)
            for (index, pair) in zip(outputs, replayed).enumerated() {
                #expect(pair.0 == pair.1, "output \(index) as of \(instant) differs")
            }
        }
        // Before anything was recorded there is nothing to show.
        let empty = try iku.run(["survey", "list", "--format", "json", "--as-of", "2026-01-01"])
        #expect(empty.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func asOfRejectsAMalformedInstant() throws {
        try iku.initialise()
        let result = try iku.run(["survey", "list", "--as-of", "31-12-2026"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("as-of"))
        #expect(result.stderr.contains("YYYY-MM-DD"))
    }
}
