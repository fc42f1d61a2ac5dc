import FoundationEssentials
import Indicators
import Storage

/// How snapshots, their figures and their differences read on the terminal and in JSON.
public enum SnapshotText {
    /// Record changes printed in full; the rest are counted (JSON lists them all).
    static let recordLimit = 100

    /// Times are shown in the office's `zone`.
    public static func header(_ snapshot: Snapshot, _ contents: SnapshotContents, zone: OfficeZone) -> String {
        """
        Snapshot #\(snapshot.id) of \(snapshot.year), stored by \(snapshot.stamp.actor) at \(zone.display(recordedAt: snapshot.stamp.recordedAt)) \
        (change #\(snapshot.stamp.id)).
        Figures of \(contents.from) to \(contents.to) as of change #\(contents.asOfChangeID); input SHA-256 \
        \(snapshot.inputSHA256).
        Inputs: \(InputKind.allCases.map { "\($0.rawValue) \(contents.inputs[$0.rawValue] ?? 0)" }.joined(separator: ", ")).
        """
    }

    public static func figures(_ contents: SnapshotContents) -> String {
        let figures = contents.figures.keys.sorted().map { [$0, contents.figures[$0]!.description] }
        let counts = contents.counts.keys.sorted().map { [$0, String(contents.counts[$0]!)] }
        return "Figures (2 decimals half-up; full precision in brackets):\n"
            + TextTable(headers: ["figure", "value"], rows: figures).rendered
            + "\n\nCounts behind them:\n" + TextTable(headers: ["count", "value"], rows: counts).rendered
    }

    public static func comparison(_ comparison: SnapshotComparison?, zone: OfficeZone) -> String {
        guard let comparison else { return "First snapshot of this year: nothing to compare with." }
        var lines = ["Compared with snapshot #\(comparison.previous.id) (stored by \(comparison.previous.stamp.actor) at \(zone.display(recordedAt: comparison.previous.stamp.recordedAt)), figures as of change #\(comparison.previousContents.asOfChangeID)):"]
        if !comparison.previousReproduced {
            lines.append("WARNING: the history no longer yields snapshot #\(comparison.previous.id)'s input digest; the file was altered outside iku.")
        }
        if comparison.isUnchanged {
            lines.append("no change: identical figures and input digest.")
            return lines.joined(separator: "\n")
        }
        if comparison.figureChanges.isEmpty {
            lines.append("Figures: no change.")
        } else {
            lines.append("Changed figures (old → new):")
            lines.append(TextTable(headers: ["figure", "old", "new"], rows: comparison.figureChanges.map {
                [$0.name, $0.old.description, $0.new.description]
            }).rendered)
        }
        lines.append("Changed records (\(comparison.recordChanges.count)):")
        lines += comparison.recordChanges.prefix(recordLimit).map { "  " + describe($0, zone: zone) }
        if comparison.recordChanges.count > recordLimit {
            lines.append("  … and \(comparison.recordChanges.count - recordLimit) more (see --format json)")
        }
        return lines.joined(separator: "\n")
    }

    /// One changed record in words; its change's time in `zone`, or in UTC when nil (JSON).
    static func describe(_ change: RecordChange, zone: OfficeZone? = nil) -> String {
        let name = "\(change.record.kind.title) \(change.record.key)"
        func row(_ row: InputRow) -> String { row.version.map { "version \($0)" } ?? "row \(row.rowID)" }
        let what: String
        switch (change.before, change.after) {
        case (let before?, let after?): what = "\(row(before)) → \(row(after))"
        case (nil, let after?): what = "now counted (\(row(after)))"
        case (let before?, nil): what = "no longer counted (was \(row(before)))"
        case (nil, nil): what = "changed"
        }
        guard let entry = change.change else { return "\(name): \(what)" }
        let at = zone?.display(recordedAt: entry.recordedAt) ?? entry.recordedAt
        let why = "\(entry.action) by \(entry.actor) at \(at) (change #\(entry.id): \(entry.summary))"
        return change.changedSincePrevious
            ? "\(name): \(what) — \(why)"
            : "\(name): \(what) — the record itself is unchanged since change #\(entry.id); a related record changed"
    }

    // MARK: JSON

    struct SnapshotJSON: Encodable {
        let id: Int64
        let year: Int
        let recorded_at: String
        let actor: String
        let change_id: Int64
        let input_sha256: String
        let contents: SnapshotContents

        init(_ snapshot: Snapshot, _ contents: SnapshotContents) {
            id = snapshot.id
            year = snapshot.year
            recorded_at = snapshot.stamp.recordedAt
            actor = snapshot.stamp.actor
            change_id = snapshot.stamp.id
            input_sha256 = snapshot.inputSHA256
            self.contents = contents
        }
    }

    struct ComparisonJSON: Encodable {
        struct FigureJSON: Encodable {
            let name: String
            let old: FigureValue
            let new: FigureValue
        }

        struct RecordJSON: Encodable {
            let kind: String
            let record: String
            let before_row_id: Nullable<Int64>
            let after_row_id: Nullable<Int64>
            let before_version: Nullable<Int>
            let after_version: Nullable<Int>
            let change_id: Nullable<Int64>
            let action: Nullable<String>
            let actor: Nullable<String>
            let recorded_at: Nullable<String>
            let changed_since_previous: Bool
            let description: String
        }

        let previous_snapshot_id: Int64
        let unchanged: Bool
        let digest_changed: Bool
        let previous_reproduced: Bool
        let figures: [FigureJSON]
        let records: [RecordJSON]

        init(_ comparison: SnapshotComparison) {
            previous_snapshot_id = comparison.previous.id
            unchanged = comparison.isUnchanged
            digest_changed = comparison.digestChanged
            previous_reproduced = comparison.previousReproduced
            figures = comparison.figureChanges.map { FigureJSON(name: $0.name, old: $0.old, new: $0.new) }
            records = comparison.recordChanges.map {
                RecordJSON(kind: $0.record.kind.rawValue, record: $0.record.key,
                           before_row_id: Nullable($0.before?.rowID), after_row_id: Nullable($0.after?.rowID),
                           before_version: Nullable($0.before?.version), after_version: Nullable($0.after?.version),
                           change_id: Nullable($0.change?.id), action: Nullable($0.change?.action),
                           actor: Nullable($0.change?.actor), recorded_at: Nullable($0.change?.recordedAt),
                           changed_since_previous: $0.changedSincePrevious, description: describe($0))
            }
        }
    }

    struct OutcomeJSON: Encodable {
        let snapshot: SnapshotJSON
        let reproduced: Nullable<Bool>
        let comparison: Nullable<ComparisonJSON>
    }

    public static func json(_ snapshot: Snapshot, _ contents: SnapshotContents, reproduced: Bool?,
                     comparison: SnapshotComparison?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let value = OutcomeJSON(snapshot: SnapshotJSON(snapshot, contents), reproduced: Nullable(reproduced),
                                comparison: Nullable(comparison.map(ComparisonJSON.init)))
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
