import FoundationEssentials

/// The record kinds that have versions, and where their versions live.
public enum VersionedKind: String, Sendable, CaseIterable {
    case village, submission, facilitation
    case followUp = "follow-up"
    case survey

    var versionTable: String {
        switch self {
        case .village: return "village_versions"
        case .submission: return "submission_versions"
        case .facilitation: return "facilitation_versions"
        case .followUp: return "follow_up_versions"
        case .survey: return "survey_response_versions"
        }
    }

    var keyColumn: String {
        switch self {
        case .village: return "village_id"
        case .submission: return "submission_id"
        case .facilitation: return "facilitation_id"
        case .followUp: return "follow_up_id"
        case .survey: return "response_id"
        }
    }
}

/// One version of a record as an auditor sees it: who, when, what, and what changed.
public struct RecordVersion: Sendable, Equatable {
    /// A field that differs from the previous version.
    public struct FieldChange: Sendable, Equatable {
        public let field: String
        public let old: DatabaseValue
        public let new: DatabaseValue
    }

    public let version: Int
    public let changeID: Int64
    public let recordedAt: String
    public let actor: String
    public let action: String
    public let voided: Bool
    public let voidReason: String?
    /// Every field of this version, in schema order.
    public let fields: [(name: String, value: DatabaseValue)]
    /// Fields that differ from the previous version (empty for the first).
    public let changes: [FieldChange]

    public static func == (lhs: RecordVersion, rhs: RecordVersion) -> Bool {
        lhs.changeID == rhs.changeID && lhs.version == rhs.version
    }
}

/// Every version of one record, oldest first.
public struct RecordHistory {
    static let bookkeeping: Set<String> = ["row_id", "version", "change_id", "voided", "void_reason"]

    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The versions of record `id` of `kind`; throws when there is no such record.
    public func versions(of kind: VersionedKind, id: Int64) throws -> [RecordVersion] {
        // Table and column names come from `VersionedKind`, never from user input.
        let statement = try connection.prepare("""
            SELECT c.recorded_at, c.actor, c.action, v.*
            FROM \(kind.versionTable) AS v JOIN changes AS c ON c.id = v.change_id
            WHERE v.\(kind.keyColumn) = ? ORDER BY v.version
            """)
        var versions: [RecordVersion] = []
        var previous: [String: DatabaseValue] = [:]
        try statement.forEachRow([id]) { row in
            var all: [String: DatabaseValue] = [:]
            var fields: [(name: String, value: DatabaseValue)] = []
            for column in 3..<statement.columnCount {
                let name = statement.columnName(column)
                all[name] = row.value(column)
                if !Self.bookkeeping.contains(name), name != kind.keyColumn {
                    fields.append((name, row.value(column)))
                }
            }
            let changes = versions.isEmpty ? [] : fields.compactMap { field in
                previous[field.name] == field.value
                    ? nil : RecordVersion.FieldChange(field: field.name, old: previous[field.name] ?? .null, new: field.value)
            }
            versions.append(RecordVersion(
                version: Int(all.int("version")), changeID: all.int("change_id"),
                recordedAt: row.string(0), actor: row.string(1), action: row.string(2),
                voided: all.int("voided") == 1, voidReason: all.text("void_reason"),
                fields: fields, changes: changes))
            previous = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value) })
        }
        guard !versions.isEmpty else { throw StateError("there is no \(kind.rawValue) with id \(id)") }
        return versions
    }
}

private extension Dictionary where Key == String, Value == DatabaseValue {
    func int(_ key: String) -> Int64 {
        if case .integer(let value) = self[key] { return value }
        return 0
    }

    func text(_ key: String) -> String? {
        if case .text(let value) = self[key] { return value }
        return nil
    }
}
