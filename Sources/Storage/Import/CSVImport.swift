import FoundationEssentials

/// What kind of records a CSV file holds, as stored in `imports.kind`.
public enum ImportKind: String, Sendable {
    case village, survey

    var changeKind: ChangeKind {
        switch self {
        case .village: return .village
        case .survey: return .survey
        }
    }
}

/// How to import a file.
public struct ImportOptions: Sendable {
    /// Validate every row and report, writing nothing.
    public var dryRun: Bool
    /// Import a file whose content (SHA-256) was imported before.
    public var allowDuplicateFile: Bool

    public init(dryRun: Bool = false, allowDuplicateFile: Bool = false) {
        self.dryRun = dryRun
        self.allowDuplicateFile = allowDuplicateFile
    }
}

/// How far an import has got, for a progress display.
public struct ImportProgress: Sendable {
    public let rows: Int
    public let bytesRead: Int
    public let fileSize: Int
}

/// What an import wrote, or for a dry run would write.
public struct ImportReport: Equatable, Sendable {
    public let kind: ImportKind
    public let fileName: String
    public let fileSHA256: String
    public let rowCount: Int
    /// The ids given to the new records, in file order (nil for a dry run or no rows).
    public let ids: ClosedRange<Int64>?
    /// The one change that recorded the import (nil for a dry run).
    public let changeID: Int64?
    public let dryRun: Bool
}

/// A file refused because some of its rows are bad; nothing was imported. Lists the first
/// `listedLimit` bad lines and counts the rest.
public struct ImportRefused: Error, Equatable, CustomStringConvertible {
    public static let listedLimit = 20

    public let fileName: String
    public let problems: [InputError]
    public let badLineCount: Int

    public var description: String {
        if badLineCount == 1, let only = problems.first {
            return "\(MessageText.path(fileName)): \(only); nothing was imported"
        }
        var lines = ["\(MessageText.path(fileName)): \(badLineCount) bad lines; nothing was imported:"]
        lines += problems.map { "  \($0)" }
        if badLineCount > problems.count {
            lines.append("  and \(badLineCount - problems.count) more bad lines")
        }
        return lines.joined(separator: "\n")
    }
}

/// A file whose content (SHA-256) was imported before; nothing was imported.
public struct DuplicateImport: Error, Equatable, CustomStringConvertible {
    public let fileName: String
    public let previousName: String
    public let importedAt: String
    public let actor: String
    public let changeID: Int64

    public var description: String {
        MessageText.oneLine("""
            \(MessageText.path(fileName)) has the same content (SHA-256) as \(MessageText.path(previousName)), imported at \(importedAt) by \
            \(actor) as change \(changeID); nothing was imported (pass --allow-duplicate-file to import it again)
            """)
    }

    /// The refusal in `language`.
    public func text(in language: MessageLanguage) -> String {
        guard language == .id else { return description }
        return MessageText.oneLine("""
            \(MessageText.path(fileName)) isinya sama (SHA-256) dengan \(MessageText.path(previousName)), yang diimpor pada \(importedAt) oleh \(actor) \
            sebagai perubahan \(changeID); tidak ada yang diimpor (beri --allow-duplicate-file untuk mengimpornya lagi)
            """)
    }
}

/// One column an import understands.
struct CSVColumn: Sendable {
    let name: String
    let required: Bool
}

/// One row of the file, its fields looked up by the importer's column order.
struct CSVRow {
    let reader: CSVReader
    /// For each importer column, the file's field index, or -1 when the file lacks the column.
    let fieldIndex: [Int]

    /// The field of column `column` (an index into the importer's `columns`); empty when absent.
    @inline(__always)
    subscript(column: Int) -> Bytes {
        let index = fieldIndex[column]
        return index < 0 ? Bytes(start: nil, count: 0) : reader.field(index)
    }

    func has(_ column: Int) -> Bool { fieldIndex[column] >= 0 }

    /// The line on which the row starts.
    var line: Int { reader.line }
}

/// The SQL of the `imports` table.
enum ImportQueries {
    /// The page cache an import uses (`PRAGMA cache_size`, negative: KiB): 16 MiB keeps the
    /// pages of the growing indexes in memory, so fewer are spilled to the WAL and read back.
    static let cacheSize = -16_384

