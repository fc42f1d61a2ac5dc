import FoundationEssentials
import Glibc

// The few pieces of text handling `iku` used from Foundation's full module, written on the
// standard library so that the modules `iku` links import FoundationEssentials only (see
// docs/performance.md, "Foundation"): Foundation, CoreFoundation and ICU were two fifths of the
// data the executable relocates at every start.

extension StringProtocol {
    /// The text without the white space at either end: spaces of every kind (Unicode's
    /// space separators) and tabs, as Foundation's `trimmingWhitespace()`.
    public func trimmingWhitespace() -> String {
        trimming { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// The text without white space or line breaks at either end, as Foundation's
    /// `trimmingWhitespaceAndNewlines()`.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x85: return true
            default:
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
                default: return false
                }
            }
        }
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension String {
    /// The text followed by spaces up to `width` characters (as counted by `count`), as
    /// Foundation's `padding(toLength:withPad:startingAt:)` with a space; longer text is cut.
    public func padded(toWidth width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }

    /// The text with every occurrence of `target` replaced by `replacement`, compared scalar by
    /// scalar (not by grapheme: a quote followed by a combining mark is still a quote, which
    /// matters to the escaping of CSV, Markdown and shell words).
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.unicodeScalars)
        guard !pattern.isEmpty else { return self }
        let scalars = Array(unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == pattern[0], index + pattern.count <= scalars.count,
               scalars[index..<index + pattern.count].elementsEqual(pattern) {
                result.append(contentsOf: replacement.unicodeScalars)
                index += pattern.count
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// `value` as C's `printf` writes it with `format` (one conversion such as `%.1f` or
    /// `%04d`), the way Foundation's `String(format:)` did.
    public static func printf(_ format: String, _ value: CVarArg) -> String {
        withVaList([value]) { arguments in
            var buffer = [CChar](repeating: 0, count: 64)
            let needed = Int(vsnprintf(&buffer, buffer.count, format, arguments))
            precondition(needed < buffer.count, "printf: \(format) needs more than 64 bytes")
            return String(decoding: buffer.prefix(needed).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
