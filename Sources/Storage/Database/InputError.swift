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
        return "\(place)\(field): \"\(value)\" is not allowed; \(allowed)"
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
