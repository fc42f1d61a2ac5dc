/// The change-log entry that wrote one version of a record: who, when and what was done.
public struct ChangeStamp: Hashable, Sendable {
    /// The id of the entry in `changes`.
    public let id: Int64
    /// UTC ISO 8601 with milliseconds, e.g. `2026-03-01T02:15:00.000Z`.
    public let recordedAt: String
    public let actor: String
    public let action: ChangeAction

    public init(id: Int64, recordedAt: String, actor: String, action: ChangeAction) {
        self.id = id
        self.recordedAt = recordedAt
        self.actor = actor
        self.action = action
    }
}

/// One version of a record: its stable id, version number, void state, the change that wrote it
/// and every field as of that version.
public struct Versioned<Fields: Equatable & Sendable>: Equatable, Sendable {
    /// The record's stable id (what clerks and auditors quote).
    public let id: Int64
    /// 1 for the version written by `add` or an import; each correction or void adds one.
    public let version: Int
    public let voided: Bool
    public let voidReason: String?
    public let change: ChangeStamp
    public let fields: Fields

    public init(id: Int64, version: Int, voided: Bool, voidReason: String?, change: ChangeStamp, fields: Fields) {
        self.id = id
        self.version = version
        self.voided = voided
        self.voidReason = voidReason
        self.change = change
        self.fields = fields
    }
}
