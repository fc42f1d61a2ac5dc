import Foundation

/// Seeded random inputs for fuzzing: the same seed gives the same inputs, so any failure replays.
///
/// The quick form runs in `swift test`; `IKU_FUZZ_ITERATIONS=100000 swift test --filter Fuzz` is
/// the long form. `IKU_FUZZ_SEED` picks another seed.
struct FuzzInput: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64 = FuzzInput.seed) {
        state = seed
    }

    static var iterations: Int {
        ProcessInfo.processInfo.environment["IKU_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2_000
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["IKU_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x1C0_FFEE
    }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Characters that break parsers: digits, separators, quotes, control, multi-byte and RTL.
    static let alphabet: [Character] = Array("0123456789-:/.,;\"' \t\r\nTZ+ab") + ["é", "✓", "\u{200F}", "😀", "\u{0}", "٣"]

    mutating func string(maxLength: Int = 24) -> String {
        String((0..<Int.random(in: 0...maxLength, using: &self)).map { _ in Self.alphabet.randomElement(using: &self)! })
    }

    /// A string that looks like a date and is sometimes one: digits in the right places, with mutations.
    mutating func dateLike() -> String {
        let year = Int.random(in: 0...2200, using: &self)
        let month = Int.random(in: 0...14, using: &self)
        let day = Int.random(in: 0...33, using: &self)
        var text = String(format: "%04d-%02d-%02d", year, month, day)
        if Bool.random(using: &self) {
            var characters = Array(text)
            let index = Int.random(in: 0..<characters.count, using: &self)
            switch Int.random(in: 0..<3, using: &self) {
            case 0: characters.remove(at: index)
            case 1: characters.insert(Self.alphabet.randomElement(using: &self)!, at: index)
            default: characters[index] = Self.alphabet.randomElement(using: &self)!
            }
            text = String(characters)
        }
        return text
    }
}
