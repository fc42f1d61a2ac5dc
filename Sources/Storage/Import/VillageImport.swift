import FoundationEssentials

/// Validates and writes village rows (`code,name[,active_from,active_until]`) with the same rules
/// as `iku village add`, refusing a code repeated in the file or already held by a live village.
struct VillageRowImporter: CSVRowImporter {
    static let kind = ImportKind.village
    static let columns = [
        CSVColumn(name: "code", required: true), CSVColumn(name: "name", required: true),
        CSVColumn(name: "active_from", required: false), CSVColumn(name: "active_until", required: false),
    ]

    let database: IkuDatabase
    private var changeID: Int64?
    private var kecamatanCode = ""
    private var codesInFile: [String: Int] = [:]
    private var firstID: Int64?
    private var lastID: Int64?

    init(database: IkuDatabase) {
        self.database = database
    }

    var ids: ClosedRange<Int64>? { firstID.flatMap { first in lastID.map { first...$0 } } }

    mutating func begin(changeID: Int64?) throws {
        self.changeID = changeID
        kecamatanCode = try VillageStore(database).kecamatanCode()
    }

    mutating func importRow(_ row: CSVRow, write: Bool) throws {
        func text(_ column: Int) -> String? { row.has(column) ? FieldRules.string(row[column]) : nil }
        let input = VillageInput(code: text(0), name: text(1), activeFrom: text(2), activeUntil: text(3))
        let village: Village
        do {
            village = try Village(input, onto: nil, kecamatanCode: kecamatanCode)
        } catch var error as InputError {
            error = InputError(field: error.field.replacingEvery("-", with: "_"), value: error.value,
                               allowed: error.allowed)
            throw error
        }
        if let first = codesInFile[village.code] {
            throw InputError(field: "code", value: village.code,
                             allowed: "each code once in the file (it is also on line \(first))")
        }
        if let existing = try VillageStore(database).village(code: village.code) {
            throw InputError(field: "code", value: village.code,
                             allowed: "a code not yet recorded (village \(existing.id), \(existing.fields.name), has it)")
        }
        codesInFile[village.code] = row.line
        guard write, let changeID else { return }
        let records = VersionedRecords<Village>(database: database)
        try database.connection.cached(Village.table.insertIdentity).run()
        let id = database.connection.lastInsertedRowID
        try records.insertVersion(id: id, version: 1, changeID: changeID, voidReason: nil, fields: village)
        if firstID == nil { firstID = id }
        lastID = id
    }
}

extension VillageRowImporter {
    func finish() {}
}

extension VillageStore {
    /// Imports a village CSV file (header `code,name` and optionally `active_from,active_until`)
    /// all or nothing, as one change.
    @discardableResult
    public func importCSV(path: String, options: ImportOptions = ImportOptions(),
                          progress: (ImportProgress) -> Void = { _ in }) throws -> ImportReport {
        var importer = VillageRowImporter(database: database)
        return try CSVImport<VillageRowImporter>(database: database, path: path, options: options)
            .run(&importer, progress: progress)
    }
}
