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

    /// `value` as it fits in a one-line message: escaped, and a long value cut with "...".
    static func shown(_ value: String) -> String {
        MessageText.oneLine(value, limit: shownLength)
    }
}

/// A request that conflicts with what is stored (e.g. correcting a voided record).
public struct StateError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    /// The message on one line: text from records in it (a name, a reason) may hold line breaks.
    public var description: String { MessageText.oneLine(message) }
}

/// Text from users and records made fit for a one-line message.
public enum MessageText {
    /// `text` with line breaks, tabs, other control characters and invisible format characters
    /// (right-to-left marks and overrides, byte order marks, ...) written as escapes (`\n`,
    /// `\u{200F}`), so a message stays one line, reads in order, and shows why a value that looks
    /// right was refused; cut after `limit` Unicode scalars with "...".
    public static func oneLine(_ text: String, limit: Int = .max) -> String {
        var shown = ""
        var count = 0
        for scalar in text.unicodeScalars {
            guard count < limit else { return shown + "..." }
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
            count += 1
        }
        return shown
    }

    /// A file name in a message: quoted and escaped like a refused value (never cut), so a
    /// name with spaces, line breaks or invisible marks reads unambiguously on one line.
    public static func path(_ path: String) -> String {
        "\"" + oneLine(path) + "\""
    }
}
