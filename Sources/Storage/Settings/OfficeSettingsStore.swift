import FoundationEssentials

/// A setting of the office, as stored in `office_settings.key`.
public enum OfficeSettingKey: String, Sendable, CaseIterable, Codable {
    /// The office's IANA time zone (e.g. `Asia/Jakarta`): it decides every local day.
    case timezone
    /// The regency (kabupaten) the office belongs to, e.g. `Kabupaten Lumajang`.
    case regencyName = "regency_name"
    /// The office's postal address, for the letterhead.
    case address
    /// The head of office (camat): name, NIP, rank and position, for the signature block.
    case headName = "head_name"
    case headNIP = "head_nip"
    case headRank = "head_rank"
    case headPosition = "head_position"

    /// The spelling used on the command line (`regency-name`, `head-nip`, ...).
    public var argument: String { rawValue.replacingEvery("_", with: "-") }

    /// Whether `office set` may clear it (the time zone always has a value).
    public var canBeCleared: Bool { self != .timezone }
}

/// One office setting as last set.
public struct OfficeSetting: Hashable, Sendable {
    public let key: OfficeSettingKey
    /// The value; nil when it was cleared.
    public let value: String?
    public let stamp: ChangeStamp
}

/// Sets and reads the office's settings (`office_settings`; the latest row per key wins), so every
/// earlier value stays in history with who set it and when.
public struct OfficeSettingsStore {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let insert = "INSERT INTO office_settings (change_id, key, value) VALUES (?, ?, ?)"

    /// The latest row per key as of `:as_of`.
    static let latest = """
        SELECT s.key, s.value, s.change_id, c.recorded_at, c.actor
        FROM office_settings AS s JOIN changes AS c ON c.id = s.change_id
        WHERE s.change_id <= :as_of
          AND NOT EXISTS (SELECT 1 FROM office_settings AS t
                          WHERE t.key = s.key AND t.change_id <= :as_of AND t.id > s.id)
        ORDER BY s.id
        """

    /// Every row ever set as of `:as_of`, oldest first.
    static let everyRow = """
        SELECT s.key, s.value, s.change_id, c.recorded_at, c.actor
        FROM office_settings AS s JOIN changes AS c ON c.id = s.change_id
        WHERE s.change_id <= :as_of
        ORDER BY s.id
        """

    /// Sets the given settings (a nil or empty value clears one) as one audited change. Values are
    /// checked and normalised first (`OfficeSettingRules`); a request that changes nothing is refused.
    @discardableResult
    public func set(_ requested: [(key: OfficeSettingKey, value: String?)]) throws -> [OfficeSetting] {
        guard !requested.isEmpty else { throw StateError("nothing to set: give at least one setting") }
        var normalised: [(key: OfficeSettingKey, value: String?)] = []
        // A database whose zone is not known yet (an unknown province, no zone set) can still be
        // given one: the NIP's "not after this month" then reads today in UTC.
        let today = (try? database.officeCalendar().today) ?? CalendarDate(utcDayOf: database.clock.now())
        for (key, value) in requested {
            guard !normalised.contains(where: { $0.key == key }) else {
                throw InputError(field: key.argument, value: value ?? "", allowed: "each setting once")
            }
            normalised.append((key, try OfficeSettingRules.normalise(value, for: key, today: today)))
        }
        let current = try settings()
        let changed = normalised.filter { current[$0.key]?.value != $0.value }
        guard !changed.isEmpty else {
            throw StateError("nothing to change: the office settings already hold these values")
        }
        try database.write {
            let summary = "office set " + changed.map { "\($0.key.argument)=\($0.value ?? "(cleared)")" }
                .joined(separator: ", ")
            let changeID = try database.recordChange(kind: .office, action: .set, recordID: 1, summary: summary)
            for (key, value) in changed {
                try database.connection.cached(Self.insert).run([changeID, key.rawValue, value])
            }
        }
        let stored = try settings()
        return changed.compactMap { stored[$0.key] }
    }

    /// Every setting as last set as of `asOf`, by key; a key never set is absent.
    public func settings(asOf: AsOf = .now) throws -> [OfficeSettingKey: OfficeSetting] {
        var result: [OfficeSettingKey: OfficeSetting] = [:]
        for setting in try rows(Self.latest, asOf: asOf) { result[setting.key] = setting }
        return result
    }

    /// The value of `key` as of `asOf`: nil when never set or cleared. (The last row of `key`,
    /// as `settings` keeps it, without building the dictionary: every write reads the zone, and
    /// a first dictionary of a new type costs a conformance look-up; docs/performance.md.)
    public func value(_ key: OfficeSettingKey, asOf: AsOf = .now) throws -> String? {
        try rows(Self.latest, asOf: asOf).last { $0.key == key }?.value
    }

    /// Every value any setting ever had as of `asOf`, oldest first: the settings' history.
    public func history(asOf: AsOf = .now) throws -> [OfficeSetting] {
        try rows(Self.everyRow, asOf: asOf)
    }

    private func rows(_ sql: String, asOf: AsOf) throws -> [OfficeSetting] {
        // Pairs, not a dictionary: every write reads the zone (Statement.bind(pairs:)).
        try database.connection.cached(sql).map(pairs: [":as_of": asOf.lastChangeID]) { row in
            OfficeSetting(key: OfficeSettingKey(rawValue: row.string(0))!, value: row.optionalString(1),
                          stamp: ChangeStamp(id: row.int64(2), recordedAt: row.string(3), actor: row.string(4), action: .set))
        }
    }
}

/// The rules an office setting's value must meet, the same as the schema's CHECKs and stricter.
public enum OfficeSettingRules {
    /// Longest value stored (the schema's limit).
    static let maximumLength = 500

    /// `value` trimmed and checked for `key`; nil when it clears the setting. `today` (when
    /// known) refuses a NIP appointed after it.
    public static func normalise(_ value: String?, for key: OfficeSettingKey, today: CalendarDate? = nil) throws -> String? {
        let trimmed = value?.trimmingWhitespaceAndNewlines() ?? ""
        guard !trimmed.isEmpty else {
            guard key.canBeCleared else {
                throw InputError(field: key.argument, value: value ?? "", allowed: "a value; it cannot be cleared")
            }
            return nil
        }
        guard trimmed.count <= maximumLength else {
            throw InputError(field: key.argument, value: trimmed, allowed: "at most \(maximumLength) characters")
        }
        switch key {
        case .timezone:
            guard OfficeZone(identifier: trimmed) != nil else {
                throw InputError(field: key.argument, value: trimmed,
                                 allowed: "an IANA time zone name such as Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)")
            }
        case .headNIP:
            return try NIP(trimmed, field: key.argument, today: today).formatted
        case .regencyName, .address, .headName, .headRank, .headPosition:
            break
        }
        return trimmed
    }
}
