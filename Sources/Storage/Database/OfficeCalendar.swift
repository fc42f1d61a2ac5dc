import FoundationEssentials

/// The office's days: its time zone read with the database's clock. The one place that says
/// what "today" is for a database and where a local day begins and ends, so every feature that
/// reasons in days (as-of dates, `--since`/`--until`, open periods, the survey date of an entry
/// or a form, the refusal of future event dates) reads them the same way.
public struct OfficeCalendar: Sendable {
    public let zone: OfficeZone
    /// The instant the database's clock read (`IKU_NOW` in tests and replays).
    public let now: Date

    public init(zone: OfficeZone, now: Date) {
        self.zone = zone
        self.now = now
    }

    /// Today: the local calendar day of `now`.
    public var today: CalendarDate { zone.day(of: now) }

    /// Today with its zone, the latest date an event may carry.
    public var eventDateLimit: EventDateLimit { EventDateLimit(today: today, zone: zone) }

    /// The first instant of local day `day`.
    public func start(of day: CalendarDate) -> Date { zone.start(of: day) }

    /// The last millisecond of local day `day`.
    public func end(of day: CalendarDate) -> Date { zone.end(of: day) }

    /// An instant as a person types it: an ISO 8601 date-time is exact (its offset kept); a date
    /// `YYYY-MM-DD` is the start or the end of that local day.
    public func instant(_ text: String, field: String, endOfDay: Bool) throws -> Date {
        if let day = CalendarDate(text) {
            return endOfDay ? end(of: day) : start(of: day)
        }
        guard let date = Timestamp.parse(text) else {
            throw InputError(field: field, value: text,
                             allowed: "a date YYYY-MM-DD (a day in \(zone.identifier), \(zone.abbreviation)) or an ISO 8601 date-time such as 2026-03-31T17:00:00+07:00")
        }
        return date
    }
}

/// The rule that no event (a survey response, an activity, a follow-up, a document's adoption,
/// delivery or receipt) is dated after today in the office's zone: a future date is almost
/// always a typing error (2062 for 2026). Deadlines, active periods and targets may lie ahead.
public struct EventDateLimit: Hashable, Sendable {
    /// Today in the office's zone.
    public let today: CalendarDate
    public let zone: OfficeZone

    public init(today: CalendarDate, zone: OfficeZone) {
        self.today = today
        self.zone = zone
    }

    /// What is allowed, for messages: `a date not after today (2026-12-02, Asia/Jakarta)`.
    public var allowed: String { "a date not after today (\(today), \(zone.identifier))" }

    /// Refuses `date` when it lies after today, naming `field` (and `line` for a file).
    @inline(__always)
    public func check(_ date: CalendarDate, field: String, line: Int? = nil) throws {
        if date > today {
            throw InputError(field: field, value: date.description, allowed: allowed, line: line)
        }
    }
}

extension IkuDatabase {
    /// The office's time zone as of `asOf`: the latest `timezone` office setting, else the zone
    /// of its kecamatan code's province (a database made before zones were recorded, until
    /// `iku migrate` records it).
    public func officeZone(asOf: AsOf = .now) throws -> OfficeZone {
        if let identifier = try OfficeSettingsStore(self).value(.timezone, asOf: asOf) {
            guard let zone = OfficeZone(identifier: identifier) else {
                throw StateError("the office's time zone \"\(identifier)\" is not known to this system; set another with `iku office set --timezone ZONE`")
            }
            return zone
        }
        guard let office = try OfficeStore(self).office() else {
            throw StateError("this database has no office: it was not created by iku init")
        }
        guard let zone = OfficeZone.forKecamatanCode(office.kecamatanCode) else {
            throw StateError("the office has no time zone and its code \(office.kecamatanCode) names no province in iku's table; set one with `iku office set --timezone ZONE`")
        }
        return zone
    }

    /// The office's days as of now: its current zone and the database's clock.
    public func officeCalendar() throws -> OfficeCalendar {
        OfficeCalendar(zone: try officeZone(), now: clock.now())
    }

    /// Today's limit for event dates, read inside a write so it is the clock of that write.
    func eventDateLimit() throws -> EventDateLimit {
        try officeCalendar().eventDateLimit
    }
}

extension OfficeSettingsStore {
    /// Writes the office's zone as a setting of change `changeID`, inside the open write.
    func recordTimeZone(_ zone: OfficeZone, changeID: Int64) throws {
        try database.connection.cached(Self.insert).run([changeID, OfficeSettingKey.timezone.rawValue, zone.identifier])
    }

    /// What `recordTimeZoneFromCode` did.
    public enum TimeZoneFromCode: Equatable, Sendable {
        /// A zone was already set: nothing was written.
        case alreadySet(OfficeZone)
        /// The zone of the code's province was recorded as an audited change.
        case recorded(OfficeZone, province: String)
        /// The code's province is not in the table: nothing was written; it must be set by hand.
        case unknownProvince(code: String)
    }

    /// Gives a database that has no `timezone` setting the zone of its kecamatan code's
    /// province, as one audited change (`iku migrate` runs it after the schema migrations:
    /// plain SQL cannot seal the audit chain).
    @discardableResult
    public func recordTimeZoneFromCode() throws -> TimeZoneFromCode {
        try database.write {
            if let identifier = try value(.timezone), let zone = OfficeZone(identifier: identifier) {
                return .alreadySet(zone)
            }
            guard let office = try OfficeStore(database).office() else {
                throw StateError("this database has no office: it was not created by iku init")
            }
            guard let zone = OfficeZone.forKecamatanCode(office.kecamatanCode) else {
                return .unknownProvince(code: office.kecamatanCode)
            }
            let changeID = try database.recordChange(
                kind: .office, action: .set, recordID: 1,
                summary: "office set timezone=\(zone.identifier) (from kecamatan code \(office.kecamatanCode), on migration)")
            try recordTimeZone(zone, changeID: changeID)
            return .recorded(zone, province: String(office.kecamatanCode.prefix(2)))
        }
    }
}
