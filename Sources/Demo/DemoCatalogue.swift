import Storage

/// The fixed material the demo draws from: Kecamatan Tempursari's villages (SPEC.md), the
/// services of its public-service counter, its partner institutions and plausible texts.
enum DemoCatalogue {
    /// Kecamatan Tempursari's seven desa (Kepmendagri 300.2.2-2138/2025), by Kemendagri code.
    static let villages: [(code: String, name: String)] = [
        ("35.08.01.2001", "Tegalrejo"), ("35.08.01.2002", "Bulurejo"), ("35.08.01.2003", "Purorejo"),
        ("35.08.01.2004", "Tempurejo"), ("35.08.01.2005", "Tempursari"), ("35.08.01.2006", "Pundungsari"),
        ("35.08.01.2007", "Kaliuling"),
    ]

    /// A service of the counter, how often it is used, and the elements (0-based) its users rate
    /// lower than average (a building permit takes long and needs many documents).
    struct Service {
        let name: String
        let weight: Int
        let weakerElements: [Int]
    }

    static let services: [Service] = [
        Service(name: "KTP", weight: 26, weakerElements: []),
        Service(name: "KK", weight: 22, weakerElements: []),
        Service(name: "Akta Kelahiran", weight: 13, weakerElements: [2]),
        Service(name: "SKTM", weight: 11, weakerElements: []),
        Service(name: "Surat Pindah", weight: 9, weakerElements: [2]),
        Service(name: "Legalisasi", weight: 12, weakerElements: []),
        Service(name: "IMB/PBG", weight: 7, weakerElements: [0, 1, 2]),
    ]

    /// Answers 1..4 per element U1..U9, in percent. Mostly 3 and 4; U3 (Waktu Penyelesaian),
    /// U8 (Penanganan Pengaduan) and U9 (Sarana dan Prasarana) are weaker, so the report has
    /// priorities; U4 (Biaya) is mostly "gratis".
    static let answerWeights: [[Int]] = [
        [1, 8, 55, 36],   // U1 Persyaratan
        [1, 8, 57, 34],   // U2 Sistem, Mekanisme, dan Prosedur
        [3, 21, 54, 22],  // U3 Waktu Penyelesaian
        [0, 2, 18, 80],   // U4 Biaya/Tarif
        [1, 6, 55, 38],   // U5 Produk Spesifikasi Jenis Pelayanan
        [1, 5, 52, 42],   // U6 Kompetensi Pelaksana
        [0, 4, 46, 50],   // U7 Perilaku Pelaksana
        [2, 15, 57, 26],  // U8 Penanganan Pengaduan, Saran dan Masukan
        [3, 17, 55, 25],  // U9 Sarana dan Prasarana
    ]

    static let educations: [(Education, Int)] = [
        (.sd, 18), (.smp, 22), (.sma, 38), (.d1d3, 7), (.d4s1, 13), (.s2, 2),
    ]

    static let occupations: [(Occupation, Int)] = [
        (.pns, 6), (.tni, 1), (.polri, 1), (.swasta, 24), (.wirausaha, 28), (.lainnya, 40),
    ]

    /// Suggestions respondents write, by the element they complain about (nil: general).
    static let suggestions: [(element: Int?, text: String)] = [
        (2, "Mohon waktu penyelesaian lebih cepat, kemarin harus kembali dua kali"),
        (2, "Antrean pagi terlalu lama, sebaiknya ada nomor antrean online"),
        (8, "Ruang tunggu panas, mohon ditambah kipas angin"),
        (8, "Tempat parkir sempit dan toilet perlu dibersihkan"),
        (7, "Kotak saran tidak terlihat, mohon dipasang di depan loket"),
        (0, "Persyaratan mohon ditempel di papan pengumuman"),
        (nil, "Petugas ramah dan membantu, terima kasih"),
        (nil, "Pelayanan sudah baik, pertahankan"),
    ]

    /// A kind of facilitation or coordination activity, the months it happens in, and what comes
    /// of it. `{desa}` in a text is replaced by a village's name.
    struct Activity {
        let kind: FacilitationKind
        let institution: String
        let section: String
        let subject: String
        let result: String
        let followUp: String
        let months: ClosedRange<Int>
    }

