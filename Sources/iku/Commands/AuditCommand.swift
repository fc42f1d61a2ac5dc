import ArgumentParser
import FoundationEssentials
import Storage

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The tamper-evident change log: list it, verify it, print its head.",
        discussion: HelpText.reflowed("""
            Examples:
              iku audit log --since 2026-01-01 --actor siti
              iku audit verify --expect-head 3f2a…
              iku audit head
            """),
        subcommands: [Log.self, Verify.self, Head.self]
    )

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Every change, oldest first: when, who, what, and its chain digest.",
            discussion: "Example:\n  iku audit log --kind survey --since 2026-01-01 --format csv")

        @OptionGroup var location: DatabaseLocation
        @Option(help: ArgumentHelp("Only changes at or after this day (YYYY-MM-DD, from its start in the office's time zone) or ISO 8601 date-time.", valueName: "instant"))
        var since: String?
        @Option(help: ArgumentHelp("Only changes at or before this day (YYYY-MM-DD, to its end in the office's time zone) or ISO 8601 date-time.", valueName: "instant"))
        var until: String?
        @Option(help: "Only changes by this actor.")
        var actor: String?
        @Option(help: ArgumentHelp("Only changes to this kind of record: \(ChangeKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
        var kind: ChangeKind?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let database = try location.openForReading()
            let calendar = try database.officeCalendar()
            let filter = ChangeFilter(
                since: try since.map { try Instant.parse($0, field: "since", endOfDay: false, in: calendar) },
                until: try until.map { try Instant.parse($0, field: "until", endOfDay: true, in: calendar) },
                actor: actor, kind: kind)
            let writer = RecordWriter(Self.columns(calendar.zone, format: output.format), format: output.format, dialect: output.dialect)
            try ChangeLog(database.connection).forEachEntry(matching: filter) { writer.write($0) }
            writer.finish()
        }

        /// The table shows each time in the office's zone (`2026-12-02 13:01 WIB`); csv and json
        /// keep the UTC instant and add the zone.
        static func columns(_ zone: OfficeZone, format: OutputFormat) -> [Column<ChangeEntry>] {
            let time: [Column<ChangeEntry>] = format == .table
                ? [Column("recorded_at") { .text(zone.display(recordedAt: $0.recordedAt)) }]
                : [Column("recorded_at") { .text($0.recordedAt) }, Column("timezone") { _ in .text(zone.identifier) }]
            return [Column("id") { .integer($0.id) }] + time + [

            Column("actor") { .text($0.actor) },
            Column("kind") { .text($0.kind) },
            Column("action") { .text($0.action) },
            Column("record_id") { $0.recordID.map(Cell.integer) ?? .none },
            Column("summary") { .text($0.summary) },
            Column("entry_sha256", inTable: false) { .optional($0.entryDigest) },
            ]
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute the whole chain and compare it with the stored digests.",
            discussion: HelpText.reflowed("""
                Exits 0 with the number of entries checked and the head digest, or 1 naming the
                first entry that does not verify. With --expect-head, also fails unless that
                digest (one printed earlier by `iku audit head`) is an entry of the current
                chain.

                Example:
                  iku audit verify --expect-head 9c1e…
                """))

        @OptionGroup var options: DatabaseOptions
        @Option(help: ArgumentHelp("A head digest published earlier; it must still be in the chain.", valueName: "digest"))
        var expectHead: String?

        func run() throws {
            let database = try options.open(readOnly: true)
            let report = try AuditVerifier(database.connection).verify(expectedHead: expectHead?.lowercased())
            if let failure = report.failure {
                throw StateError("audit verify failed after \(report.entriesChecked) good entries: \(failure)")
            }
            print("ok: \(report.entriesChecked) entries verified; head \(report.head ?? AuditChain.genesis)")
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "head",
            abstract: "Print the current head digest, to publish in the year-end report.",
            discussion: "Example:\n  iku audit head")

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let database = try options.open(readOnly: true)
            guard let head = try AuditChain(database.connection).head() else {
                throw StateError("the change log is empty")
            }
            print("\(head.digest)\tchange \(head.changeID)")
        }
    }
}

extension ChangeKind: ExpressibleByArgument {}
