import Foundation
import Storage

/// Reads the `--since`/`--until`/`--as-of` instants users type.
enum Instant {
    /// An ISO 8601 date-time (exact, its offset kept), or a `YYYY-MM-DD` date meaning the start or
    /// the end of that day in the office's time zone (read from `database` only then). The text is
    /// trimmed as every date option is (`InputArguments.trimmed`); a refusal quotes it as typed.
    static func parse(_ text: String, field: String, endOfDay: Bool, in database: IkuDatabase) throws -> Date {
        let trimmed = InputArguments.trimmed(text)
        if CalendarDate(trimmed) == nil, let exact = Timestamp.parse(trimmed) { return exact }
        do {
            return try database.officeCalendar().instant(trimmed, field: field, endOfDay: endOfDay)
        } catch let error as InputError {
            throw InputError(field: error.field, value: text, allowed: error.allowed)
        }
    }
}
