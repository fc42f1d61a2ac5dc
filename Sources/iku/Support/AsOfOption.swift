import ArgumentParser
import FoundationEssentials
import Storage

/// `--as-of`: answer as the database stood at a past instant.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("Answer as the database stood at this instant: YYYY-MM-DD (the end of that day in the office's time zone) or an ISO 8601 date-time.",
                               valueName: "instant"))
    var instant: String?

    /// Opens the database read-only and resolves the instant in it.
    func openForReading(_ options: DatabaseOptions) throws -> (database: IkuDatabase, asOf: AsOf) {
        let database = try options.open(readOnly: true)
        return (database, try resolve(in: database))
    }

    /// The point in the change log the command should read at.
    func resolve(in database: IkuDatabase) throws -> AsOf {
        guard instant != nil else { return .now }
        return try resolveWithDay(in: database).asOf
    }

    /// The point in the change log and the as-of day: the office's local day of the instant, or
    /// today without `--as-of` (the day that decides which documents are not yet due, and the
    /// day a report is signed).
    func resolveWithDay(in database: IkuDatabase) throws -> (asOf: AsOf, day: CalendarDate) {
        let calendar = try database.officeCalendar()
        guard let instant else { return (.now, calendar.today) }
        let moment = try Instant.parse(instant, field: "as-of", endOfDay: true, in: calendar)
        return (try database.asOf(moment), calendar.zone.day(of: moment))
    }
}
