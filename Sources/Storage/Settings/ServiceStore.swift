import FoundationEssentials

/// A service (jenis layanan) on the office's list, as last added.
public struct OfferedService: Hashable, Sendable {
    /// The name as it was added, e.g. `KTP`.
    public let name: String
    public let stamp: ChangeStamp
}

/// Keeps the list of services the office offers (`service_settings`; the latest row per name,
/// ignoring ASCII case, wins): adding and removing are audited changes of kind `office`, and a
/// removed service stays in history.
public struct ServiceStore {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    /// Longest service name, the same as a survey response's service.
    static let nameLength = SurveyRules.serviceLength

    static let insert = "INSERT INTO service_settings (change_id, name, offered) VALUES (?, ?, ?)"

    /// The latest row per name (ASCII case ignored) as of `:as_of`, for the services still offered,
    /// optionally only the one named `:name`.
    static let offered = """
        SELECT s.name, s.change_id, c.recorded_at, c.actor
        FROM service_settings AS s JOIN changes AS c ON c.id = s.change_id
        WHERE s.change_id <= :as_of AND s.offered = 1
          AND (:name IS NULL OR s.name = :name COLLATE NOCASE)
          AND NOT EXISTS (SELECT 1 FROM service_settings AS t
                          WHERE t.name = s.name COLLATE NOCASE AND t.change_id <= :as_of AND t.id > s.id)
        ORDER BY s.name COLLATE NOCASE, s.id
        """

    /// Adds `name` to the list as one audited change; refused when a service of that name (any
    /// case) is already offered.
    @discardableResult
    public func add(_ name: String) throws -> OfferedService {
        let name = try FieldRules.requiredText(name, field: "name", maxLength: Self.nameLength)
        try database.write {
            if let existing = try service(named: name) {
                throw StateError("the service \(existing.name) is already offered (added by \(existing.stamp.actor) at \(existing.stamp.recordedAt))")
            }
            try record(name, offered: true, summary: "service add \(name)")
        }
        guard let stored = try service(named: name) else { throw StateError("the service \(name) was not stored") }
        return stored
    }

    /// Takes the service named `name` (any case) off the list as one audited change; returns the
    /// name as it was offered. Refused when no such service is offered.
    @discardableResult
    public func remove(_ name: String) throws -> String {
        let name = try FieldRules.requiredText(name, field: "name", maxLength: Self.nameLength)
        return try database.write {
            guard let existing = try service(named: name) else {
                throw StateError("no service named \(name) is offered; `iku service list` shows those that are")
            }
            try record(existing.name, offered: false, summary: "service remove \(existing.name)")
            return existing.name
        }
    }

    /// The services offered as of `asOf`, by name.
    public func list(asOf: AsOf = .now) throws -> [OfferedService] {
        try rows(named: nil, asOf: asOf)
    }

    /// The offered service whose name equals `name` (trimmed) ignoring ASCII case, as of `asOf`.
    public func service(named name: String, asOf: AsOf = .now) throws -> OfferedService? {
        try rows(named: name.trimmingWhitespaceAndNewlines(), asOf: asOf).first
    }

    private func rows(named name: String?, asOf: AsOf) throws -> [OfferedService] {
        try database.connection.cached(Self.offered).map(named: [":as_of": asOf.lastChangeID, ":name": name]) { row in
            OfferedService(name: row.string(0),
                           stamp: ChangeStamp(id: row.int64(1), recordedAt: row.string(2), actor: row.string(3), action: .set))
        }
    }

    private func record(_ name: String, offered: Bool, summary: String) throws {
        let changeID = try database.recordChange(kind: .office, action: .set, recordID: nil, summary: summary)
        try database.connection.cached(Self.insert).run([changeID, name, offered])
    }
}
