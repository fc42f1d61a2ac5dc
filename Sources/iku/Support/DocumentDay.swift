import Foundation
import Storage

extension AsOfOption {
    /// The day a document made now is dated: the office's local day of the `--as-of` instant when
    /// given, else today, both as the database's clock and time zone read them.
    func documentDay(in database: IkuDatabase) throws -> CalendarDate {
        let calendar = try database.officeCalendar()
        guard let instant else { return calendar.today }
        return calendar.zone.day(of: try Instant.parse(instant, field: "as-of", endOfDay: true, in: database))
    }
}
