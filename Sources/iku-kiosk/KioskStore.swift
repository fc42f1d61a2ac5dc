import Foundation
import Indicators
import NIOCore
import NIOPosix
import Storage

/// What the questionnaire page needs from the database.
struct FormContent: Sendable {
    let office: Office?
    let services: [String]
}

/// The published results of one year: IKU 1 only, without anything about a single respondent.
struct PublishedResults: Sendable {
    let office: Office?
    let period: Period
    let ikm: IKMResult
    /// The day the figures run to (today for the current year).
    let today: CalendarDate
    /// Years that hold records, for the year picker.
    let years: [Int]
}

/// The kiosk's one connection to the database. Every read and write goes through this actor,
/// which runs on a thread of its own (SQLite calls block, and a clerk's import may hold the write
/// lock for a moment), so request handling never waits on SQLite in the shared task pool. Writes
/// go through the same stores as the clerk's commands, as the actor `kiosk:DEVICE`.
actor KioskStore {
    private let database: IkuDatabase
    private let loop: any EventLoop
    /// The last results computed per year, with the change they were computed as of.
    private var resultsCache: [Int: (changeID: Int64, results: PublishedResults)] = [:]

    nonisolated var unownedExecutor: UnownedSerialExecutor {
        loop.executor.asUnownedSerialExecutor()
    }

    /// Opens the iku database at `path`; its changes will be attributed to `kiosk:DEVICE`.
    init(path: String, device: String, clock: Storage.Clock, loop: any EventLoop) throws {
        database = try IkuDatabase.open(path: path, actor: "kiosk:\(device)", clock: clock)
        self.loop = loop
    }

    func formContent() throws -> FormContent {
        try database.read {
            FormContent(office: try OfficeStore(database).office(),
                        services: try ServiceStore(database).list().map(\.name))
        }
    }

    /// Stores one response dated today (the office's local day) as one audited change; returns
    /// its id. The service must be on the office's list; every other rule is the survey store's.
    @discardableResult
    func submit(_ submission: KioskSubmission) throws -> Int64 {
        let services = ServiceStore(database)
        guard let offered = try services.service(named: submission.service) else {
            let names = try services.list().map(\.name).joined(separator: ", ")
            throw InputError(field: "service", value: submission.service, allowed: "one of the services offered: \(names)")
        }
        let today = try database.officeCalendar().today
        return try SurveyResponseStore(database).add(submission.input(date: today, service: offered.name))
    }

    /// IKU 1 of `year` (the current local year when nil), as of the latest change.
    func results(year: Int?) throws -> PublishedResults {
        let today = try database.officeCalendar().today
        let year = year ?? today.year
        let changeID = try database.lastChangeID()
        if let cached = resultsCache[year], cached.changeID == changeID, cached.results.today == today {
            return cached.results
        }
        let period = try Period.year(year)
        let report = try ReportBuilder(database).report(for: period, asOf: AsOf(lastChangeID: changeID))
        let years = try RecordedYears(database).range().map(Array.init) ?? []
        let results = PublishedResults(office: report.office, period: period, ikm: report.ikm, today: today,
                                       years: years)
        resultsCache[year] = (changeID, results)
        return results
    }
}
