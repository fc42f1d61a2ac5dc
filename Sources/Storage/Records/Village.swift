import FoundationEssentials

/// A village (desa or kelurahan) of the kecamatan, with the period it belongs to the kecamatan.
public struct Village: Equatable, Sendable {
    /// Kemendagri code `PP.KK.CC.DDDD`, under the office's kecamatan code.
    public var code: String
    public var name: String
    public var activeFrom: CalendarDate?
    public var activeUntil: CalendarDate?

    public init(code: String, name: String, activeFrom: CalendarDate? = nil, activeUntil: CalendarDate? = nil) {
        self.code = code
        self.name = name
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
    }
}

/// A village as a clerk types it. For `add`, code and name are required; for `correct`, a nil
/// field keeps the current value and an empty one clears an optional field.
public struct VillageInput: Sendable {
    public var code: String?
    public var name: String?
    public var activeFrom: String?
    public var activeUntil: String?

    public init(code: String? = nil, name: String? = nil, activeFrom: String? = nil, activeUntil: String? = nil) {
        self.code = code
        self.name = name
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
    }
}

extension Village: RecordFields {
    static let table = VersionedTable(
        noun: "village", changeKind: .village, identityTable: "villages", versionTable: "village_versions",
        idColumn: "village_id", selectFields: ["v.code", "v.name", "v.active_from", "v.active_until"],
        insertColumns: ["code", "name", "active_from", "active_until"])

    init(row: Row, from offset: Int) throws {
        self.init(code: row.string(offset), name: row.string(offset + 1),
                  activeFrom: try row.optionalCalendarDate(offset + 2),
                  activeUntil: try row.optionalCalendarDate(offset + 3))
    }

    var columnValues: [DatabaseValueConvertible] {
        [code, name, activeFrom?.description, activeUntil?.description]
    }

    /// Village periods may start long before the system's records do.
    static let activeYears = 1900...2100

    static func codeAllowed(kecamatanCode: String) -> String {
        "a Kemendagri village code PP.KK.CC.DDDD of this kecamatan (\(kecamatanCode).DDDD), e.g. \(kecamatanCode).2005"
    }

    /// Checks a village code's shape and that it lies under the office's kecamatan code.
    static func validCode(_ text: String, kecamatanCode: String, field: String = "code") throws -> String {
        let code = text.trimmingWhitespace()
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        let shaped = parts.count == 4 && zip(parts, [2, 2, 2, 4]).allSatisfy { part, length in
            part.utf8.count == length && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        guard shaped, code.hasPrefix(kecamatanCode + ".") else {
            throw InputError(field: field, value: text, allowed: codeAllowed(kecamatanCode: kecamatanCode))
        }
        return code
    }

    /// The village `input` describes: on its own (`current` nil, for `add`) or applied to `current`.
    init(_ input: VillageInput, onto current: Village?, kecamatanCode: String) throws {
        guard let code = try input.code.map({ try Self.validCode($0, kecamatanCode: kecamatanCode) }) ?? current?.code else {
            throw FieldRules.missing("code", allowed: Self.codeAllowed(kecamatanCode: kecamatanCode))
        }
        guard let name = try input.name.map({ try FieldRules.requiredText($0, field: "name", maxLength: 100) })
                ?? current?.name else {
            throw FieldRules.missing("name", allowed: "the village's name, 1 to 100 characters")
        }
        func date(_ text: String?, field: String, current: CalendarDate?) throws -> CalendarDate? {
            guard let text else { return current }
            guard FieldRules.hasText(text) else { return nil }
            return try FieldRules.date(text, field: field, years: Self.activeYears)
        }
        let activeFrom = try date(input.activeFrom, field: "active-from", current: current?.activeFrom)
        let activeUntil = try date(input.activeUntil, field: "active-until", current: current?.activeUntil)
        if let activeFrom, let activeUntil, activeUntil < activeFrom {
            throw InputError(field: "active-until", value: activeUntil.description,
                             allowed: "a date on or after active-from (\(activeFrom))")
        }
        self.init(code: code, name: name, activeFrom: activeFrom, activeUntil: activeUntil)
    }
}

extension FieldRules {
    /// Whether a command-line value has any text once trimmed (an empty one clears a field).
    static func hasText(_ text: String) -> Bool {
        !text.trimmingWhitespaceAndNewlines().isEmpty
    }
}
