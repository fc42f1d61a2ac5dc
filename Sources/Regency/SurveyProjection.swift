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

    let chunkBytes: Int
    private let code: [UInt8]
    /// Where each of `read` is among the bundle's columns of the table (nil: not there).
    private var positions: [Int?]?
    private var bytes: [UInt8] = []

    init(code: String, chunkBytes: Int) {
        self.chunkBytes = max(1, chunkBytes)
        var field: [UInt8] = []
        RowCopy.appendText(code, to: &field)
        self.code = field
    }

    var isFull: Bool { bytes.count >= chunkBytes }
    var isEmpty: Bool { bytes.isEmpty }

    /// The lines gathered so far, to send.
    mutating func take() -> ByteBuffer {
        let chunk = ByteBuffer(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
        return chunk
    }

    /// A version row of the survey table (`columns` as the bundle's header gives them, the rowid
    /// first) written by change `changeID`.
    mutating func add(columns: [String], values: [DatabaseValue], changeID: Int64, path: String) throws {
        let positions = self.positions ?? Self.read.map { name in columns.firstIndex(of: name) }
        self.positions = positions
        func value(_ index: Int) -> DatabaseValue { positions[index].map { values[$0] } ?? .null }
        func refuse(_ column: String) -> Error {
            StateError("\(path): a row of \(Self.table) whose \(column) is not what the survey's column holds")
        }
        bytes.append(contentsOf: code)
        for (index, column) in Self.read.enumerated() {
            bytes.append(UInt8(ascii: "\t"))
            if index == 2 {
                RowCopy.appendInteger(changeID, to: &bytes)
                bytes.append(UInt8(ascii: "\t"))
            }
            switch (column, value(index)) {
            case (_, .null): bytes.append(contentsOf: #"\N"#.utf8)
            case ("survey_date", .text(let date)): RowCopy.appendText(date, to: &bytes)
            case ("voided", .integer(let voided)): bytes.append(voided == 1 ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case ("response_id", .integer(let integer)), ("version", .integer(let integer)):
                RowCopy.appendInteger(integer, to: &bytes)
            case (_, .integer(let score)) where index >= 4 && Int64(Int16.min)...Int64(Int16.max) ~= score:
                RowCopy.appendInteger(score, to: &bytes)
            default: throw refuse(column)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
