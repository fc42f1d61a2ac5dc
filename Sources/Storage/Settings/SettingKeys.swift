/// The three key performance indicators (IKU), as stored in `target_settings.indicator`.
public enum IndicatorKey: String, Sendable, CaseIterable, Codable {
    /// IKU 1: Nilai IKM Kecamatan.
    case ikm
    /// IKU 2: facilitation and coordination followed up (%).
    case facilitation
    /// IKU 3: villages with their administration documents on time (%).
    case villageDocuments = "village_documents"

    /// The spelling used on the command line (`village-documents`).
    public var argument: String { rawValue.replacingEvery("_", with: "-") }

    /// Reads the command-line spelling (`ikm`, `facilitation`, `village-documents`).
    public init?(argument: String) {
        self.init(rawValue: argument.replacingEvery("-", with: "_"))
    }
}

/// The village administration documents counted by IKU 3, as stored in `document` columns.
public enum AdministrationDocument: String, Sendable, CaseIterable, Codable, Comparable {
    /// Rencana Kerja Pemerintah Desa.
    case rkpdesa
    /// Anggaran Pendapatan dan Belanja Desa.
    case apbdesa
    /// Laporan Penyelenggaraan Pemerintahan Desa.
    case lppdesa

    /// The official abbreviation, e.g. `RKPDesa`.
    public var title: String {
        switch self {
        case .rkpdesa: return "RKPDesa"
        case .apbdesa: return "APBDesa"
        case .lppdesa: return "LPPDesa"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Shared checks for the values settings are keyed by.
enum SettingValidation {
    static let years = 2000...2100

    static func year(_ year: Int, field: String = "year") throws {
        guard years.contains(year) else {
            throw InputError(field: field, value: String(year), allowed: "a year from 2000 to 2100")
        }
    }

    static func quarter(_ quarter: Int?) throws {
        guard let quarter else { return }
        guard (1...4).contains(quarter) else {
            throw InputError(field: "quarter", value: String(quarter), allowed: "a quarter from 1 to 4")
        }
    }
}
