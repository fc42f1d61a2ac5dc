import Storage

/// Held and followed-up counts of one group of activities.
public struct FacilitationTally: Hashable, Sendable {
    public let held: Int
    public let followedUp: Int

    public init(held: Int, followedUp: Int) {
        self.held = held
        self.followedUp = followedUp
    }

    /// followed-up / held × 100; not computable with no activity held.
    public var figure: Figure {
        .percentage(followedUp, of: held, otherwise: "tidak ada kegiatan fasilitasi atau koordinasi pada periode ini")
    }
}

/// An activity held in the period with no follow-up counted.
public struct PendingActivity: Hashable, Sendable {
    public let facilitationID: Int64
    public let heldOn: CalendarDate
    /// `fasilitasi` or `koordinasi`.
    public let kind: String
    public let institution: String
    public let subject: String
    public let section: String?
}

/// The activities of one kind or one office section.
public struct FacilitationGroup: Hashable, Sendable {
    /// The kind or section; nil for activities recorded without a section.
    public let key: String?
    public let tally: FacilitationTally
}

/// IKU 2 for a period.
public struct FacilitationResult: Hashable, Sendable {
    public let tally: FacilitationTally
    /// Per kind (`fasilitasi`, `koordinasi`).
    public let byKind: [FacilitationGroup]
    /// Per office section, activities without a section last.
    public let bySection: [FacilitationGroup]
    public let pending: [PendingActivity]
    /// Only follow-ups dated on or before this day count; nil counts every follow-up recorded.
    public let followUpBy: CalendarDate?
    public let achievement: Achievement

    public var figure: Figure { tally.figure }
}

/// Computes IKU 2 with SQL aggregates over the live activities of the period.
struct FacilitationQuery {
    let database: IkuDatabase

    /// Each activity's latest version as of `:as_of`, unvoided, held in the period, with whether
    /// it has at least one live, unvoided follow-up (dated on or before `:follow_up_by` if given).
    static let liveActivities = """
        SELECT v.facilitation_id, v.held_on, v.kind, v.institution, v.subject, v.section,
               EXISTS (SELECT 1 FROM follow_ups AS f JOIN follow_up_versions AS u ON u.follow_up_id = f.id
                       WHERE f.facilitation_id = v.facilitation_id
                         AND u.change_id <= :as_of AND u.voided = 0
                         AND (:follow_up_by IS NULL OR u.done_on <= :follow_up_by)
                         AND NOT EXISTS (SELECT 1 FROM follow_up_versions AS x
                                         WHERE x.follow_up_id = u.follow_up_id AND x.version > u.version
                                           AND x.change_id <= :as_of)) AS followed_up
        FROM facilitation_versions AS v
        WHERE v.held_on BETWEEN :from AND :to
          AND v.change_id <= :as_of
          AND v.voided = 0
          AND NOT EXISTS (SELECT 1 FROM facilitation_versions AS w
                          WHERE w.facilitation_id = v.facilitation_id AND w.version > v.version
                            AND w.change_id <= :as_of)
        """

    /// One row overall (dimension NULL), then per kind and per section: held and followed up.
    static let tallies = """
        WITH activity AS MATERIALIZED (\(liveActivities))
        SELECT NULL, NULL, count(*), coalesce(sum(followed_up), 0) FROM activity
        UNION ALL SELECT 'kind', kind, count(*), sum(followed_up) FROM activity GROUP BY kind
        UNION ALL SELECT 'section', section, count(*), sum(followed_up) FROM activity GROUP BY section
        """

    static let pending = """
        WITH activity AS (\(liveActivities))
        SELECT facilitation_id, held_on, kind, institution, subject, section FROM activity
        WHERE followed_up = 0
        ORDER BY held_on, facilitation_id
        """

    func compute(_ period: Period, followUpBy: CalendarDate?, target: Double?, asOf: AsOf) throws -> FacilitationResult {
        let parameters: [String: DatabaseValueConvertible] = [
            ":from": period.from.description, ":to": period.to.description,
            ":as_of": asOf.lastChangeID, ":follow_up_by": followUpBy?.description,
        ]
        var overall = FacilitationTally(held: 0, followedUp: 0)
        var byKind: [FacilitationGroup] = []
        var bySection: [FacilitationGroup] = []
        try database.connection.cached(Self.tallies).forEachRow(named: parameters) { row in
            let tally = FacilitationTally(held: row.int(2), followedUp: row.int(3))
            switch row.optionalString(0) {
            case "kind": byKind.append(FacilitationGroup(key: row.string(1), tally: tally))
            case "section": bySection.append(FacilitationGroup(key: row.optionalString(1), tally: tally))
            default: overall = tally
            }
        }
        let pending = try database.connection.cached(Self.pending).map(named: parameters) { row in
            PendingActivity(facilitationID: row.int64(0), heldOn: CalendarDate(row.string(1))!, kind: row.string(2),
                            institution: row.string(3), subject: row.string(4), section: row.optionalString(5))
        }
        return FacilitationResult(
            tally: overall, byKind: byKind.sorted(by: Self.keyOrder), bySection: bySection.sorted(by: Self.keyOrder),
            pending: pending, followUpBy: followUpBy,
            achievement: Achievement(figure: overall.figure, target: target))
    }

    /// By key, a nil key last.
    static func keyOrder(_ lhs: FacilitationGroup, _ rhs: FacilitationGroup) -> Bool {
        (lhs.key == nil ? 1 : 0, lhs.key ?? "") < (rhs.key == nil ? 1 : 0, rhs.key ?? "")
    }
}
