import Foundation
import Storage

/// The fields of an `application/x-www-form-urlencoded` body (or a query string), decoded. A
/// field sent twice is refused, so a value can never hide behind another.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(_ encoded: String) throws {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], field: "form")
            let value = try Self.decode(parts.count > 1 ? parts[1] : "", field: name)
            guard values[name] == nil else {
                throw InputError(field: name, value: value, allowed: "one value; the field was sent more than once")
            }
            values[name] = value
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The value of `name` when it holds more than white space.
    func nonEmpty(_ name: String) -> String? {
        guard let value = values[name], !value.trimmingWhitespaceAndNewlines().isEmpty else { return nil }
        return value
    }

    /// `+` as a space, then percent-decoding; invalid escapes or UTF-8 are refused.
    private static func decode(_ text: Substring, field: String) throws -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw InputError(field: field, value: String(text.prefix(60)), allowed: "form-encoded UTF-8 text")
        }
        return decoded
    }
}