    static let selectPreviousImport = """
        SELECT i.change_id, c.recorded_at, c.actor, i.file_name FROM imports AS i JOIN changes AS c ON c.id = i.change_id
        WHERE i.file_sha256 = ? ORDER BY i.id LIMIT 1
        """
    static let insertImport = "INSERT INTO imports (change_id, kind, file_name, file_sha256, row_count) VALUES (?, ?, ?, ?, ?)"
}

/// Validates and writes the rows of one kind of CSV file.
protocol CSVRowImporter {
    static var kind: ImportKind { get }
    static var columns: [CSVColumn] { get }
    /// Called inside the transaction before the first row; `changeID` is nil for a dry run.
    mutating func begin(changeID: Int64?) throws
    /// Validates one row (throwing `InputError`) and, when `write` is true, writes it.
    mutating func importRow(_ row: CSVRow, write: Bool) throws
    /// Writes whatever rows are still held back; called once after the last row when all were valid.
    mutating func finish() throws
    /// The ids given to the rows written so far.
    var ids: ClosedRange<Int64>? { get }
    /// Digests of the rows written, per table, computed from the values bound, for the audit seal
    /// (`IkuDatabase.supplyDigest`); the rows of a table left out are read back when sealing.
    var rowDigests: [(table: String, rows: TableDigest)] { get }
    /// The file field of each of `columns` (-1 when absent) from the header's trimmed names, for
    /// an importer that finds its columns itself; nil matches `columns` by name.
    mutating func mapHeader(_ names: [String], line: Int) throws -> [Int]?
}

extension CSVRowImporter {
    var rowDigests: [(table: String, rows: TableDigest)] { [] }
    mutating func mapHeader(_ names: [String], line: Int) throws -> [Int]? { nil }
}

/// Imports a CSV file all or nothing, in one transaction and with one change, streaming it.
///
/// The file's SHA-256 is read first, so a file imported before is refused at once (unless
/// allowed); it is computed again while the rows are read and must match, so what `imports`
/// records is exactly what was imported. Every row is validated; once one is bad nothing more
/// is written, the rest are still checked so every bad line is named, and the transaction is
/// rolled back.
struct CSVImport<Importer: CSVRowImporter> {
    let database: IkuDatabase
    let path: String
    let options: ImportOptions

    static var progressInterval: Int { 16_384 }

    func run(_ importer: inout Importer, progress: (ImportProgress) -> Void) throws -> ImportReport {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let digest = try FileDigest.sha256(path: path)
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let body = { () throws -> ImportReport in
            if !options.allowDuplicateFile { try refuseDuplicate(digest, fileName: fileName) }
            let reader = try CSVReader(path: path)
            let headerMap: HeaderMap
            do {
                headerMap = try header(reader, importer: &importer)
            } catch let error as InputError {
                throw ImportRefused(fileName: fileName, problems: [error], badLineCount: 1)
            }
            let changeID = options.dryRun ? nil : try database.recordChange(
                kind: Importer.kind.changeKind, action: .import, recordID: nil,
                summary: "import \(Importer.kind.rawValue) file \(fileName) (sha256 \(digest))")
            try importer.begin(changeID: changeID)
            var rows = 0
            var badLines = 0
            var problems: [InputError] = []
            while try reader.next() {
                do {
                    if let problem = reader.problem { throw problem.inputError(line: reader.line) }
                    guard reader.fieldCount == headerMap.count else {
                        throw InputError(field: "row", value: "\(reader.fieldCount) fields",
                                         allowed: "\(headerMap.count) fields, one per header column")
                    }
                    try importer.importRow(CSVRow(reader: reader, fieldIndex: headerMap.columnFields),
                                           write: badLines == 0 && !options.dryRun)
                    rows += 1
                } catch var error as InputError {
                    badLines += 1
                    if problems.count < ImportRefused.listedLimit {
                        error.line = reader.line
                        problems.append(error)
                    }
                }
                if (rows + badLines) % Self.progressInterval == 0 {
                    progress(ImportProgress(rows: rows + badLines, bytesRead: reader.bytesRead, fileSize: fileSize))
                }
            }
            guard reader.sha256() == digest else {
                throw StateError("\(MessageText.path(fileName)) changed while it was being imported; nothing was imported")
            }
            if badLines > 0 {
                throw ImportRefused(fileName: fileName, problems: problems, badLineCount: badLines)
            }
            try importer.finish()
            guard rows > 0 else {
                let error = InputError(field: "rows", value: "", allowed: "at least one row after the header", line: 2)
                throw ImportRefused(fileName: fileName, problems: [error], badLineCount: 1)
            }
            if let changeID {
                try database.connection.cached(ImportQueries.insertImport)
                    .run([changeID, Importer.kind.rawValue, fileName, digest, rows])
                for (table, rowsDigest) in importer.rowDigests {
                    database.supplyDigest(of: table, rows: rowsDigest, writtenBy: changeID)
                }
            }
            return ImportReport(kind: Importer.kind, fileName: fileName, fileSHA256: digest, rowCount: rows,
                                ids: importer.ids, changeID: changeID, dryRun: options.dryRun)
        }
        if options.dryRun { return try database.read(body) }
        let connection = database.connection
        let cacheSize = try connection.prepare("PRAGMA cache_size").first { $0.int64(0) } ?? -2000
        try connection.execute("PRAGMA cache_size = \(ImportQueries.cacheSize)")
        defer { try? connection.execute("PRAGMA cache_size = \(cacheSize)") }
        // Every row has passed the same rules as the schema's CHECKs (FieldRules mirrors them;
        // the tests hold each rule to its CHECK), so SQLite need not evaluate them again for a
        // bulk import: it halves the import time. Types (STRICT), NOT NULL, UNIQUE and foreign
        // keys are still enforced, and `iku check` (PRAGMA integrity_check) re-checks CHECKs.
        try connection.execute("PRAGMA ignore_check_constraints = ON")
        defer { try? connection.execute("PRAGMA ignore_check_constraints = OFF") }
        return try database.write(body)
    }