    static let activities: [Activity] = [
        Activity(kind: .koordinasi, institution: "Puskesmas Tempursari", section: "Kesra",
                 subject: "Percepatan penurunan stunting", result: "Data balita stunting per desa disepakati untuk intervensi",
                 followUp: "Surat Camat kepada kepala desa tentang pemantauan balita stunting", months: 1...12),
        Activity(kind: .koordinasi, institution: "Puskesmas Tempursari", section: "Kesra",
                 subject: "Jadwal posyandu dan pemberian makanan tambahan", result: "Jadwal posyandu dan menu PMT disepakati",
                 followUp: "Monitoring pelaksanaan posyandu di desa", months: 1...12),
        Activity(kind: .koordinasi, institution: "Polsek Tempursari", section: "Trantib",
                 subject: "Kamtibmas menjelang hari besar keagamaan", result: "Pos pengamanan dan jadwal patroli dibagi",
                 followUp: "Patroli bersama Satpol PP kecamatan", months: 3...4),
        Activity(kind: .koordinasi, institution: "Polsek Tempursari", section: "Trantib",
                 subject: "Pengamanan Natal dan Tahun Baru", result: "Pos pengamanan dan jadwal patroli dibagi",
                 followUp: "Patroli bersama Satpol PP kecamatan", months: 12...12),
        Activity(kind: .koordinasi, institution: "Koramil Tempursari", section: "Trantib",
                 subject: "Kesiapsiagaan bencana banjir dan tanah longsor", result: "Posko siaga bencana dan jalur evakuasi ditetapkan",
                 followUp: "Simulasi evakuasi bersama desa rawan longsor", months: 10...12),
        Activity(kind: .koordinasi, institution: "BPBD Kabupaten Lumajang", section: "Trantib",
                 subject: "Pemetaan daerah rawan bencana", result: "Peta rawan longsor per dusun diperbarui",
                 followUp: "Penyampaian peta rawan bencana kepada desa", months: 1...3),
        Activity(kind: .fasilitasi, institution: "BPD Desa {desa}", section: "Pemerintahan",
                 subject: "Musyawarah desa penyusunan RKPDesa", result: "Daftar usulan prioritas desa disepakati",
                 followUp: "Pendampingan penyusunan rancangan RKPDesa", months: 6...9),
        Activity(kind: .fasilitasi, institution: "BPD Desa {desa}", section: "Pemerintahan",
                 subject: "Pembahasan rancangan Perdes APBDesa", result: "Rancangan APBDesa disepakati untuk dievaluasi",
                 followUp: "Evaluasi rancangan Perdes APBDesa oleh tim kecamatan", months: 10...12),
        Activity(kind: .fasilitasi, institution: "Pemerintah Desa {desa}", section: "Pemerintahan",
                 subject: "Penyusunan LPPDesa", result: "Kerangka LPPDesa dan data pendukung disiapkan",
                 followUp: "Asistensi penyusunan LPPDesa", months: 1...3),
        Activity(kind: .fasilitasi, institution: "Pemerintah Desa {desa}", section: "PMD",
                 subject: "Pendampingan pengelolaan BUMDes", result: "Laporan keuangan BUMDes ditelaah bersama pengurus",
                 followUp: "Pendampingan pembukuan BUMDes", months: 4...8),
        Activity(kind: .koordinasi, institution: "Dinas PMD Kabupaten Lumajang", section: "PMD",
                 subject: "Penyaluran dan pelaporan Dana Desa", result: "Kelengkapan laporan realisasi Dana Desa diperiksa",
                 followUp: "Surat kepada desa untuk melengkapi laporan realisasi", months: 2...11),
        Activity(kind: .koordinasi, institution: "Dispendukcapil Kabupaten Lumajang", section: "Pelayanan Umum",
                 subject: "Pelayanan adminduk keliling dan aktivasi IKD", result: "Jadwal layanan jemput bola di desa ditetapkan",
                 followUp: "Pengumuman jadwal layanan keliling ke desa", months: 1...12),
        Activity(kind: .koordinasi, institution: "KUA Kecamatan Tempursari", section: "Kesra",
                 subject: "Pencegahan perkawinan anak", result: "Sosialisasi di sekolah dijadwalkan",
                 followUp: "Sosialisasi pencegahan perkawinan anak di SMP", months: 5...8),
        Activity(kind: .koordinasi, institution: "Bapenda Kabupaten Lumajang", section: "Pemerintahan",
                 subject: "Percepatan pelunasan PBB-P2", result: "Target pelunasan per desa disepakati",
                 followUp: "Rapat evaluasi realisasi PBB-P2 dengan desa", months: 5...9),
        Activity(kind: .koordinasi, institution: "Inspektorat Kabupaten Lumajang", section: "Sekretariat",
                 subject: "Tindak lanjut hasil pemeriksaan", result: "Rekomendasi pemeriksaan dibahas per desa",
                 followUp: "Penyampaian bukti tindak lanjut ke Inspektorat", months: 3...11),
    ]

    /// Why a village document came late, by document.
    static func lateNote(_ document: AdministrationDocument) -> String {
        switch document {
        case .rkpdesa: return "Terlambat: musyawarah desa diundur"
        case .apbdesa: return "Terlambat: menunggu hasil evaluasi rancangan APBDesa"
        case .lppdesa: return "Terlambat: data realisasi belum lengkap"
        }
    }

    /// Targets per year, 0 for the earliest of the demo's three years (Renstra: rising).
    static func target(_ indicator: IndicatorKey, yearIndex: Int) -> Double {
        switch indicator {
        case .ikm: return [80.0, 81.5, 83.0][yearIndex]
        case .facilitation: return [80.0, 85.0, 90.0][yearIndex]
        case .villageDocuments: return [85.0, 90.0, 90.0][yearIndex]
        }
    }
}
