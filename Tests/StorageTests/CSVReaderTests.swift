import Crypto
import Foundation
import Testing
@testable import Storage

@Suite("Streaming CSV reader")
struct CSVReaderTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    struct Record: Equatable {
        let line: Int
        let fields: [String]
        let problem: CSVProblem?
    }

    func records(_ bytes: [UInt8], chunkSize: Int) throws -> [Record] {
        let path = directory.path("input-\(chunkSize).csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        var result: [Record] = []
        while try reader.next() {
            let fields = (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) }
            result.append(Record(line: reader.line, fields: fields, problem: reader.problem))
        }
        return result
    }

    /// Chunk sizes that put chunk boundaries inside quotes, CRLFs and multi-byte characters.
    static let chunkSizes = [4, 5, 7, 1 << 20]

    @Test(arguments: chunkSizes)
    func readsRFC4180QuotingLineEndingsAndTheByteOrderMark(_ chunkSize: Int) throws {
        let text = "\u{FEFF}date,service,suggestion\r\n"
            + "2026-03-01,KTP,\"Cepat, ramah\"\r\n"
            + "\r\n"
            + "2026-03-02,\"Akta \"\"Kelahiran\"\"\",\"baris satu\r\nbaris dua\"\r\n"
            + "2026-03-03,Surat Pindah,\n"
            + "2026-03-04,Légalisasi,\"\"\r"
            + "2026-03-05,KK,last"
        let result = try records(Array(text.utf8), chunkSize: chunkSize)
        #expect(result == [
            Record(line: 1, fields: ["date", "service", "suggestion"], problem: nil),
            Record(line: 2, fields: ["2026-03-01", "KTP", "Cepat, ramah"], problem: nil),
            Record(line: 4, fields: ["2026-03-02", "Akta \"Kelahiran\"", "baris satu\r\nbaris dua"], problem: nil),
            Record(line: 6, fields: ["2026-03-03", "Surat Pindah", ""], problem: nil),
            Record(line: 7, fields: ["2026-03-04", "Légalisasi", ""], problem: nil),
            Record(line: 8, fields: ["2026-03-05", "KK", "last"], problem: nil),
        ])
    }

    @Test(arguments: chunkSizes)
    func flagsInvalidUTF8OnItsLineAndReadsOn(_ chunkSize: Int) throws {
        var bytes = Array("a,b\nok,é\n".utf8)
        bytes += Array("bad,".utf8) + [0x4B, 0xFF, 0x50] + Array("\nafter,x\n".utf8)
        let result = try records(bytes, chunkSize: chunkSize)
        #expect(result.map(\.line) == [1, 2, 3, 4])
        #expect(result.map(\.problem) == [nil, nil, .invalidUTF8, nil])
    }

    @Test func flagsBrokenQuoting() throws {
        let text = "a,b\nx\"y,1\n\"x\"y,2\n\"open,3\nmore\n"
        let result = try records(Array(text.utf8), chunkSize: 1 << 20)
        #expect(result.map(\.problem) == [nil, .quoteInUnquotedField, .textAfterClosingQuote, .unterminatedQuote])
        #expect(result.map(\.line) == [1, 2, 3, 4])
    }

    /// Found by fuzzing: a CR inside quotes did not count as a line break, so in a file with CR
    /// line ends every line after a multi-line field was misnumbered.
    @Test(arguments: chunkSizes)
    func countsLineBreaksInsideQuotesAsOutside(_ chunkSize: Int) throws {
        let text = "a,b\r\"one\rtwo\",x\r\"three\r\nfour\nfive\r\"\"\r\",y\rlast,z\r"
        let result = try records(Array(text.utf8), chunkSize: chunkSize)
        #expect(result.map(\.line) == [1, 2, 4, 9])
        #expect(result[2].fields == ["three\r\nfour\nfive\r\"\r", "y"])
    }

    @Test func boundsTheMemoryOfARunawayQuotedField() throws {
        var bytes = Array("a,b\n\"".utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: CSVReader.maximumRecordBytes + 10)
        let result = try records(bytes, chunkSize: 1 << 16)
        #expect(result.last?.problem == .recordTooLong)
    }

    @Test func hashesExactlyTheBytesItRead() throws {
        let bytes = Array("\u{FEFF}a,b\r\n1,2\r\n".utf8)
        let path = directory.path("hash.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, chunkSize: 4)
        while try reader.next() {}
        let expected = SHA256.hexDigest(of: Data(bytes))
        #expect(reader.sha256() == expected)
        #expect(try FileDigest.sha256(path: path) == expected)
    }

    @Test(arguments: [
        ([0xC3, 0xA9], true), ([0xE2, 0x82, 0xAC], true), ([0xF0, 0x9F, 0x98, 0x80], true),
        ([0xC0, 0xAF], false), ([0xE0, 0x80, 0xAF], false), ([0xED, 0xA0, 0x80], false),
        ([0xF4, 0x90, 0x80, 0x80], false), ([0xE2, 0x82], false), ([0x80], false), ([0xFF], false),
    ] as [([UInt8], Bool)])
    func validatesUTF8Strictly(_ bytes: [UInt8], _ valid: Bool) {
        #expect(bytes.withUnsafeBufferPointer { UTF8Check.isValid($0.baseAddress!, count: $0.count) } == valid)
    }
}
