import FoundationEssentials

/// Which activities a listing shows.
public struct FacilitationFilter: Sendable {
    /// Activities held in this calendar year.
    public var year: Int?
    /// Only activities with no live follow-up.
    public var pendingOnly: Bool
    public var includeVoided: Bool

    public init(year: Int? = nil, pendingOnly: Bool = false, includeVoided: Bool = false) {
        self.year = year
        self.pendingOnly = pendingOnly
        self.includeVoided = includeVoided
    }

    /// A filter from command-line text.
    public init(year: String?, pendingOnly: Bool, includeVoided: Bool = false) throws {
        self.init(year: try year.flatMap { try FieldRules.number($0, field: "year", range: FieldRules.recordYears,
                                                                 allowed: "a year from 2000 to 2100") },
                  pendingOnly: pendingOnly, includeVoided: includeVoided)
    }
}

/// An activity in a listing, with how many live follow-ups it had as of the read.
public struct FacilitationListing: Equatable, Sendable {
    public let activity: Versioned<Facilitation>
    public let followUpCount: Int
}

/// Adds, corrects, voids and reads facilitation and coordination activities and their follow-ups.
///
/// A follow-up needs a live activity and is never dated before it; correcting an activity's date
/// to after one of its live follow-ups is refused for the same reason. Voiding an activity keeps
/// its follow-ups (they stay in history; the indicator leaves voided activities out).
public struct FacilitationStore {
    let database: IkuDatabase
    private var activities: VersionedRecords<Facilitation> { VersionedRecords(database: database) }
    private var followUpRecords: VersionedRecords<FollowUp> { VersionedRecords(database: database) }

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let selectList = """
        SELECT current.*, (
            SELECT count(*) FROM follow_ups AS f JOIN follow_up_versions AS fv ON fv.follow_up_id = f.id
            WHERE f.facilitation_id = current.facilitation_id AND fv.change_id <= :as_of AND fv.voided = 0
              AND NOT EXISTS (SELECT 1 FROM follow_up_versions AS fw
                              WHERE fw.follow_up_id = fv.follow_up_id AND fw.version > fv.version AND fw.change_id <= :as_of)
        ) AS follow_up_count
        FROM (\(Facilitation.table.selectCurrent)
              AND (:from IS NULL OR v.held_on BETWEEN :from AND :until)) AS current
        WHERE (:pending = 0 OR follow_up_count = 0)
        ORDER BY current.held_on, current.facilitation_id
        """
    static let selectFollowUps = FollowUp.table.selectCurrent + " AND i.facilitation_id = :activity ORDER BY v.done_on, v.follow_up_id"

    /// Records a new activity; returns its id.
    @discardableResult
    public func add(_ input: FacilitationInput) throws -> Int64 {
        try database.write {
            let activity = try Facilitation(input, onto: nil, limit: try database.eventDateLimit())
            return try activities.add(activity, summary: summary(activity))
        }
    }

    /// Writes a corrected version of a live activity; returns the new version number.
    @discardableResult
    public func correct(_ id: Int64, _ input: FacilitationInput) throws -> Int {
        try database.write {
            let current = try activities.requireLive(id, to: "correct")
            let activity = try Facilitation(input, onto: current.fields, limit: try database.eventDateLimit())
            if let earliest = try followUps(of: id, includeVoided: false).min(by: { $0.fields.date < $1.fields.date }),
               earliest.fields.date < activity.date {
                throw InputError(field: "date", value: activity.date.description,
                                 allowed: "a date on or before its earliest live follow-up (follow-up \(earliest.id), \(earliest.fields.date))")
            }
            return try activities.correct(current, to: activity, summary: summary(activity))
        }
    }

    /// Voids a live activity with a reason; returns the new version number.
    @discardableResult
    public func void(_ id: Int64, reason: String) throws -> Int {
        try database.write { try activities.void(id, reason: reason) }
    }

    /// Records a follow-up of the live activity `activityID`; returns the follow-up's id.
    @discardableResult
    public func addFollowUp(to activityID: Int64, _ input: FollowUpInput) throws -> Int64 {
        try database.write {
            let activity = try activities.requireLive(activityID, to: "follow up")
            let followUp = try FollowUp(input, onto: nil, activity: activityID, heldOn: activity.fields.date,
                                        limit: try database.eventDateLimit())
            let id = try followUpRecords.add(followUp, summary: "of facilitation \(activityID) on \(followUp.date)",
                                             identityValues: [activityID])
            try database.connection.cached(Self.insertLink).run([id, activityID, try database.lastChangeID()])
            return id
        }
    }

