import Storage

/// The columns every record kind prints around its own fields.
enum RecordColumns {
    /// `id` and `version`, first.
    static func identity<Fields>() -> [Column<Versioned<Fields>>] {
        [Column("id") { .integer($0.id) }, Column("version") { .integer(Int64($0.version)) }]
    }

    /// Void state and the change that wrote the version (the change columns only in csv and json).
    static func state<Fields>() -> [Column<Versioned<Fields>>] {
        [
            Column("voided") { .flag($0.voided) },
            Column("void_reason") { .optional($0.voidReason) },
            Column("change_id", inTable: false) { .integer($0.change.id) },
            Column("changed_at", inTable: false) { .text($0.change.recordedAt) },
            Column("changed_by", inTable: false) { .text($0.change.actor) },
        ]
    }

    /// `columns` printed for the office in `zone`: in a table `changed_at` is the local time
    /// (`2026-12-02 13:01 WIB`); csv and json keep the UTC instant and add a `timezone` column.
    static func zoned<Fields>(_ columns: [Column<Versioned<Fields>>], _ zone: OfficeZone,
                              format: OutputFormat) -> [Column<Versioned<Fields>>] {
        zoned(columns, zone, format: format) { $0.change.recordedAt }
    }

    /// The same for records whose change time `recordedAt` reads.
    static func zoned<Record>(_ columns: [Column<Record>], _ zone: OfficeZone, format: OutputFormat,
                              recordedAt: @escaping @Sendable (Record) -> String) -> [Column<Record>] {
        guard format == .table else {
            return columns + [Column("timezone", inTable: false) { _ in .text(zone.identifier) }]
        }
        return columns.map { column in
            guard column.name == "changed_at" else { return column }
            return Column("changed_at", inTable: false) { .text(zone.display(recordedAt: recordedAt($0))) }
        }
    }
}
