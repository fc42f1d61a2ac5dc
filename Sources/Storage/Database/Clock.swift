import FoundationEssentials
import Glibc

/// Where `iku` gets the time of a change. Injectable so tests and replays never sleep.
public struct Clock: Sendable {
    private let currentDate: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) {
        currentDate = now
    }

    /// The system clock.
    public static let system = Clock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> Clock { Clock { date } }

    /// The clock `IKU_NOW` names (an ISO 8601 date-time in UTC, e.g. `2026-01-31T09:00:00Z`),
    /// else the system clock. Throws when `IKU_NOW` is set but unreadable.
    public static func fromEnvironment() throws -> Clock {
        try fromEnvironment(value: ProcessEnvironment.value("IKU_NOW"))
    }

    /// The clock `IKU_NOW` in `environment` names (see `fromEnvironment()`).
    public static func fromEnvironment(_ environment: [String: String]) throws -> Clock {
        try fromEnvironment(value: environment["IKU_NOW"])
    }

    private static func fromEnvironment(value: String?) throws -> Clock {
        guard let text = value, !text.isEmpty else { return .system }
        guard let date = Timestamp.parse(text) else {
            throw InputError(field: "IKU_NOW", value: text, allowed: "an ISO 8601 date-time such as 2026-01-31T09:00:00Z")
        }
        return .fixed(date)
    }

    public func now() -> Date { currentDate() }
}

/// UTC ISO 8601 timestamps with milliseconds (`2026-11-28T08:05:15.123Z`), which sort as text.
public enum Timestamp {
    /// Formats `date` in UTC with millisecond precision.
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return DigitText.padded(Int(parts.tm_year) + 1900, 4) + "-" + DigitText.padded(Int(parts.tm_mon) + 1, 2) + "-"
            + DigitText.padded(Int(parts.tm_mday), 2) + "T" + DigitText.padded(Int(parts.tm_hour), 2) + ":"
            + DigitText.padded(Int(parts.tm_min), 2) + ":" + DigitText.padded(Int(parts.tm_sec), 2) + "."
            + DigitText.padded(Int(milliseconds % 1000), 3) + "Z"
    }

    /// Reads an exact ISO 8601 date-time (`Z` or `±hh:mm`, optional fractional seconds). A bare
    /// date is not an instant: which instants it spans depends on the office's zone
    /// (`OfficeCalendar.instant`).
    public static func parse(_ text: String) -> Date? {
        stored(text) ?? (try? withFraction.parse(text)) ?? (try? plain.parse(text))
    }

    /// The form `format` writes (`2026-11-28T08:05:15.123Z`, or without the fraction), read by
    /// hand: a report shows thousands of them, and the formatter costs microseconds each. Any
    /// other text is nil, for the format styles to read.
    static func stored(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 20 || bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  bytes[bytes.count - 1] == UInt8(ascii: "Z") else { return nil }
            func number(_ start: Int, _ length: Int) -> Int? {
                var value = 0
                for index in start..<(start + length) {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            var milliseconds = 0
            if bytes.count == 24 {
                guard bytes[19] == UInt8(ascii: "."), let fraction = number(20, 3) else { return nil }
                milliseconds = fraction
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  hour < 24, minute < 60, second < 60,
                  let date = CalendarDate(year: year, month: month, day: day) else { return nil }
            let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
            return Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(milliseconds) / 1000)
        }
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let plain = Date.ISO8601FormatStyle()
}
