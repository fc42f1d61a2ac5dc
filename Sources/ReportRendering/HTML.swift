/// Building blocks of the printable HTML report: escaping and elements. Every text that comes
/// from the database goes through `escape` (directly or through `text`/`Cell.text`).
public enum HTML {
    /// `text` safe inside an element or a double- or single-quoted attribute value.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `<name attributes>content</name>`, with `content` already HTML and attribute values escaped.
    public static func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ content: String) -> String {
        "<\(name)\(attributeList(attributes))>\(content)</\(name)>"
    }

    /// An element holding plain `text`, escaped.
    public static func text(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ text: String) -> String {
        element(name, attributes, escape(text))
    }

    /// A self-contained printable page: nothing fetched, no script (the CSP allows only the
    /// inline `style`), `body` already HTML inside `<main>`.
    static func document(language: ReportLanguage, title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// ` key="value"` for each attribute with a value, escaped.
    public static func attributeList(_ attributes: KeyValuePairs<String, String?>) -> String {
        attributes.compactMap { name, value in value.map { " \(name)=\"\(escape($0))\"" } }.joined()
    }
}

/// An HTML table whose header repeats on every printed page and whose rows are never split.
struct HTMLTable {
    /// One cell: HTML content and an optional class.
    struct Cell {
        let html: String
        var styleClass: String?

        /// A cell holding plain text, escaped.
        static func text(_ text: String, class styleClass: String? = nil) -> Cell {
            Cell(html: HTML.escape(text), styleClass: styleClass)
        }

        /// A cell holding HTML built by the caller (its texts already escaped).
        static func html(_ html: String, class styleClass: String? = nil) -> Cell {
            Cell(html: html, styleClass: styleClass)
        }
    }

    let headers: [Cell]
    let rows: [[Cell]]
    var styleClass: String?

    init(headers: [Cell], rows: [[Cell]], styleClass: String? = nil) {
        self.headers = headers
        self.rows = rows
        self.styleClass = styleClass
    }

    /// A table whose headers are plain texts.
    init(headers: [String], rows: [[Cell]], styleClass: String? = nil) {
        self.init(headers: headers.map { Cell.text($0) }, rows: rows, styleClass: styleClass)
    }

    var html: String {
        let head = HTML.element("thead", [:], HTML.element("tr", [:], headers.map {
            HTML.element("th", ["scope": "col", "class": $0.styleClass], $0.html)
        }.joined()))
        let body = HTML.element("tbody", [:], rows.map { row in
            HTML.element("tr", [:], row.map { HTML.element("td", ["class": $0.styleClass], $0.html) }.joined())
        }.joined(separator: "\n"))
        return HTML.element("table", ["class": styleClass], head + "\n" + body)
    }
}
