import Testing
@testable import Storage

@Suite("Input error messages")
struct InputErrorTests {
    /// Found by fuzzing: a value holding a line break (`--scores "4,3\n2,..."`, a quoted CSV cell)
    /// made the one-line refusal two lines.
    @Test func lineBreaksTabsAndControlsInTheValueAreEscapedOnOneLine() {
        let error = InputError(field: "scores U2", value: "3\r\n2\t\u{0}\u{7}\u{85}\u{2028}", allowed: "1 to 4", line: 4)
        #expect(error.description == #"line 4: scores U2: "3\r\n2\t\u{0}\u{7}\u{85}\u{2028}" is not allowed; 1 to 4"#)
    }

    /// Invisible format characters are what makes a value that looks right wrong: show them.
    @Test func invisibleFormatCharactersAreShownButEmojiJoinersKept() {
        let error = InputError(field: "service", value: "\u{200F}KTP\u{202E}\u{FEFF} 👩‍👩‍👧 سلام", allowed: "text")
        #expect(error.description == "service: \"\\u{200F}KTP\\u{202E}\\u{FEFF} 👩‍👩‍👧 سلام\" is not allowed; text")
    }

    @Test func longValuesAreCut() {
        let error = InputError(field: "date", value: String(repeating: "9", count: 100_000), allowed: "a date")
        #expect(error.description == "date: \"\(String(repeating: "9", count: InputError.shownLength))...\" is not allowed; a date")
        #expect(InputError(field: "f", value: String(repeating: "é", count: 60), allowed: "x").description.hasPrefix("f: \"éééé"))
        #expect(!InputError(field: "f", value: String(repeating: "é", count: 60), allowed: "x").description.contains("..."))
    }

    /// Found by fuzzing: a refusal quoting a stored name (a village code already taken by a
    /// village whose name holds a line break or a right-to-left override) was not one line.
    @Test func stateErrorsQuotingStoredTextAreOneLine() {
        let error = StateError("village code 35.08.01.2001 is already recorded as village 3 (Desa\nBaru \u{202E}x); correct it")
        #expect(error.description == #"village code 35.08.01.2001 is already recorded as village 3 (Desa\nBaru \u{202E}x); correct it"#)
    }
}
