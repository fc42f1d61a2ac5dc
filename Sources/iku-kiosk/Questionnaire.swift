import Indicators

/// The standard SKM questionnaire of PermenPAN-RB 14/2017 (SPEC.md) as the kiosk asks it: one
/// question per unsur, each with its four answers from worst (1) to best (4).
enum Questionnaire {
    struct Question: Sendable {
        let unsur: Unsur
        let text: String
        /// The answers scoring 1, 2, 3 and 4.
        let answers: [String]

        /// The form field of its answer: `u1` … `u9`.
        var field: String { "u\(unsur.rawValue)" }
    }

    static let questions: [Question] = [
        Question(unsur: .u1, text: "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
                 answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]),
        Question(unsur: .u2, text: "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
                 answers: ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"]),
        Question(unsur: .u3, text: "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
                 answers: ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"]),
        Question(unsur: .u4, text: "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
                 answers: ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]),
        Question(unsur: .u5, text: "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
                 answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]),
        Question(unsur: .u6, text: "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
                 answers: ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"]),
        Question(unsur: .u7, text: "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
                 answers: ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"]),
        Question(unsur: .u8, text: "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan pengguna layanan?",
                 answers: ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"]),
        Question(unsur: .u9, text: "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
                 answers: ["Buruk", "Cukup", "Baik", "Sangat baik"]),
    ]

    /// The profile's closed choices: the stored value and what the respondent reads.
    static let genders = [("L", "Laki-laki"), ("P", "Perempuan")]
    static let educations = [("SD", "SD"), ("SMP", "SMP"), ("SMA", "SMA/SMK/sederajat"), ("D1-D3", "Diploma (D1–D3)"),
                             ("D4/S1", "D4/S1"), ("S2", "S2"), ("S3", "S3")]
    static let occupations = [("PNS", "PNS/ASN"), ("TNI", "TNI"), ("POLRI", "POLRI"), ("SWASTA", "Pegawai swasta"),
                              ("WIRAUSAHA", "Wirausaha"), ("LAINNYA", "Lainnya")]
}
