import FoundationEssentials

/// The date-times form tools write in their exports, read into survey dates.
///
/// Accepted: `M/d/yyyy H:mm:ss` (Google Forms and Sheets, English locale), `d/M/yyyy H:mm:ss`
/// (Indonesian locale, time also `H.mm.ss`), either with an optional `AM`/`PM` or no time at all
/// and the year also as two digits (`11/28/26 9:05`, Microsoft Forms saved from Excel: 20yy),
/// and ISO-like `yyyy-MM-dd HH:mm:ss` (or `T`, fractions of a second, an optional `Z` or
/// `±hh:mm` offset, or a bare date). A date-time without an offset is the form tool's wall clock
/// in the form owner's time zone, which is taken to be the office's: its survey date is simply
/// its calendar date. One with an offset is an instant, and its survey date is its calendar date
/// in the office's zone (06:30 WIB on 1 January is 1 January, though still 31 December in UTC).
public enum FormTimestamp {
    /// The zone of an office in western Indonesia (WIB), iku's default.
    public static let defaultZone = OfficeZone.wib

    /// How the two numbers before the year of a `a/b/yyyy` date are read.
    public enum DateOrder: String, Sendable, CaseIterable {
        /// Day first (Indonesian locale): 28/11/2026.
        case dmy
        /// Month first (English US locale): 11/28/2026.
        case mdy
    }

    /// A timestamp's parts as written.
    enum Parsed: Equatable {
        /// `a/b/yyyy`: the order is decided per file.
        case slashed(first: Int, second: Int, year: Int)
        /// `yyyy-MM-dd`, with the instant's offset from UTC in seconds when one was written.
        case iso(CalendarDate, hour: Int, minute: Int, second: Int, offset: Int?)
    }

    /// Reads `bytes` (trimmed), or nil when it is no timestamp this type knows.
    static func parse(_ bytes: Bytes) -> Parsed? {
        var scanner = ByteScanner(bytes: FieldRules.trimmed(bytes))
        guard let first = scanner.number(maxDigits: 4) else { return nil }
        if scanner.take(UInt8(ascii: "/")) {
            guard first.digits <= 2, let second = scanner.number(maxDigits: 2), scanner.take(UInt8(ascii: "/")),
                  let year = scanner.number(maxDigits: 4), year.digits == 4 || year.digits == 2,
                  scanner.timeOfDay(separators: [UInt8(ascii: ":"), UInt8(ascii: ".")]) != nil, scanner.meridiem(),
                  scanner.atEnd else { return nil }
            return .slashed(first: first.value, second: second.value, year: year.digits == 2 ? 2000 + year.value : year.value)
        }
        guard first.digits == 4, scanner.take(UInt8(ascii: "-")), let month = scanner.number(maxDigits: 2),
              scanner.take(UInt8(ascii: "-")), let day = scanner.number(maxDigits: 2),
              let date = CalendarDate(year: first.value, month: month.value, day: day.value) else { return nil }
        if scanner.atEnd { return .iso(date, hour: 0, minute: 0, second: 0, offset: nil) }
        guard scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: " ")),
              let time = scanner.timeOfDay(separators: [UInt8(ascii: ":")]), time.given else { return nil }
        scanner.fraction()
        let offset = scanner.offset()
        guard offset != .invalid, scanner.atEnd else { return nil }
        if case .seconds(let seconds) = offset {
            return .iso(date, hour: time.hour, minute: time.minute, second: time.second, offset: seconds)
        }
        return .iso(date, hour: time.hour, minute: time.minute, second: time.second, offset: nil)
    }

    /// The survey date of a parsed timestamp, or nil for a date that does not exist.
    static func surveyDate(_ parsed: Parsed, order: DateOrder, zone: OfficeZone) -> CalendarDate? {
        switch parsed {
        case .slashed(let first, let second, let year):
            return order == .dmy ? CalendarDate(year: year, month: second, day: first)
                                 : CalendarDate(year: year, month: first, day: second)
        case .iso(let date, _, _, _, nil):
            return date
        case .iso(let date, let hour, let minute, let second, let offset?):
            let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset
            return zone.day(of: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
    }

    /// What the first two numbers of a slashed date say about the order: a first above 12 is a
    /// day (d/M), a second above 12 is a day (M/d); nil when either reading could be right.
    static func evidence(_ parsed: Parsed) -> DateOrder? {
        guard case .slashed(let first, let second, _) = parsed else { return nil }
        if first > 12, second <= 12 { return .dmy }
        if second > 12, first <= 12 { return .mdy }
        return nil
    }

    static func allowed(_ language: MessageLanguage) -> String {
        language.pick(
            "stempel waktu seperti 28/11/2026 9:05:31, 11/28/2026 9:05:31, 2026-11-28 09:05:31 atau 2026-11-28T02:05:31Z, atau tanggal saja",
            "a timestamp such as 28/11/2026 9:05:31, 11/28/2026 9:05:31, 2026-11-28 09:05:31 or 2026-11-28T02:05:31Z, or a date alone")
    }
}

/// Reads numbers and marks off UTF-8 bytes, left to right.
private struct ByteScanner {
    let bytes: Bytes
    var index = 0

    enum Offset: Equatable {
        case none, seconds(Int), invalid
    }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while index < bytes.count, digits < maxDigits, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            digits += 1
            index += 1
        }
        return digits > 0 ? (value, digits) : nil
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    /// An optional ` H:mm[:ss]` (after a space when `separators` allow a date before it); `given`
    /// false when there is none. Nil when one starts but is not a time of day.
    mutating func timeOfDay(separators: [UInt8]) -> (hour: Int, minute: Int, second: Int, given: Bool)? {
        let start = index
        skipSpaces()
        if atEnd {
            return (0, 0, 0, false)
        }
        guard let hour = number(maxDigits: 2), index < bytes.count, separators.contains(bytes[index]) else {
            index = start
            return index == bytes.count ? (0, 0, 0, false) : nil
        }
        let separator = bytes[index]
        index += 1
        guard let minute = number(maxDigits: 2), minute.digits == 2 else { return nil }
        var second = 0
        if take(separator) {
            guard let seconds = number(maxDigits: 2), seconds.digits == 2 else { return nil }
            second = seconds.value
        }
        guard hour.value < 24, minute.value < 60, second < 61 else { return nil }
        return (hour.value, minute.value, second, true)
    }

    /// An optional ` AM`/` PM` (any case); false when something else follows.
    mutating func meridiem() -> Bool {
        skipSpaces()
        if atEnd { return true }
        guard bytes.count - index == 2 else { return false }
        let first = bytes[index] | 0x20, second = bytes[index + 1] | 0x20
        guard (first == UInt8(ascii: "a") || first == UInt8(ascii: "p")), second == UInt8(ascii: "m") else { return false }
        index += 2
        return true
    }

    mutating func fraction() {
        guard take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) else { return }
        _ = number(maxDigits: 9)
    }

    mutating func offset() -> Offset {
        skipSpaces()
        if atEnd { return .none }
        if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return .seconds(0) }
        let sign: Int
        if take(UInt8(ascii: "+")) { sign = 1 } else if take(UInt8(ascii: "-")) { sign = -1 } else { return .invalid }
        guard let hours = number(maxDigits: 2), hours.digits == 2 else { return .invalid }
        _ = take(UInt8(ascii: ":"))
        guard let minutes = number(maxDigits: 2), minutes.digits == 2, hours.value <= 14, minutes.value < 60 else {
            return .invalid
        }
        return .seconds(sign * (hours.value * 3600 + minutes.value * 60))
    }
}
