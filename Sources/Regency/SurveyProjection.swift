import NIOCore
import Storage

/// The typed projection of the survey response versions an ingest writes (`survey_versions`,
/// regency migrations 0002 and 0004), gathered as COPY text: the ingest writes it itself, from the
/// very rows it verified, in the same transaction as `office_rows`, so a bundle is in both or in
/// neither. It reads each row as PostgreSQL's `jsonb_populate_record` read it before (a column the
/// row lacks is NULL, `voided` is `voided = 1`); a value of another type than the office's
/// schema gives the column is refused.
struct SurveyProjectionCopy {
    static let table = "survey_response_versions"
    static let columns = ["kecamatan_code", "response_id", "version", "change_id", "survey_date", "voided",
                          "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"]
    /// The row's columns read, in the projection's order after the code and the change.
    static let read = ["response_id", "version", "survey_date", "voided", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"]

    private let code: [UInt8]
    /// Where each of `read` is among the bundle's columns of the table (nil: not there).
    private var positions: [Int?]?
    private var chunk: CopyChunk

    init(code: String, chunkBytes: Int) {
        chunk = CopyChunk(bytes: chunkBytes)
        var field: [UInt8] = []
        RowCopy.appendText(code, to: &field)
        self.code = field
    }

    var isFull: Bool { chunk.isFull }
    var isEmpty: Bool { chunk.isEmpty }

    /// The lines gathered so far, to send.
    mutating func take() -> ByteBuffer { chunk.take() }

    /// A version row of the survey table (`columns` as the bundle's header gives them, the rowid
    /// first) written by change `changeID`.
    mutating func add(columns: [String], values: [DatabaseValue], changeID: Int64, path: String) throws {
        let positions = self.positions ?? Self.read.map { name in columns.firstIndex(of: name) }
        self.positions = positions
        func value(_ index: Int) -> DatabaseValue { positions[index].map { values[$0] } ?? .null }
        func refuse(_ column: String) -> Error {
            StateError("\(path): a row of \(Self.table) whose \(column) is not what the survey's column holds")
        }
        chunk.bytes.append(contentsOf: code)
        for (index, column) in Self.read.enumerated() {
            chunk.bytes.append(UInt8(ascii: "\t"))
            if index == 2 {
                RowCopy.appendInteger(changeID, to: &chunk.bytes)
                chunk.bytes.append(UInt8(ascii: "\t"))
            }
            switch (column, value(index)) {
            case (_, .null): chunk.bytes.append(contentsOf: #"\N"#.utf8)
            case ("survey_date", .text(let date)): RowCopy.appendText(date, to: &chunk.bytes)
            case ("voided", .integer(let voided)): chunk.bytes.append(voided == 1 ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case ("response_id", .integer(let integer)), ("version", .integer(let integer)):
                RowCopy.appendInteger(integer, to: &chunk.bytes)
            case (_, .integer(let score)) where index >= 4 && Int64(Int16.min)...Int64(Int16.max) ~= score:
                RowCopy.appendInteger(score, to: &chunk.bytes)
            default: throw refuse(column)
            }
        }
        chunk.bytes.append(UInt8(ascii: "\n"))
    }
}
