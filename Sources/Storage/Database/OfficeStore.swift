import FoundationEssentials

/// The kecamatan this database belongs to.
public struct Office: Equatable, Sendable {
    /// Kemendagri code `PP.KK.CC`, e.g. `35.08.01`.
    public let kecamatanCode: String
    public let kecamatanName: String

    public init(kecamatanCode: String, kecamatanName: String) {
        self.kecamatanCode = kecamatanCode
        self.kecamatanName = kecamatanName
    }

    func validate() throws {
        guard Self.isKecamatanCode(kecamatanCode) else {
            throw InputError(field: "kecamatan-code", value: kecamatanCode,
                             allowed: "a Kemendagri kecamatan code PP.KK.CC such as 35.08.01")
        }
        let name = kecamatanName.trimmingWhitespace()
        guard !name.isEmpty, name == kecamatanName, name.count <= 100 else {
            throw InputError(field: "kecamatan-name", value: kecamatanName,
                             allowed: "a name of 1 to 100 characters without leading or trailing spaces")
        }
    }

    /// The zone of the office's province, refused with the table when the province has none.
    func provinceZone() throws -> OfficeZone {
        guard let zone = OfficeZone.forKecamatanCode(kecamatanCode) else {
            throw InputError(field: "kecamatan-code", value: kecamatanCode,
                             allowed: "a code whose province (its first two digits) has a time zone (\(OfficeZone.knownProvincesText)), or give the zone with --timezone")
        }
        return zone
    }

    static func isKecamatanCode(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Reads and records the office row.
public struct OfficeStore {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    /// The office, or nil when the database has none (not created by `iku init`).
    public func office() throws -> Office? {
        try database.connection.cached("SELECT kecamatan_code, kecamatan_name FROM office WHERE id = 1").first {
            Office(kecamatanCode: $0.string(0), kecamatanName: $0.string(1))
        }
    }

    /// The summary of the change that records `office`, with an optional note in parentheses.
    public static func creationSummary(_ office: Office, note: String? = nil) -> String {
        "office \(office.kecamatanCode) \(office.kecamatanName)" + (note.map { " (\($0))" } ?? "")
    }

    /// Records the office; returns the id of the change that created it.
    @discardableResult
    func record(_ office: Office, note: String? = nil) throws -> Int64 {
        let changeID = try database.recordChange(
            kind: .office, action: .create, recordID: 1, summary: Self.creationSummary(office, note: note))
        try database.connection.run(
            "INSERT INTO office (id, kecamatan_code, kecamatan_name, change_id) VALUES (1, ?, ?, ?)",
            [office.kecamatanCode, office.kecamatanName, changeID])
        return changeID
    }
}
