import FoundationEssentials
import Storage
import Synchronization

/// The times at which the demo's records are entered: each on the day it carries, during office
/// hours in the office's zone (from 08:00 local, two minutes apart), in order, and never after
/// `limit`, the real now. The database records these times in its change log, so `report --as-of` and
/// `audit log` show a plausible history, and two runs on the same day give identical files.
final class EntryClock: Sendable {
    private let current: Mutex<Date>
    /// The latest time handed out: the clock the demo was started with.
    let limit: Date
    let zone: OfficeZone

    init(start day: CalendarDate, zone: OfficeZone, limit: Date) {
        self.limit = limit
        self.zone = zone
        current = Mutex(min(Self.officeHours(day, zone: zone, sequence: 0), limit))
    }

    /// The clock to give the database.
    var clock: Clock {
        Clock { [self] in current.withLock { $0 } }
    }

    /// Moves the clock to the `sequence`-th entry of `day` (never backwards, never past `limit`).
    func enter(_ day: CalendarDate, sequence: Int) {
        let planned = Self.officeHours(day, zone: zone, sequence: sequence)
        current.withLock { $0 = min(max(planned, $0), limit) }
    }

    /// Moves the clock to `limit`, for whatever happens after the demo records are written.
    func finish() {
        current.withLock { $0 = limit }
    }

    private static func officeHours(_ day: CalendarDate, zone: OfficeZone, sequence: Int) -> Date {
        zone.start(of: day).addingTimeInterval(8 * 3_600 + 120 * TimeInterval(min(sequence, 240)))
    }
}
