import FoundationEssentials

/// The time zone an office reasons in: every day `iku` talks about is a calendar day in it
/// (SPEC.md "Days and time zones"). Moments stay stored in UTC.
public struct OfficeZone: Hashable, Sendable, CustomStringConvertible {
    /// The IANA name, e.g. `Asia/Jakarta`.
    public let identifier: String
    /// Seconds ahead of UTC of Indonesia's three zones, which SPEC.md fixes (WIB UTC+7, WITA
    /// UTC+8, WIT UTC+9; tzdata agrees for every instant since 1970, a test checks it against
    /// Foundation's): their days need no time zone database. Nil for any other zone.
    private let fixedOffset: Int?
    /// Any other zone, from the system's tz database; nil for the three above.
    private let otherZone: ZoneInfo?

    /// The zone named `identifier`; nil when the system's tz database does not know the name.
    public init?(identifier: String) {
        switch identifier {
        case "Asia/Jakarta": self = .wib; return
        case "Asia/Makassar": self = .wita; return
        case "Asia/Jayapura": self = .wit; return
        default: break
        }
        guard let zone = ZoneInfo(identifier: identifier) else { return nil }
        self.identifier = identifier
        fixedOffset = nil
        otherZone = zone
    }

    public static let wib = OfficeZone(known: "Asia/Jakarta", hours: 7)
    public static let wita = OfficeZone(known: "Asia/Makassar", hours: 8)
    public static let wit = OfficeZone(known: "Asia/Jayapura", hours: 9)

    private init(known identifier: String, hours: Int) {
        self.identifier = identifier
        fixedOffset = hours * 3600
        otherZone = nil
    }

    /// Indonesia's three zones and the provinces (first two digits of a Kemendagri code) in each.
    public static let provinces: [(zone: OfficeZone, codes: [Int])] = [
        (.wib, Array(11...19) + [21] + Array(31...36) + [61, 62]),
        (.wita, [51, 52, 53] + Array(63...65) + Array(71...76)),
        (.wit, [81, 82] + Array(91...96)),
    ]

    /// The zone of the province a kecamatan code `PP.KK.CC` lies in; nil for a province the table lacks.
    public static func forKecamatanCode(_ code: String) -> OfficeZone? {
        guard let province = Int(code.prefix(2)), code.count >= 2 else { return nil }
        return provinces.first { $0.codes.contains(province) }?.zone
    }

    /// The province codes the table knows, for messages: `11-19, 21, 31-36, ...`.
    public static var knownProvincesText: String {
        provinces.map { entry in
            "\(entry.zone.abbreviation) \(entry.zone.identifier): " + ranges(entry.codes)
        }.joined(separator: "; ")
    }

    private static func ranges(_ codes: [Int]) -> String {
        var parts: [String] = []
        var start = codes[0], end = codes[0]
        for code in codes.dropFirst() {
            if code == end + 1 { end = code; continue }
            parts.append(start == end ? "\(start)" : "\(start)-\(end)")
            start = code
            end = code
        }
        parts.append(start == end ? "\(start)" : "\(start)-\(end)")
        return parts.joined(separator: ", ")
    }

    /// The short name people read: WIB, WITA or WIT; another zone by its offset (`UTC+05:30`).
    public var abbreviation: String {
        switch identifier {
        case "Asia/Jakarta", "Asia/Pontianak": return "WIB"
        case "Asia/Makassar": return "WITA"
        case "Asia/Jayapura": return "WIT"
        default: return Self.offsetText(offset(at: Date()))
        }
    }

    public var description: String { "\(identifier) (\(abbreviation))" }

    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "UTC" + sign + DigitText.padded(minutes / 60, 2) + ":" + DigitText.padded(minutes % 60, 2)
    }

    /// Seconds ahead of UTC at `instant`.
    func offset(at instant: Date) -> Int {
        if let fixedOffset { return fixedOffset }
        return otherZone!.offset(at: instant)
    }

    /// The local calendar day `instant` falls on.
    public func day(of instant: Date) -> CalendarDate {
        CalendarDate(utcDayOf: instant.addingTimeInterval(TimeInterval(offset(at: instant))))
    }

    /// The first instant of local day `day`.
    public func start(of day: CalendarDate) -> Date {
        let midnightUTC = day.startOfDayUTC
        // The offset in force at local midnight: guessed from UTC midnight, then checked once
        // (it differs only across a daylight-saving change, which Indonesia does not have).
        let guess = midnightUTC.addingTimeInterval(-TimeInterval(offset(at: midnightUTC)))
        return midnightUTC.addingTimeInterval(-TimeInterval(offset(at: guess)))
    }

    /// The last millisecond of local day `day`: "as of DATE".
    public func end(of day: CalendarDate) -> Date {
        start(of: day.adding(days: 1)).addingTimeInterval(-0.001)
    }

    /// `instant` as people read it: local date and time to the minute with the zone's short
    /// name, e.g. `2026-12-02 13:01 WIB`.
    public func display(_ instant: Date) -> String {
        let seconds = Int((instant.timeIntervalSince1970 + TimeInterval(offset(at: instant))).rounded(.down))
        let day = CalendarDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let secondOfDay = seconds - day.daysSinceEpoch * 86_400
        return day.description + " " + DigitText.padded(secondOfDay / 3600, 2) + ":" + DigitText.padded(secondOfDay % 3600 / 60, 2) + " " + abbreviation
    }

    /// A stored UTC timestamp (`changes.recorded_at`) as people read it; the text itself when
    /// it is not a timestamp.
    public func display(recordedAt text: String) -> String {
        Timestamp.parse(text).map(display) ?? text
    }
}
