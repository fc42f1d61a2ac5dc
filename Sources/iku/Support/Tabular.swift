import ArgumentParser
import Foundation

/// How a listing is printed.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Rows of named text cells, printed as an aligned table, RFC 4180 CSV or a JSON array of objects.
struct Tabular {
    let columns: [String]
    var rows: [[String?]] = []

    func render(_ format: ListingFormat) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        }
    }

    private func table() -> String {
        let cells = [columns] + rows.map { $0.map { $0 ?? "" } }
        let widths = columns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private func csv() -> String {
        func quote(_ cell: String) -> String {
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        return ([columns] + rows.map { $0.map { $0 ?? "" } })
            .map { $0.map(quote).joined(separator: ",") + "\r\n" }.joined()
    }

    private func json() -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(columns, row.map { $0.map { $0 as Any } ?? NSNull() }))
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .prettyPrinted])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
