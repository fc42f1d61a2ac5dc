import Foundation
import Testing
@testable import Storage

/// `Timestamp.parse` reads the form iku stores by hand and every other ISO 8601 form with
/// Foundation's formatter: the two must agree to the bit on the stored form.
@Suite struct TimestampTests {
    let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    @Test func theStoredFormReadsAsTheFormatterReadsIt() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            // Any millisecond from 1970 to 2199.
            let milliseconds = Int64.random(in: 0..<7_258_118_400_000, using: &generator)
            let text = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
            let byHand = try #require(Timestamp.stored(text), "\(text)")
            let byFormatter = try #require(formatter.date(from: text), "\(text)")
            #expect(byHand == byFormatter, "\(text): \(byHand.timeIntervalSince1970) against \(byFormatter.timeIntervalSince1970)")
            let whole = String(text.prefix(19)) + "Z"
            #expect(Timestamp.stored(whole) == ISO8601DateFormatter().date(from: whole), "\(whole)")
        }
    }

    @Test func otherFormsAreLeftToTheFormatter() {
        for text in ["2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T10:60:00Z",
                     "2026-01-01T10:00:00+07:00", "2026-01-01T10:00:00.5Z", "2026-01-01 10:00:00Z", "２026-01-01T10:00:00Z",
                     "2026-01-01T10:00:00.12aZ", ""] {
            #expect(Timestamp.stored(text) == nil, "\(text)")
        }
        #expect(Timestamp.parse("2026-01-01T10:00:00+07:00") == Timestamp.parse("2026-01-01T03:00:00Z"))
        // What the formatter makes of a day that does not exist is unchanged (it rolls over).
        #expect(Timestamp.parse("2026-02-30T10:00:00Z") == Timestamp.parse("2026-03-02T10:00:00Z"))
    }
}
