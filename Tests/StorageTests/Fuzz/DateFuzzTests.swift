import Foundation
import FuzzSupport
import Testing
@testable import Storage

@Suite("Fuzz: dates and timestamps")
struct DateFuzzTests {
    @Test func calendarDateAcceptsExactlyRealDatesAndRoundTrips() {
        var input = FuzzInput()
        var accepted = 0
        for _ in 0..<FuzzInput.iterations {
            let text = Bool.random(using: &input) ? input.dateLike() : input.string()
            guard let date = CalendarDate(text) else { continue }
            accepted += 1
            #expect(date.description == text, "accepted \(text.debugDescription) but prints \(date.description)")
            #expect((1...12).contains(date.month) && date.day <= CalendarDate.daysIn(month: date.month, year: date.year))
            let back = Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch) * 86_400)
            #expect(Timestamp.format(back).hasPrefix(text), "\(text) -> \(Timestamp.format(back))")
        }
        #expect(accepted > 0, "the generator never produced a valid date")
    }

    @Test func timestampParserNeverCrashesAndFormatsBackAsUTC() {
        var input = FuzzInput(seed: FuzzInput.seed &+ 1)
        for _ in 0..<FuzzInput.iterations {
            let text = Bool.random(using: &input) ? input.dateLike() + "T12:00:00Z" : input.string()
            if let date = Timestamp.parse(text) {
                #expect(Timestamp.format(date).hasSuffix("Z"))
            }
        }
    }
}
