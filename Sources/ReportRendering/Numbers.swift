import Indicators
import Storage

/// How figures read in the report: two decimals half-up, Indonesian words for the rest.
enum Numbers {
    static func twoDecimals(_ value: Double) -> String { Rounding.twoDecimals(value) }

    static func percent(_ value: Double) -> String { "\(Rounding.twoDecimals(value))%" }

    /// A figure, or "tidak dapat dihitung: reason".
    static func figure(_ figure: Figure, unit: String) -> String {
        switch figure {
        case .value(let value): return "\(Rounding.twoDecimals(value))\(unit)"
        case .notComputable(let reason): return "tidak dapat dihitung: \(reason)"
        }
    }

    static func target(_ achievement: Achievement, unit: String) -> String {
        achievement.target.map { "\(Rounding.twoDecimals($0))\(unit)" } ?? "belum ditetapkan"
    }

    static func capaian(_ achievement: Achievement) -> String {
        achievement.capaian.map(percent) ?? "—"
    }

    static func mutu(_ mutu: Mutu?) -> String {
        mutu.map { "\($0.rawValue) (\($0.kinerja))" } ?? "—"
    }

    /// Days against a deadline, e.g. "tepat pada batas waktu", "3 hari lebih awal", "terlambat 2 hari".
    static func days(late: Int) -> String {
        if late == 0 { return "tepat pada batas waktu" }
        return late < 0 ? "\(-late) hari lebih awal" : "terlambat \(late) hari"
    }
}
