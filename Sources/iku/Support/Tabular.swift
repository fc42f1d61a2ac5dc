import ArgumentParser
import Foundation
import Storage

/// How a listing is printed.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Rows of named typed cells, printed as an aligned table, RFC 4180 CSV or a JSON array of objects.
struct Tabular {
    let columns: [String]
    var rows: [[DatabaseValue]] = []

    func render(_ format: ListingFormat) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        }
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let integer): return String(integer)
        case .real(let real): return String(real)
        case .text(let text): return text
        case .blob(let data): return data.base64EncodedString()
        }
    }

    private func table() -> String {
        let cells = [columns] + rows.map { $0.map(Self.text) }
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
        return ([columns] + rows.map { $0.map(Self.text) })
            .map { $0.map(quote).joined(separator: ",") + "\r\n" }.joined()
    }

    private func json() -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(columns, row.map { value -> Any in
                switch value {
                case .null: return NSNull()
                case .integer(let integer): return integer
                case .real(let real): return real
                case .text(let text): return text
                case .blob(let data): return data.base64EncodedString()
                }
            }))
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .prettyPrinted])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
