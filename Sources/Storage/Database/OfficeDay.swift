import Foundation

extension IkuDatabase {
    /// The office's calendar day at `instant`: the one place where a moment becomes the day the
    /// rules reason about ("today", the day of an `--as-of` instant). Read in UTC for now.
    public func day(of instant: Date) -> CalendarDate {
        CalendarDate(utcDayOf: instant)
    }

    /// Today: the office's day of the clock's current reading.
    public var today: CalendarDate { day(of: clock.now()) }
}
