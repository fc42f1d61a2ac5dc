import FoundationEssentials
import Storage

/// Reads the `--since`/`--until`/`--as-of` instants users type.
enum Instant {
    /// An ISO 8601 date-time (exact, its offset kept), or a `YYYY-MM-DD` date meaning the start or
    /// the end of that day in the office's time zone (`OfficeCalendar.instant`). The text is
    /// trimmed as every date option is (`InputArguments.trimmed`); a refusal quotes it as typed.
    static func parse(_ text: String, field: String, endOfDay: Bool, in calendar: OfficeCalendar) throws -> Date {
        do {
            return try calendar.instant(InputArguments.trimmed(text), field: field, endOfDay: endOfDay)
        } catch let error as InputError {
            throw InputError(field: error.field, value: text, allowed: error.allowed)
        }
    }
}
