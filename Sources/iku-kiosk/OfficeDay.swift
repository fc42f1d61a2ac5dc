import Foundation
import Storage

/// "Today" for the kiosk: the calendar day in the office's time zone (SPEC.md, days and time
/// zones), never the machine's or UTC's, so a response given at 06:30 WIB on 1 January belongs
/// to the new year.
enum OfficeDay {
    /// The zone used while the office has none set.
    static let defaultZone = "Asia/Jakarta"

    /// The office's zone: its `timezone` setting, else `defaultZone`.
    static func zone(of database: IkuDatabase) throws -> TimeZone {
        let name = try OfficeSettingsStore(database).value(.timezone) ?? defaultZone
        guard let zone = TimeZone(identifier: name) else {
            throw StateError("the office's time zone \(name) is not known to this system")
        }
        return zone
    }

    /// The calendar day of `instant` in `zone`.
    static func day(of instant: Date, in zone: TimeZone) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Today in the office's zone, by the database's clock.
    static func today(_ database: IkuDatabase) throws -> CalendarDate {
        day(of: database.clock.now(), in: try zone(of: database))
    }
}
