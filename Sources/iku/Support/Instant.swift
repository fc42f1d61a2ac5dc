import Foundation
import Storage

/// Reads the `--since`/`--until`/`--as-of` instants users type.
enum Instant {
    /// An ISO 8601 date-time (exact, its offset kept), or a `YYYY-MM-DD` date meaning the start or
    /// the end of that day in the office's time zone (read from `database` only then).
    static func parse(_ text: String, field: String, endOfDay: Bool, in database: IkuDatabase) throws -> Date {
        if CalendarDate(text) == nil, let exact = Timestamp.parse(text) { return exact }
        return try database.officeCalendar().instant(text, field: field, endOfDay: endOfDay)
    }
}
