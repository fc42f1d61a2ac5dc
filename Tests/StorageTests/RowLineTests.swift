import Foundation
import Testing
@testable import Storage

/// The fast reader of a bundle's row lines reads exactly what Foundation's JSON parser reads, and
/// gives up (nil: the line goes to that parser) on anything it is not sure of.
@Suite("Bundle row lines")
struct RowLineTests {
    func parse(_ line: String) -> (table: String, values: [DatabaseValue])? {
        Data(line.utf8).withUnsafeBytes(RowLine.parse)
    }

    /// The line `BundleExporter` writes for `values`.
    func line(_ table: String, _ values: [DatabaseValue]) -> String {
        "{\"table\": \(JSONText.string(table)), \"row\": [\(values.map(Bundle.json).joined(separator: ", "))]}\n"
    }

    @Test func readsEveryValueAsTheExporterWritesIt() throws {
        let values: [DatabaseValue] = [
            .integer(7), .null, .text(""), .text("KTP"), .text("\"quoted\" back\\slash / tab\t line\n cr\r"),
            .text("é 日本 😀"), .real(82.5), .real(-0.1), .real(1e300), .blob(Data([0, 1, 2, 255])), .blob(Data()),
            .integer(0), .integer(-42), .integer(Int64.max), .integer(Int64.min),
        ]
        let parsed = try #require(parse(line("survey_response_versions", values)))
        #expect(parsed.table == "survey_response_versions")
        #expect(parsed.values == values)
        #expect(parse("{\"table\": \"t\", \"row\": []}\n")?.values == [])
        #expect(parse("{\"table\": \"t\", \"row\": [1]}")?.values == [.integer(1)])
    }

    @Test func randomRowsReadBackAsWritten() throws {
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        // Other control characters are written as `\u00XX`, which this reader leaves to Foundation's.
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\t", "\n", "\r", "é", "日", "😀"]
        for _ in 0..<500 {
            let values: [DatabaseValue] = (0..<(1 + next(12))).map { _ in
                switch next(5) {
                case 0: return .null
                case 1: return .integer(Int64(next(2_000_000)) - 1_000_000)
                case 2: return .real(Double(next(100_000)) / 64)
                default: return .text(String((0..<next(10)).map { _ in alphabet[next(alphabet.count)] }))
                }
            }
            #expect(parse(line("t", values))?.values == values)
        }
    }

    /// Lines it leaves to Foundation's parser: other spellings, other values, other shapes.
    @Test func givesUpOnAnythingElse() {
        for text in [
            #"{"table": "t", "row": ["\u0041"]}"#, #"{"table": "t", "row": [1.5]}"#, #"{"table": "t", "row": [1e3]}"#,
            #"{"table": "t", "row": [01]}"#, #"{"table": "t", "row": [-0]}"#, #"{"table": "t", "row": [-]}"#,
            #"{"table": "t", "row": [99999999999999999999]}"#, #"{"table": "t", "row": [true]}"#,
            #"{"table": "t", "row": [1,2]}"#, #"{"table": "t", "row": [1] }"#, #"{"row": [1], "table": "t"}"#,
            #"{"table": "t", "row": [1], "table": "u"}"#, #"{"table": "t", "row": [1]}x"#, "{\"table\": \"t\", \"row\": [\"a\tb\"]}",
            #"{"table": "t", "row": [{"real": "x"}]}"#, #"{"table": "t", "row": [{"blob": "!"}]}"#,
            #"{"table": "t", "row": [{"real": "1", "x": 2}]}"#, #"{"table": "t", "row": ["\x"]}"#,
            #"{"table": "t", "row": ["open]}"#, line("t", [.text("bell \u{7}")]), #"{"table": "t", "row": [1"#, #"{"change": [1]}"#, "",
            "{\"table\": \"t\", \"row\": [1]}\r\n",
        ] {
            #expect(parse(text) == nil, "\(text)")
        }
        var invalid = Data(#"{"table": "t", "row": [""#.utf8)
        invalid.append(contentsOf: [0xC3, 0x28])
        invalid.append(contentsOf: Data(#""]}"#.utf8))
        #expect(invalid.withUnsafeBytes(RowLine.parse) == nil)
    }
}
