import FoundationEssentials

/// Adds, corrects, voids and reads villages. Every write is one transaction with one change.
///
/// A village code must lie under the office's kecamatan code (one database holds one
/// kecamatan, and a village moved to another kecamatan gets a new code there), and no two live
/// villages share a code; a voided village's code may be used again.
public struct VillageStore {
    let database: IkuDatabase
    private var records: VersionedRecords<Village> { VersionedRecords(database: database) }

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let selectList = Village.table.selectCurrent + " ORDER BY v.code, v.village_id"
    static let selectLiveByCode = Village.table.selectCurrent + " AND v.code = :code ORDER BY v.village_id"
    static let selectLiveCodes = Village.table.selectCurrent + " ORDER BY v.code LIMIT 12"
    static let selectLiveSubmissionIDs = Submission.table.selectCurrent + " AND v.village_id = :village ORDER BY v.submission_id"

    /// Records a new village; returns its id.
    @discardableResult
    public func add(_ input: VillageInput) throws -> Int64 {
        try database.write {
            let village = try Village(input, onto: nil, kecamatanCode: try kecamatanCode())
            try refuseDuplicate(village.code, except: nil)
            return try records.add(village, summary: "\(village.code) \(village.name)")
        }
    }

    /// Writes a corrected version of a live village; returns the new version number.
    @discardableResult
    public func correct(_ id: Int64, _ input: VillageInput) throws -> Int {
        try database.write {
            let current = try records.requireLive(id, to: "correct")
            let village = try Village(input, onto: current.fields, kecamatanCode: try kecamatanCode())
            try refuseDuplicate(village.code, except: id)
            return try records.correct(current, to: village, summary: "\(village.code) \(village.name)")
        }
    }

    /// Voids a live village with a reason; refused while live submissions refer to it.
    @discardableResult
    public func void(_ id: Int64, reason: String) throws -> Int {
        try database.write {
            var submissions: [Int64] = []
            try database.connection.cached(Self.selectLiveSubmissionIDs).forEachRow(
                named: [":as_of": AsOf.now.lastChangeID, ":include_voided": false, ":village": id]
            ) { submissions.append($0.int64(0)) }
            if !submissions.isEmpty {
                let list = submissions.map(String.init).joined(separator: ", ")
                throw StateError("cannot void village \(id): live submissions \(list) refer to it; void or correct them first")
            }
            return try records.void(id, reason: reason)
        }
    }

    /// The village's latest version as of `asOf` (voided or not).
    public func show(_ id: Int64, asOf: AsOf = .now) throws -> Versioned<Village> {
        guard let village = try records.latest(id, asOf: asOf) else { throw StateError("there is no village \(id)") }
        return village
    }

    /// Every version of the village up to `asOf`, oldest first, with the change that wrote each.
    public func versions(of id: Int64, asOf: AsOf = .now) throws -> [Versioned<Village>] {
        try records.history(id, asOf: asOf)
    }

    /// Every village's current version as of `asOf`, by code; voided ones only when asked.
    public func list(includeVoided: Bool = false, asOf: AsOf = .now) throws -> [Versioned<Village>] {
        var result: [Versioned<Village>] = []
        try records.forEachCurrent(Self.selectList, [":as_of": asOf.lastChangeID, ":include_voided": includeVoided]) {
            result.append($0)
        }
        return result
    }

    /// The live village with `code` as of `asOf`, if any.
    public func village(code: String, asOf: AsOf = .now) throws -> Versioned<Village>? {
        var result: Versioned<Village>?
        try records.forEachCurrent(Self.selectLiveByCode,
                                   [":as_of": asOf.lastChangeID, ":include_voided": false, ":code": code]) {
            if result == nil { result = $0 }
        }
        return result
    }

    /// The id of the live village a clerk names by code; an unknown code is refused with the known ones.
    func liveVillageID(code text: String, field: String = "village") throws -> Int64 {
        let code = text.trimmingWhitespace()
        if let village = try village(code: code) { return village.id }
        var known: [String] = []
        try records.forEachCurrent(Self.selectLiveCodes, [":as_of": AsOf.now.lastChangeID, ":include_voided": false]) {
            known.append($0.fields.code)
        }
        let hint = known.isEmpty
            ? "no villages are recorded yet; add them with `iku village add` or `iku village import`"
            : "known: " + known.prefix(11).joined(separator: ", ") + (known.count > 11 ? ", ..." : "")
        throw InputError(field: field, value: text, allowed: "the code of a live village of this kecamatan (\(hint))")
    }

    func kecamatanCode() throws -> String {
        guard let office = try OfficeStore(database).office() else {
            throw DatabaseStateError.noOffice(path: database.connection.path)
        }
        return office.kecamatanCode
    }

    func refuseDuplicate(_ code: String, except id: Int64?) throws {
        if let existing = try village(code: code), existing.id != id {
            throw StateError("village code \(code) is already recorded as village \(existing.id) (\(existing.fields.name)); correct it with `iku village correct \(existing.id)` instead")
        }
    }
}
