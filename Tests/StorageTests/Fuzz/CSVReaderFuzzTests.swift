import Crypto
import Foundation
import FuzzSupport
import Testing
@testable import Storage

/// The streaming CSV reader against `CSVModel` on random bytes and random RFC 4180-ish files
/// (quotes, doubled quotes, CR/LF inside quotes, byte order marks, truncated quotes, invalid
/// UTF-8, huge fields, too many fields), each read with two random chunk sizes; and a round trip
/// of random records of arbitrary text through an RFC 4180 encoder.
@Suite("Fuzz: CSV reader")
struct CSVReaderFuzzTests {
    let directory: TemporaryDirectory
    let watchdog = FuzzWatchdog()

    init() throws {
        directory = try TemporaryDirectory()
    }

    struct Record: Equatable {
        let line: Int
        let fields: [[UInt8]]
        let problem: CSVProblem?
    }

    /// Reads `path` with `chunkSize`; gives up (failing) past `limit` records, which no input of
    /// that size can hold, so a reader that stops making progress fails instead of hanging.
    func read(_ path: String, chunkSize: Int, limit: Int) throws -> (records: [Record], sha256: String) {
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        var records: [Record] = []
        while try reader.next() {
            let fields = (0..<reader.fieldCount).map { Array(reader.field($0)) }
            records.append(Record(line: reader.line, fields: fields, problem: reader.problem))
            if records.count > limit {
                Issue.record("more than \(limit) records from \(limit - 1) bytes")
                break
            }
        }
        return (records, reader.sha256())
    }

    @Test func readerMatchesTheModelOnRandomInputWhateverTheChunkSize() throws {
        var input = FuzzInput(seed: FuzzInput.seed &+ 10)
        let path = directory.path("fuzz.csv")
        var problemRecords = 0, cleanRecords = 0
        for iteration in 0..<FuzzInput.iterations {
            // Every 500th input holds a field near the 1 MiB record limit, and another a record of too many fields.
            let bytes = input.chance(0.25) ? input.randomCSVBytes()
                : input.csvStructure(hugeField: iteration % 500 == 250, manyFields: iteration % 500 == 499)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let expected = CSVModel.records(bytes)
            let context: @Sendable () -> String = { "seed \(FuzzInput.seed) input #\(iteration): \(bytes.count) bytes \(bytes.prefix(120))" }
            let digest = SHA256.hexDigest(of: Data(bytes))
            for chunkSize in chunkSizes(&input, size: bytes.count) {
                let (records, sha256) = try watchdog.guarding(context) {
                    try read(path, chunkSize: chunkSize, limit: bytes.count + 1)
                }
                #expect(sha256 == digest, "\(context())")
                if let difference = Self.difference(records, expected) {
                    Issue.record("chunk \(chunkSize): \(difference); \(context())")
                    return  // one diverging input is enough to replay; stop before thousands of follow-ups
                }
            }
            problemRecords += expected.filter { !$0.problems.isEmpty }.count
            cleanRecords += expected.filter { $0.problems.isEmpty }.count
        }
        #expect(problemRecords > 0 && cleanRecords > 0, "the generator must produce good and bad records")
    }

    /// How the reader's records differ from the model's, or nil: the same lines; for a record
    /// with a problem, one the record has, named with its line in one line of text; else the same fields.
    static func difference(_ records: [Record], _ expected: [CSVModel.Record]) -> String? {
        guard records.count == expected.count else { return "\(records.count) records, expected \(expected.count)" }
        for (index, (record, model)) in zip(records, expected).enumerated() {
            let place = "record \(index)"
            guard record.line == model.line else { return "\(place) on line \(record.line), expected \(model.line)" }
            if let problem = record.problem {
                guard model.problems.contains(problem) else { return "\(place): \(problem) not in \(model.problems)" }
                let message = problem.inputError(line: record.line).description
                guard message.hasPrefix("line \(record.line): "), !message.contains("\n") else { return "\(place): \(message)" }
            } else {
                guard model.problems.isEmpty else { return "\(place): missed \(model.problems)" }
                guard record.fields == model.fields else { return "\(place): \(record.fields), expected \(model.fields)" }
            }
        }
        return nil
    }

    /// Two chunk sizes for an input of `size` bytes: one that splits quotes, CRLFs and characters
    /// (of at least a thousandth of the input, to keep huge inputs quick), and one larger.
    private func chunkSizes(_ input: inout FuzzInput, size: Int) -> [Int] {
        [input.int(4...16) + size / 1_000, input.chance(0.5) ? input.int(17...8_192) : 1 << 20]
    }

    @Test func encodedRecordsOfAnyTextReadBackEqualOnTheirLines() throws {
        var input = FuzzInput(seed: FuzzInput.seed &+ 11)
        let path = directory.path("roundtrip.csv")
        for iteration in 0..<FuzzInput.iterations {
            let records: [[String]] = (0..<input.int(0...6)).map { _ in
                (0..<input.int(1...6)).map { _ in
                    input.chance(0.002) ? String(repeating: input.hostileText(maxPieces: 4), count: input.int(1_000...10_000))
                        : input.hostileText()
                }
            }
            let (bytes, lines) = input.rfc4180(records)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let context: @Sendable () -> String = { "seed \(FuzzInput.seed) input #\(iteration): \(records.map { $0.map(\.debugDescription) }.description.prefix(300))" }
            for chunkSize in chunkSizes(&input, size: bytes.count) {
                let (result, _) = try watchdog.guarding(context) { try read(path, chunkSize: chunkSize, limit: bytes.count + 1) }
                let expected = zip(records, lines).map { Record(line: $1, fields: $0.map { Array($0.utf8) }, problem: nil) }
                if result != expected {
                    Issue.record("chunk \(chunkSize): read \(result.prefix(3)); \(context())")
                    return
                }
            }
        }
    }
}

