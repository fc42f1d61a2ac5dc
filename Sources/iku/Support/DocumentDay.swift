import Foundation
import Storage

extension AsOfOption {
    /// The day a document made now is dated: the day of the `--as-of` instant when given, else
    /// today, both as `clock` and the database's days read them.
    func documentDay(clock: Clock) throws -> CalendarDate {
        let instant = try instant.map { try Instant.parse($0, field: "as-of", startOfDay: false) } ?? clock.now()
        return CalendarDate(utcDayOf: instant)
    }
}
