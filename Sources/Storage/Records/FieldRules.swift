import FoundationEssentials

/// UTF-8 bytes of one input value (a CSV field or a command-line value).
typealias Bytes = UnsafeBufferPointer<UInt8>

/// The validation rules every record kind shares, on UTF-8 bytes so that a CSV import can check a
/// million rows without making a `String` per field, and a command-line value goes through the
/// very same code. Each rule mirrors a CHECK in `migrations/0001_records.sql`, so users get a
/// message naming the field and what is allowed instead of a constraint error.
///
/// Text is trimmed of surrounding white space; text that is empty after trimming is absent.
enum FieldRules {
    /// Record dates (surveys, submissions, activities, follow-ups) lie in these years.
    static let recordYears = 2000...2100
    /// Fiscal years of village documents (the schema's range).
    static let fiscalYears = 2000...2100

    static func dateAllowed(_ years: ClosedRange<Int>) -> String {
        "a real calendar date written YYYY-MM-DD in the years \(years.lowerBound) to \(years.upperBound), e.g. 2026-03-01"
    }

    /// `bytes` without leading and trailing spaces, tabs, carriage returns and line feeds.
    @inline(__always)
    static func trimmed(_ bytes: Bytes) -> Bytes {
        guard let base = bytes.baseAddress else { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(base[start]) { start += 1 }
        while end > start, isSpace(base[end - 1]) { end -= 1 }
        return Bytes(rebasing: bytes[start..<end])
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Number of Unicode scalars (what SQLite's `length()` counts) in valid UTF-8.
    @inline(__always)
    static func scalarCount(_ bytes: Bytes) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func string(_ bytes: Bytes) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A non-negative whole number of at most 9 digits, or nil.
    @inline(__always)
    static func wholeNumber(_ bytes: Bytes) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A date written exactly `YYYY-MM-DD` that exists, in `years`.
    @inline(__always)
    static func date(_ bytes: Bytes, field: String, years: ClosedRange<Int> = recordYears, line: Int? = nil) throws -> CalendarDate {
        let text = trimmed(bytes)
        guard text.count == 10, text[4] == 0x2D, text[7] == 0x2D,
              let year = wholeNumber(Bytes(rebasing: text[0..<4])),
              let month = wholeNumber(Bytes(rebasing: text[5..<7])),
              let day = wholeNumber(Bytes(rebasing: text[8..<10])),
              years.contains(year),
              let date = CalendarDate(year: year, month: month, day: day)
        else {
            throw InputError(field: field, value: string(bytes), allowed: dateAllowed(years), line: line)
        }
        return date
    }

    /// Trimmed text of 1 to `maxLength` characters, or nil when empty.
    @inline(__always)
    static func text(_ bytes: Bytes, field: String, maxLength: Int, line: Int? = nil) throws -> Bytes? {
        let text = trimmed(bytes)
        if text.isEmpty { return nil }
        guard text.count <= maxLength || scalarCount(text) <= maxLength else {
            throw InputError(field: field, value: string(text),
                             allowed: "text of at most \(maxLength) characters (this has \(scalarCount(text)))", line: line)
        }
        return text
    }

    /// Trimmed text of 1 to `maxLength` characters; empty is refused.
    @inline(__always)
    static func requiredText(_ bytes: Bytes, field: String, maxLength: Int, line: Int? = nil) throws -> Bytes {
        guard let text = try text(bytes, field: field, maxLength: maxLength, line: line) else {
            throw InputError(field: field, value: string(bytes),
                             allowed: "text of 1 to \(maxLength) characters (it is required)", line: line)
        }
        return text
    }

    /// A whole number in `range`, or nil when empty.
    @inline(__always)
    static func number(_ bytes: Bytes, field: String, range: ClosedRange<Int>, allowed: String, line: Int? = nil) throws -> Int? {
        let text = trimmed(bytes)
        if text.isEmpty { return nil }
        guard let value = wholeNumber(text), range.contains(value) else {
            throw InputError(field: field, value: string(bytes), allowed: allowed, line: line)
        }
        return value
    }

    /// One value of a closed set, matched without regard to ASCII case, or nil when empty.
    @inline(__always)
    static func member<Value: ClosedSetValue>(_ bytes: Bytes, of type: Value.Type, field: String, line: Int? = nil) throws -> Value? {
        let text = trimmed(bytes)
        if text.isEmpty { return nil }
        for candidate in Value.allCases where equalIgnoringASCIICase(text, candidate.canonical) {
            return candidate
        }
        throw InputError(field: field, value: string(bytes), allowed: Value.allowedText, line: line)
    }

    @inline(__always)
    static func equalIgnoringASCIICase(_ bytes: Bytes, _ constant: StaticString) -> Bool {
        guard bytes.count == constant.utf8CodeUnitCount else { return false }
        let other = constant.utf8Start
        for index in 0..<bytes.count where lowercased(bytes[index]) != lowercased(other[index]) {
            return false
        }
        return true
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    // MARK: String entry points (command-line values), on the same byte rules.

    static func withBytes<T>(_ text: String, _ body: (Bytes) throws -> T) rethrows -> T {
        var text = text
        return try text.withUTF8 { try body($0) }
    }

    static func date(_ text: String, field: String, years: ClosedRange<Int> = recordYears) throws -> CalendarDate {
        try withBytes(text) { try date($0, field: field, years: years) }
    }

    static func text(_ text: String, field: String, maxLength: Int) throws -> String? {
        try withBytes(text) { bytes in try self.text(bytes, field: field, maxLength: maxLength).map(string) }
    }

    static func requiredText(_ text: String, field: String, maxLength: Int) throws -> String {
        try withBytes(text) { string(try requiredText($0, field: field, maxLength: maxLength)) }
    }

    static func number(_ text: String, field: String, range: ClosedRange<Int>, allowed: String) throws -> Int? {
        try withBytes(text) { try number($0, field: field, range: range, allowed: allowed) }
    }

    static func member<Value: ClosedSetValue>(_ text: String, of type: Value.Type, field: String) throws -> Value? {
        try withBytes(text) { try member($0, of: type, field: field) }
    }

    /// A required value that was not given at all.
    static func missing(_ field: String, allowed: String) -> InputError {
        InputError(field: field, value: "", allowed: "it is required: \(allowed)")
    }

    /// The reason a record is voided: 1 to 500 characters.
    static func voidReason(_ text: String) throws -> String {
        try requiredText(text, field: "reason", maxLength: 500)
    }
}

/// A closed set of values stored as fixed text (document kinds, education levels, ...).
protocol ClosedSetValue: CaseIterable, Sendable {
    /// The stored spelling, a constant so imports bind it without copying.
    var canonical: StaticString { get }
    /// What is allowed, for messages.
    static var allowedText: String { get }
}

extension ClosedSetValue {
    /// The stored spelling as a `String`.
    var text: String { canonical.description }

    /// The value whose stored spelling is `text` (exactly).
    init?(stored text: String) {
        guard let value = Self.allCases.first(where: { $0.canonical.description == text }) else { return nil }
        self = value
    }
}

extension Row {
    /// A stored date column; the schema guarantees the format, so a failure means a damaged file.
    func calendarDate(_ index: Int) throws -> CalendarDate {
        let text = string(index)
        guard let date = CalendarDate(text) else { throw StateError("unreadable stored date \"\(text)\"") }
        return date
    }

    func optionalCalendarDate(_ index: Int) throws -> CalendarDate? {
        isNull(index) ? nil : try calendarDate(index)
    }

    /// A stored closed-set value.
    func member<Value: ClosedSetValue>(_ index: Int, of type: Value.Type) throws -> Value {
        let text = string(index)
        guard let value = Value(stored: text) else { throw StateError("unreadable stored value \"\(text)\"") }
        return value
    }

    func optionalMember<Value: ClosedSetValue>(_ index: Int, of type: Value.Type) throws -> Value? {
        isNull(index) ? nil : try member(index, of: type)
    }
}
