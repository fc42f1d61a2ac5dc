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
}
