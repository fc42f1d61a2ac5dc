import Foundation
import Testing
import Indicators
import Storage

@Suite("Targets, deadlines and populations")
struct SettingsStoreTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
    }

    func rowCount(_ table: String) throws -> Int {
        try fixture.connection.prepare("SELECT count(*) FROM \(table)").first { $0.int(0) } ?? -1
    }

    @Test func targetsKeepEveryRowAndTheLatestWins() throws {
        let store = TargetStore(fixture.database)
        try store.set(.ikm, year: 2026, value: 80)
        let first = fixture.lastChange
        try store.set(.ikm, year: 2026, value: 82.5)
        try store.set(.villageDocuments, year: 2026, value: 100)
        #expect(try store.target(.ikm, year: 2026)?.value == 82.5)
        #expect(try store.target(.ikm, year: 2026, asOf: AsOf(lastChangeID: first))?.value == 80)
        #expect(try store.list().map(\.indicator) == [.ikm, .villageDocuments])
        try store.set(.ikm, year: 2026, value: nil)
        #expect(try store.target(.ikm, year: 2026)?.value == nil)
        #expect(try rowCount("target_settings") == 4)
        let change = try fixture.connection.prepare("SELECT kind, action, actor FROM changes ORDER BY id DESC LIMIT 1")
            .first { [$0.string(0), $0.string(1), $0.string(2)] }
        #expect(change == ["target", "set", "clerk"])
    }

    @Test(arguments: [(0.0, "value"), (100.5, "value"), (-3.0, "value"), (Double.nan, "value")])
    func targetsRefuseValuesOutOfRange(_ value: Double, _ field: String) throws {
        let error = try #require(throws: InputError.self) {
            try TargetStore(fixture.database).set(.facilitation, year: 2026, value: value)
        }
        #expect(error.field == field)
        #expect(try rowCount("target_settings") == 0)
    }

    @Test func settingsRefuseYearsOutOfRange() throws {
        #expect(throws: InputError(field: "year", value: "1999", allowed: "a year from 2000 to 2100")) {
            try TargetStore(fixture.database).set(.ikm, year: 1999, value: 80)
        }
        #expect(throws: InputError.self) { try PopulationStore(fixture.database).set(year: 2101, quarter: nil, count: 5) }
        #expect(throws: InputError.self) {
            try DeadlineStore(fixture.database).set(.apbdesa, fiscalYear: 1990, due: CalendarDate("2026-01-01"))
        }
        #expect(try rowCount("changes") == 1)   // only the office
    }

    @Test func deadlinesListDefaultsAndOverrides() throws {
        let schedule = DeadlineSchedule(fixture.database)
        #expect(try schedule.deadlines(fiscalYear: 2027).map(\.due.description) == ["2026-09-30", "2026-12-31", "2028-03-31"])
        try DeadlineStore(fixture.database).set(.apbdesa, fiscalYear: 2027, due: CalendarDate("2027-01-31"))
        let deadlines = try schedule.deadlines(fiscalYear: 2027)
        #expect(deadlines.map(\.due.description) == ["2026-09-30", "2027-01-31", "2028-03-31"])
        #expect(deadlines[1].basisDescription.contains("clerk"))
        #expect(deadlines[0].basisDescription.contains("Permendesa PDTT 21/2020"))
    }

    @Test func deadlinesRefuseADateFarFromTheFiscalYear() throws {
        let error = try #require(throws: InputError.self) {
            try DeadlineStore(fixture.database).set(.rkpdesa, fiscalYear: 2027, due: CalendarDate("2062-09-30"))
        }
        #expect(error.field == "due")
        #expect(try rowCount("deadline_settings") == 0)
    }

    @Test func populationsPerYearAndQuarter() throws {
        let store = PopulationStore(fixture.database)
        try store.set(year: 2026, quarter: 1, count: 250)
        try store.set(year: 2026, quarter: nil, count: 1000)
        try store.set(year: 2026, quarter: 1, count: 300)
        #expect(try store.population(year: 2026, quarter: 1)?.userCount == 300)
        #expect(try store.population(year: 2026, quarter: nil)?.userCount == 1000)
        #expect(try store.list().map(\.quarter) == [nil, 1])
        #expect(throws: InputError.self) { try store.set(year: 2026, quarter: 5, count: 1) }
        #expect(throws: InputError.self) { try store.set(year: 2026, quarter: nil, count: -1) }
        #expect(try rowCount("population_settings") == 3)
    }

    @Test func periodsValidateTheirBounds() throws {
        #expect(throws: InputError.self) { try Period.quarter(5, of: 2026) }
        #expect(throws: InputError.self) { try Period.year(1999) }
        let from = CalendarDate("2026-03-01")!, to = CalendarDate("2026-02-01")!
        #expect(throws: InputError.self) { try Period.range(year: 2026, from: from, to: to) }
        #expect(throws: InputError.self) { try Period.range(year: 2026, from: from, to: CalendarDate("2027-01-01")!) }
        let quarter = try Period.quarter(4, of: 2024)
        #expect(quarter.from.description == "2024-10-01")
        #expect(quarter.to.description == "2024-12-31")
        #expect(try Period.quarter(1, of: 2024).to.description == "2024-03-31")
        #expect(quarter.title == "Triwulan IV 2024")
    }
}
