/// How a CSV file is written: for programs (every value exactly as stored) or for a spreadsheet.
public struct CSVDialect: Sendable {
    public let separator: Character
    public let lineEnd: String
    /// A UTF-8 byte order mark first, so Excel reads the file as UTF-8.
    let byteOrderMark: Bool
    /// Numbers written with a decimal comma (`87,28`).
    let decimalComma: Bool
    /// Text a spreadsheet would run as a formula is neutralised (`SpreadsheetText`).
    let guardsFormulas: Bool

    /// RFC 4180 with `\n` line ends, as `iku report --format csv` has always written.
    public static let plain = CSVDialect(separator: ",", lineEnd: "\n", byteOrderMark: false, decimalComma: false,
                                  guardsFormulas: false)
    /// RFC 4180 with CRLF line ends, as every listing's `--format csv` has always written.
    public static let records = CSVDialect(separator: ",", lineEnd: "\r\n", byteOrderMark: false, decimalComma: false,
                                    guardsFormulas: false)
    /// What Excel with Indonesian regional settings (and LibreOffice) opens as columns of text:
    /// BOM, `;`, decimal comma, CRLF, formulas neutralised.
    public static let excel = CSVDialect(separator: ";", lineEnd: "\r\n", byteOrderMark: true, decimalComma: true,
                                  guardsFormulas: true)

    /// One text cell: neutralised when the dialect guards formulas, then quoted when it holds
    /// the separator, a quote or a line break.
    public func field(_ text: String) -> String {
        quoted(guardsFormulas ? SpreadsheetText.neutralised(text) : text)
    }

    /// One cell: numbers with the dialect's decimal mark, text as `field`.
    func field(_ cell: CSVCell) -> String {
        switch cell {
        case .number(let value):
            let text = "\(value)"
            return decimalComma ? text.replacingEvery(".", with: ",") : text
        case .text(let value):
            return field(value)
        }
    }

    private func quoted(_ text: String) -> String {
        let separator = separator.unicodeScalars.first!
        guard text.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingEvery("\"", with: "\"\"") + "\""
    }

    /// The first line of a file in this dialect: the byte order mark, if any.
    public var preamble: String { byteOrderMark ? "\u{FEFF}" : "" }

    func render(_ rows: [[CSVCell]]) -> String {
        preamble + rows.map { $0.map(field).joined(separator: String(separator)) + lineEnd }.joined()
    }
}

/// A CSV cell: text as it is, or a number the dialect writes with its decimal mark.
enum CSVCell: ExpressibleByStringLiteral, Equatable {
    case text(String)
    case number(Double)

    init(stringLiteral value: String) {
        self = .text(value)
    }
}

/// Stored text made safe for a spreadsheet: Excel and LibreOffice run a cell that starts with
/// `=`, `+`, `-` or `@` as a formula (a suggestion reading `=HYPERLINK("http://…","klik")`
/// becomes a link), and a leading tab or carriage return can hide such a start. Those cells get
/// a leading `'`, so the spreadsheet shows the text and never runs it. Only files meant for a
/// spreadsheet (`--excel`) are neutralised; plain csv keeps every value exactly as stored.
public enum SpreadsheetText {
    /// The characters that make a spreadsheet read a cell as a formula when they come first.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }
}
