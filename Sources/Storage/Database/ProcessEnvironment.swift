#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One environment variable at a time, read with `getenv`: `ProcessInfo.environment` copies the
/// whole environment into a dictionary on each call (docs/performance.md, a command's start).
public enum ProcessEnvironment {
    /// The value of `name`, nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// Decimal text of integers, zero-padded like `%0Nd`, without a formatter (Foundation's
/// `String(format:)` is not in FoundationEssentials, and its variadic arguments cost the runtime's
/// first protocol-conformance look-ups on every start).
enum DigitText {
    /// `value` in decimal with at least `width` digits (leading zeros), e.g. `padded(7, 2)` is `07`.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count - (value < 0 ? 1 : 0)))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