extension FuzzInput {
    /// Bytes that matter to a CSV reader, with quotes, commas and line breaks weighted up.
    static let csvBytes: [UInt8] = Array("\"\"\",,,\r\r\n\n\nab 1\t".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0x80, 0xEF, 0xBB, 0xBF, 0xED, 0xA0, 0xF0, 0x9F, 0x98]
    /// Byte sequences that are not UTF-8: stray continuation, overlong, truncated, surrogate, past U+10FFFF.
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0x80], [0xC0, 0xAF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80],
                                          [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xFE], [0xE0, 0x80, 0xAF]]
    static let lineEnds = ["\n", "\r\n", "\r"]

    /// A byte that makes a field need quotes: a quote, a comma or a line break.
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == CSVModel.quote || byte == CSVModel.comma || byte == CSVModel.cr || byte == CSVModel.lf
    }

    mutating func randomCSVBytes() -> [UInt8] {
        (0..<int(0...200)).map { _ in pick(Self.csvBytes) }
    }

    /// A mostly well-formed file, then mutated: stray bytes and quotes, deletions, a truncation,
    /// invalid UTF-8; if asked, with a field near the 1 MiB record limit or a record of too many fields.
    mutating func csvStructure(hugeField: Bool, manyFields: Bool) -> [UInt8] {
        var bytes: [UInt8] = chance(0.2) ? CSVModel.byteOrderMark : []
        let recordCount = int(1...8)
        let hugeRecord = hugeField ? int(0...recordCount - 1) : -1
        let wideRecord = manyFields ? int(0...recordCount - 1) : -1
        for record in 0..<recordCount {
            if chance(0.1) { bytes += Array(pick(Self.lineEnds).utf8) }
            let fieldCount = record == wideRecord ? int(1_020...1_030) : int(1...6)
            for field in 0..<fieldCount {
                if field > 0 { bytes.append(CSVModel.comma) }
                if record == hugeRecord && field == 0 {
                    let size = CSVReader.maximumRecordBytes + int(-3...3)
                    let quoted = chance(0.5)
                    if quoted { bytes.append(CSVModel.quote) }
                    bytes += Array(repeating: UInt8(ascii: "x"), count: size)
                    if quoted && chance(0.7) { bytes.append(CSVModel.quote) }
                    continue
                }
                bytes += csvField()
            }
            if record < recordCount - 1 || chance(0.5) { bytes += Array(pick(Self.lineEnds).utf8) }
        }
        for _ in 0..<int(0...3) where !bytes.isEmpty {
            let index = int(0...bytes.count)
            switch int(0...4) {
            case 0: bytes.insert(pick(Self.csvBytes), at: index)
            case 1: if index < bytes.count { bytes.remove(at: index) }
            case 2: bytes.removeSubrange(index...)
            case 3: bytes.insert(contentsOf: pick(Self.invalidUTF8), at: index)
            default: bytes.insert(CSVModel.quote, at: index)
            }
        }
        return bytes
    }

    /// One field: empty, plain, or quoted with doubled quotes and line breaks inside.
    mutating func csvField() -> [UInt8] {
        switch int(0...3) {
        case 0:
            return []
        case 1:
            return hostileText(maxPieces: 4).utf8.filter { !Self.isSpecial($0) }
        default:
            let text = hostileText(maxPieces: 6)
            return [CSVModel.quote] + Array(text.replacingOccurrences(of: "\"", with: "\"\"").utf8) + [CSVModel.quote]
        }
    }

    /// `records` encoded per RFC 4180 with a random line end, maybe a byte order mark and maybe a
    /// final line end, and the line each record starts on.
    mutating func rfc4180(_ records: [[String]]) -> (bytes: [UInt8], lines: [Int]) {
        let byteOrderMark = chance(0.3)
        let lineEnd = pick(Self.lineEnds)
        var bytes: [UInt8] = byteOrderMark ? CSVModel.byteOrderMark : []
        var lines: [Int] = []
        for (index, record) in records.enumerated() {
            lines.append(1 + CSVModel.lineBreaks(bytes))
            let fields = record.enumerated().map { position, text in
                // A lone empty field would be a blank line, and a file's first character U+FEFF a byte order mark.
                let mustQuote = text.utf8.contains(where: Self.isSpecial) || (record.count == 1 && text.isEmpty)
                    || (index == 0 && position == 0 && !byteOrderMark && text.hasPrefix("\u{FEFF}"))
                return mustQuote || chance(0.2) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }
            bytes += Array(fields.joined(separator: ",").utf8)
            if index < records.count - 1 || chance(0.5) { bytes += Array(lineEnd.utf8) }
        }
        return (bytes, lines)
    }
}
