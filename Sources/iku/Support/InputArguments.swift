import Storage

/// Turns option text into domain values, refusing bad values with an `InputError` (exit 1) that
/// names the option.
enum InputArguments {
    /// `text` without leading and trailing spaces, tabs, carriage returns and line feeds: every
    /// date option is trimmed this way, as record dates are (Storage's `FieldRules`), so
    /// `--as-of " 2026-03-31"` and `--date " 2026-03-31"` read the same day.
    static func trimmed(_ text: String) -> String {
        let spaces: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n"]
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !spaces.contains($0) }),
              let last = scalars.lastIndex(where: { !spaces.contains($0) }) else { return "" }
        return String(scalars[first...last])
    }

    static func date(_ text: String, option: String) throws -> CalendarDate {
        guard let date = CalendarDate(trimmed(text)) else {
            throw InputError(field: option, value: text, allowed: "a real date written YYYY-MM-DD, e.g. 2026-09-30")
        }
        return date
    }

    static func indicator(_ text: String) throws -> IndicatorKey {
        guard let key = IndicatorKey(argument: text) else {
            throw InputError(field: "indicator", value: text,
                             allowed: "one of \(IndicatorKey.allCases.map(\.argument).joined(separator: ", "))")
        }
        return key
    }

    static func document(_ text: String) throws -> AdministrationDocument {
        guard let document = AdministrationDocument(rawValue: text.lowercased()) else {
            throw InputError(field: "document", value: text,
                             allowed: "one of \(AdministrationDocument.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return document
    }
}
