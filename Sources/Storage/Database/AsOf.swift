import FoundationEssentials

/// A point in the change log: the database as it stood once change `lastChangeID` was recorded.
///
/// Every read that can look into the past takes one. Queries bind `lastChangeID` and keep only
/// rows whose `change_id` is at or below it, picking each record's highest version among those.
public struct AsOf: Hashable, Sendable {
    /// The last change included; `Int64.max` means everything recorded so far.
    public let lastChangeID: Int64

    public init(lastChangeID: Int64) {
        self.lastChangeID = lastChangeID
    }

    /// The database as it stands now.
    public static let now = AsOf(lastChangeID: .max)
}

extension IkuDatabase {
    /// The database as it stood at `instant`: every change recorded at or before it.
    public func asOf(_ instant: Date) throws -> AsOf {
        let last = try connection.cached("SELECT coalesce(max(id), 0) FROM changes WHERE recorded_at <= ?")
            .first([Timestamp.format(instant)]) { $0.int64(0) } ?? 0
        return AsOf(lastChangeID: last)
    }

    /// The last change recorded at or before `asOf`: pins `.now` to what exists, so a computation
    /// can say which change it includes and be replayed exactly.
    public func lastChangeID(asOf: AsOf = .now) throws -> Int64 {
        let last = try connection.cached("SELECT coalesce(max(id), 0) FROM changes").first { $0.int64(0) } ?? 0
        return min(last, asOf.lastChangeID)
    }
}