    private func refuseDuplicate(_ digest: String, fileName: String) throws {
        let previous = try database.connection.cached(ImportQueries.selectPreviousImport).first([digest]) {
            (change: $0.int64(0), at: $0.string(1), actor: $0.string(2), name: $0.string(3))
        }
        if let previous {
            throw DuplicateImport(fileName: fileName, previousName: previous.name, importedAt: previous.at,
                                  actor: previous.actor, changeID: previous.change)
        }
    }

    /// Reads the header row and maps the importer's columns to the file's fields.
    private func header(_ reader: CSVReader, importer: inout Importer) throws -> HeaderMap {
        let columns = Importer.columns
        let required = columns.filter(\.required).map(\.name).joined(separator: ", ")
        let optional = columns.filter { !$0.required }.map(\.name).joined(separator: ", ")
        let expected = "columns \(required)" + (optional.isEmpty ? "" : " and optionally \(optional)") + ", in any order"
        guard try reader.next() else {
            throw InputError(field: "header", value: "", allowed: "a header row naming the \(expected)", line: 1)
        }
        if let problem = reader.problem { throw problem.inputError(line: reader.line) }
        let trimmedNames = (0..<reader.fieldCount).map { FieldRules.string(FieldRules.trimmed(reader.field($0))) }
        if let columnFields = try importer.mapHeader(trimmedNames, line: reader.line) {
            return HeaderMap(columnFields: columnFields, count: reader.fieldCount)
        }
        var columnFields = Array(repeating: -1, count: columns.count)
        var names: [String] = []
        for index in 0..<reader.fieldCount {
            let name = FieldRules.string(FieldRules.trimmed(reader.field(index))).lowercased()
            names.append(name)
            guard let column = columns.firstIndex(where: { $0.name == name }) else {
                throw InputError(field: "header", value: name, allowed: "unknown column; the header names the \(expected)",
                                 line: reader.line)
            }
            guard columnFields[column] < 0 else {
                throw InputError(field: "header", value: name, allowed: "a column may be named only once", line: reader.line)
            }
            columnFields[column] = index
        }
        let missing = columns.indices.filter { columns[$0].required && columnFields[$0] < 0 }.map { columns[$0].name }
        if !missing.isEmpty {
            throw InputError(field: "header", value: names.joined(separator: ","),
                             allowed: "required column \(missing.joined(separator: ", ")) is missing; the header names the \(expected)",
                             line: reader.line)
        }
        return HeaderMap(columnFields: columnFields, count: reader.fieldCount)
    }

    struct HeaderMap {
        let columnFields: [Int]
        let count: Int
    }
}