    /// The link of a follow-up to its activity, written by the change that creates the follow-up
    /// (migration 0006: identity rows are not sealed in the audit chain, so the link has its own).
    static let insertLink = "INSERT INTO follow_up_links (follow_up_id, facilitation_id, change_id) VALUES (?, ?, ?)"
    static let unlinked = """
        SELECT f.id, f.facilitation_id FROM follow_ups AS f
        WHERE NOT EXISTS (SELECT 1 FROM follow_up_links AS l WHERE l.follow_up_id = f.id)
        ORDER BY f.id
        """

    /// Writes the link of every follow-up recorded before migration 0006 in one audited change
    /// (`iku migrate` runs it after the schema migrations); returns how many it linked.
    @discardableResult
    public func linkEarlierFollowUps() throws -> Int {
        try database.write {
            let unlinked = try database.connection.cached(Self.unlinked).map { ($0.int64(0), $0.int64(1)) }
            guard !unlinked.isEmpty else { return 0 }
            let changeID = try database.recordChange(
                kind: .followUp, action: .set, recordID: nil,
                summary: "link \(unlinked.count) follow-ups recorded before migration 0006 to their activities")
            for (followUp, activity) in unlinked {
                try database.connection.cached(Self.insertLink).run([followUp, activity, changeID])
            }
            return unlinked.count
        }
    }

    /// Writes a corrected version of a live follow-up; returns the new version number.
    @discardableResult
    public func correctFollowUp(_ id: Int64, _ input: FollowUpInput) throws -> Int {
        try database.write {
            let current = try followUpRecords.requireLive(id, to: "correct")
            let activityID = current.fields.facilitationID
            let activity = try activities.requireLive(activityID, to: "correct a follow-up of")
            let followUp = try FollowUp(input, onto: current.fields, activity: activityID, heldOn: activity.fields.date,
                                        limit: try database.eventDateLimit())
            return try followUpRecords.correct(current, to: followUp, summary: "of facilitation \(activityID) on \(followUp.date)")
        }
    }

    /// Voids a live follow-up with a reason; returns the new version number.
    @discardableResult
    public func voidFollowUp(_ id: Int64, reason: String) throws -> Int {
        try database.write { try followUpRecords.void(id, reason: reason) }
    }

    /// The activity's latest version as of `asOf` (voided or not).
    public func show(_ id: Int64, asOf: AsOf = .now) throws -> Versioned<Facilitation> {
        guard let activity = try activities.latest(id, asOf: asOf) else { throw StateError("there is no facilitation \(id)") }
        return activity
    }

    /// The follow-up's latest version as of `asOf` (voided or not).
    public func showFollowUp(_ id: Int64, asOf: AsOf = .now) throws -> Versioned<FollowUp> {
        guard let followUp = try followUpRecords.latest(id, asOf: asOf) else { throw StateError("there is no follow-up \(id)") }
        return followUp
    }

    /// The current version of each follow-up of an activity as of `asOf`, by date.
    public func followUps(of activityID: Int64, includeVoided: Bool = true, asOf: AsOf = .now) throws -> [Versioned<FollowUp>] {
        var result: [Versioned<FollowUp>] = []
        try followUpRecords.forEachCurrent(
            Self.selectFollowUps,
            [":as_of": asOf.lastChangeID, ":include_voided": includeVoided, ":activity": activityID]
        ) { result.append($0) }
        return result
    }

    /// Every version of the activity up to `asOf`, oldest first.
    public func versions(of id: Int64, asOf: AsOf = .now) throws -> [Versioned<Facilitation>] {
        try activities.history(id, asOf: asOf)
    }

    /// Every version of the follow-up up to `asOf`, oldest first.
    public func followUpVersions(of id: Int64, asOf: AsOf = .now) throws -> [Versioned<FollowUp>] {
        try followUpRecords.history(id, asOf: asOf)
    }

    /// The current version of every activity `filter` selects, by date, with its live follow-ups.
    public func list(_ filter: FacilitationFilter = FacilitationFilter(), asOf: AsOf = .now) throws -> [FacilitationListing] {
        let parameters: [String: DatabaseValueConvertible] = [
            ":as_of": asOf.lastChangeID, ":include_voided": filter.includeVoided, ":pending": filter.pendingOnly,
            ":from": filter.year.map { DigitText.padded($0, 4) + "-01-01" },
            ":until": filter.year.map { DigitText.padded($0, 4) + "-12-31" },
        ]
        var result: [FacilitationListing] = []
        let countColumn = VersionedTable.metadataCount + Facilitation.table.selectFields.count
        try database.connection.cached(Self.selectList).forEachRow(named: parameters) { row in
            result.append(FacilitationListing(activity: try Versioned(row: row), followUpCount: row.int(countColumn)))
        }
        return result
    }

    private func summary(_ activity: Facilitation) -> String {
        "\(activity.kind.rawValue) with \(activity.institution) on \(activity.date)"
    }
}
