import FoundationEssentials
import Glibc

/// The row lines of a bundle read without Foundation's JSON parser: `{"table": T, "row": [V, ...]}`
/// exactly as `BundleExporter` spells them (one space after each colon and comma, a line break at
/// the end), V one of null, an integer, a string without `\u` escapes, `{"real": "TEXT"}` or
/// `{"blob": "BASE64"}`. Anything else, or any doubt (a number with a fraction or out of range, an
/// invalid UTF-8 sequence, a control character), gives nil and the line is read by
/// `JSONDecoder` (`JSONValue`), whose verdict then stands: this only reads faster what that reads
/// the same way. Rows are nearly every line of a bundle, and Foundation's parser was most of the
/// time of verifying one.
enum RowLine {
    static func parse(_ line: UnsafeRawBufferPointer) -> (table: String, values: [DatabaseValue])? {
        var cursor = Cursor(bytes: line)
        guard cursor.literal("{\"table\": "), let table = cursor.string(), cursor.literal(", \"row\": [") else { return nil }
        var values: [DatabaseValue] = []
        values.reserveCapacity(24)
        if !cursor.literal("]") {
            while true {
                guard let value = cursor.value() else { return nil }
                values.append(value)
                if cursor.literal(", ") { continue }
                guard cursor.literal("]") else { return nil }
                break
            }
        }
        guard cursor.literal("}") else { return nil }
        _ = cursor.literal("\n")
        guard cursor.atEnd else { return nil }
        return (table, values)
    }

    /// A JSON object of such values as PostgreSQL prints a `jsonb` (`{"key": V, "key": V}`, the
    /// same spacing; the regency's `office_rows.row_values`), or nil when it is not exactly that,
    /// and the caller reads it with `JSONDecoder` (`JSONValue`).
    static func object(_ text: UnsafeRawBufferPointer) -> [(key: String, value: DatabaseValue)]? {
        var cursor = Cursor(bytes: text)
        guard cursor.literal("{") else { return nil }
        var members: [(key: String, value: DatabaseValue)] = []
        members.reserveCapacity(24)
        if !cursor.literal("}") {
            while true {
                guard let key = cursor.string(), cursor.literal(": "), let value = cursor.value() else { return nil }
                members.append((key, value))
                if cursor.literal(", ") { continue }
                guard cursor.literal("}") else { return nil }
                break
            }
        }
        return cursor.atEnd ? members : nil
    }

    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - index >= count, memcmp(bytes.baseAddress! + index, text.utf8Start, count) == 0 else { return false }
            index += count
            return true
        }

        mutating func value() -> DatabaseValue? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "\""): return string().map(DatabaseValue.text)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(DatabaseValue.integer)
            case UInt8(ascii: "{"):
                if literal("{\"real\": ") {
                    guard let text = string(), literal("}"), let real = Double(text) else { return nil }
                    return .real(real)
                }
                if literal("{\"blob\": ") {
                    guard let text = string(), literal("}"), let data = Data(base64Encoded: text) else { return nil }
                    return .blob(data)
                }
                return nil
            default: return nil
            }
        }

        /// An integer as `String(Int64)` writes it: no leading zeros, no `-0`, no fraction or exponent.
        mutating func integer() -> Int64? {
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let start = index
            var result: Int64 = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let digit = Int64(bytes[index] - UInt8(ascii: "0"))
                let (times, overflow) = result.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !overflow, !overflow2 else { return nil }
                result = next
                index += 1
            }
            let digits = index - start
            guard digits > 0, bytes[start] != UInt8(ascii: "0") || (digits == 1 && !negative) else { return nil }
            if index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
                default: break
                }
            }
            return result
        }

        /// A JSON string; nil for `\u` escapes, control characters and invalid UTF-8.
        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            var escaped = false
            var ascii = true
            while true {
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 2
                    continue
                }
                if byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
            index += 1
            if !escaped {
                return ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
            }
            var decoded: [UInt8] = []
            decoded.reserveCapacity(raw.count)
            var position = 0
            while position < raw.count {
                let byte = raw[position]
                position += 1
                guard byte == UInt8(ascii: "\\") else {
                    decoded.append(byte)
                    continue
                }
                guard position < raw.count else { return nil }
                switch raw[position] {
                case UInt8(ascii: "\""): decoded.append(0x22)
                case UInt8(ascii: "\\"): decoded.append(0x5C)
                case UInt8(ascii: "/"): decoded.append(0x2F)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                default: return nil
                }
                position += 1
            }
            return String(validating: decoded, as: UTF8.self)
        }
    }
}
