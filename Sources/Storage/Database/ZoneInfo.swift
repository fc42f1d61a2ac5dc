import FoundationEssentials

/// A time zone of the system's tz database: a TZif file (RFC 8536) under `/usr/share/zoneinfo`,
/// Debian's tzdata (priority required, so on every Debian system). It gives the offset from UTC
/// in force at any instant, which is all `iku` asks of a zone other than Indonesia's three
/// (`OfficeZone`): FoundationEssentials reads no zone by name, and the full Foundation that does
/// brings ICU into every start.
///
/// Past the file's last transition the offset of that transition holds. Debian's files list the
/// transitions up to 2037, so only a zone with daylight saving time is approximated, and only
/// after 2037.
struct ZoneInfo: Hashable, Sendable {
    /// Where the tz database lives.
    static let folder = "/usr/share/zoneinfo"

    /// The instants (seconds since 1970, UTC) at which the offset changes, ascending.
    private let transitions: [Int64]
    /// The offset (seconds ahead of UTC) in force from each transition on.
    private let offsets: [Int]
    /// The offset before the first transition (the file's first time type).
    private let initialOffset: Int

    /// The zone named `identifier` (an IANA name such as `Europe/Berlin`); nil when the name is
    /// malformed or the database has no such zone.
    init?(identifier: String, folder: String = ZoneInfo.folder) {
        guard Self.isWellFormed(identifier),
              let bytes = FileManager.default.contents(atPath: folder + "/" + identifier) else { return nil }
        self.init(tzif: [UInt8](bytes))
    }

    /// Reads TZif bytes; nil when they are not a TZif file.
    init?(tzif bytes: [UInt8]) {
        guard bytes.count >= 44, bytes[0...3].elementsEqual("TZif".utf8) else { return nil }
        func count(_ header: Int, _ index: Int) -> Int {
            let at = header + 20 + index * 4
            guard at + 4 <= bytes.count else { return -1 }
            return bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        func signed(_ at: Int, _ width: Int) -> Int64 {
            let raw = bytes[at..<at + width].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let shift = UInt64(64 - width * 8)
            return Int64(bitPattern: raw << shift) >> Int64(shift)
        }
        // Version 2 and later repeat the data with 64-bit times after the version 1 block.
        var header = 0
        var width = 4
        if bytes[4] >= UInt8(ascii: "2") {
            let v1 = [count(0, 0), count(0, 1), count(0, 2), count(0, 3), count(0, 4), count(0, 5)]
            guard !v1.contains(where: { $0 < 0 }) else { return nil }
            header = 44 + v1[3] * 5 + v1[4] * 6 + v1[5] + v1[2] * 8 + v1[1] + v1[0]
            width = 8
        }
        let counts = (0..<6).map { count(header, $0) }
        let (timeCount, typeCount) = (counts[3], counts[4])
        guard !counts.contains(where: { $0 < 0 }), typeCount > 0 else { return nil }
        let times = header + 44
        let indices = times + timeCount * width
        let types = indices + timeCount
        guard types + typeCount * 6 <= bytes.count else { return nil }
        let typeOffsets = (0..<typeCount).map { Int(signed(types + $0 * 6, 4)) }
        var transitions: [Int64] = []
        var offsets: [Int] = []
        for index in 0..<timeCount {
            let type = Int(bytes[indices + index])
            guard type < typeCount else { return nil }
            transitions.append(signed(times + index * width, width))
            offsets.append(typeOffsets[type])
        }
        guard zip(transitions, transitions.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.transitions = transitions
        self.offsets = offsets
        initialOffset = typeOffsets[0]
    }

    /// Seconds ahead of UTC at `instant`.
    func offset(at instant: Date) -> Int {
        let second = Int64((instant.timeIntervalSince1970).rounded(.down))
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= second { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? initialOffset : offsets[low - 1]
    }

    /// A name of the database's zones: components of letters, digits, `_`, `+` and `-` joined by
    /// `/`, never `.` or `..` (so no path leaves the folder), and not the leap-second `right/` tree.
    private static func isWellFormed(_ identifier: String) -> Bool {
        let components = identifier.split(separator: "/", omittingEmptySubsequences: false)
        return !identifier.isEmpty && identifier.utf8.count <= 100 && components.first != "right"
            && components.allSatisfy { component in
                !component.isEmpty && component.first != "-" && component.unicodeScalars.allSatisfy { scalar in
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                                       || scalar == "_" || scalar == "+" || scalar == "-")
                }
            }
    }
}
