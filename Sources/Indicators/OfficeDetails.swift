import Storage

/// What an official report shows of its office: the letterhead (regency, kecamatan, address)
/// and the head who signs it, as recorded with `iku office set` as of the report's last change.
/// Nothing is invented: a detail never recorded and without a default is nil, and `missing`
/// names it.
public struct OfficeDetails: Equatable, Sendable {
    /// A value and whether it was recorded or is a default.
    public struct Value: Equatable, Sendable {
        public let text: String
        /// True when it comes from a rule (the regency from the kecamatan code, the position
        /// from the kecamatan's name), false when recorded with `iku office set`.
        public let isDefault: Bool
    }

    /// The office row (kecamatan code and name); nil in a database without one.
    public let office: Office?
    /// `Kabupaten Lumajang`: as recorded, else known from the kecamatan code.
    public let regencyName: Value?
    public let address: String?
    public let headName: String?
    /// The head's NIP as stored (printed form, e.g. `19660228 199203 1 012`).
    public let headNIP: String?
    public let headRank: String?
    /// As recorded, else `Camat <kecamatan name>`.
    public let headPosition: Value?

    /// The settings the signature block needs and that are not recorded (head name, NIP, rank,
    /// and the position when there is no kecamatan name to default it from), in that order.
    public var missingForSignature: [OfficeSettingKey] {
        [(OfficeSettingKey.headName, headName != nil), (.headNIP, headNIP != nil), (.headRank, headRank != nil),
         (.headPosition, headPosition != nil)].filter { !$0.1 }.map(\.0)
    }

    /// The settings the letterhead needs and that are not known (regency name, address).
    public var missingForLetterhead: [OfficeSettingKey] {
        [(OfficeSettingKey.regencyName, regencyName != nil), (.address, address != nil)].filter { !$0.1 }.map(\.0)
    }

    /// The position of the head when none is recorded: `Camat Tempursari`.
    public static func defaultPosition(_ office: Office) -> String { "Camat \(office.kecamatanName)" }

    /// The details from the office row and the office settings as of `asOf`.
    public static func read(_ database: IkuDatabase, asOf: AsOf = .now) throws -> OfficeDetails {
        let office = try OfficeStore(database).office()
        let settings = try OfficeSettingsStore(database).settings(asOf: asOf)
        func recorded(_ key: OfficeSettingKey) -> String? { settings[key]?.value }
        func withDefault(_ key: OfficeSettingKey, _ fallback: String?) -> Value? {
            if let value = recorded(key) { return Value(text: value, isDefault: false) }
            return fallback.map { Value(text: $0, isDefault: true) }
        }
        return OfficeDetails(
            office: office,
            regencyName: withDefault(.regencyName, office.flatMap { RegencyNames.name(forCode: $0.kecamatanCode) }),
            address: recorded(.address), headName: recorded(.headName), headNIP: recorded(.headNIP),
            headRank: recorded(.headRank), headPosition: withDefault(.headPosition, office.map(defaultPosition)))
    }
}
