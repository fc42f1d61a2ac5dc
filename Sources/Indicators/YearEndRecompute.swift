import FoundationEssentials
import Storage

/// What a snapshot keeps in its `figures` column: the figures, the counts behind them and the
/// point in the change log they were computed at.
public struct SnapshotContents: Codable, Equatable, Sendable {
    /// The layout of this JSON; 1 so far.
    public let format: Int
    public let year: Int
    public let from: String
    public let to: String
    /// The last change the figures include.
    public let asOfChangeID: Int64
    public let figures: [String: FigureValue]
    /// The counts behind the figures (respondents, activities, documents …).
    public let counts: [String: Int]
    /// Input rows per kind (`InputKind` raw values).
    public let inputs: [String: Int]

    enum CodingKeys: String, CodingKey {
        case format, year, from, to, figures, counts, inputs
        case asOfChangeID = "as_of_change_id"
    }

    /// The figures and the counts in one list, counts as `.count`.
    public var allFigures: [String: FigureValue] {
        figures.merging(counts.mapValues(FigureValue.count)) { figure, _ in figure }
    }

    /// Canonical JSON (sorted keys), as stored.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a snapshot's stored JSON.
    public static func decode(_ snapshot: Snapshot) throws -> SnapshotContents {
        do {
            return try JSONDecoder().decode(SnapshotContents.self, from: Data(snapshot.figures.utf8))
        } catch {
            throw StateError("snapshot \(snapshot.id) holds figures this iku cannot read: \(error)")
        }
    }
}

/// One entry of the change log.
public struct ChangeEntry: Hashable, Sendable {
    public let id: Int64
    public let recordedAt: String
    public let actor: String
    /// `create`, `correct`, `void`, `import` or `set`.
    public let action: String
    public let summary: String
}

/// A record whose row in the inputs differs between two snapshots.
public struct RecordChange: Hashable, Sendable {
    public let record: InputRecord
    /// The row that went into the earlier snapshot; nil when the record was not counted then.
    public let before: InputRow?
    /// The row that goes into the later snapshot; nil when the record is no longer counted.
    public let after: InputRow?
    /// The change that wrote the record's latest row as of the later snapshot.
    public let change: ChangeEntry?
    /// Whether `change` came after the earlier snapshot (else the record itself is unchanged and
    /// only left or joined the inputs because a related record changed).
    public let changedSincePrevious: Bool
}

/// A figure whose value differs between two snapshots.
public struct FigureChange: Hashable, Sendable {
    public let name: String
    public let old: FigureValue
    public let new: FigureValue
}

/// How a snapshot differs from the previous snapshot of the same year.
public struct SnapshotComparison: Sendable {
    public let previous: Snapshot
    public let previousContents: SnapshotContents
    public let figureChanges: [FigureChange]
    public let recordChanges: [RecordChange]
    public let digestChanged: Bool
    /// Whether the history still yields the previous snapshot's input digest (records are
    /// append-only, so it must; false means the file was altered behind iku's back).
    public let previousReproduced: Bool

    /// No figure, no input record and no digest changed.
    public var isUnchanged: Bool { figureChanges.isEmpty && recordChanges.isEmpty && !digestChanged }
}

/// The outcome of `iku recompute`: the stored snapshot and what changed since the previous one.
public struct RecomputeOutcome: Sendable {
    public let report: Report
    public let snapshot: Snapshot
    public let contents: SnapshotContents
    public let inputs: InputSet
    /// nil for the first snapshot of the year.
    public let comparison: SnapshotComparison?
}

/// Year-end recomputation: computes a year's figures, stores them as a snapshot with the SHA-256
/// of their exact input rows, and compares them with the year's previous snapshot.
public struct YearEndRecompute {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let changeEntry = "SELECT id, recorded_at, actor, action, summary FROM changes WHERE id = ?"

    /// The latest version of one record as of `:as_of`, per versioned kind.
    static func latestVersion(_ kind: InputKind) -> String? {
        switch kind {
        case .surveyResponse:
            return "SELECT row_id, change_id, version FROM survey_response_versions WHERE response_id = :id AND change_id <= :as_of ORDER BY version DESC LIMIT 1"
        case .facilitation:
            return "SELECT row_id, change_id, version FROM facilitation_versions WHERE facilitation_id = :id AND change_id <= :as_of ORDER BY version DESC LIMIT 1"
        case .followUp:
            return "SELECT row_id, change_id, version FROM follow_up_versions WHERE follow_up_id = :id AND change_id <= :as_of ORDER BY version DESC LIMIT 1"
        case .village:
            return "SELECT row_id, change_id, version FROM village_versions WHERE village_id = :id AND change_id <= :as_of ORDER BY version DESC LIMIT 1"
        case .submission:
            return "SELECT row_id, change_id, version FROM submission_versions WHERE submission_id = :id AND change_id <= :as_of ORDER BY version DESC LIMIT 1"
        case .deadlineSetting, .targetSetting, .populationSetting:
            return nil
        }
    }

