import Foundation
import Storage

/// Reads the `--since`/`--until`/`--as-of` instants users type.
enum Instant {
    /// An ISO 8601 date-time, or a `YYYY-MM-DD` date meaning its start or its end (UTC).
    /// The text is trimmed as every date option is (`InputArguments.trimmed`); a refusal quotes it as typed.
    static func parse(_ text: String, field: String, startOfDay: Bool) throws -> Date {
        let trimmed = InputArguments.trimmed(text)
        if startOfDay, let day = CalendarDate(trimmed) {
            return Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch) * 86_400)
        }
        guard let date = Timestamp.parse(trimmed) else {
            throw InputError(field: field, value: text,
                             allowed: "a date YYYY-MM-DD or an ISO 8601 date-time such as 2026-03-31T17:00:00+07:00")
        }
        return date
    }
}
