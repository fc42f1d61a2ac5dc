import ArgumentParser
import Storage

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every version of one record, oldest first: who, when, and what changed.",
        discussion: HelpText.reflowed("""
            KIND is one of:
              \(VersionedKind.allCases.map { $0.rawValue }.joined(separator: ", ")).

            Example:
              iku history survey 42
            """)
    )

    @OptionGroup var options: DatabaseOptions
    @Argument(help: "The kind of record.")
    var kind: VersionedKind
    @Argument(help: "The record's id.")
    var id: Int64

    func run() throws {
        let database = try options.open(readOnly: true)
        let zone = try database.officeZone()
        for version in try RecordHistory(database.connection).versions(of: kind, id: id) {
            print("version \(version.version)  \(version.action)  \(zone.display(recordedAt: version.recordedAt))  by \(version.actor)  (change \(version.changeID))")
            if version.version == 1 {
                for field in version.fields where field.value != .null {
                    print("  \(field.name): \(field.value.displayText)")
                }
            }
            for change in version.changes {
                print("  \(change.field): \(change.old.displayText) → \(change.new.displayText)")
            }
            if version.voided, let reason = version.voidReason {
                print("  voided: \(reason)")
            }
        }
    }
}

extension VersionedKind: ExpressibleByArgument {}

extension DatabaseValue {
    /// The value as a person reads it; NULL shows as a dash.
    var displayText: String {
        switch self {
        case .null: return "–"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return value
        case .blob(let data): return "<\(data.count) bytes>"
        }
    }
}