    /// Computes `year` as the records stand now, stores the snapshot and compares it with the
    /// previous snapshot of `year`, if any.
    public func recompute(year: Int) throws -> RecomputeOutcome {
        let period = try Period.year(year)
        let asOf = AsOf(lastChangeID: try database.lastChangeID())
        let report = try ReportBuilder(database).report(for: period, asOf: asOf)
        let inputs = try InputRows(database: database).collect(period, asOf: asOf)
        let contents = SnapshotContents(
            format: 1, year: year, from: period.from.description, to: period.to.description,
            asOfChangeID: asOf.lastChangeID, figures: ReportFigures.figures(of: report),
            counts: ReportFigures.counts(of: report),
            inputs: Dictionary(uniqueKeysWithValues: inputs.counts.map { ($0.key.rawValue, $0.value) }))
        let previous = try SnapshotStore(database).latest(year: year)
        let snapshot = try SnapshotStore(database).create(year: year, figures: try contents.json(),
                                                          inputSHA256: inputs.sha256)
        let comparison = try previous.map { try compare(contents, inputs, with: $0) }
        return RecomputeOutcome(report: report, snapshot: snapshot, contents: contents, inputs: inputs,
                                comparison: comparison)
    }

    /// How a stored snapshot differs from the snapshot of its year stored before it; nil for the first.
    public func comparison(of snapshot: Snapshot) throws -> SnapshotComparison? {
        let before = AsOf(lastChangeID: snapshot.stamp.id - 1)
        guard let previous = try SnapshotStore(database).latest(year: snapshot.year, asOf: before) else { return nil }
        let contents = try SnapshotContents.decode(snapshot)
        let inputs = try InputRows(database: database)
            .collect(try Period.year(snapshot.year), asOf: AsOf(lastChangeID: contents.asOfChangeID))
        return try compare(contents, inputs, with: previous)
    }

    /// Whether the history still yields the snapshot's input digest (it must, records being append-only).
    public func reproduces(_ snapshot: Snapshot) throws -> Bool {
        let contents = try SnapshotContents.decode(snapshot)
        let inputs = try InputRows(database: database)
            .collect(try Period.year(snapshot.year), asOf: AsOf(lastChangeID: contents.asOfChangeID))
        return inputs.sha256 == snapshot.inputSHA256
    }

    /// How `contents` (with its `inputs`) differs from the `previous` snapshot of the same year.
    func compare(_ contents: SnapshotContents, _ inputs: InputSet, with previous: Snapshot) throws -> SnapshotComparison {
        let previousContents = try SnapshotContents.decode(previous)
        let period = try Period.year(previous.year)
        let previousInputs = try InputRows(database: database)
            .collect(period, asOf: AsOf(lastChangeID: previousContents.asOfChangeID))

        let figureChanges = Self.changes(previousContents.allFigures, contents.allFigures)

        let records = Set(inputs.rows.keys).union(previousInputs.rows.keys).sorted()
        let recordChanges = try records.compactMap { record -> RecordChange? in
            let before = previousInputs.rows[record], after = inputs.rows[record]
            guard before != after else { return nil }
            let latest = try after ?? latestRow(of: record, asOf: contents.asOfChangeID)
            return RecordChange(record: record, before: before, after: after,
                                change: try latest.flatMap { try change($0.changeID) },
                                changedSincePrevious: (latest?.changeID ?? 0) > previousContents.asOfChangeID)
        }
        return SnapshotComparison(
            previous: previous, previousContents: previousContents, figureChanges: figureChanges,
            recordChanges: recordChanges, digestChanged: previous.inputSHA256 != inputs.sha256,
            previousReproduced: previousInputs.sha256 == previous.inputSHA256)
    }

    static func changes(_ old: [String: FigureValue], _ new: [String: FigureValue]) -> [FigureChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { name in
            let before = old[name] ?? .null, after = new[name] ?? .null
            return before == after ? nil : FigureChange(name: name, old: before, new: after)
        }
    }

    private func latestRow(of record: InputRecord, asOf: Int64) throws -> InputRow? {
        guard let sql = Self.latestVersion(record.kind), let id = Int64(record.key) else { return nil }
        return try database.connection.cached(sql).first(named: [":id": id, ":as_of": asOf]) {
            InputRow(rowID: $0.int64(0), changeID: $0.int64(1), version: $0.int(2))
        }
    }

    private func change(_ id: Int64) throws -> ChangeEntry? {
        try database.connection.cached(Self.changeEntry).first([id]) {
            ChangeEntry(id: $0.int64(0), recordedAt: $0.string(1), actor: $0.string(2), action: $0.string(3),
                        summary: $0.string(4))
        }
    }
}
