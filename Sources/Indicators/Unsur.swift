/// The nine survey elements (unsur) of PermenPAN-RB 14/2017, keyed by code, never by position.
public enum Unsur: Int, Hashable, Sendable, CaseIterable, Comparable {
    case u1 = 1, u2, u3, u4, u5, u6, u7, u8, u9

    /// `U1` … `U9`.
    public var code: String { "U\(rawValue)" }

    /// The element's name in the regulation.
    public var name: String {
        switch self {
        case .u1: return "Persyaratan"
        case .u2: return "Sistem, Mekanisme, dan Prosedur"
        case .u3: return "Waktu Penyelesaian"
        case .u4: return "Biaya/Tarif"
        case .u5: return "Produk Spesifikasi Jenis Pelayanan"
        case .u6: return "Kompetensi Pelaksana"
        case .u7: return "Perilaku Pelaksana"
        case .u8: return "Penanganan Pengaduan, Saran dan Masukan"
        case .u9: return "Sarana dan Prasarana"
        }
    }

    public static func < (lhs: Unsur, rhs: Unsur) -> Bool { lhs.rawValue < rhs.rawValue }
}
