import Foundation
import Testing
import Indicators
import Storage

@Suite("IKU 1: Nilai IKM")
struct IKMTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
    }

    func report(_ period: Period? = nil, asOf: AsOf = .now) throws -> Report {
        try ReportBuilder(fixture.database).report(for: period ?? Period.year(2026), asOf: asOf)
    }

    /// SPEC.md's published check: NRR 3.31, 3.35, 3.49, 3.93, 3.45, 3.39, 3.39, 3.76, 3.35 gives 87.28.
    /// 100 responses per element whose answers add up to 100 × NRR.
    @Test func publishedCaseGives8728B() throws {
        try fixture.addSurveys(count: 100, date: "2026-03-10", sums: [331, 335, 349, 393, 345, 339, 339, 376, 335])
        let ikm = try report().ikm
        #expect(ikm.respondents == 100)
        #expect(ikm.tally.scores.map(\.nrr) == [3.31, 3.35, 3.49, 3.93, 3.45, 3.39, 3.39, 3.76, 3.35])
        #expect(ikm.tally.scores.allSatisfy { $0.answered == 100 })
        let value = try #require(ikm.figure.value)
        #expect(abs(value - 25 * 31.42 / 9) < 1e-9)   // 87.2777…, full precision
        #expect(Rounding.twoDecimals(value) == "87.28")
        #expect(ikm.mutu == .b)
        #expect(ikm.mutu?.kinerja == "Baik")
    }

    @Test func lowestThreeElementsAreFlaggedAsPriorities() throws {
        try fixture.addSurveys(count: 100, date: "2026-03-10", sums: [331, 335, 349, 393, 345, 339, 339, 376, 335])
        let flagged = try report().ikm.tally.scores.filter(\.isPriority).map(\.unsur)
        #expect(flagged == [.u1, .u2, .u9])   // 3.31, 3.35, 3.35
    }

    @Test func allFoursGive100A() throws {
        for _ in 0..<3 { try fixture.addSurvey(date: "2026-07-01", scores: Array(repeating: 4, count: 9)) }
        let ikm = try report().ikm
        #expect(ikm.figure.value == 100)
        #expect(Rounding.twoDecimals(100) == "100.00")
        #expect(ikm.mutu == .a)
    }

    /// 1000 responses whose answers total T give IKM = 25 × (T / 1000) / 9 = T / 360.
    @Test(arguments: [
        (23396, "64.99", Mutu.d),
        (23399, "65.00", Mutu.c),   // 64.9972… rounds up into C
        (23400, "65.00", Mutu.c),
        (27576, "76.60", Mutu.c),
        (27578, "76.61", Mutu.b),   // 76.6055… rounds up into B
        (27580, "76.61", Mutu.b),
        (31788, "88.30", Mutu.b),
        (31790, "88.31", Mutu.a),   // 88.3055… rounds up into A
        (31792, "88.31", Mutu.a),
    ])
    func bandEdges(total: Int, shown: String, mutu: Mutu) throws {
        let sums = (0..<9).map { total / 9 + ($0 < total % 9 ? 1 : 0) }
        try fixture.addSurveys(count: 1000, date: "2026-11-30", sums: sums)
        let ikm = try report().ikm
        let value = try #require(ikm.figure.value)
        #expect(abs(value - Double(total) / 360) < 1e-9)
        #expect(Rounding.twoDecimals(value) == shown)
        #expect(ikm.mutu == mutu)
    }

    @Test func unansweredElementsAreLeftOutOfTheirAverage() throws {
        try fixture.addSurvey(date: "2026-02-01", scores: [4, 4, 4, 4, 4, 4, 4, 4, 4])
        try fixture.addSurvey(date: "2026-02-02", scores: [2, nil, 4, 4, 4, 4, 4, 4, 4])
        try fixture.addSurvey(date: "2026-02-03", scores: [nil, 3, 4, 4, 4, 4, 4, 4, nil])
        let ikm = try report().ikm
        #expect(ikm.respondents == 3)
        #expect(ikm.tally.scores.map(\.answered) == [2, 2, 3, 3, 3, 3, 3, 3, 2])
        #expect(ikm.tally.scores.map(\.nrr) == [3, 3.5, 4, 4, 4, 4, 4, 4, 4])
        // 25 × (3 + 3.5 + 7 × 4) / 9 = 95.8333…
        #expect(abs(try #require(ikm.figure.value) - 25 * 34.5 / 9) < 1e-9)
        #expect(ikm.mutu == .a)
    }

    @Test func anElementNobodyAnsweredMakesIKMNotComputable() throws {
        try fixture.addSurvey(date: "2026-02-01", scores: [4, 4, 4, 4, 4, 4, 4, nil, 4])
        try fixture.addSurvey(date: "2026-02-02", scores: [3, 3, 3, 3, 3, 3, 3, nil, 3])
        let ikm = try report().ikm
        #expect(ikm.figure.value == nil)
        let reason = try #require(ikm.figure.reason)
        #expect(reason.contains("U8"))
        #expect(ikm.mutu == nil)
        #expect(ikm.achievement.capaian == nil)
        #expect(ikm.tally.scores[0].nrr == 3.5)
        #expect(ikm.tally.scores[7].answered == 0)
    }

    @Test func noResponsesIsNotComputable() throws {
        try fixture.addSurvey(date: "2025-12-31", scores: Array(repeating: 4, count: 9))
        let ikm = try report().ikm
        #expect(ikm.respondents == 0)
        #expect(ikm.figure.value == nil)
        #expect(ikm.figure.reason != nil)
    }

    @Test func onlyTheLiveVersionOfEachResponseCounts() throws {
        let first = try fixture.addSurvey(date: "2026-04-01", scores: Array(repeating: 4, count: 9))
        let second = try fixture.addSurvey(date: "2026-04-02", scores: Array(repeating: 2, count: 9))
        let third = try fixture.addSurvey(date: "2026-04-03", scores: Array(repeating: 3, count: 9))
        let moved = try fixture.addSurvey(date: "2026-04-04", scores: Array(repeating: 1, count: 9))
        let beforeCorrections = AsOf(lastChangeID: fixture.lastChange)
        try fixture.correctSurvey(second, scores: Array(repeating: 4, count: 9))
        try fixture.voidSurvey(third)
        try fixture.correctSurvey(moved, ["survey_date": .text("2025-12-31")])
        _ = first

        let now = try report().ikm
        #expect(now.respondents == 2)
        #expect(now.figure.value == 100)

        // (4 + 2 + 3 + 1) / 4 = 2.5 per element: 25 × 22.5 / 9 = 62.5
        let then = try report(asOf: beforeCorrections).ikm
        #expect(then.respondents == 4)
        #expect(then.figure.value == 62.5)
        #expect(then.mutu == .d)
    }

    @Test func breakdownsPerServiceProfileAndQuarter() throws {
        try fixture.addSurvey(date: "2026-01-15", service: "KTP", scores: Array(repeating: 4, count: 9),
                              gender: "L", age: 19, education: "SMA", occupation: "SWASTA")
        try fixture.addSurvey(date: "2026-02-15", service: "KTP", scores: Array(repeating: 4, count: 9),
                              gender: "P", age: 60, education: "D4/S1", occupation: "PNS")
        try fixture.addSurvey(date: "2026-08-15", service: "Surat Pindah", scores: Array(repeating: 3, count: 9),
                              gender: nil, age: 25, education: nil, occupation: "PNS")
        let ikm = try report().ikm
        func values(_ dimension: SurveyDimension) -> [String: Double?] {
            Dictionary(uniqueKeysWithValues: ikm.groups(dimension).map { ($0.label, $0.tally.ikm.value) })
        }
        #expect(values(.service) == ["KTP": 100, "Surat Pindah": 75])
        #expect(values(.gender) == ["Laki-laki": 100, "Perempuan": 100, "tidak diisi": 75])
        #expect(values(.occupation) == ["SWASTA": 100, "PNS": 87.5])
        #expect(values(.quarter) == ["Triwulan I": 100, "Triwulan III": 75])
        #expect(ikm.groups(.ageBand).map(\.key) == ["<20", "20-29", "60+"])
        #expect(ikm.groups(.education).map(\.key) == ["SMA", "D4/S1", nil])
        #expect(ikm.groups(.service).map(\.tally.respondents) == [2, 1])
        // overall: 25 × 9 × (11/3) / 9 = 91.666…
        #expect(abs(try #require(ikm.figure.value) - 25 * 11 / 3) < 1e-9)
    }

    @Test func quarterCountsOnlyItsResponses() throws {
        try fixture.addSurvey(date: "2026-03-31", scores: Array(repeating: 4, count: 9))
        try fixture.addSurvey(date: "2026-04-01", scores: Array(repeating: 2, count: 9))
        #expect(try report(try Period.quarter(1, of: 2026)).ikm.figure.value == 100)
        #expect(try report(try Period.quarter(2, of: 2026)).ikm.figure.value == 50)
        #expect(try report(try Period.quarter(3, of: 2026)).ikm.figure.value == nil)
    }

    @Test(arguments: [(100, 80), (1000, 278), (10000, 370)])
    func krejcieMorganMinimumSample(population: Int, sample: Int) {
        #expect(SampleAdequacy.minimumSample(population: population) == sample)
    }

    @Test func sampleAdequacyUsesTheRecordedPopulation() throws {
        try fixture.addSurveys(count: 80, date: "2026-05-05", sums: Array(repeating: 240, count: 9))
        #expect(try report().ikm.sample == nil)
        try PopulationStore(fixture.database).set(year: 2026, quarter: nil, count: 100)
        let year = try #require(try report().ikm.sample)
        #expect(year.population == 100)
        #expect(year.minimumSample == 80)
        #expect(year.isAdequate)
        try PopulationStore(fixture.database).set(year: 2026, quarter: 2, count: 1000)
        let quarter = try #require(try report(try Period.quarter(2, of: 2026)).ikm.sample)
        #expect(quarter.minimumSample == 278)
        #expect(!quarter.isAdequate)
    }

    @Test func mutuClassifiesTheRoundedValue() {
        #expect(Mutu(ikm: 64.99) == .d)
        #expect(Mutu(ikm: 64.994999) == .d)
        #expect(Mutu(ikm: 64.995) == .c)
        #expect(Mutu(ikm: 65.00) == .c)
        #expect(Mutu(ikm: 76.60) == .c)
        #expect(Mutu(ikm: 76.605) == .b)
        #expect(Mutu(ikm: 76.61) == .b)
        #expect(Mutu(ikm: 88.30) == .b)
        #expect(Mutu(ikm: 88.305) == .a)
        #expect(Mutu(ikm: 88.31) == .a)
        #expect(Mutu(ikm: 25) == .d)
        #expect(Rounding.twoDecimals(87.285) == "87.29")
        #expect(Rounding.twoDecimals(87.2849) == "87.28")
    }

    @Test func targetGivesCapaian() throws {
        try fixture.addSurvey(date: "2026-06-01", scores: Array(repeating: 3, count: 9))   // IKM 75
        try TargetStore(fixture.database).set(.ikm, year: 2026, value: 80)
        let ikm = try report().ikm
        #expect(ikm.achievement.target == 80)
        #expect(ikm.achievement.capaian == 75.0 / 80 * 100)
        #expect(try report(try Period.year(2027)).ikm.achievement.target == nil)
    }
}
