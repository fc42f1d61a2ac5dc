import Storage

/// The office's IKU document (SPEC.md, "The IKU sheet"): what each indicator is and where it comes from.
public struct IKUDefinition: Hashable, Sendable {
    public let key: IndicatorKey
    /// 1, 2 or 3.
    public let number: Int
    public let name: String
    public let formula: String
    public let dataSource: String
    public let responsible: String
    /// `""` for IKM points, `"%"` for the percentages.
    public let unit: String
}

/// The IKU sheet shared by every report.
public enum IKUSheet {
    public static let tujuan = "Meningkatkan kepuasan masyarakat"
    public static let indikatorTujuan = "Indeks Kepuasan Masyarakat"
    public static let sasaranStrategis = "Meningkatnya kualitas pelayanan, fasilitas, dan koordinasi Kecamatan serta akuntabilitas keuangan dan pemerintahan desa"

    public static let ikm = IKUDefinition(
        key: .ikm, number: 1, name: "Nilai IKM Kecamatan",
        formula: "25 × (NRR U1 + … + NRR U9) / 9; NRR = jumlah nilai unsur / jumlah responden yang menjawab unsur itu",
        dataSource: "Hasil Survei Kepuasan Masyarakat pada Seksi Pelayanan Umum", responsible: "Camat", unit: "")

    public static let facilitation = IKUDefinition(
        key: .facilitation, number: 2, name: "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti",
        formula: "jumlah hasil fasilitasi dan koordinasi yang ditindaklanjuti / jumlah fasilitasi dan koordinasi dengan lembaga/instansi lain × 100%",
        dataSource: "Seluruh Seksi dan Subbagian", responsible: "Camat", unit: "%")

    public static let villageDocuments = IKUDefinition(
        key: .villageDocuments, number: 3,
        name: "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa yang tepat waktu",
        formula: "(RKPDesa tepat waktu + APBDesa tepat waktu + LPPDesa tepat waktu) / (jumlah desa × 3) × 100%",
        dataSource: "Seksi Pemerintahan", responsible: "Camat", unit: "%")

    /// The three indicators in IKU order.
    public static let all = [ikm, facilitation, villageDocuments]

    /// The definition of one indicator.
    public static func definition(_ key: IndicatorKey) -> IKUDefinition {
        switch key {
        case .ikm: return ikm
        case .facilitation: return facilitation
        case .villageDocuments: return villageDocuments
        }
    }

    /// The rounding rule every report states.
    public static let roundingRule = "Angka ditampilkan 2 desimal dengan pembulatan setengah ke atas (half-up); perhitungan dan mutu memakai nilai presisi penuh, mutu diklasifikasikan dari Nilai IKM yang telah dibulatkan 2 desimal."
}
