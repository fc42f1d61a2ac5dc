/// Service quality (mutu pelayanan) from a rounded IKM, per PermenPAN-RB 14/2017.
public enum Mutu: String, Sendable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D"

    /// The band of an IKM value, classified on the value rounded half-up to 2 decimals.
    public init(ikm: Double) {
        let rounded = Rounding.halfUpHundredths(ikm)
        switch rounded {
        case 8831...: self = .a
        case 7661...: self = .b
        case 6500...: self = .c
        default: self = .d
        }
    }

    /// The lowest element average (NI, on the 1–4 scale) of the band in the regulation's table:
    /// A 3.5324, B 3.0644, C 2.60, D 1.00 (× 25 gives the IKM limits 88.31, 76.61, 65.00, 25.00).
    public var lowestNI: Double {
        switch self {
        case .a: return 3.5324
        case .b: return 3.0644
        case .c: return 2.60
        case .d: return 1.00
        }
    }

    /// The regulation's words for the band.
    public var kinerja: String {
        switch self {
        case .a: return "Sangat Baik"
        case .b: return "Baik"
        case .c: return "Kurang Baik"
        case .d: return "Tidak Baik"
        }
    }
}

/// Half-up rounding to 2 decimals, for display and classification only.
public enum Rounding {
    /// `value` × 100 rounded half-up to an integer (hundredths), so comparisons are exact.
    ///
    /// A tiny tolerance absorbs binary noise: 87.285 stored as 87.28499999… still rounds up.
    public static func halfUpHundredths(_ value: Double) -> Int {
        let scaled = value * 100
        return Int((scaled + 0.5 + 1e-9 * max(1, abs(scaled))).rounded(.down))
    }

    /// `value` rounded half-up and written with 2 decimals and a point, e.g. `87.28`.
    public static func twoDecimals(_ value: Double) -> String {
        let hundredths = halfUpHundredths(value)
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
