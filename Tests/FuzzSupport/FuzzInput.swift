import Foundation

/// Seeded random inputs for fuzzing: the same seed gives the same inputs, so any failure replays.
///
/// The quick form runs in `swift test`; `IKU_FUZZ_ITERATIONS=100000 swift test --filter Fuzz` is
/// the long form. `IKU_FUZZ_SEED` picks another seed.
public struct FuzzInput: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64 = FuzzInput.seed) {
        state = seed
    }

    /// Inputs per fuzz target: `IKU_FUZZ_ITERATIONS`, else 2,000.
    public static var iterations: Int { iterations(quick: 2_000) }

    /// `IKU_FUZZ_ITERATIONS`, else `quick`: for targets whose inputs are slow in a debug build.
    public static func iterations(quick: Int) -> Int {
        ProcessInfo.processInfo.environment["IKU_FUZZ_ITERATIONS"].flatMap(Int.init) ?? quick
    }

    public static var seed: UInt64 {
        ProcessInfo.processInfo.environment["IKU_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x1C0_FFEE
    }

    /// SplitMix64.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Characters that break parsers: digits, separators, quotes, control, multi-byte and RTL.
    public static let alphabet: [Character] = Array("0123456789-:/.,;\"' \t\r\nTZ+ab") + ["é", "✓", "\u{200F}", "😀", "\u{0}", "٣"]

    /// Text that must survive storage exactly: quotes, separators, SQL, line breaks, emoji (with
    /// joiners and flags), right-to-left marks and overrides, combining marks, a byte order mark.
    public static let hostilePieces: [String] = [
        "a", "Z", "7", " ", "\"", "'", ",", ";", "\r", "\n", "\r\n", "\t", "'); DROP TABLE changes; --", "\\",
        "😀", "👩‍👩‍👧", "🇮🇩", "\u{200F}", "\u{200E}", "\u{202E}", "\u{2067}", "سلام", "שלום", "é", "e\u{301}",
        "\u{FEFF}", "\u{2028}", "Kecamatan", "=SUM(A1)", "<b>", "&amp;", "%s", "\u{7F}",
    ]

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    public mutating func pick<T>(_ values: [T]) -> T {
        values.randomElement(using: &self)!
    }

    public mutating func string(maxLength: Int = 24) -> String {
        String((0..<int(0...maxLength)).map { _ in pick(Self.alphabet) })
    }

    /// Up to `maxPieces` of `hostilePieces` run together.
    public mutating func hostileText(maxPieces: Int = 8) -> String {
        (0..<int(0...maxPieces)).map { _ in pick(Self.hostilePieces) }.joined()
    }

    /// A string that looks like a date and is sometimes one: digits in the right places, with mutations.
    public mutating func dateLike() -> String {
        let year = int(0...2200)
        let month = int(0...14)
        let day = int(0...33)
        var text = String(format: "%04d-%02d-%02d", year, month, day)
        if Bool.random(using: &self) {
            var characters = Array(text)
            let index = int(0...(characters.count - 1))
            switch int(0...2) {
            case 0: characters.remove(at: index)
            case 1: characters.insert(pick(Self.alphabet), at: index)
            default: characters[index] = pick(Self.alphabet)
            }
            text = String(characters)
        }
        return text
    }
}

/// Turns a hang into a replayable failure: when one input takes longer than `limit`, prints what
/// that input was (seed and index) and aborts the test process.
public final class FuzzWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (input: @Sendable () -> String, started: Date)?
    private let limit: TimeInterval

    public init(limit: TimeInterval = 120) {
        self.limit = limit
        Thread.detachNewThread { [weak self] in
            while let watchdog = self {
                watchdog.checkDeadline()
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// Runs `body` for the input `input` describes (called only on a hang).
    public func guarding<T>(_ input: @escaping @Sendable () -> String, _ body: () throws -> T) rethrows -> T {
        lock.withLock { current = (input, Date()) }
        defer { lock.withLock { current = nil } }
        return try body()
    }

    private func checkDeadline() {
        let overdue = lock.withLock { current.flatMap { Date().timeIntervalSince($0.started) > limit ? $0.input : nil } }
        if let overdue {
            FileHandle.standardError.write(Data("fuzz: no result after \(Int(limit)) s for \(overdue()): a hang\n".utf8))
            abort()
        }
    }
}
