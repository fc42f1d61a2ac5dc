/// A report as a sequence of blocks, so the plain-text and Markdown outputs say the same thing.
public enum ReportBlock {
    case title(String)
    case heading(String)
    case paragraph(String)
    case table(headers: [String], rows: [[String]])
    /// A wide table: a Markdown table, but in plain text one labelled record per row.
    case records(headers: [String], rows: [[String]])
}

import FoundationEssentials

/// Renders blocks as plain text for a terminal or a text document.
public enum PlainTextRenderer {
    public static func render(_ blocks: [ReportBlock]) -> String {
        blocks.map { block in
            switch block {
            case .title(let text): return "\(text)\n\(String(repeating: "=", count: text.count))"
            case .heading(let text): return "\(text)\n\(String(repeating: "-", count: text.count))"
            case .paragraph(let text): return text
            case .table(let headers, let rows): return TextTable(headers: headers, rows: rows).rendered
            case .records(let headers, let rows): return records(headers, rows)
            }
        }.joined(separator: "\n\n") + "\n"
    }

    /// Each row as `first cell` on its own line, then `header: cell` lines indented under it.
    private static func records(_ headers: [String], _ rows: [[String]]) -> String {
        let width = headers.dropFirst().map(\.count).max() ?? 0
        return rows.map { row in
            let lines = zip(headers, row).dropFirst().map { header, cell in
                "    " + header.padded(toWidth: width) + " : " + cell
            }
            return ([row.first ?? ""] + lines).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}

/// Renders blocks as GitHub-flavoured Markdown, ready to paste into an LKjIP draft.
public enum MarkdownRenderer {
    public static func render(_ blocks: [ReportBlock]) -> String {
        blocks.map { block in
            switch block {
            case .title(let text): return "# \(escape(text))"
            case .heading(let text): return "## \(escape(text))"
            case .paragraph(let text): return escape(text).replacingEvery("\n", with: "  \n")
            case .table(let headers, let rows), .records(let headers, let rows):
                let lines = [row(headers), row(headers.map { _ in "---" })] + rows.map(row)
                return lines.joined(separator: "\n")
            }
        }.joined(separator: "\n\n") + "\n"
    }

    /// `<` as `\<`, so a text from the database (a village or an institution named with a tag)
    /// reads as text, never as HTML, wherever the Markdown is rendered.
    static func escape(_ text: String) -> String {
        text.replacingEvery("<", with: "\\<")
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map {
            escape($0).replacingEvery("|", with: "\\|").replacingEvery("\n", with: " ")
        }.joined(separator: " | ") + " |"
    }
}
