import FoundationEssentials

/// A plain-text table: columns padded to their widest cell, a rule under the header.
public struct TextTable {
    let headers: [String]
    let rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    public var rendered: String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            headers.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                return column == headers.count - 1 ? cell : cell.padded(toWidth: widths[column])
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}
