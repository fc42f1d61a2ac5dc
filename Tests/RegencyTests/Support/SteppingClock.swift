import Foundation
import Storage

/// A clock that moves on by `step` each time it is read, so every change of a generated office
/// has its own time and an as-of day falls between changes.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private let step: TimeInterval

    init(_ text: String, step: TimeInterval) {
        current = Timestamp.parse(text)!
        self.step = step
    }

    var clock: Clock {
        Clock { [self] in
            lock.withLock {
                defer { current += step }
                return current
            }
        }
    }

    /// Jumps to `text` (never back).
    func set(_ text: String) {
        let date = Timestamp.parse(text)!
        lock.withLock { current = max(current, date) }
    }
}
