/// Input refused before anything is written: names the field, the value, what is allowed and,
/// for files, the line.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let allowed: String
    /// 1-based line in an imported file, when the input came from one.
    public var line: Int?

    public init(field: String, value: String, allowed: String, line: Int? = nil) {
        self.field = field
        self.value = value
        self.allowed = allowed
        self.line = line
    }

    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        return "\(place)\(field): \"\(Self.shown(value))\" is not allowed; \(allowed)"
    }

    /// Longest value a message shows, in Unicode scalars.
    static let shownLength = 60

    /// `value` as it fits in a one-line message: line breaks, tabs, other control characters and
    /// invisible format characters (right-to-left marks, byte order marks, ...) written as
    /// escapes (`\n`, `\u{200F}`), so the message stays one line and shows why the value was
    /// refused; a long value is cut with "...".
    static func shown(_ value: String) -> String {
        var shown = ""
        var characters = 0
        for scalar in value.unicodeScalars {
            guard characters < shownLength else { return shown + "..." }
            switch scalar {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case "\u{200D}": shown.unicodeScalars.append(scalar)  // the joiner inside emoji sequences
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator:
                    shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default:
                    shown.unicodeScalars.append(scalar)
                }
            }
            characters += 1
        }
        return shown
    }
}

/// A request that conflicts with what is stored (e.g. correcting a voided record).
public struct StateError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
