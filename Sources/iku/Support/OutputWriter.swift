import FoundationEssentials
import Glibc
import Storage
import ReportRendering

/// One printed value.
enum Cell {
    case text(String)
    case integer(Int64)
    case flag(Bool)
    case none

    static func optional(_ text: String?) -> Cell { text.map(Cell.text) ?? .none }
    static func optional(_ number: Int?) -> Cell { number.map { .integer(Int64($0)) } ?? .none }
    static func optional<Value: CustomStringConvertible>(_ value: Value?) -> Cell { value.map { .text($0.description) } ?? .none }
}

/// One printed column of a record kind.
struct Column<Record>: Sendable {
    let name: String
    /// Whether the table format shows it (csv and json show every column).
    let inTable: Bool
    let value: @Sendable (Record) -> Cell

    init(_ name: String, inTable: Bool = true, _ value: @escaping @Sendable (Record) -> Cell) {
        self.name = name
        self.inTable = inTable
        self.value = value
    }
}

/// Standard output with a buffer, so long listings are not written line by line.
final class StandardOutput {
    private var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        flush()
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `text` and a line break to standard output at once: for a command's one line of
    /// output, without `print`, whose look-ups of its argument's conformances (`Any`) cost the
    /// runtime a scan of every conformance record on each start (docs/performance.md).
    /// (Without the 64 KiB buffer either: its first growth cost 0.13 million instructions.)
    static func line(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { Self.writeAll(UnsafeRawBufferPointer($0)) }
    }

    func flush() {
        buffer.withUnsafeBytes { Self.writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer) {
        StandardStream.writeAll(bytes, to: STDOUT_FILENO)
    }
}

/// Prints records as a table, CSV or JSON, streaming: memory stays small however many records.
/// The table sizes its columns from the first rows it sees (longer values later just widen their row).
final class RecordWriter<Record> {
    private let columns: [Column<Record>]
    private let format: OutputFormat
    private let dialect: CSVDialect
    private let output: StandardOutput
    private var pending: [[String]] = []
    private var widths: [Int]?
    private var count = 0

    static var tableSample: Int { 500 }

    /// - Parameter dialect: how `csv` is written (`--excel`: for a spreadsheet).
    init(_ columns: [Column<Record>], format: OutputFormat, dialect: CSVDialect = .records,
         output: StandardOutput = StandardOutput()) {
        self.format = format
        self.dialect = dialect
        self.columns = format == .table ? columns.filter(\.inTable) : columns
        self.output = output
        switch format {
        case .table: break
        case .csv: output.write(dialect.preamble + Self.csvLine(columns.map { .text($0.name) }, dialect))
        case .json: output.write("[")
        }
    }

    func write(_ record: Record) {
        let cells = columns.map { $0.value(record) }
        switch format {
        case .table:
            pending.append(cells.map(Self.tableText))
            if widths != nil || pending.count >= Self.tableSample { flushTable() }
        case .csv:
            output.write(Self.csvLine(cells, dialect))
        case .json:
            output.write((count == 0 ? "\n" : ",\n") + jsonObject(cells))
        }
        count += 1
    }

    /// Ends the listing and flushes standard output.
    func finish() {
        switch format {
        case .table: flushTable()
        case .csv: break
        case .json: output.write(count == 0 ? "]\n" : "\n]\n")
        }
        output.flush()
    }

    /// Prints one record: `name: value` lines for the table format, a CSV header and row, or
    /// one JSON object (with `extra` members, e.g. nested follow-ups).
    static func detail(_ record: Record, columns: [Column<Record>], format: OutputFormat, dialect: CSVDialect = .records,
                       extraJSON: [(String, String)] = [], output: StandardOutput = StandardOutput()) {
        let cells = columns.map { $0.value(record) }
        switch format {
        case .table:
            let width = columns.map(\.name.count).max() ?? 0
            for (column, cell) in zip(columns, cells) {
                output.write(column.name.padded(toWidth: width) + "  " + tableText(cell) + "\n")
            }
        case .csv:
            output.write(dialect.preamble + csvLine(columns.map { .text($0.name) }, dialect) + csvLine(cells, dialect))
        case .json:
            var members = zip(columns, cells).map { "\(JSONText.string($0.name)): \(jsonValue($1))" }
            members += extraJSON.map { "\(JSONText.string($0)): \($1)" }
            output.write("{" + members.joined(separator: ", ") + "}\n")
        }
        output.flush()
    }

    private func flushTable() {
        let widths = self.widths ?? columns.indices.map { index in
            pending.reduce(columns[index].name.count) { max($0, $1[index].count) }
        }
        if self.widths == nil {
            self.widths = widths
            output.write(line(columns.map(\.name), widths))
            output.write(line(widths.map { String(repeating: "-", count: $0) }, widths))
        }
        for row in pending { output.write(line(row, widths)) }
        pending.removeAll(keepingCapacity: true)
    }

    private func line(_ texts: [String], _ widths: [Int]) -> String {
        var result = ""
        for (index, text) in texts.enumerated() {
            if index == texts.count - 1 {
                result += text
            } else {
                result += text + String(repeating: " ", count: max(widths[index] - text.count, 0) + 2)
            }
        }
        return result + "\n"
    }

    private func jsonObject(_ cells: [Cell]) -> String {
        "{" + zip(columns, cells).map { "\(JSONText.string($0.name)): \(Self.jsonValue($1))" }.joined(separator: ", ") + "}"
    }

    static func tableText(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return text.replacingEvery("\r\n", with: " ").replacingEvery("\n", with: " ")
        case .integer(let number): return String(number)
        case .flag(let flag): return flag ? "yes" : "no"
        case .none: return "-"
        }
    }

    /// One CSV record of `cells` in `dialect`, with its line end.
    static func csvLine(_ cells: [Cell], _ dialect: CSVDialect) -> String {
        cells.map { cell in
            switch cell {
            case .text(let text): return dialect.field(text)
            case .integer(let number): return String(number)
            case .flag(let flag): return flag ? "1" : "0"
            case .none: return ""
            }
        }.joined(separator: String(dialect.separator)) + dialect.lineEnd
    }

    static func jsonValue(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return JSONText.string(text)
        case .integer(let number): return String(number)
        case .flag(let flag): return flag ? "true" : "false"
        case .none: return "null"
        }
    }
}
