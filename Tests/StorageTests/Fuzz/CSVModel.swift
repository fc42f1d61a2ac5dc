@testable import Storage

/// The format `CSVReader` documents, read the plain way (the whole input, one index, no chunks,
/// no state machine): the oracle the reader is fuzzed against.
///
/// Fields are comma separated and optionally quoted (`""` inside quotes is a quote; commas and
/// line breaks inside quotes are data); records end at LF, CRLF or CR; a leading UTF-8 byte
/// order mark is skipped; a record that is one empty unquoted field (a blank line) is skipped.
/// A record's line is 1 + the line breaks before it, counting those inside quoted fields.
enum CSVModel {
    struct Record: Equatable {
        var line: Int
        var fields: [[UInt8]]
        /// Every problem the record has; the reader reports one of them.
        var problems: Set<CSVProblem>
    }

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The length of the line break at `index` (2 for CR LF), or nil.
    static func lineBreak(_ bytes: [UInt8], at index: Int) -> Int? {
        if bytes[index] == lf { return 1 }
        if bytes[index] == cr { return index + 1 < bytes.count && bytes[index + 1] == lf ? 2 : 1 }
        return nil
    }

    /// The number of line breaks in `bytes` (CR LF counts once).
    static func lineBreaks(_ bytes: [UInt8]) -> Int {
        var count = 0, index = 0
        while index < bytes.count {
            if let length = lineBreak(bytes, at: index) {
                count += 1
                index += length
            } else {
                index += 1
            }
        }
        return count
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    static func records(_ bytes: [UInt8]) -> [Record] {
        var index = bytes.starts(with: byteOrderMark) ? 3 : 0
        var line = 1
        var records: [Record] = []
        while index < bytes.count {
            var record = Record(line: line, fields: [], problems: [])
            var sawQuote = false
            var endOfRecord = false
            while !endOfRecord {
                var field: [UInt8] = []
                if index < bytes.count, bytes[index] == quote {
                    sawQuote = true
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        if bytes[index] == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if let length = lineBreak(bytes, at: index) {
                            line += 1
                            field += bytes[index..<index + length]
                            index += length
                        } else {
                            field.append(bytes[index])
                            index += 1
                        }
                    }
                    if !closed {
                        record.problems.insert(.unterminatedQuote)
                    } else if index < bytes.count, bytes[index] != comma, lineBreak(bytes, at: index) == nil {
                        record.problems.insert(.textAfterClosingQuote)
                    }
                }
                while index < bytes.count, bytes[index] != comma, lineBreak(bytes, at: index) == nil {
                    if bytes[index] == quote {
                        sawQuote = true
                        record.problems.insert(.quoteInUnquotedField)
                    }
                    field.append(bytes[index])
                    index += 1
                }
                record.fields.append(field)
                if index == bytes.count {
                    endOfRecord = true
                } else if bytes[index] == comma {
                    index += 1
                } else {
                    index += lineBreak(bytes, at: index)!
                    line += 1
                    endOfRecord = true
                }
            }
            if record.fields.contains(where: { !isValidUTF8($0) }) { record.problems.insert(.invalidUTF8) }
            if record.fields.reduce(0, { $0 + $1.count }) > CSVReader.maximumRecordBytes { record.problems.insert(.recordTooLong) }
            if record.fields.count > CSVReader.maximumFieldCount { record.problems.insert(.tooManyFields) }
            let blank = record.fields == [[]] && !sawQuote && record.problems.isEmpty
            if !blank { records.append(record) }
        }
        return records
    }
}
